import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { updateSettings } from "@/app/(admin)/settings/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getSetting, getSettingsView } from "@/lib/db/queries/settings";
import { settings } from "@/lib/db/schema/settings";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

// env.ts reads process.env once, at import: set the overrides before anything imports it.
vi.hoisted(() => {
  process.env.ENCRYPTION_KEY = Buffer.alloc(32, 5).toString("base64");
  process.env.AUTH_SECRET = "test-auth-secret-0123456789abcdef0123";
  process.env.SMTP_HOST = "mail.env.example";
  process.env.TURN_PASSWORD = "turn-password-from-env";
});
const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  testDb = await useTestDb();
  session.current = currentUserFor(await insertUser({ role: "admin" }));
});
afterAll(async () => {
  await testDb.drop();
});

describe("settings overridden by env", () => {
  it("wins over the saved value and is shown as coming from env, secrets still hidden", async () => {
    const result = await updateSettings({
      values: {
        "smtp.host": "mail.saved.example",
        "webrtc.turnPassword": "saved-password",
        "smtp.port": "2525",
      },
      clear: ["webrtc.turnPassword"],
    });
    expect(result).toEqual({ ok: true, data: { saved: 1 } });
    expect((await db.select().from(settings)).map((r) => r.key)).toEqual(["smtp.port"]);

    const view = await getSettingsView();
    expect(view.find((v) => v.key === "smtp.host")).toMatchObject({
      source: "env",
      value: "mail.env.example",
    });
    expect(view.find((v) => v.key === "webrtc.turnPassword")).toMatchObject({
      source: "env",
      value: null,
      isSet: true,
    });
    expect(JSON.stringify(view)).not.toContain("turn-password-from-env");
    expect(await getSetting("smtp.host")).toBe("mail.env.example");
    expect(await getSetting("webrtc.turnPassword")).toBe("turn-password-from-env");
  });

  it("skips env-set keys even when their submitted value would be invalid", async () => {
    expect(await updateSettings({ values: { "smtp.host": "bad\nhost" } })).toEqual({
      ok: true,
      data: { saved: 0 },
    });
  });
});
