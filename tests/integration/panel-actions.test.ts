import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listenToCall, transferCall, unparkCall, whisperToAgent } from "@/app/(admin)/panel/actions";
import { pauseAgent, pauseMe, setMyDnd } from "@/app/(admin)/panel/queue-actions";
import { closeAppAmi } from "@/lib/asterisk/ami/app-ami";
import { liveChannel, liveQueue, liveSnapshot } from "@/lib/asterisk/live/testing/live-fixtures";
import { emptyLiveState, type LiveState } from "@/lib/asterisk/live/types";
import type { CurrentUser } from "@/lib/auth/session";
import { CHANNELS, LIVE_SNAPSHOT_KEY, type LiveCommand } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { extensions } from "@/lib/db/schema/extensions";
import { supervisionSessions, teamMembers, teamQueues, teams } from "@/lib/db/schema/panel";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import type { User } from "@/lib/db/schema/users";
import { type AnsweringAmi, pointAmiSettingsAt, startAnsweringAmi } from "../support/answering-ami";
import { insertExtension } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let ami: AnsweringAmi;
let supervisor: User;
let otherSupervisor: User;
let agent: User;
const commands: LiveCommand[] = [];

/**
 * Team A: supervisor 1001 over agent 1002 and queue 5000. Team B: another supervisor (1009)
 * over 1005. Live: an outside caller (1.0) talks to 1002 (1.1); 1005 is on a call (2.1).
 */
function liveState(): LiveState {
  const s = emptyLiveState();
  s.channels["1.0"] = liveChannel("1.0", null, { bridgeId: "b1" });
  s.channels["1.1"] = liveChannel("1.1", "1002", { linkedid: "1.0", bridgeId: "b1" });
  s.channels["2.1"] = liveChannel("2.1", "1005");
  s.bridges.b1 = {
    id: "b1",
    type: "basic",
    technology: "simple_bridge",
    name: "",
    channels: ["1.0", "1.1"],
    createdAt: 1,
  };
  s.queues.q5000 = liveQueue("q5000", ["1002"]);
  s.parked["default:701"] = {
    lot: "default",
    slot: "701",
    uniqueid: "3.0",
    channel: "PJSIP/trunk-00000030",
    callerIdNum: "",
    callerIdName: "",
    parkerDialString: "PJSIP/1005",
    parkedAt: 1,
    timeoutAt: 2,
  };
  return s;
}

beforeAll(async () => {
  testDb = await useTestDb();
  ami = await startAnsweringAmi();
  await pointAmiSettingsAt(ami.port);
  supervisor = await insertUser({ role: "supervisor", extension: "1001" });
  otherSupervisor = await insertUser({ role: "supervisor", extension: "1009" });
  agent = await insertUser({ role: "agent", extension: "1002" });
  const other = await insertUser({ role: "agent", extension: "1005" });
  const exts = new Map<string, string>();
  for (const n of ["1001", "1002", "1005", "1009"]) exts.set(n, (await insertExtension({ number: n })).id);
  const [q] = await db.insert(queues).values({ number: "5000", name: "Support" }).returning();
  await db.insert(queueMembers).values({ queueId: q!.id, extensionId: exts.get("1002")! });
  const [a, b] = await db
    .insert(teams)
    .values([{ name: "Team A" }, { name: "Team B" }])
    .returning();
  await db.insert(teamMembers).values([
    { teamId: a!.id, userId: supervisor.id, isSupervisor: true },
    { teamId: a!.id, userId: agent.id },
    { teamId: b!.id, userId: otherSupervisor.id, isSupervisor: true },
    { teamId: b!.id, userId: other.id },
  ]);
  await db.insert(teamQueues).values({ teamId: a!.id, queueId: q!.id });
  getBus().subscribe(CHANNELS.liveCommands, (e) => commands.push(e.command));
});
afterAll(async () => {
  await closeAppAmi();
  await ami.close();
  await testDb.drop();
});
beforeEach(async () => {
  session.current = currentUserFor(supervisor);
  await getBus().setSnapshot(LIVE_SNAPSHOT_KEY, { version: Date.now(), data: liveSnapshot(liveState()) });
});

