import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The test instance's sound library: beside its config (Asterisk runs there and reads it).
vi.hoisted(() => {
  process.env.ASTERISK_SOUNDS_DIR ||= `${process.env.ASTERISK_CONFIG_DIR ?? "/tmp"}/../../sounds`;
});

import { AmiClient } from "@/lib/asterisk/ami/ami-client";
import type { AmiEvent } from "@/lib/asterisk/ami/message";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { requestApply } from "@/lib/asterisk/publish/apply";
import { connectAsteriskControl } from "@/lib/asterisk/publish/asterisk-control";
import { db } from "@/lib/db/client";
import { ivrRefs, ivrs, mohClasses, mohClassSounds, sounds, timeConditions } from "@/lib/db/schema/ivr";
import { queues } from "@/lib/db/schema/queues";
import { graphRefs, type IvrGraph } from "@/lib/ivr/graph";
import { WALKERS } from "@/lib/routing/dry-run/walkers";
import { type RouteStep, routeStepFromEvent } from "@/lib/routing/trace";
import { ingestSound } from "@/lib/sounds/ingest";
import { useTestDb } from "../support/test-db";
import { asterisk } from "./env";
import { cli, waitFor } from "./helpers";

const run = promisify(execFile);
const IVR = "7870";
const TC_OPEN = "7860";
const TC_HOLIDAY = "7861";
const QUEUE = "7850";
const MOH = "sbtest-moh";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let ami: AmiClient;
let work: string;
const events: AmiEvent[] = [];
/** When each event arrived (ms), by index in `events`. */
const arrived: number[] = [];
let soundId = "";

beforeAll(async () => {
  testDb = await useTestDb();
  work = await mkdtemp(path.join(tmpdir(), "sb-ivr-"));
  // A real MP3, as an admin would upload it: 2 s of tone.
  const mp3 = path.join(work, "prompt.mp3");
  await run("ffmpeg", [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:duration=2",
    "-ac",
    "2",
    "-ar",
    "44100",
    mp3,
  ]);
  const upload = path.join(work, "upload.bin");
  await run("cp", [mp3, upload]);
  const sound = await ingestSound(upload);
  soundId = sound.id;
  await db.insert(sounds).values({
    id: sound.id,
    name: "sbtest-prompt",
    sourceFormat: sound.sourceFormat,
    bytes: sound.bytes,
    durationMs: sound.durationMs,
  });
  const [cls] = await db.insert(mohClasses).values({ name: MOH, sort: "alpha" }).returning();
  await db.insert(mohClassSounds).values({ classId: cls!.id, soundId, position: 0 });
  await db.insert(queues).values({ number: QUEUE, name: "MOH test", mohClass: MOH, joinEmpty: true });
  const today = new Date().toISOString().slice(0, 10);
  const allWeek = [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "23:59" }];
  await db.insert(timeConditions).values([
    {
      number: TC_OPEN,
      name: "Always open",
      schedule: allWeek,
      holidays: [],
      matchedType: "hangup",
      unmatchedType: "hangup",
    },
    {
      number: TC_HOLIDAY,
      name: "Closed today",
      schedule: allWeek,
      holidays: [{ name: "Test day", start: today, end: today }],
      matchedType: "hangup",
      unmatchedType: "hangup",
    },
  ]);
  const graph: IvrGraph = {
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      { id: "hello", type: "play", position: { x: 0, y: 0 }, data: { soundId } },
      {
        id: "menu",
        type: "menu",
        position: { x: 0, y: 0 },
        data: { promptSoundId: soundId, keys: ["1", "2", "#"], timeout: 2, retries: 0 },
      },
      {
        id: "open",
        type: "destination",
        position: { x: 0, y: 0 },
        data: { destination: { type: "timecondition", target: TC_OPEN } },
      },
      { id: "hours", type: "timecondition", position: { x: 0, y: 0 }, data: { number: TC_HOLIDAY } },
      { id: "bye", type: "hangup", position: { x: 0, y: 0 }, data: {} },
      { id: "late", type: "hangup", position: { x: 0, y: 0 }, data: {} },
    ],
    edges: [
      { id: "e1", source: "start", sourceHandle: "next", target: "hello" },
      { id: "e2", source: "hello", sourceHandle: "next", target: "menu" },
      { id: "e3", source: "menu", sourceHandle: "key-1", target: "open" },
      { id: "e4", source: "menu", sourceHandle: "key-2", target: "hours" },
      { id: "e5", source: "menu", sourceHandle: "key-hash", target: "bye" },
      { id: "e6", source: "menu", sourceHandle: "timeout", target: "late" },
      { id: "e7", source: "menu", sourceHandle: "invalid", target: "bye" },
      { id: "e8", source: "hours", sourceHandle: "matched", target: "bye" },
      { id: "e9", source: "hours", sourceHandle: "unmatched", target: "late" },
    ],
  };
  const [ivr] = await db.insert(ivrs).values({ number: IVR, name: "Test IVR", graph }).returning();
  await db.insert(ivrRefs).values(graphRefs(graph).map((r) => ({ ivrId: ivr!.id, ...r })));

  const result = await requestApply({
    actor: { id: null, email: "test@switchboard.test" },
    configDir: asterisk.configDir,
    connect: () => connectAsteriskControl(asterisk.ami),
  });
  if (result.status === "failed") throw new Error(`apply failed: ${JSON.stringify(result)}`);
  ami = new AmiClient({ ...asterisk.ami, reconnect: false });
  ami.on("event", (e) => {
    events.push(e);
    arrived.push(Date.now());
  });
  await ami.connect();
});

