import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => {
  process.env.ASTERISK_SOUNDS_DIR = `${process.env.TMPDIR ?? "/tmp"}/sb-sounds-test-${process.pid}`;
  process.env.SOUND_UPLOAD_MAX_MB = "1";
  return { current: null as import("@/lib/auth/session").CurrentUser | null };
});
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.current,
  authorizeRequest: async (permission?: string) => {
    const { AppError } = await import("@/lib/errors");
    if (!session.current) throw new AppError("unauthorized:session");
    if (permission && !session.current.permissions.has(permission as never))
      throw new AppError(`forbidden:${permission}`);
    return session.current;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { GET } from "@/app/api/sounds/[id]/route";
import { POST } from "@/app/api/sounds/route";
import { db } from "@/lib/db/client";
import { sounds } from "@/lib/db/schema/ivr";
import { readWavInfo } from "@/lib/recordings/wav-info";
import { soundFile, soundsDir } from "@/lib/sounds/dir";
import { sniffAudio } from "@/lib/sounds/ingest";
import { auditFor } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const run = promisify(execFile);
let testDb: Awaited<ReturnType<typeof useTestDb>>;
let work: string;
let admin: Awaited<ReturnType<typeof insertUser>>;

beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
  work = await mkdtemp(path.join(tmpdir(), "sb-upload-"));
  await run("ffmpeg", [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:duration=1",
    "-ac",
    "2",
    "-ar",
    "44100",
    path.join(work, "tone.mp3"),
  ]);
  await run("ffmpeg", [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=300:duration=1",
    "-ar",
    "48000",
    "-acodec",
    "pcm_s24le",
    path.join(work, "tone.wav"),
  ]);
  await run("ffmpeg", [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    "anoisesrc=duration=20:sample_rate=48000",
    "-acodec",
    "pcm_s16le",
    path.join(work, "big.wav"),
  ]);
});
afterAll(async () => {
  await testDb.drop();
  await rm(work, { recursive: true, force: true });
  await rm(soundsDir(), { recursive: true, force: true });
});
beforeEach(() => {
  session.current = currentUserFor(admin);
});

async function upload(name: string, file: string | Buffer, headers: Record<string, string> = {}) {
  const body = typeof file === "string" ? await readFile(path.join(work, file)) : file;
  return POST(
    new Request(`http://sb.test/api/sounds?name=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: {
        origin: "http://sb.test",
        host: "sb.test",
        "content-length": String(body.length),
        ...headers,
      },
      body: new Uint8Array(body),
    }),
  );
}

describe("POST /api/sounds", () => {
  it("stores a real MP3 converted to 8 kHz mono 16-bit WAV, named by id, and audits it", async () => {
    const res = await upload("welcome", "tone.mp3");
    expect(res.status).toBe(201);
    const { sound } = (await res.json()) as { sound: { id: string; name: string; durationMs: number } };
    expect(sound.name).toBe("welcome");
    expect(sound.durationMs).toBeGreaterThan(900);
    const info = await readWavInfo(soundFile(sound.id));
    expect(info).toMatchObject({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
    expect(path.basename(soundFile(sound.id))).toBe(`${sound.id}.wav`);
    const [row] = await db.select().from(sounds);
    expect(row).toMatchObject({ id: sound.id, sourceFormat: "mp3" });
    expect((await auditFor(sound.id))[0]).toMatchObject({ action: "sound.create" });
  });

  it("converts a 48 kHz 24-bit WAV too", async () => {
    const res = await upload("menu-prompt", "tone.wav");
    expect(res.status).toBe(201);
    const { sound } = (await res.json()) as { sound: { id: string } };
    expect(await readWavInfo(soundFile(sound.id))).toMatchObject({
      sampleRate: 8000,
      channels: 1,
      bitsPerSample: 16,
    });
  });

  it("refuses a text file renamed to .mp3, whatever the Content-Type says", async () => {
    const res = await upload("fake", Buffer.from("this is not audio at all, just text\n".repeat(20)), {
      "content-type": "audio/mpeg",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(body.error.fieldErrors.file).toEqual(["That file is not MP3 or WAV audio."]);
  });

  it("refuses a file with audio magic bytes but no decodable audio", async () => {
    const fake = Buffer.concat([
      Buffer.from("ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000"),
      Buffer.alloc(4000, 0x41),
    ]);
    const res = await upload("garbage", fake);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(body.error.fieldErrors.file).toEqual(["That file could not be decoded as audio."]);
  });

  it("refuses an oversized file with 413, by its length and while streaming", async () => {
    expect((await stat(path.join(work, "big.wav"))).size).toBeGreaterThan(1024 * 1024);
    const res = await upload("too-big", "big.wav");
    expect(res.status).toBe(413);
    // A body that lies about its length is cut off at the limit as it streams.
    const streamed = await upload("too-big", "big.wav", { "content-length": "100" });
    expect(streamed.status).toBe(413);
    expect(await db.$count(sounds)).toBe(2);
  });

  it("refuses bad names, taken names, strangers and other origins", async () => {
    expect((await upload("bad name;", "tone.mp3")).status).toBe(400);
    const taken = await upload("welcome", "tone.mp3");
    expect(taken.status).toBe(409);
    expect(
      ((await taken.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors.name,
    ).toEqual(["A sound with that name already exists."]);
    expect((await upload("x", "tone.mp3", { origin: "http://evil.test" })).status).toBe(403);
    session.current = currentUserFor(await insertUser({ role: "agent" }));
    expect((await upload("agent-sound", "tone.mp3")).status).toBe(403);
    session.current = null;
    expect((await upload("anon", "tone.mp3")).status).toBe(401);
  });
});

describe("GET /api/sounds/:id", () => {
  it("streams the WAV with Range support to users allowed to preview", async () => {
    const [row] = await db.select().from(sounds);
    const req = (range?: string) =>
      GET(new Request(`http://sb.test/api/sounds/${row!.id}`, { headers: range ? { range } : {} }), {
        params: Promise.resolve({ id: row!.id }),
      });
    const full = await req();
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("audio/wav");
    const part = await req("bytes=0-99");
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await req("bytes=99999999-")).status).toBe(416);
    session.current = currentUserFor(await insertUser({ role: "agent" }));
    expect((await req()).status).toBe(403);
  });
});

describe("sniffAudio", () => {
  it("knows WAV and MP3 headers and nothing else", () => {
    expect(sniffAudio(Buffer.from("RIFF\u0000\u0000\u0000\u0000WAVEfmt "))).toBe("wav");
    expect(sniffAudio(Buffer.from([0xff, 0xfb, 0x90, 0x00]))).toBe("mp3");
    expect(sniffAudio(Buffer.from("ID3\u0004\u0000"))).toBe("mp3");
    expect(sniffAudio(Buffer.from("OggS\u0000\u0002"))).toBeNull();
    expect(sniffAudio(Buffer.from("<html>"))).toBeNull();
  });
});
