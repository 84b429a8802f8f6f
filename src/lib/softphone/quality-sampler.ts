import type { QualitySample } from "./call-quality";

/**
 * The phone's side of live call quality: turns RTCPeerConnection.getStats() into the samples
 * POST /api/softphone/stats takes (the phone, lib/softphone/phone.ts, posts them every 5 s).
 * Pure browser-safe code, no React.
 */

/** One stats object as getStats() reports it; only the fields read here are typed. */
type Stats = {
  id?: string;
  type: string;
  kind?: string;
  mediaType?: string;
  jitter?: number;
  packetsLost?: number;
  packetsReceived?: number;
  roundTripTime?: number;
  currentRoundTripTime?: number;
  selectedCandidatePairId?: string;
  nominated?: boolean;
  state?: string;
};
/** RTCStatsReport, or any map of stats by id (tests). */
export type StatsReport = { forEach(callback: (value: Stats, key: string) => void): void };

/** Cumulative inbound counters, kept between samples to compute the loss over the interval. */
export type StatsCounters = { packetsLost: number; packetsReceived: number };

/**
 * One sample from a stats report:
 * - rttMs: remote-inbound-rtp roundTripTime (from RTCP receiver reports), else the selected
 *   candidate pair's currentRoundTripTime (STUN consent checks); null before either exists;
 * - jitterMs: the audio inbound-rtp jitter;
 * - packetsLost: inbound packets lost since the call started;
 * - packetLossPct: lost / (lost + received) over the interval since `previous`; null for the
 *   first sample or an interval without packets.
 */
export function sampleFromStats(
  report: StatsReport,
  callId: string,
  at: number,
  previous: StatsCounters | null,
): { sample: QualitySample; counters: StatsCounters } {
  const all: Stats[] = [];
  report.forEach((s) => {
    all.push(s);
  });
  const audio = (s: Stats) => (s.kind ?? s.mediaType ?? "audio") === "audio";
  const inbound = all.find((s) => s.type === "inbound-rtp" && audio(s));
  const remote = all.find(
    (s) => s.type === "remote-inbound-rtp" && audio(s) && typeof s.roundTripTime === "number",
  );
  const selectedId = all.find((s) => s.type === "transport")?.selectedCandidatePairId;
  const pair =
    all.find((s) => s.type === "candidate-pair" && selectedId !== undefined && s.id === selectedId) ??
    all.find((s) => s.type === "candidate-pair" && s.nominated && s.state === "succeeded");

  const rttSeconds = remote?.roundTripTime ?? pair?.currentRoundTripTime;
  const counters: StatsCounters = {
    packetsLost: Math.max(0, inbound?.packetsLost ?? 0),
    packetsReceived: Math.max(0, inbound?.packetsReceived ?? 0),
  };
  let packetLossPct: number | null = null;
  if (previous) {
    const lost = Math.max(0, counters.packetsLost - previous.packetsLost);
    const received = Math.max(0, counters.packetsReceived - previous.packetsReceived);
    if (lost + received > 0) packetLossPct = round((lost / (lost + received)) * 100);
  }
  return {
    sample: {
      callId,
      at: Math.round(at),
      rttMs: typeof rttSeconds === "number" ? clampMs(rttSeconds * 1000) : null,
      jitterMs: typeof inbound?.jitter === "number" ? clampMs(inbound.jitter * 1000) : null,
      packetsLost: Math.min(counters.packetsLost, 2 ** 31 - 1),
      packetLossPct,
    },
    counters,
  };
}

/** Milliseconds within the route's range (0–60000), two decimals. */
function clampMs(ms: number): number {
  return round(Math.min(60_000, Math.max(0, ms)));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
