import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveListener } from "@/lib/asterisk/live/listener/live-listener";
import { MemoryBus } from "@/lib/bus/memory";
import { db } from "@/lib/db/client";
import { recordings } from "@/lib/db/schema/recordings";
import { useTestDb } from "../support/test-db";
import { startTranscriptAsterisk } from "../support/transcript-asterisk";
import { makeWav } from "../support/wav";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  testDb = await useTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

describe("the listener indexes recordings", () => {
  it("scans at start, and again shortly after MixMonitorStop/Hangup", async () => {
    const root = path.join(mkdtempSync(path.join(os.tmpdir(), "sb-listen-rec-")), "monitor");
    mkdirSync(root);
    writeFileSync(path.join(root, "1795320000.1-1001.wav"), makeWav({ seconds: 0.2 }));
    const asterisk = await startTranscriptAsterisk("14-mixmonitor-on-demand");
    const listener = new LiveListener({
      bus: new MemoryBus(),
      db,
      timeZone: "UTC",
      log: pino({ level: "silent" }),
      recordingsRoot: root,
      connection: async () => ({
        host: "127.0.0.1",
        port: asterisk.port,
        username: "switchboard",
        secret: "x",
      }),
    });
    try {
      await listener.start();
      await until(async () => (await db.select().from(recordings)).length === 1, 10_000);
      // The recorded call: on-demand MixMonitor on 1002's channel, then hang-up.
      writeFileSync(path.join(root, "1795320210.0-1795320210.1.wav"), makeWav({ seconds: 0.5 }));
      await until(() => asterisk.server.connections.length > 0);
      await new Promise((r) => setTimeout(r, 300));
      asterisk.playEvents(asterisk.server.connections.at(-1), "start", "end");
      await until(async () => (await db.select().from(recordings)).length === 2, 10_000);
      const rows = await db.select().from(recordings);
      expect(rows.find((r) => r.linkedid === "1795320210.0")).toMatchObject({
        source: "on_demand",
        uniqueid: "1795320210.1",
        durationMs: 500,
      });
    } finally {
      await listener.stop();
      await asterisk.close();
    }
  });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 4_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}
