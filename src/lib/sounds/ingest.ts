import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import { ffmpeg, ffmpegPath } from "@/lib/recordings/ffmpeg";
import { readWavInfo } from "@/lib/recordings/wav-info";
import { soundsDir } from "./dir";

export type SoundFormat = "mp3" | "wav";

/**
 * What the first bytes say the file is: RIFF/WAVE, or MP3 (an ID3v2 tag, or an MPEG audio frame
 * sync of layer III). The extension and the browser's Content-Type are never trusted.
 */
export function sniffAudio(head: Uint8Array): SoundFormat | null {
  const ascii = (a: number, b: number) => String.fromCharCode(...head.subarray(a, b));
  if (head.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "wav";
  if (head.length >= 4 && ascii(0, 3) === "ID3" && head[3]! <= 4) return "mp3";
  // 11 sync bits, MPEG version not "reserved", layer III (01).
  if (
    head.length >= 4 &&
    head[0] === 0xff &&
    (head[1]! & 0xe0) === 0xe0 &&
    (head[1]! & 0x18) !== 0x08 &&
    (head[1]! & 0x06) === 0x02
  )
    return "mp3";
  return null;
}

/**
 * Streams an upload to a temp file under the sounds directory, refusing it (413) the moment it
 * passes `maxBytes`, so an oversized body never fills the disk.
 */
export async function receiveUpload(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<string> {
  if (!body) throw new AppError("bad_request:sound", "The upload was empty.");
  const dir = path.join(soundsDir(), ".incoming");
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `${randomUUID()}.upload`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) done(tooLarge(maxBytes));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(body as import("node:stream/web").ReadableStream),
      limit,
      createWriteStream(tmp),
    );
  } catch (error) {
    await rm(tmp, { force: true });
    throw error instanceof AppError
      ? error
      : new AppError("bad_request:sound", "The upload did not finish.", { cause: error });
  }
  if (size === 0) {
    await rm(tmp, { force: true });
    throw new AppError("bad_request:sound", "The upload was empty.");
  }
  return tmp;
}

export type IngestedSound = { id: string; sourceFormat: SoundFormat; bytes: number; durationMs: number };

/**
 * Checks that an uploaded file really is MP3 or WAV audio (magic bytes, then a full decode by
 * ffmpeg that stops at the first error), and converts it to 8 kHz mono 16-bit PCM WAV at
 * `<sounds dir>/<new id>.wav`. The upload is removed either way.
 */
export async function ingestSound(upload: string): Promise<IngestedSound> {
  try {
    const head = Buffer.alloc(16);
    const fh = await open(upload, "r");
    try {
      await fh.read(head, 0, head.length, 0);
    } finally {
      await fh.close();
    }
    const sourceFormat = sniffAudio(head);
    if (!sourceFormat)
      throw new AppError("bad_request:sound", "That file is not MP3 or WAV audio.", {
        fieldErrors: { file: ["That file is not MP3 or WAV audio."] },
      });
    const id = randomUUID();
    const target = path.join(soundsDir(), `${id}.wav`);
    const tmp = `${target}.${process.pid}.tmp.wav`;
    try {
      await convert(upload, tmp, sourceFormat);
      const info = await readWavInfo(tmp);
      if (
        !info ||
        info.durationMs <= 0 ||
        info.sampleRate !== 8000 ||
        info.channels !== 1 ||
        info.bitsPerSample !== 16
      )
        throw undecodable();
      await rename(tmp, target);
      return { id, sourceFormat, bytes: (await stat(target)).size, durationMs: info.durationMs };
    } finally {
      await rm(tmp, { force: true });
    }
  } finally {
    await rm(upload, { force: true });
  }
}

function convert(input: string, output: string, format: SoundFormat): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!ffmpegPath())
      return reject(
        new AppError("unavailable:ffmpeg", "Audio conversion is unavailable: ffmpeg was not found."),
      );
    ffmpeg(input)
      // The sniffed format, not ffmpeg's guess, and stop at the first decode error.
      .inputOptions(["-f", format, "-xerror"])
      .outputOptions(["-v", "error", "-map_metadata", "-1"])
      .audioCodec("pcm_s16le")
      .audioChannels(1)
      .audioFrequency(8000)
      .format("wav")
      .on("end", () => resolve())
      .on("error", () => reject(undecodable()))
      .save(output);
  });
}

function undecodable() {
  return new AppError("bad_request:sound", "That file could not be decoded as audio.", {
    fieldErrors: { file: ["That file could not be decoded as audio."] },
  });
}

function tooLarge(maxBytes: number) {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new AppError("bad_request:too_large", `The file is larger than ${mb} MB.`, {
    fieldErrors: { file: [`The file is larger than ${mb} MB.`] },
    headers: { Connection: "close" },
  });
}

export function isTooLarge(contentLength: string | null, maxBytes: number): boolean {
  const n = contentLength ? Number(contentLength) : Number.NaN;
  return Number.isFinite(n) && n > maxBytes;
}

export { tooLarge };
