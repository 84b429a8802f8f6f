import { describe, expect, it } from "vitest";
import { qualityReport } from "./call-quality";
import { type StatsReport, sampleFromStats } from "./quality-sampler";

const AT = Date.UTC(2026, 10, 22, 10, 0, 0);

/** A getStats() report as Chromium gives it for an audio call (the fields read here). */
function report(
  over: { lost?: number; received?: number; jitter?: number; rtt?: number | null; pairRtt?: number } = {},
) {
  const stats = new Map<string, Record<string, unknown>>([
    ["T01", { id: "T01", type: "transport", selectedCandidatePairId: "CP1" }],
    [
      "CP1",
      {
        id: "CP1",
        type: "candidate-pair",
        nominated: true,
        state: "succeeded",
        currentRoundTripTime: over.pairRtt ?? 0.002,
      },
    ],
    [
      "IT01",
      {
        id: "IT01",
        type: "inbound-rtp",
        kind: "audio",
        jitter: over.jitter ?? 0.0045,
        packetsLost: over.lost ?? 3,
        packetsReceived: over.received ?? 997,
      },
    ],
  ]);
  if (over.rtt !== null)
    stats.set("RI01", {
      id: "RI01",
      type: "remote-inbound-rtp",
      kind: "audio",
      roundTripTime: over.rtt ?? 0.048,
    });
  return stats as unknown as StatsReport;
}

describe("sampleFromStats", () => {
  it("reads RTT from RTCP, jitter and cumulative loss from inbound-rtp, in milliseconds", () => {
    const { sample, counters } = sampleFromStats(report(), "abc@host", AT, null);
    expect(sample).toEqual({
      callId: "abc@host",
      at: AT,
      rttMs: 48,
      jitterMs: 4.5,
      packetsLost: 3,
      packetLossPct: null,
    });
    expect(counters).toEqual({ packetsLost: 3, packetsReceived: 997 });
    // What it makes is what the route accepts.
    expect(qualityReport.safeParse({ samples: [sample] }).success).toBe(true);
  });

  it("computes the loss over the interval since the previous sample", () => {
    const first = sampleFromStats(report({ lost: 3, received: 997 }), "c", AT, null);
    const next = sampleFromStats(report({ lost: 13, received: 1187 }), "c", AT + 5000, first.counters);
    expect(next.sample.packetLossPct).toBe(5); // 10 lost of 200
    const idle = sampleFromStats(report({ lost: 13, received: 1187 }), "c", AT + 10_000, next.counters);
    expect(idle.sample.packetLossPct).toBeNull();
  });

  it("falls back to the selected candidate pair's RTT before the first RTCP report", () => {
    expect(sampleFromStats(report({ rtt: null, pairRtt: 0.0123 }), "c", AT, null).sample.rttMs).toBe(12.3);
    expect(sampleFromStats(new Map() as unknown as StatsReport, "c", AT, null).sample).toMatchObject({
      rttMs: null,
      jitterMs: null,
      packetsLost: 0,
    });
  });
});
