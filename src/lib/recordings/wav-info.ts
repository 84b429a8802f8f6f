import { open } from "node:fs/promises";

export type WavInfo = {
  /** WAVE format tag: 1 PCM, 6 A-law, 7 μ-law, 49 GSM 6.10, 0xfffe extensible. */
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  byteRate: number;
  dataBytes: number;
  durationMs: number;
};

/** Reads a RIFF/WAVE header (first 4 KiB). Returns null for anything else. */
export async function readWavInfo(file: string): Promise<WavInfo | null> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const size = (await fh.stat()).size;
    return parseWavHeader(buf.subarray(0, bytesRead), size);
  } finally {
    await fh.close();
  }
}

export function parseWavHeader(buf: Buffer, fileSize: number): WavInfo | null {
  if (buf.length < 12 || buf.toString("ascii", 0, 4) !== "RIFF" || buf.toString("ascii", 8, 12) !== "WAVE") {
    return null;
  }
  let offset = 12;
  let fmt: Omit<WavInfo, "dataBytes" | "durationMs"> | null = null;
  while (offset + 8 <= buf.length) {
    const id = buf.toString("ascii", offset, offset + 4);
    const len = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt " && body + 16 <= buf.length) {
      fmt = {
        formatTag: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        byteRate: buf.readUInt32LE(body + 8),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === "data" && fmt) {
      // MixMonitor fixes the sizes when it closes the file; while it records they may be 0.
      const dataBytes = len > 0 && body + len <= fileSize ? len : Math.max(0, fileSize - body);
      const durationMs = fmt.byteRate > 0 ? Math.round((dataBytes * 1000) / fmt.byteRate) : 0;
      return { ...fmt, dataBytes, durationMs };
    }
    offset = body + len + (len % 2);
  }
  return null;
}

/** Browsers play 8/16-bit PCM WAV natively; μ-law, A-law and GSM need converting. */
export function isBrowserPlayable(info: WavInfo | null): boolean {
  return Boolean(info && info.formatTag === 1 && (info.bitsPerSample === 16 || info.bitsPerSample === 8));
}
