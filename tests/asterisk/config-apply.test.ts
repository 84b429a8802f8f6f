import { readFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestApply } from "@/lib/asterisk/publish/apply";
import { type AsteriskControl, connectAsteriskControl } from "@/lib/asterisk/publish/asterisk-control";
import { sha256 } from "@/lib/asterisk/publish/files";
import { db } from "@/lib/db/client";
import { configBlobs, configRevisionFiles, configRevisions } from "@/lib/db/schema/config";
import { extensionGroupMembers, extensionGroups, extensions } from "@/lib/db/schema/extensions";
import { queueMembers, queues, queueVipCallers } from "@/lib/db/schema/queues";
import { encryptSecret } from "@/lib/settings/crypto";
import { useTestDb } from "../support/test-db";
import { asterisk } from "./env";
import { cli, startBaresip, waitFor } from "./helpers";

const SECRET_7101 = "Tst7101secretABCDEFGH12";
const actor = { id: null, email: "test@switchboard.test" };
const apply = (rollbackTo?: number) =>
  requestApply({
    actor,
    rollbackTo,
    configDir: asterisk.configDir,
    connect: () => connectAsteriskControl(asterisk.ami),
  });

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let control: AsteriskControl;
const ids: Record<string, string> = {};

beforeAll(async () => {
  testDb = await useTestDb();
  control = await connectAsteriskControl(asterisk.ami);
  const ext = (number: string, secret: string, extra: Partial<typeof extensions.$inferInsert> = {}) => ({
    number,
    displayName: `Test ${number}`,
    secret: encryptSecret(secret),
    ...extra,
  });
  const rows = await db
    .insert(extensions)
    .values([
      ext("7101", SECRET_7101),
      ext("7102", "Tst7102secretABCDEFGH12", { webrtc: true, codecs: ["opus", "ulaw"] }),
    ])
    .returning();
  for (const r of rows) ids[r.number] = r.id;
  const [group] = await db
    .insert(extensionGroups)
    .values({ number: "7200", name: "Test group", strategy: "ringall" })
    .returning();
  await db.insert(extensionGroupMembers).values([
    { groupId: group!.id, extensionId: ids["7101"]!, position: 0 },
    { groupId: group!.id, extensionId: ids["7102"]!, position: 1 },
  ]);
  const [queue] = await db
    .insert(queues)
    .values({ number: "7500", name: "Test queue", strategy: "rrmemory" })
    .returning();
  await db.insert(queueMembers).values({ queueId: queue!.id, extensionId: ids["7101"]!, penalty: 2 });
  await db.insert(queueVipCallers).values({ queueId: queue!.id, number: "+4470000001", priority: 9 });
});

afterAll(async () => {
  await control?.close();
  await testDb?.drop();
});

