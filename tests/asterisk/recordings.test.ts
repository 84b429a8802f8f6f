import { readdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/recordings/[id]/route";
import { AmiClient } from "@/lib/asterisk/ami/ami-client";
import { closeAppAmi } from "@/lib/asterisk/ami/app-ami";
import { LiveListener } from "@/lib/asterisk/live/listener/live-listener";
import { requestApply } from "@/lib/asterisk/publish/apply";
import { connectAsteriskControl } from "@/lib/asterisk/publish/asterisk-control";
import type { CurrentUser } from "@/lib/auth/session";
import { getBus } from "@/lib/bus/get-bus";
import { db } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import { recordings } from "@/lib/db/schema/recordings";
import type { User } from "@/lib/db/schema/users";
import { recordingsRoot } from "@/lib/recordings/root";
import { encryptSecret } from "@/lib/settings/crypto";
import { callRoute } from "../support/recordings";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";
import { asterisk } from "./env";
import { cli, startBaresip, waitFor } from "./helpers";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", async () => (await import("../support/recordings")).sessionMock(session));

/**
 * Recording policies on a real Asterisk: queue 7650 records "always"; 7401 is its agent
 * (answers by itself), 7402 the caller. The real listener indexes the file when the call ends.
 */
const PHONES = [
  { user: "7401", password: "Rec7401secretABCDEFGH1", port: 5361 },
  { user: "7402", password: "Rec7402secretABCDEFGH1", port: 5371 },
];

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let control: AmiClient;
let listener: LiveListener;
let agent: User;
let otherAgent: User;
const phones: { stop: () => Promise<void> }[] = [];
const root = recordingsRoot();

beforeAll(async () => {
  testDb = await useTestDb();
  control = new AmiClient({ ...asterisk.ami, actionIdPrefix: "sb-rec-test" });
  await control.connect();
  const rows = await db
    .insert(extensions)
    .values(
      PHONES.map((p) => ({
        number: p.user,
        displayName: `Rec ${p.user}`,
        secret: encryptSecret(p.password),
        // The agent's own policy: honoured on queue calls through the queue's member gosub.
        recordingPolicy: p.user === "7401" ? ("always" as const) : ("never" as const),
      })),
    )
    .returning();
  const [queue] = await db
    .insert(queues)
    .values({ number: "7650", name: "Recorded queue", strategy: "ringall", recordingPolicy: "always" })
    .returning();
  const [plain] = await db
    .insert(queues)
    .values({ number: "7651", name: "Unrecorded queue", strategy: "ringall", recordingPolicy: "never" })
    .returning();
  const agentExt = rows.find((r) => r.number === "7401")!.id;
  await db.insert(queueMembers).values([
    { queueId: queue!.id, extensionId: agentExt },
    { queueId: plain!.id, extensionId: agentExt },
  ]);
  const applied = await requestApply({
    actor: { id: null, email: "test@switchboard.test" },
    configDir: asterisk.configDir,
    connect: () => connectAsteriskControl(asterisk.ami),
  });
  expect(applied.error).toBeUndefined();
  agent = await insertUser({ role: "agent", extension: "7401" });
  otherAgent = await insertUser({ role: "agent", extension: "7499" });
  for (const p of PHONES) phones.push(startBaresip({ ...p, autoAnswer: true }));
  await waitFor(
    "two phones registered",
    async () => {
      const contacts = await cli("pjsip show contacts");
      return PHONES.every((p) => contacts.includes(`${p.user}/sip:${p.user}`)) && contacts;
    },
    20_000,
  );
  listener = new LiveListener({
    bus: getBus(),
    db,
    timeZone: "UTC",
    log: pino({ level: "silent" }),
    connection: async () => asterisk.ami,
    recordingsRoot: root,
  });
  await listener.start();
}, 120_000);

afterAll(async () => {
  await control?.action("Hangup", { Channel: "/^PJSIP\\/740[12]-/" }).catch(() => {});
  await listener?.stop();
  await closeAppAmi();
  for (const p of phones) await p.stop();
  await control?.close();
  await testDb?.drop();
});

describe("recordings on a real Asterisk", () => {
  it("an always-recorded queue call leaves a Linkedid-named file, indexed, streamable by its agent only", async () => {
    if (!root) throw new Error("ASTERISK_SPOOL_DIR is not set");
    const before = new Set(safeList(root));
    await control.action("Originate", {
      Channel: "PJSIP/7402",
      Context: "sb-internal",
      Exten: "7650",
      Priority: "1",
      Async: "true",
    });
    const file = await waitFor(
      "a q7650 recording file",
      async () => safeList(root).find((f) => !before.has(f) && f.endsWith("-q7650.wav")),
      20_000,
    );
    // Let audio flow while the agent and caller are bridged, then end the call.
    await new Promise((r) => setTimeout(r, 3_000));
    await control.action("Hangup", { Channel: "/^PJSIP\\/740[12]-/" });
    const linkedid = file.replace(/-q7650\.wav$/, "");
    expect(linkedid).toMatch(/^\d+\.\d+$/);

    const row = await waitFor(
      "the listener to index the recording with its agent",
      async () => {
        const [r] = await db.select().from(recordings).where(eq(recordings.linkedid, linkedid));
        return r?.agentExtension && r.bytes > 44 ? r : undefined;
      },
      20_000,
    );
    expect(row).toMatchObject({ queue: "7650", source: "policy", agentExtension: "7401" });
    expect(path.basename(row.path)).toBe(file);

    session.current = currentUserFor(agent);
    const res = await callRoute(GET, row.id, { headers: { range: "bytes=0-1023" } });
    expect(res.status).toBe(206);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.toString("ascii", 0, 4)).toBe("RIFF");
    expect(body.length).toBe(Math.min(1024, Number(res.headers.get("content-range")!.split("/")[1])));

    session.current = currentUserFor(otherAgent);
    const denied = await callRoute(GET, row.id);
    expect(denied.status).toBe(403);
    // The queue recorded the call, so the agent's own "always" policy did not record it twice.
    expect(safeList(root)).not.toContain(`${linkedid}-7401.wav`);
  });

  it("a queue without recording still records an agent whose extension policy is always", async () => {
    if (!root) throw new Error("ASTERISK_SPOOL_DIR is not set");
    const before = new Set(safeList(root));
    await control.action("Originate", {
      Channel: "PJSIP/7402",
      Context: "sb-internal",
      Exten: "7651",
      Priority: "1",
      Async: "true",
    });
    const file = await waitFor(
      "a 7401 member recording",
      async () => safeList(root).find((f) => !before.has(f) && f.endsWith("-7401.wav")),
      20_000,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    await control.action("Hangup", { Channel: "/^PJSIP\\/740[12]-/" });
    const linkedid = file.replace(/-7401\.wav$/, "");
    expect(safeList(root).filter((f) => f.startsWith(`${linkedid}-`))).toEqual([file]);
    const row = await waitFor(
      "the member recording indexed",
      async () => (await db.select().from(recordings).where(eq(recordings.linkedid, linkedid)))[0],
      20_000,
    );
    expect(row).toMatchObject({ agentExtension: "7401", source: "policy", queue: null });
  });
});

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
