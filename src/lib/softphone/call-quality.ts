import { z } from "zod";

/**
 * Call quality as browser phones measure it (RTCPeerConnection.getStats(): remote-inbound-rtp
 * roundTripTime, inbound-rtp jitter and packetsLost) and as the live panel shows it. Shared by
 * the stats route, the bus command, the listener's store and the panel: no server-only imports.
 */

/** At most this many samples per POST /api/softphone/stats (the phone batches while offline). */
export const MAX_SAMPLES_PER_REPORT = 20;
/** The largest body the stats route reads; 20 samples with 100-character call ids fit in ~4 KB. */
export const MAX_REPORT_BYTES = 16 * 1024;
/** One report per user per this many ms (the phone sends every few seconds). */
export const REPORT_MIN_INTERVAL_MS = 2_000;
/** The panel calls an agent's figures stale after this long without a new sample. */
export const QUALITY_STALE_MS = 15_000;
/** The listener forgets an agent's figures after this long without a new sample. */
export const QUALITY_FORGET_MS = 5 * 60_000;

/** A SIP Call-ID or the phone's own call id: letters, digits and the punctuation Call-IDs use. */
const CALL_ID = /^[A-Za-z0-9._~@:+=!%*-]{1,100}$/;
/** 2020-01-01 … 2100-01-01: anything outside is a broken clock or not a time at all. */
const MIN_AT = Date.UTC(2020, 0, 1);
const MAX_AT = Date.UTC(2100, 0, 1);
const MAX_MS = 60_000;

const millis = (label: string) =>
  z
    .number({ error: `${label} must be a number of milliseconds or null.` })
    .min(0, `${label} cannot be negative.`)
    .max(MAX_MS, `${label} above ${MAX_MS} ms is not a measurement.`)
    .nullable();

export const qualitySample = z.strictObject({
  callId: z
    .string({ error: "callId must be a string." })
    .regex(CALL_ID, "callId must be 1–100 letters, digits or . _ ~ @ : + = ! % * -"),
  at: z
    .number({ error: "at must be epoch milliseconds." })
    .int("at must be whole epoch milliseconds.")
    .min(MIN_AT, "at must be epoch milliseconds after 2020.")
    .max(MAX_AT, "at must be epoch milliseconds before 2100."),
  rttMs: millis("rttMs"),
  jitterMs: millis("jitterMs"),
  packetsLost: z
    .number({ error: "packetsLost must be a whole number." })
    .int("packetsLost must be a whole number.")
    .min(0, "packetsLost cannot be negative.")
    .max(2 ** 31 - 1, "packetsLost is out of range."),
  packetLossPct: z
    .number({ error: "packetLossPct must be a percentage or null." })
    .min(0, "packetLossPct runs from 0 to 100.")
    .max(100, "packetLossPct runs from 0 to 100.")
    .nullable(),
});
export type QualitySample = z.infer<typeof qualitySample>;

/** The body of POST /api/softphone/stats. */
export const qualityReport = z.strictObject({
  samples: z
    .array(qualitySample, { error: "samples must be a list." })
    .min(1, "Send at least one sample.")
    .max(MAX_SAMPLES_PER_REPORT, `Send at most ${MAX_SAMPLES_PER_REPORT} samples at a time.`),
});
export type QualityReport = z.infer<typeof qualityReport>;

/** The newest sample by `at` (the first of equals): what the panel shows. */
export function latestSample(samples: readonly QualitySample[]): QualitySample {
  let latest = samples[0]!;
  for (const s of samples) if (s.at > latest.at) latest = s;
  return latest;
}

export type QualityLevel = "good" | "fair" | "poor" | "unknown";

/**
 * The thresholds behind the panel's colour cue. A sample is as bad as its worst figure; a figure
 * the browser couldn't measure (null) doesn't count, and with none measured the level is unknown.
 *
 * | level | round trip | jitter  | packet loss |
 * |-------|------------|---------|-------------|
 * | good  | ≤ 300 ms   | ≤ 30 ms | ≤ 1 %       |
 * | fair  | ≤ 500 ms   | ≤ 60 ms | ≤ 5 %       |
 * | poor  | above      | above   | above       |
 *
 * Why these: ITU-T G.114 keeps one-way delay under 150 ms (a 300 ms round trip) for
 * conversation to feel natural and calls 400 ms one-way the limit; browsers' jitter buffers
 * absorb about 30–60 ms; Opus and G.711 with PLC stay intelligible to about 1 % loss and degrade
 * clearly past 5 %.
 */
export const QUALITY_THRESHOLDS = {
  good: { rttMs: 300, jitterMs: 30, packetLossPct: 1 },
  fair: { rttMs: 500, jitterMs: 60, packetLossPct: 5 },
} as const;

type Figures = { rttMs: number | null; jitterMs: number | null; packetLossPct: number | null };

export function qualityLevel(figures: Figures): QualityLevel {
  const keys = ["rttMs", "jitterMs", "packetLossPct"] as const;
  let measured = false;
  let level: QualityLevel = "good";
  for (const key of keys) {
    const value = figures[key];
    if (value === null) continue;
    measured = true;
    if (value > QUALITY_THRESHOLDS.fair[key]) return "poor";
    if (value > QUALITY_THRESHOLDS.good[key]) level = "fair";
  }
  return measured ? level : "unknown";
}

/** True when the latest sample arrived more than QUALITY_STALE_MS before `now`. */
export function isStale(receivedAt: number, now: number): boolean {
  return now - receivedAt > QUALITY_STALE_MS;
}
