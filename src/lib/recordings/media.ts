import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { env } from "@/env";
import { AppError } from "@/lib/errors";
import { ffmpeg, ffmpegPath } from "./ffmpeg";
import { isBrowserPlayable, readWavInfo } from "./wav-info";

export type Playable = { file: string; contentType: string; size: number };

/** Where converted audio and peaks are cached; keyed by recording id and file mtime. */
export function cacheDir(): string {
  const base = env.DATA_DIR.startsWith("memory://") ? os.tmpdir() : env.DATA_DIR;
  return path.resolve(base, "recordings-cache");
}

/**
 * The file to stream for a recording: the original when browsers can play it, otherwise a
 * 16-bit PCM WAV converted once by ffmpeg and cached (a new mtime, a new cache entry).
 */
export async function playableFile(id: string, realFile: string): Promise<Playable> {
  const st = await stat(realFile);
  const info = realFile.toLowerCase().endsWith(".wav") ? await readWavInfo(realFile).catch(() => null) : null;
  if (isBrowserPlayable(info)) return { file: realFile, contentType: "audio/wav", size: st.size };
  const target = path.join(cacheDir(), `${id}-${Math.trunc(st.mtimeMs)}.wav`);
  const cached = await stat(target).catch(() => null);
  if (cached) return { file: target, contentType: "audio/wav", size: cached.size };
  await mkdir(cacheDir(), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp.wav`;
  await run((cmd) => cmd.input(realFile).audioCodec("pcm_s16le").audioChannels(1).format("wav").save(tmp));
  await rename(tmp, target);
  return { file: target, contentType: "audio/wav", size: (await stat(target)).size };
}

/**
 * Waveform peaks for the player: the audio decoded to 8 kHz mono 16-bit PCM, split into
 * `count` buckets, each the loudest absolute sample scaled to 0–1. Cached as JSON.
 */
export async function waveformPeaks(id: string, realFile: string, count = 800): Promise<number[]> {
  const st = await stat(realFile);
  const target = path.join(cacheDir(), `${id}-${Math.trunc(st.mtimeMs)}-${count}.peaks.json`);
  const cached = await readFile(target, "utf8").catch(() => null);
  if (cached) return JSON.parse(cached) as number[];
  const pcm = await decodePcm(realFile);
  const peaks = computePeaks(pcm, count);
  await mkdir(cacheDir(), { recursive: true });
  await writeFile(`${target}.tmp`, JSON.stringify(peaks));
  await rename(`${target}.tmp`, target);
  return peaks;
}

/** Pure: N peaks (0–1, two decimals) from signed 16-bit little-endian mono samples. */
export function computePeaks(pcm: Buffer, count: number): number[] {
  const samples = Math.floor(pcm.length / 2);
  if (samples === 0 || count <= 0) return [];
  const buckets = Math.min(count, samples);
  const per = samples / buckets;
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    let max = 0;
    const end = Math.min(samples, Math.floor((b + 1) * per));
    for (let i = Math.floor(b * per); i < end; i++) {
      const v = Math.abs(pcm.readInt16LE(i * 2));
      if (v > max) max = v;
    }
    out.push(Math.round((max / 32768) * 100) / 100);
  }
  return out;
}

function decodePcm(file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (!ffmpegPath()) return reject(unavailable());
    const chunks: Buffer[] = [];
    const stream = ffmpeg(file)
      .audioChannels(1)
      .audioFrequency(8000)
      .format("s16le")
      .on("error", (err: Error) => reject(new AppError("internal:ffmpeg", undefined, { cause: err })))
      .pipe();
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

function run(build: (cmd: ReturnType<typeof ffmpeg>) => ReturnType<typeof ffmpeg>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!ffmpegPath()) return reject(unavailable());
    build(ffmpeg())
      .on("end", () => resolve())
      .on("error", (err: Error) => reject(new AppError("internal:ffmpeg", undefined, { cause: err })));
  });
}

function unavailable() {
  return new AppError("unavailable:ffmpeg", "Audio conversion is unavailable: ffmpeg was not found.");
}