afterAll(async () => {
  await ami?.close();
  await testDb?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Originates Local/<number>@sb-internal against Wait(); returns the ;1 leg's name. */
async function call(number: string): Promise<string> {
  const from = events.length;
  await ami.action("Originate", {
    Channel: `Local/${number}@sb-internal`,
    Application: "Wait",
    Data: "20",
    Async: "true",
    Timeout: "10000",
  });
  const leg = await waitFor(`a Local channel for ${number}`, async () =>
    events
      .slice(from)
      .find(
        (e) =>
          e.event === "Newchannel" &&
          new RegExp(`^Local/${number}@sb-internal-[0-9a-f]+;1$`).test(e.fields.Channel ?? ""),
      ),
  );
  return leg.fields.Channel!;
}

function stepsOf(leg: string): (RouteStep & { at: number })[] {
  const peer = leg.replace(/;1$/, ";2");
  return events
    .map((e, i) => ({ e, at: arrived[i]! }))
    .filter(({ e }) => e.event === "UserEvent" && e.fields.Channel === peer && routeStepFromEvent(e.fields))
    .map(({ e, at }) => ({ ...routeStepFromEvent(e.fields)!, at }));
}

async function stepsUntil(leg: string, done: (steps: RouteStep[]) => boolean): Promise<RouteStep[]> {
  return waitFor(
    `route steps of ${leg}`,
    async () => {
      const s = stepsOf(leg);
      return done(s) && s;
    },
    20_000,
  );
}

const short = (s: RouteStep[]) => s.map((x) => `${x.step}:${x.target}:${x.detail}`);

describe("music on hold from the sound library", () => {
  it("loads the class as a playlist and plays the uploaded MP3 to a queue caller", async () => {
    const classes = await cli("moh show classes");
    expect(classes).toContain(`Class: ${MOH}`);
    expect(classes).toMatch(new RegExp(`Class: ${MOH}\\s+Mode: playlist`));
    const from = events.length;
    const leg = await call(QUEUE);
    const start = await waitFor("MusicOnHoldStart", async () =>
      events
        .slice(from)
        .find((e) => e.event === "MusicOnHoldStart" && e.fields.Channel === leg.replace(/;1$/, ";2")),
    );
    expect(start.fields.Class).toBe(MOH);
    const channels = await cli("core show channels concise");
    // The caller's leg sits in Queue() on the queue (its class came from musicclass=).
    expect(channels).toMatch(
      new RegExp(
        `${leg.replace(/;1$/, ";2").replace(/[/.]/g, "\\$&")}![^!]+!${QUEUE}!\\d+!\\w+!Queue!q${QUEUE},`,
      ),
    );
    await ami.action("Hangup", { Channel: leg });
  });
});

describe("an IVR on a real call", () => {
  it("plays the uploaded prompt, takes key 1 to a time condition that matches now", async () => {
    const leg = await call(IVR);
    await stepsUntil(leg, (s) => s.some((x) => x.step === "ivr" && x.detail === "menu"));
    await ami.action("PlayDTMF", { Channel: leg, Digit: "1", Duration: "200" });
    const steps = await stepsUntil(leg, (s) => s.some((x) => x.step === "destination"));
    expect(short(steps)).toEqual([
      `ivr:${IVR}:start`,
      `ivr:${IVR}:hello`,
      `ivr:${IVR}:menu`,
      `ivr-input:${IVR}:1`,
      `ivr:${IVR}:open`,
      `timecondition:${TC_OPEN}:matched`,
      "destination:hangup:hangup",
    ]);
    // The play step really played the 2 s MP3: the menu came at least ~2 s after it.
    const timed = stepsOf(leg);
    const hello = timed.find((x) => x.detail === "hello")!;
    const menu = timed.find((x) => x.detail === "menu")!;
    expect(menu.at - hello.at).toBeGreaterThan(1500);
  });

  it("takes key 2 to a time-condition step that a holiday today turns to unmatched", async () => {
    const leg = await call(IVR);
    await stepsUntil(leg, (s) => s.some((x) => x.detail === "menu"));
    await ami.action("PlayDTMF", { Channel: leg, Digit: "2", Duration: "200" });
    const steps = await stepsUntil(leg, (s) => s.some((x) => x.step === "destination"));
    expect(short(steps).slice(3)).toEqual([
      `ivr-input:${IVR}:2`,
      `ivr:${IVR}:hours`,
      `timecondition:${TC_HOLIDAY}:unmatched`,
      `ivr:${IVR}:late`,
      "destination:hangup:hangup",
    ]);
    // The dry run walks the same state to the same steps (the final destination step is the
    // dry-run core's, which announces where the walker's returned destination ends).
    const dry = {
      state: await loadConfigState(db),
      input: { did: IVR, callerId: "1", at: new Date(), digits: ["2"] },
      steps: [] as RouteStep[],
      digits: ["2"],
    };
    expect(WALKERS.ivr!(dry, IVR)).toEqual({ type: "hangup", target: null });
    expect(short(dry.steps)).toEqual(short(steps).slice(0, -1));
  });

  it("takes # as a key (Read has no terminator) and times out without one", async () => {
    const hash = await call(IVR);
    await stepsUntil(hash, (s) => s.some((x) => x.detail === "menu"));
    await ami.action("PlayDTMF", { Channel: hash, Digit: "#", Duration: "200" });
    expect(short(await stepsUntil(hash, (s) => s.some((x) => x.step === "destination"))).slice(3)).toEqual([
      `ivr-input:${IVR}:#`,
      `ivr:${IVR}:bye`,
      "destination:hangup:hangup",
    ]);
    const silent = await call(IVR);
    expect(short(await stepsUntil(silent, (s) => s.some((x) => x.step === "destination"))).slice(3)).toEqual([
      `ivr-input:${IVR}:timeout`,
      `ivr:${IVR}:late`,
      "destination:hangup:hangup",
    ]);
  });

  it("takes the invalid branch on a key the menu does not offer", async () => {
    const leg = await call(IVR);
    await stepsUntil(leg, (s) => s.some((x) => x.detail === "menu"));
    await ami.action("PlayDTMF", { Channel: leg, Digit: "7", Duration: "200" });
    expect(short(await stepsUntil(leg, (s) => s.some((x) => x.step === "destination"))).slice(3)).toEqual([
      `ivr-input:${IVR}:invalid`,
      `ivr:${IVR}:bye`,
      "destination:hangup:hangup",
    ]);
  });
});
