import { eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  bargeIntoCall,
  clickToCall,
  listenToCall,
  parkCall,
  unparkCall,
  whisperToAgent,
} from "@/app/(admin)/panel/actions";
import { pauseAgent, setMyDnd, unpauseAgent } from "@/app/(admin)/panel/queue-actions";
import { AmiClient } from "@/lib/asterisk/ami/ami-client";
import { closeAppAmi } from "@/lib/asterisk/ami/app-ami";
import { LiveMirror } from "@/lib/asterisk/live/feed/live-mirror";
import { LiveListener } from "@/lib/asterisk/live/listener/live-listener";
import type { LiveChannel, LiveState } from "@/lib/asterisk/live/types";
import { requestApply } from "@/lib/asterisk/publish/apply";
import { connectAsteriskControl } from "@/lib/asterisk/publish/asterisk-control";
import type { CurrentUser } from "@/lib/auth/session";
import { LIVE_SNAPSHOT_KEY } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";
import { db } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { queueEvents } from "@/lib/db/schema/live";
import { supervisionSessions } from "@/lib/db/schema/panel";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import type { User } from "@/lib/db/schema/users";
import { encryptSecret } from "@/lib/settings/crypto";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";
import { asterisk } from "./env";
import { cli, startBaresip, waitFor } from "./helpers";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));

/**
 * The live panel against a real Asterisk: three baresip phones that answer by themselves
 * (7301 is the supervisor's own phone, 7302 an agent in queue 7550, 7303 another phone), the
 * real listener, and the panel's own server actions.
 */
const PHONES = [
  { user: "7301", password: "Live7301secretABCDEFG1", port: 5261 },
  { user: "7302", password: "Live7302secretABCDEFG1", port: 5271 },
  { user: "7303", password: "Live7303secretABCDEFG1", port: 5281 },
];

let testDb: Awaited<ReturnType<typeof useTestDb>>;
/** The test's own AMI session: places calls and checks what Asterisk reports. */
let control: AmiClient;
let listener: LiveListener;
let mirror: LiveMirror;
let admin: User;
const phones: { stop: () => Promise<void> }[] = [];

function newListener() {
  return new LiveListener({
    bus: getBus(),
    db,
    timeZone: "UTC",
    log: pino({ level: "silent" }),
    connection: async () => asterisk.ami,
  });
}

beforeAll(async () => {
  testDb = await useTestDb();
  control = await connectAmi();
  const rows = await db
    .insert(extensions)
    .values(
      PHONES.map((p) => ({
        number: p.user,
        displayName: `Live ${p.user}`,
        secret: encryptSecret(p.password),
      })),
    )
    .returning();
  const byNumber = new Map(rows.map((r) => [r.number, r.id]));
  const [queue] = await db
    .insert(queues)
    .values({ number: "7550", name: "Live queue", strategy: "ringall" })
    .returning();
  await db.insert(queueMembers).values({ queueId: queue!.id, extensionId: byNumber.get("7302")! });
  const applied = await requestApply({
    actor: { id: null, email: "test@switchboard.test" },
    configDir: asterisk.configDir,
    connect: () => connectAsteriskControl(asterisk.ami),
  });
  expect(applied.error).toBeUndefined();

  admin = await insertUser({ role: "admin", extension: "7301" });
  session.current = currentUserFor(admin);

  for (const p of PHONES) phones.push(startBaresip({ ...p, autoAnswer: true }));
  await waitFor(
    "three phones registered",
    async () => {
      const contacts = await cli("pjsip show contacts");
      return PHONES.every((p) => contacts.includes(`${p.user}/sip:${p.user}`)) && contacts;
    },
    20_000,
  );

  mirror = new LiveMirror({ bus: getBus() });
  await mirror.start();
  listener = newListener();
  await listener.start();
  await until("the listener is live", () => mirror.snapshot().connection.state === "live");
}, 120_000);

afterAll(async () => {
  await control?.action("Hangup", { Channel: "/^PJSIP\\/730[123]-/" }).catch(() => {});
  await listener?.stop();
  mirror?.stop();
  await closeAppAmi();
  for (const p of phones) await p.stop();
  await control?.close();
  await testDb?.drop();
});

