/**
 * Small WAV files for tests: a 440 Hz tone as 16-bit PCM (browser-playable) or μ-law (what
 * Asterisk writes for G.711 calls, so the server has to convert it).
 */
export function makeWav({
  seconds,
  sampleRate = 8000,
  encoding = "pcm16",
}: {
  seconds: number;
  sampleRate?: number;
  encoding?: "pcm16" | "ulaw";
}): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const bytesPerSample = encoding === "pcm16" ? 2 : 1;
  const data = Buffer.alloc(samples * bytesPerSample);
  for (let i = 0; i < samples; i++) {
    const v = Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 12_000);
    if (encoding === "pcm16") data.writeInt16LE(v, i * 2);
    else data[i] = linearToUlaw(v);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(encoding === "pcm16" ? 1 : 7, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * bytesPerSample, 28);
  header.writeUInt16LE(bytesPerSample, 32);
  header.writeUInt16LE(bytesPerSample * 8, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

function linearToUlaw(sample: number): number {
  const BIAS = 0x84;
  const sign = sample < 0 ? 0x80 : 0;
  let s = Math.min(Math.abs(sample), 32_635) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  s = ~(sign | (exponent << 4) | mantissa);
  return s & 0xff;
}
