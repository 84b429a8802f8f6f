"use server";

import { inArray } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { settings } from "@/lib/db/schema/settings";
import { AppError, type FieldErrors } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/settings/crypto";
import { envOverride, SETTINGS_BY_KEY } from "@/lib/settings/registry";

const updateSettingsSchema = z.object({
  /** Non-secret fields: "" resets to the default. Secret fields: "" leaves the secret as it is. */
  values: z.record(z.string(), z.string().max(2000)),
  /** Secret keys to remove. */
  clear: z.array(z.string()).default([]),
});

/** Saves only what really changed, and audits exactly that (secrets as markers, never values). */
export const updateSettings = action("settings.write", updateSettingsSchema, async (input, { tx, user }) => {
  const stored = new Map(
    (await tx.select().from(settings)).map((r) => [r.key, r.encrypted ? readable(r.value) : r.value]),
  );
  const fieldErrors: FieldErrors = {};
  const upserts: { key: string; value: string; encrypted: boolean }[] = [];
  const deletes: string[] = [];
  const before: Record<string, string | null> = {};
  const after: Record<string, string | null> = {};
  const note = (key: string, secret: boolean, next: string | null) => {
    const prev = stored.get(key) ?? null;
    before[key] = secret ? (prev == null ? null : "[secret]") : prev;
    after[key] = secret ? (next == null ? null : "[new secret]") : next;
  };

  for (const [key, raw] of Object.entries(input.values)) {
    const def = SETTINGS_BY_KEY.get(key);
    if (!def) throw new AppError("bad_request:setting", `Unknown setting "${key}".`);
    if (envOverride(def)) continue; // env wins; the page shows these read-only
    const secret = def.kind === "secret";
    const value = secret ? raw : raw.trim();
    if (value === "") {
      if (!secret && stored.has(key)) {
        deletes.push(key);
        note(key, false, null);
      }
      continue;
    }
    const parsed = def.schema.safeParse(value);
    if (!parsed.success) {
      fieldErrors[key] = parsed.error.issues.map((i) => i.message);
      continue;
    }
    if (stored.get(key) === value) continue;
    upserts.push({ key, value: secret ? encryptSecret(value) : value, encrypted: secret });
    note(key, secret, value);
  }
  for (const key of input.clear) {
    const def = SETTINGS_BY_KEY.get(key);
    if (def?.kind === "secret" && !envOverride(def) && stored.has(key)) {
      deletes.push(key);
      note(key, true, null);
    }
  }
  if (Object.keys(fieldErrors).length) {
    throw new AppError("bad_request:settings", "Please correct the highlighted settings.", { fieldErrors });
  }

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
  const saved = upserts.length + deletes.length;
  if (saved) revalidatePath("/settings");
  return {
    data: { saved },
    audit: saved
      ? { action: "settings.update", entity: "settings", entityId: "settings", before, after }
      : undefined,
  };
});

/** A secret that no longer decrypts (changed ENCRYPTION_KEY) counts as a different value. */
function readable(ciphertext: string): string | undefined {
  try {
    return decryptSecret(ciphertext);
  } catch {
    return undefined;
  }
}