const sentSince = async (before: number, run: () => Promise<unknown>) => {
  await run();
  return ami.actions().slice(before);
};

describe("listen, whisper and barge", () => {
  it("answers forbidden to an agent, before anything reaches Asterisk", async () => {
    session.current = currentUserFor(agent);
    const before = ami.actions().length;
    expect(await listenToCall({ uniqueid: "1.1" })).toEqual({
      ok: false,
      error: { code: "forbidden:panel.spy", message: "You do not have permission to do that." },
    });
    expect(ami.actions().length).toBe(before);
  });

  it("refuses a supervisor whose teams don't cover the agent", async () => {
    session.current = currentUserFor(otherSupervisor);
    const before = ami.actions().length;
    expect(await whisperToAgent({ uniqueid: "1.1" })).toMatchObject({
      ok: false,
      error: { code: "forbidden:scope" },
    });
    expect(ami.actions().length).toBe(before);
  });

  it("originates ChanSpy from the supervisor's phone, records the session, audits, and tells the listener", async () => {
    const before = ami.actions().length;
    const result = await listenToCall({ uniqueid: "1.1" });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const [originate, ...more] = ami.actions().slice(before);
    expect(more).toEqual([]);
    expect(originate!.name).toBe("Originate");
    expect(Object.fromEntries(originate!.headers)).toMatchObject({
      Channel: "PJSIP/1001",
      Application: "ChanSpy",
      Data: "PJSIP/1002-00000011,qE",
      Async: "true",
      ChannelId: result.data.spyUniqueid,
    });
    const [row] = await db
      .select()
      .from(supervisionSessions)
      .where(eq(supervisionSessions.spyUniqueid, result.data.spyUniqueid));
    expect(row).toMatchObject({
      supervisorId: supervisor.id,
      supervisorExtension: "1001",
      mode: "listen",
      targetChannel: "PJSIP/1002-00000011",
      targetExtension: "1002",
      actionId: originate!.actionId,
      endedAt: null,
    });
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "panel.listen"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ userId: supervisor.id, entity: "call", entityId: "1.0" });
    expect(commands).toContainEqual({
      kind: "spy",
      uniqueid: result.data.spyUniqueid,
      mode: "listen",
      target: "PJSIP/1002-00000011",
    });
  });

  it("says so when the call has ended", async () => {
    expect(await listenToCall({ uniqueid: "9.9" })).toMatchObject({
      ok: false,
      error: { code: "not_found:channel", message: "That call has ended." },
    });
  });
});

describe("transfer, unpark and pauses", () => {
  it("redirects a dragged call to sb-internal, the number, priority 1", async () => {
    const [redirect, ...more] = await sentSince(ami.actions().length, () =>
      transferCall({ uniqueid: "1.0", number: "1005" }),
    );
    expect(more).toEqual([]);
    expect(redirect!.name).toBe("Redirect");
    expect(Object.fromEntries(redirect!.headers)).toMatchObject({
      Channel: "PJSIP/trunk-00000010",
      Context: "sb-internal",
      Exten: "1005",
      Priority: "1",
    });
  });

  it("refuses a transfer to a number nobody owns, with a field error", async () => {
    const before = ami.actions().length;
    expect(await transferCall({ uniqueid: "1.0", number: "4444" })).toMatchObject({
      ok: false,
      error: { code: "not_found:destination", fieldErrors: { number: [expect.stringContaining("4444")] } },
    });
    expect(ami.actions().length).toBe(before);
  });

  it("keeps a parked call of another team out of reach", async () => {
    expect(await unparkCall({ parked: "default:701" })).toMatchObject({
      ok: false,
      error: { code: "forbidden:scope" },
    });
  });

  it("pauses an agent with QueuePause and the break code as Reason", async () => {
    const [pause] = await sentSince(ami.actions().length, () =>
      pauseAgent({ extension: "1002", queue: "q5000", breakCode: "lunch" }),
    );
    expect(pause!.name).toBe("QueuePause");
    expect(Object.fromEntries(pause!.headers)).toMatchObject({
      Queue: "q5000",
      Interface: "PJSIP/1002",
      Paused: "true",
      Reason: "lunch",
    });
  });

  it("lets an agent pause themselves, and refuses an unknown break code", async () => {
    session.current = currentUserFor(agent);
    const [pause] = await sentSince(ami.actions().length, () => pauseMe({ breakCode: "tea" }));
    expect(Object.fromEntries(pause!.headers)).toEqual(
      expect.objectContaining({ Interface: "PJSIP/1002", Paused: "true", Reason: "tea" }),
    );
    expect(await pauseMe({ breakCode: "smoking" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { breakCode: ["Choose one of the active break codes."] } },
    });
  });
});

