"use server";

import { inArray } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { settings } from "@/lib/db/schema/settings";
import { AppError, type FieldErrors } from "@/lib/errors";
import { encryptSecret } from "@/lib/settings/crypto";
import { envOverride, SETTINGS_BY_KEY } from "@/lib/settings/registry";

const updateSettingsSchema = z.object({
  /** Non-secret fields: "" resets to the default. Secret fields: "" leaves the secret as it is. */
  values: z.record(z.string(), z.string().max(2000)),
  /** Secret keys to remove. */
  clear: z.array(z.string()).default([]),
});

export const updateSettings = action("settings.write", updateSettingsSchema, async (input, { tx, user }) => {
  const fieldErrors: FieldErrors = {};
  const upserts: { key: string; value: string; encrypted: boolean }[] = [];
  const deletes: string[] = [];
  const changed: Record<string, string> = {};

  for (const [key, raw] of Object.entries(input.values)) {
    const def = SETTINGS_BY_KEY.get(key);
    if (!def) throw new AppError("bad_request:setting", `Unknown setting "${key}".`);
    if (envOverride(def)) continue; // env wins; the page shows these read-only
    const secret = def.kind === "secret";
    const value = secret ? raw : raw.trim();
    if (value === "") {
      if (!secret) deletes.push(key);
      continue;
    }
    const parsed = def.schema.safeParse(value);
    if (!parsed.success) {
      fieldErrors[key] = parsed.error.issues.map((i) => i.message);
      continue;
    }
    upserts.push({ key, value: secret ? encryptSecret(value) : value, encrypted: secret });
    changed[key] = secret ? "[changed]" : value;
  }
  for (const key of input.clear) {
    const def = SETTINGS_BY_KEY.get(key);
    if (def?.kind === "secret" && !envOverride(def)) {
      deletes.push(key);
      changed[key] = "[cleared]";
    }
  }
  if (Object.keys(fieldErrors).length) {
    throw new AppError("bad_request:settings", "Please correct the highlighted settings.", { fieldErrors });
  }

  const before =
    deletes.length || upserts.length
      ? await tx
          .select({ key: settings.key, value: settings.value, encrypted: settings.encrypted })
          .from(settings)
      : [];
  const beforeView = Object.fromEntries(before.map((r) => [r.key, r.encrypted ? "[secret]" : r.value]));
  if (deletes.length) await tx.delete(settings).where(inArray(settings.key, deletes));
  for (const row of upserts) {
    await tx
      .insert(settings)
      .values({ ...row, updatedBy: user.id })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: row.value, encrypted: row.encrypted, updatedBy: user.id },
      });
  }
  for (const key of deletes) if (!(key in changed)) changed[key] = "[default]";
  revalidatePath("/settings");
  return {
    data: { saved: upserts.length + deletes.length },
    audit: {
      action: "settings.update",
      entity: "settings",
      entityId: "settings",
      before: pick(beforeView, Object.keys(changed)),
      after: changed,
    },
  };
});

function pick(source: Record<string, string>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, source[k] ?? null]));
}