describe("staged publish against a real Asterisk", () => {
  let firstRevision: number;

  it("applies extensions, a ring group and a queue, and Asterisk shows them live", async () => {
    const result = await apply();
    expect(result.error).toBeUndefined();
    expect(["applied", "noop"]).toContain(result.status);
    firstRevision = result.revisionId!;

    const endpoints = await control.endpoints();
    expect(endpoints.has("7101")).toBe(true);
    expect(endpoints.has("7102")).toBe(true);
    expect(await cli("pjsip show endpoint 7102")).toMatch(/webrtc\s*:\s*yes/);
    expect(await control.queues()).toContain("q7500");
    expect(await cli("queue show q7500")).toContain("PJSIP/7101");
    expect(await cli("dialplan show 7200@sb-groups")).toContain(
      "Dial(PJSIP/7101&PJSIP/7102,20,tTU(sb-record-member))",
    );
    expect(await cli("dialplan show sb-vip-7500")).toContain("+4470000001");
  });

  it("an apply with nothing changed writes nothing and reloads nothing", async () => {
    const before = await readFile(path.join(asterisk.configDir, "pjsip_endpoints.conf"), "utf8");
    const result = await apply();
    expect(result.status).toBe("noop");
    expect(result.changedFiles).toEqual([]);
    expect(result.reloaded).toEqual([]);
    expect(await readFile(path.join(asterisk.configDir, "pjsip_endpoints.conf"), "utf8")).toBe(before);
  });

  it("a one-endpoint change writes one file, reloads one module and is live within 1 s", async () => {
    await db.update(extensions).set({ maxContacts: 3 }).where(eq(extensions.number, "7102"));
    const started = Date.now();
    const result = await apply();
    const live = await waitFor(
      "max_contacts 3 on 7102",
      async () => /max_contacts\s*:\s*3/.test(await cli("pjsip show aor 7102")),
      5_000,
    );
    const elapsed = Date.now() - started;
    expect(live).toBe(true);
    expect(result.status).toBe("applied");
    expect(result.changedFiles).toEqual(["pjsip_endpoints.conf"]);
    expect(result.reloaded).toEqual(["res_pjsip.so"]);
    console.info(JSON.stringify({ applyMs: result.durationMs, visibleMs: elapsed }));
    expect(elapsed).toBeLessThan(1000);
  });

  it("a registered phone stays registered through an apply that touches other endpoints", async () => {
    const phone = startBaresip({ user: "7101", password: SECRET_7101, port: 5391 });
    try {
      await waitFor(
        "7101 to register",
        async () => (await cli("pjsip show contacts")).includes("7101/sip:"),
        15_000,
      );
      await db.update(extensions).set({ displayName: "Renamed 7102" }).where(eq(extensions.number, "7102"));
      const result = await apply();
      expect(result.status).toBe("applied");
      expect(await cli("pjsip show endpoint 7102")).toContain("Renamed 7102");
      expect(await cli("pjsip show contacts")).toContain("7101/sip:");
      await new Promise((r) => setTimeout(r, 1500));
      expect(await cli("pjsip show contacts")).toContain("7101/sip:");
    } finally {
      await phone.stop();
    }
  });

  it("rolls back to an earlier revision through the same pipeline", async () => {
    await db
      .insert(extensions)
      .values({ number: "7103", displayName: "Test 7103", secret: encryptSecret("Tst7103secretABCDEFGH12") });
    expect((await apply()).status).toBe("applied");
    expect(await control.endpoints()).toContain("7103");
    expect(await cli("dialplan show 7103@sb-extensions")).toContain("7103");

    const rollback = await apply(firstRevision);
    expect(rollback.status).toBe("applied");
    expect(await control.endpoints()).not.toContain("7103");
    expect(await cli("dialplan show sb-extensions")).not.toContain("'7103'");
    const [rev] = await db.select().from(configRevisions).where(eq(configRevisions.id, rollback.revisionId!));
    expect(rev!.rollbackOf).toBe(firstRevision);
  });

  it("a config Asterisk rejects is rolled back automatically", async () => {
    const live = await readFile(path.join(asterisk.configDir, "pjsip_endpoints.conf"), "utf8");
    // A file Asterisk refuses (an option its pjsip doesn't know), stored as a revision, as a
    // template bug or an Asterisk version mismatch would produce.
    // A changed definition (new caller ID, so a new fingerprint) that also carries an option this
    // Asterisk doesn't know: it refuses the object and keeps the old one.
    const broken = live
      .replace("[7101]\ntype=endpoint\n", "[7101]\ntype=endpoint\nno_such_option=1\n")
      .replace('callerid="Test 7101"', 'callerid="Broken 7101"')
      .replace(/(\[7101\]\ntype=endpoint\n(?:.*\n)*?set_var=SB_FP=)[0-9a-f]+/, "$1000000000000");
    expect(broken).not.toBe(live);
    const [rev] = await db
      .insert(configRevisions)
      .values({ status: "applied", userEmail: "test" })
      .returning();
    const files = new Map<string, string>([["pjsip_endpoints.conf", broken]]);
    for (const name of [
      "extensions_switchboard.conf",
      "queues_switchboard.conf",
      "voicemail_switchboard.conf",
    ]) {
      files.set(name, await readFile(path.join(asterisk.configDir, name), "utf8"));
    }
    for (const [p, content] of files) {
      await db
        .insert(configBlobs)
        .values({ sha256: sha256(content), content })
        .onConflictDoNothing();
      await db
        .insert(configRevisionFiles)
        .values({ revisionId: rev!.id, path: p, sha256: sha256(content), bytes: content.length });
    }

    const result = await apply(rev!.id);
    expect(result.status).toBe("failed");
    expect(result.error).toContain("endpoint 7101");
    expect(result.error).toContain("rejected");
    expect(result.errorSource).toBe("extension 7101");
    expect(await readFile(path.join(asterisk.configDir, "pjsip_endpoints.conf"), "utf8")).toBe(live);
    expect(await control.endpoints()).toContain("7101");
    expect(await cli("pjsip show endpoint 7101")).toContain('"Test 7101"');
  });
});
