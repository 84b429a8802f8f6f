import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LiveMirror } from "@/lib/asterisk/live/feed/live-mirror";
import { LiveListener } from "@/lib/asterisk/live/listener/live-listener";
import { MemoryBus } from "@/lib/bus/memory";
import { db } from "@/lib/db/client";
import { queueEvents } from "@/lib/db/schema/live";
import { useTestDb } from "../support/test-db";
import { startTranscriptAsterisk } from "../support/transcript-asterisk";

let drop: () => Promise<void>;
beforeAll(async () => {
  ({ drop } = await useTestDb());
});
afterAll(async () => drop());

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

async function setup(name: string) {
  const asterisk = await startTranscriptAsterisk(name);
  const bus = new MemoryBus();
  const listener = new LiveListener({
    bus,
    db,
    timeZone: "UTC",
    log: pino({ level: "silent" }),
    connection: async () => ({
      host: "127.0.0.1",
      port: asterisk.port,
      username: "switchboard",
      secret: "x",
    }),
  });
  const mirror = new LiveMirror({ bus });
  await mirror.start();
  await listener.start();
  cleanups.push(async () => {
    mirror.stop();
    await listener.stop();
    await asterisk.close();
  });
  return { asterisk, bus, listener, mirror };
}

async function until(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("LiveListener against recorded Asterisk traffic", () => {
  it("syncs from the list actions, goes live, and the mirror follows the call through deltas", async () => {
    const { asterisk, listener, mirror } = await setup("06-queue-call-answered");
    await until(() => mirror.snapshot().connection.state === "live");
    expect(mirror.snapshot().state.queues.testq).toBeDefined();
    expect(Object.keys(mirror.snapshot().state.channels)).toEqual([]);

    asterisk.playEvents(asterisk.server.connections.at(-1), "start", "snap");
    await until(() => Object.keys(mirror.snapshot().state.channels).length >= 2);
    await listener.drain();
    await until(() => JSON.stringify(mirror.snapshot().state) === JSON.stringify(listener.store.state));

    asterisk.playEvents(asterisk.server.connections.at(-1), "snap", "end");
    await listener.drain();
    await until(() => Object.keys(mirror.snapshot().state.channels).length === 0);
    await listener.drain();
    expect(JSON.stringify(mirror.snapshot().state)).toBe(JSON.stringify(listener.store.state));

    const rows = await db.select().from(queueEvents);
    expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(["join", "connect", "complete"]));
  });

  it("after a dropped connection it resyncs and the state is right again within 2 s", async () => {
    const { asterisk, mirror } = await setup("03-basic-call-answered");
    await until(() => mirror.snapshot().connection.state === "live");
    asterisk.playEvents(asterisk.server.connections.at(-1), "start", "snap");
    await until(() => Object.keys(mirror.snapshot().state.channels).length === 2);

    // The call ends while the listener is away; Asterisk then reports the idle system.
    asterisk.setPhase("end");
    const dropped = Date.now();
    asterisk.server.connections.at(-1)?.socket.destroy();
    await until(() => mirror.snapshot().connection.state !== "live");
    await until(() => mirror.snapshot().connection.state === "live", 2000);
    await until(() => Object.keys(mirror.snapshot().state.channels).length === 0, 2000);
    expect(Date.now() - dropped).toBeLessThan(2000);
    expect(asterisk.server.connections.length).toBe(2);
  });

  it("reports AMI as not configured until settings name a connection", async () => {
    const bus = new MemoryBus();
    const listener = new LiveListener({
      bus,
      db,
      timeZone: "UTC",
      log: pino({ level: "silent" }),
      connection: async () => null,
    });
    const mirror = new LiveMirror({ bus });
    await mirror.start();
    await listener.start();
    cleanups.push(async () => {
      mirror.stop();
      await listener.stop();
    });
    await until(() => mirror.snapshot().connection.state === "down");
    expect(mirror.snapshot().connection.error).toMatch(/not configured/);
    expect(listener.metrics()).toMatchObject({ connection: "down", eventsPerSecond: 0 });
  });
});