describe("do not disturb", () => {
  const dndOfColumn = async (n: string) =>
    (await db.select({ dnd: extensions.dnd }).from(extensions).where(eq(extensions.number, n)))[0]?.dnd;

  it("stores it on the agent's own extension, sets AstDB and announces it, audited", async () => {
    session.current = currentUserFor(agent);
    const sent = await sentSince(ami.actions().length, () => setMyDnd({ on: true }));
    expect(
      sent.map((a) => [a.name, Object.fromEntries(a.headers.filter(([k]) => k !== "ActionID"))]),
    ).toEqual([
      ["DBPut", { Action: "DBPut", Family: "sbdnd", Key: "1002", Val: "1" }],
      ["UserEvent", { Action: "UserEvent", UserEvent: "SwitchboardDnd", Exten: "1002", State: "on" }],
    ]);
    expect(await dndOfColumn("1002")).toBe(true);
    const off = await sentSince(ami.actions().length, () => setMyDnd({ on: false }));
    expect(off.map((a) => [a.name, ami.header(a, "State") ?? ami.header(a, "Key")])).toEqual([
      ["DBDel", "1002"],
      ["UserEvent", "off"],
    ]);
    expect(await dndOfColumn("1002")).toBe(false);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, "1002"));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["agent.dnd_on", "agent.dnd_off"]));
  });

  it("changes nothing when Asterisk refuses, and says why", async () => {
    session.current = currentUserFor(agent);
    ami.refuse("UserEvent", "Permission denied");
    expect(await setMyDnd({ on: true })).toMatchObject({
      ok: false,
      error: { code: "bad_request:asterisk", message: "Asterisk refused do not disturb: Permission denied" },
    });
    expect(await dndOfColumn("1002")).toBe(false);
    ami.refuse("UserEvent", "");
  });

  it("needs an extension of one's own", async () => {
    session.current = currentUserFor({ ...agent, extension: null } as User);
    expect(await setMyDnd({ on: true })).toMatchObject({
      ok: false,
      error: { code: "bad_request:no_extension" },
    });
  });
});

describe("hostile input", () => {
  it.each([
    ["CR/LF in a Uniqueid", () => listenToCall({ uniqueid: "1.1\r\nAction: Originate" })],
    ["a comma in a Uniqueid", () => listenToCall({ uniqueid: "1.1,qB" })],
    ["a semicolon in a number", () => transferCall({ uniqueid: "1.0", number: "1005;x" })],
    ["a comma in a number", () => transferCall({ uniqueid: "1.0", number: "1005,1" })],
    ["LF in a number", () => transferCall({ uniqueid: "1.0", number: "1005\n" })],
    [
      "a comma in a break code",
      () => pauseAgent({ extension: "1002", queue: "q5000", breakCode: "lunch,x" }),
    ],
    [
      "CR/LF in a queue name",
      () => pauseAgent({ extension: "1002", queue: "q5000\r\n", breakCode: "lunch" }),
    ],
    ["a semicolon in a parked slot", () => unparkCall({ parked: "default:701;x" })],
  ])("refuses %s before AMI", async (_name, run) => {
    const bytes = ami.received().length;
    expect(await run()).toMatchObject({ ok: false, error: { code: "bad_request:input" } });
    expect(ami.received().length).toBe(bytes);
  });
});

describe("without Asterisk", () => {
  it("says AMI is not configured", async () => {
    await closeAppAmi();
    await pointAmiSettingsAt(null);
    expect(await listenToCall({ uniqueid: "1.1" })).toMatchObject({
      ok: false,
      error: { code: "unavailable:ami_settings", message: expect.stringContaining("Settings") },
    });
    await pointAmiSettingsAt(ami.port);
  });
});
