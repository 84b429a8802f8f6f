import { describe, expect, it } from "vitest";
import {
  isStale,
  latestSample,
  MAX_SAMPLES_PER_REPORT,
  QUALITY_STALE_MS,
  qualityLevel,
  qualityReport,
} from "./call-quality";

const AT = Date.UTC(2026, 10, 22, 10, 0, 0);
const sample = (over: Record<string, unknown> = {}) => ({
  callId: "3c2a7f0e9b@192.0.2.10",
  at: AT,
  rttMs: 42.5,
  jitterMs: 3.1,
  packetsLost: 2,
  packetLossPct: 0.4,
  ...over,
});

/** The messages zod gives for one bad sample (the report holds just that sample). */
function errorsFor(over: Record<string, unknown>): string[] {
  const result = qualityReport.safeParse({ samples: [sample(over)] });
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("qualityReport", () => {
  it("accepts a real sample, with nulls where the browser had no figure yet", () => {
    expect(qualityReport.parse({ samples: [sample()] }).samples).toEqual([sample()]);
    const early = sample({ rttMs: null, jitterMs: null, packetLossPct: null, packetsLost: 0 });
    expect(qualityReport.safeParse({ samples: [early] }).success).toBe(true);
  });

  it("takes 1 to 20 samples", () => {
    expect(qualityReport.safeParse({ samples: [] }).error?.issues[0]?.message).toBe(
      "Send at least one sample.",
    );
    const many = Array.from({ length: MAX_SAMPLES_PER_REPORT + 1 }, () => sample());
    expect(qualityReport.safeParse({ samples: many }).error?.issues[0]?.message).toBe(
      "Send at most 20 samples at a time.",
    );
    expect(qualityReport.safeParse({ samples: many.slice(1) }).success).toBe(true);
    expect(qualityReport.safeParse({ samples: "lots" }).error?.issues[0]?.message).toBe(
      "samples must be a list.",
    );
  });

  it("holds call ids to 100 characters of a safe charset", () => {
    expect(qualityReport.safeParse({ samples: [sample({ callId: "a".repeat(100) })] }).success).toBe(true);
    for (const callId of ["", "a".repeat(101), "x\r\nEvil: 1", "<script>", "a b", "é", 42]) {
      expect(errorsFor({ callId })[0]).toMatch(/^samples\.0\.callId: callId must be/);
    }
  });

  it("refuses figures that are not measurements", () => {
    expect(errorsFor({ rttMs: -1 })).toEqual(["samples.0.rttMs: rttMs cannot be negative."]);
    expect(errorsFor({ jitterMs: 60_001 })).toEqual([
      "samples.0.jitterMs: jitterMs above 60000 ms is not a measurement.",
    ]);
    expect(errorsFor({ rttMs: "12" })).toEqual([
      "samples.0.rttMs: rttMs must be a number of milliseconds or null.",
    ]);
    expect(errorsFor({ rttMs: Number.POSITIVE_INFINITY })[0]).toMatch(/rttMs/);
    expect(errorsFor({ packetsLost: 1.5 })).toEqual([
      "samples.0.packetsLost: packetsLost must be a whole number.",
    ]);
    expect(errorsFor({ packetsLost: -3 })).toEqual([
      "samples.0.packetsLost: packetsLost cannot be negative.",
    ]);
    expect(errorsFor({ packetsLost: null })[0]).toMatch(/packetsLost must be a whole number/);
    expect(errorsFor({ packetLossPct: 100.5 })).toEqual([
      "samples.0.packetLossPct: packetLossPct runs from 0 to 100.",
    ]);
    expect(errorsFor({ at: 1_700_000 })).toEqual(["samples.0.at: at must be epoch milliseconds after 2020."]);
    expect(errorsFor({ at: AT / 1000 })[0]).toMatch(/at must be/);
    expect(errorsFor({ at: AT + 0.5 })).toEqual(["samples.0.at: at must be whole epoch milliseconds."]);
  });

  it("refuses missing and unknown fields", () => {
    const { rttMs: _drop, ...missing } = sample();
    expect(qualityReport.safeParse({ samples: [missing] }).success).toBe(false);
    expect(errorsFor({ extension: "1001" })[0]).toMatch(/extension/);
    expect(qualityReport.safeParse({ samples: [sample()], user: "someone-else" }).success).toBe(false);
  });
});

describe("qualityLevel", () => {
  const figures = (rttMs: number | null, jitterMs: number | null, packetLossPct: number | null) => ({
    rttMs,
    jitterMs,
    packetLossPct,
  });

  it("is as bad as the worst figure, at the documented thresholds", () => {
    expect(qualityLevel(figures(300, 30, 1))).toBe("good");
    expect(qualityLevel(figures(301, 0, 0))).toBe("fair");
    expect(qualityLevel(figures(20, 31, 0))).toBe("fair");
    expect(qualityLevel(figures(20, 5, 1.2))).toBe("fair");
    expect(qualityLevel(figures(500, 60, 5))).toBe("fair");
    expect(qualityLevel(figures(501, 0, 0))).toBe("poor");
    expect(qualityLevel(figures(20, 61, 0))).toBe("poor");
    expect(qualityLevel(figures(20, 5, 8))).toBe("poor");
  });

  it("ignores what wasn't measured, and is unknown with nothing measured", () => {
    expect(qualityLevel(figures(null, null, 0.2))).toBe("good");
    expect(qualityLevel(figures(null, 45, null))).toBe("fair");
    expect(qualityLevel(figures(null, null, null))).toBe("unknown");
  });
});

describe("latestSample and isStale", () => {
  it("picks the newest sample, whatever the order", () => {
    const a = sample({ at: AT, rttMs: 1 });
    const b = sample({ at: AT + 2000, rttMs: 2 });
    const c = sample({ at: AT + 1000, rttMs: 3 });
    expect(latestSample([a, b, c] as never)).toBe(b);
    expect(latestSample([b, a] as never)).toBe(b);
  });

  it("turns stale just after QUALITY_STALE_MS", () => {
    expect(isStale(AT, AT + QUALITY_STALE_MS)).toBe(false);
    expect(isStale(AT, AT + QUALITY_STALE_MS + 1)).toBe(true);
  });
});
