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
import { requestApply } from "@/lib/asterisk/publish/apply";
import { connectAsteriskControl } from "@/lib/asterisk/publish/asterisk-control";
import { db } from "@/lib/db/client";
import { sounds } from "@/lib/db/schema/ivr";
import { queues } from "@/lib/db/schema/queues";
import { soundsDir } from "@/lib/sounds/dir";
import { ingestSound } from "@/lib/sounds/ingest";
import { useTestDb } from "../support/test-db";
import { asterisk } from "./env";
import { cli, waitFor } from "./helpers";

const run = promisify(execFile);
const QUEUE = "7851";
/** Long enough to be caught playing by a CLI poll, and to measure against QueueCallerJoin. */
const GREETING_SECONDS = 3;

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let ami: AmiClient;
let work: string;
const events: AmiEvent[] = [];
/** When each event arrived (ms), by index in `events`. */
const arrived: number[] = [];
let greetingPath = "";

/** Uploads a real MP3 of `seconds` of tone through the library's own ingest. */
async function uploadTone(name: string, seconds: number, frequency: number): Promise<string> {
  const mp3 = path.join(work, `${name}.mp3`);
  await run("ffmpeg", [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=${frequency}:duration=${seconds}`,
    "-ac",
    "2",
    "-ar",
    "44100",
    mp3,
  ]);
  const sound = await ingestSound(mp3);
  await db.insert(sounds).values({
    id: sound.id,
    name,
    sourceFormat: sound.sourceFormat,
    bytes: sound.bytes,
    durationMs: sound.durationMs,
  });
  return sound.id;
}

beforeAll(async () => {
  testDb = await useTestDb();
  work = await mkdtemp(path.join(tmpdir(), "sb-queue-announce-"));
  const greeting = await uploadTone("sbtest-join", GREETING_SECONDS, 440);
  const holding = await uploadTone("sbtest-hold", 1, 660);
  const agent = await uploadTone("sbtest-agent", 1, 880);
  greetingPath = `${soundsDir().replace(/\/+$/, "")}/${greeting}`;
  await db.insert(queues).values({
    number: QUEUE,
    name: "Announced",
    joinEmpty: true,
    joinAnnounceSoundId: greeting,
    periodicAnnounceSoundId: holding,
    periodicAnnounceFrequency: 15,
    agentAnnounceSoundId: agent,
  });

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

describe("queue announcements on a real Asterisk", () => {
  it("loads the queue with its periodic and agent announcements", async () => {
    // The apply already verified the queue is live; Asterisk accepted the section as rendered.
    expect(await cli(`queue show q${QUEUE}`)).toContain(`q${QUEUE} has 0 calls`);
  });

  it("plays the join greeting on the caller's channel before the caller joins the queue", async () => {
    const from = events.length;
    await ami.action("Originate", {
      Channel: `Local/${QUEUE}@sb-internal`,
      Application: "Wait",
      Data: "20",
      Async: "true",
      Timeout: "10000",
    });
    const created = await waitFor(`a Local channel for ${QUEUE}`, async () => {
      const i = events
        .slice(from)
        .findIndex(
          (e) =>
            e.event === "Newchannel" &&
            new RegExp(`^Local/${QUEUE}@sb-internal-[0-9a-f]+;1$`).test(e.fields.Channel ?? ""),
        );
      return i >= 0 ? { leg: events[from + i]!.fields.Channel!, at: arrived[from + i]! } : undefined;
    });
    // The ;2 leg runs the dialplan: the caller's side of the queue call.
    const caller = created.leg.replace(/;1$/, ";2");
    const escaped = (s: string) => s.replace(/[/.;-]/g, "\\$&");

    // While the greeting plays, the caller's channel sits in Playback of the library file, by id.
    const playing = await waitFor(
      "Playback of the join greeting",
      async () => {
        const concise = await cli("core show channels concise");
        return concise
          .split("\n")
          .find((l) =>
            new RegExp(
              `^${escaped(caller)}![^!]+!${QUEUE}!\\d+!\\w+!Playback!${escaped(greetingPath)}!`,
            ).test(l),
          );
      },
      GREETING_SECONDS * 1000,
    );
    expect(playing).toBeTruthy();

    // Then it joins the queue, and only after the greeting ended.
    const joinIndex = await waitFor(
      "QueueCallerJoin",
      async () => {
        const i = events
          .slice(from)
          .findIndex(
            (e) =>
              e.event === "QueueCallerJoin" && e.fields.Queue === `q${QUEUE}` && e.fields.Channel === caller,
          );
        return i >= 0 ? from + i : undefined;
      },
      10_000,
    );
    expect(arrived[joinIndex]! - created.at).toBeGreaterThan((GREETING_SECONDS - 0.5) * 1000);
    const channels = await cli("core show channels concise");
    expect(channels).toMatch(new RegExp(`${escaped(caller)}![^!]+!${QUEUE}!\\d+!\\w+!Queue!q${QUEUE},`));
    await ami.action("Hangup", { Channel: created.leg });
  });
});