describe("the live panel against a real Asterisk", () => {
  it("shows a real call between two registered phones, placed by click-to-call", async () => {
    const result = await clickToCall({ number: "7302" });
    expect(result).toMatchObject({ ok: true });
    const call = await until("7301 and 7302 bridged", () =>
      bridgedPair(mirror.snapshot().state, "7301", "7302"),
    );
    expect(call.map((c) => c.state)).toEqual(["Up", "Up"]);
    await until(
      "BLF of 7302 in use",
      () => mirror.snapshot().state.extensions["7302@sb-extensions"]?.state === "inuse",
    );
    await hangupAll();
  });

  it("listen, whisper and barge each originate the right ChanSpy leg to the supervisor's phone", async () => {
    await control.action("Originate", {
      Channel: "PJSIP/7302",
      Context: "sb-internal",
      Exten: "7303",
      Priority: "1",
      Async: "true",
    });
    const [, target] = await until("7302 and 7303 bridged", () =>
      bridgedPair(mirror.snapshot().state, "7302", "7303"),
    );
    await snapshotHas(target.uniqueid);

    for (const [act, mode, options] of [
      [listenToCall, "listen", "qE"],
      [whisperToAgent, "whisper", "qwE"],
      [bargeIntoCall, "barge", "qBE"],
    ] as const) {
      const result = await act({ uniqueid: target.uniqueid });
      expect(result, mode).toMatchObject({ ok: true });
      const spy = await until(`${mode} leg`, () =>
        Object.values(mirror.snapshot().state.channels).find((c) => c.endpoint === "7301" && c.spying),
      );
      expect(spy.spying).toMatchObject({ mode });
      const channels = await cli("core show channels concise");
      const line = channels.split("\n").find((l) => l.startsWith(`PJSIP/7301-`) && l.includes("ChanSpy"));
      expect(line, channels).toContain(`${target.name},${options}`);
      await control.action("Hangup", { Channel: spy.name });
      await until(`${mode} leg gone`, () => !mirror.snapshot().state.channels[spy.uniqueid]);
    }
    await listener.drain();
    const sessions = await db.select().from(supervisionSessions);
    expect(sessions.map((s) => s.mode).sort()).toEqual(["barge", "listen", "whisper"]);
    await waitFor("sessions ended", async () => {
      await listener.drain();
      const rows = await db.select().from(supervisionSessions);
      return rows.every((s) => s.endedAt !== null);
    });
  });

  it("parks a call into the lot and unparks it to the supervisor's phone", async () => {
    const [, target] = bridgedPair(mirror.snapshot().state, "7302", "7303") ?? [];
    expect(target).toBeDefined();
    await snapshotHas(target!.uniqueid);
    expect(await parkCall({ uniqueid: target!.uniqueid })).toMatchObject({ ok: true });
    const parked = await until("call parked", () => Object.values(mirror.snapshot().state.parked)[0]);
    expect(parked.uniqueid).toBe(target!.uniqueid);
    await snapshotHas(target!.uniqueid, (s) => Object.keys(s.parked).length > 0);
    expect(await unparkCall({ parked: `${parked.lot}:${parked.slot}` })).toMatchObject({ ok: true });
    await until("unparked", () => Object.keys(mirror.snapshot().state.parked).length === 0);
    await until("the parked caller now talks to 7301", () =>
      bridgedPair(mirror.snapshot().state, "7303", "7301"),
    );
    await hangupAll();
  });

  it("a paused agent's reason reaches QueueStatus; a queue caller waits on the card, then connects", async () => {
    expect(await pauseAgent({ extension: "7302", queue: "q7550", breakCode: "lunch" })).toMatchObject({
      ok: true,
    });
    const status = await control.action("QueueStatus", { Queue: "q7550" });
    const member = status.events.find((e) => e.event === "QueueMember" && e.fields.Location === "PJSIP/7302");
    expect(member?.fields).toMatchObject({ Paused: "1", PausedReason: "lunch" });
    await until(
      "pause on the card",
      () => mirror.snapshot().state.queues.q7550?.members["PJSIP/7302"]?.pausedReason === "lunch",
    );

    await control.action("Originate", {
      Channel: "PJSIP/7303",
      Context: "sb-internal",
      Exten: "7550",
      Priority: "1",
      Async: "true",
    });
    await until(
      "caller waiting on the card",
      () => Object.keys(mirror.snapshot().state.queues.q7550?.entries ?? {}).length === 1,
    );
    expect(await unpauseAgent({ extension: "7302", queue: "q7550" })).toMatchObject({ ok: true });
    await until("caller connected to the agent", () => bridgedPair(mirror.snapshot().state, "7303", "7302"));
    expect(Object.keys(mirror.snapshot().state.queues.q7550?.entries ?? {})).toEqual([]);
    await hangupAll();
    await listener.drain();
    const kinds = (await db.select().from(queueEvents).where(eq(queueEvents.queue, "q7550"))).map(
      (r) => r.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(["pause", "unpause", "join", "connect"]));
  });

  it("do not disturb from the agent's own dock: AstDB, the BLF, and direct calls stop ringing", async () => {
    const agent = await insertUser({ role: "agent", extension: "7303" });
    session.current = currentUserFor(agent);
    // A synchronous Originate answers Success once 7303's phone (auto-answer) picks up, and an
    // Error when the dialplan refuses the call (Busy) without dialling it.
    const ringsPhone = async () => {
      const answered = await control
        .action(
          "Originate",
          { Channel: "Local/7303@sb-internal", Application: "Wait", Data: "1", Timeout: "10000" },
          { timeoutMs: 20_000 },
        )
        .then(
          () => true,
          () => false,
        );
      await hangupAll();
      return answered;
    };
    try {
      expect(await setMyDnd({ on: true })).toMatchObject({ ok: true });
      expect(await cli("database show sbdnd")).toContain("/sbdnd/7303");
      await until(
        "7303 shows DND",
        () => mirror.snapshot().state.extensions["7303@sb-extensions"]?.state === "dnd",
      );
      expect(await ringsPhone()).toBe(false);

      // A new listener rebuilds DND from AstDB (DBGetTree), not from memory.
      await listener.stop();
      listener = newListener();
      await listener.start();
      await until("live again", () => mirror.snapshot().connection.state === "live");
      await until(
        "7303 still DND",
        () => mirror.snapshot().state.extensions["7303@sb-extensions"]?.state === "dnd",
      );

      expect(await setMyDnd({ on: false })).toMatchObject({ ok: true });
      expect(await cli("database show sbdnd")).not.toContain("/sbdnd/7303");
      await until(
        "7303 back to idle",
        () => mirror.snapshot().state.extensions["7303@sb-extensions"]?.state === "idle",
      );
      expect(await ringsPhone()).toBe(true);
    } finally {
      session.current = currentUserFor(admin);
    }
  });

  it("after the listener is killed, a new one has the state right within 2 s of connecting", async () => {
    await control.action("Originate", {
      Channel: "PJSIP/7302",
      Context: "sb-internal",
      Exten: "7303",
      Priority: "1",
      Async: "true",
    });
    await until("call up", () => bridgedPair(mirror.snapshot().state, "7302", "7303"));
    await listener.stop();
    const started = Date.now();
    listener = newListener();
    await listener.start();
    await until(
      "resynced",
      () => listener.metrics().connection === "live" && bridgedPair(listener.store.state, "7302", "7303"),
      2000,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    await until(
      "mirror agrees",
      () => JSON.stringify(mirror.snapshot().state) === JSON.stringify(listener.store.state),
    );
    await hangupAll();
  });

  it("after `core restart now`, the state comes back right within 2 s of the reconnect", async () => {
    await control.close();
    await cli("core restart now").catch(() => "");
    await until("listener saw the drop", () => listener.metrics().connection !== "live", 10_000);
    // Asterisk takes a few seconds to boot; the 2 s count starts when the listener is back in.
    await until(
      "listener reconnected",
      () => listener.metrics().connection === "syncing" || listener.metrics().connection === "live",
      60_000,
    );
    const reconnected = Date.now();
    await until("live again", () => listener.metrics().connection === "live", 2000);
    expect(Date.now() - reconnected).toBeLessThan(2000);
    expect(Object.keys(listener.store.state.channels)).toEqual([]);
    expect(listener.store.state.queues.q7550?.members["PJSIP/7302"]).toBeDefined();
    control = await connectAmi();
  }, 120_000);
});

async function connectAmi() {
  const client = new AmiClient({ ...asterisk.ami, events: "off", reconnect: false });
  await client.connect();
  return client;
}

function bridgedPair(state: LiveState, a: string, b: string): [LiveChannel, LiveChannel] | undefined {
  const channels = Object.values(state.channels);
  for (const x of channels) {
    if (x.endpoint !== a || !x.bridgeId) continue;
    const y = channels.find((c) => c.endpoint === b && c.bridgeId === x.bridgeId);
    if (y) return [x, y];
  }
  return undefined;
}

async function hangupAll() {
  for (const c of Object.values(mirror.snapshot().state.channels)) {
    await control.action("Hangup", { Channel: c.name }).catch(() => {});
  }
  await until("no calls", () => Object.keys(mirror.snapshot().state.channels).length === 0, 10_000);
}

/** Panel actions check their target against the stored snapshot; wait until it has caught up. */
async function snapshotHas(uniqueid: string, extra: (s: LiveState) => boolean = () => true) {
  await waitFor("stored snapshot has the call", async () => {
    const stored = await getBus().getSnapshot<{ state: LiveState }>(LIVE_SNAPSHOT_KEY);
    return Boolean(stored?.data.state.channels[uniqueid]) && extra(stored!.data.state);
  });
}

async function until<T>(what: string, check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
