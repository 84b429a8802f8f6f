import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmiClient } from "@/lib/asterisk/ami/ami-client";
import { closeAppAri, playIntoCall } from "@/lib/asterisk/ari/app-ari";
import { requestApply } from "@/lib/asterisk/publish/apply";
import { connectAsteriskControl } from "@/lib/asterisk/publish/asterisk-control";
import { db } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { ffmpegPath } from "@/lib/recordings/ffmpeg";
import { encryptSecret } from "@/lib/settings/crypto";
import { useTestDb } from "../support/test-db";
import { asterisk } from "./env";
import { cli, startBaresip, waitFor } from "./helpers";

/**
 * ARI playback into a call bridged by the dialplan (the soundboard's engine): two baresip phones
 * in a call, a tone played through a whisper=both snoop on the first phone's channel, and the
 * second phone's leg recorded to prove the other party really hears it (the phones send
 * silence, so any sound in that recording came from the clip).
 */
const PHONES = [
  { user: "7401", password: "Sound7401secretABCDEF1", port: 5361 },
  { user: "7402", password: "Sound7402secretABCDEF1", port: 5371 },
];

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let control: AmiClient;
const phones: { stop: () => Promise<void> }[] = [];
const clipDir = path.join(asterisk.spoolDir, "sb-test-sounds");
const monitorDir = path.join(asterisk.spoolDir, "monitor");

beforeAll(async () => {
  testDb = await useTestDb();
  control = new AmiClient({ ...asterisk.ami, events: "off" });
  await control.connect();
  await db.insert(extensions).values(
    PHONES.map((p) => ({
      number: p.user,
      displayName: `Sound ${p.user}`,
      secret: encryptSecret(p.password),
    })),
  );
  const applied = await requestApply({
    actor: { id: null, email: "test@switchboard.test" },
    configDir: asterisk.configDir,
    connect: () => connectAsteriskControl(asterisk.ami),
  });
  expect(applied.error).toBeUndefined();
  for (const p of PHONES) phones.push(startBaresip({ ...p, autoAnswer: true }));
  await waitFor(
    "both phones registered",
    async () => {
      const contacts = await cli("pjsip show contacts");
      return PHONES.every((p) => contacts.includes(`${p.user}/sip:${p.user}`)) && contacts;
    },
    20_000,
  );
  // A 2-second 1 kHz tone at 8 kHz mono, the format the sound library converts to.
  mkdirSync(clipDir, { recursive: true });
  execFileSync(ffmpegPath() ?? "ffmpeg", [
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=1000:duration=2",
    "-ar",
    "8000",
    "-ac",
    "1",
    "-c:a",
    "pcm_s16le",
    path.join(clipDir, "tone.wav"),
  ]);
}, 120_000);

afterAll(async () => {
  await control?.action("Hangup", { Channel: "/^PJSIP\\/740[12]-/" }).catch(() => {});
  await closeAppAri();
  for (const p of phones) await p.stop();
  await control?.close();
  await testDb?.drop();
  rmSync(clipDir, { recursive: true, force: true });
});

async function channelsOf(endpoint: string) {
  const out = await cli("core show channels concise");
  return out
    .split("\n")
    .filter((l) => l.startsWith(`PJSIP/${endpoint}-`))
    .map((l) => l.split("!"));
}

describe("soundboard playback over ARI", () => {
  it("plays a clip into a dialplan-bridged call so the other party hears it", async () => {
    await control.action("Originate", {
      Channel: "PJSIP/7401",
      Context: "sb-internal",
      Exten: "7402",
      Priority: "1",
      CallerID: "Sound <7401>",
      Async: "true",
    });
    const [agentLeg] = await waitFor(
      "7401 and 7402 up",
      async () => {
        const a = await channelsOf("7401");
        const b = await channelsOf("7402");
        return a[0]?.[4] === "Up" && b[0]?.[4] === "Up" && a;
      },
      15_000,
    );
    const [peerLeg] = await channelsOf("7402");
    // `core show channels concise` fields: name!context!exten!prio!state!app!data!cid!…!uniqueid
    const agentName = agentLeg![0]!;
    const agentUniqueid = (
      await control.action("Getvar", { Channel: agentName, Variable: "CHANNEL(uniqueid)" })
    ).response.fields.Value!;
    const recording = path.join(monitorDir, `sb-soundboard-test-${Date.now()}.wav`);
    mkdirSync(monitorDir, { recursive: true });
    await control.action("MixMonitor", { Channel: peerLeg![0]!, File: recording });

    const handle = await playIntoCall({
      channelId: agentUniqueid,
      media: `sound:${path.join(clipDir, "tone")}`,
    });
    const during = await cli("core show channels concise");
    expect(during).toMatch(/^Snoop\//m);
    expect(await handle.finished).toBe("finished");
    await control.action("StopMixMonitor", { Channel: peerLeg![0]! });
    await waitFor(
      "the snoop channel gone",
      async () => !/^Snoop\//m.test(await cli("core show channels concise")),
    );

    const rms = wavRms(readFileSync(recording));
    // Silence from both phones is ~0; the tone at full scale through the mix is far above.
    expect(rms).toBeGreaterThan(500);
    rmSync(recording, { force: true });
  });

  it("says the call has ended for a channel that is gone", async () => {
    await expect(playIntoCall({ channelId: "no-such-channel", media: "sound:beep" })).rejects.toMatchObject({
      code: "not_found:channel",
    });
  });
});

/** RMS of a 16-bit PCM WAV's samples (header skipped by finding the data chunk). */
function wavRms(buf: Buffer): number {
  const data = buf.indexOf("data");
  let sum = 0;
  let n = 0;
  for (let i = data + 8; i + 1 < buf.length; i += 2) {
    const s = buf.readInt16LE(i);
    sum += s * s;
    n++;
  }
  return n ? Math.sqrt(sum / n) : 0;
}
