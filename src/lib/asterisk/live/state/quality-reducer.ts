import { QUALITY_FORGET_MS, type QualitySample } from "@/lib/softphone/call-quality";
import type { LiveModel } from "./live-model";

/**
 * Browser phones' call quality (LiveState.quality), which the app reports and AMI never does:
 * - setQuality: a newer sample replaces the extension's entry; an older one (a late retry of
 *   the same call) is ignored, so the panel never steps back in time;
 * - forgetStaleQuality: entries without a sample for QUALITY_FORGET_MS go away (the listener's
 *   minute tick), so extensions that stopped calling don't linger in the state.
 */
export function setQuality(model: LiveModel, extension: string, sample: QualitySample, at: number): void {
  const current = model.state.quality[extension];
  if (current && current.callId === sample.callId && current.sampledAt > sample.at) return;
  model.state.quality[extension] = {
    extension,
    callId: sample.callId,
    sampledAt: sample.at,
    receivedAt: at,
    rttMs: sample.rttMs,
    jitterMs: sample.jitterMs,
    packetsLost: sample.packetsLost,
    packetLossPct: sample.packetLossPct,
  };
  model.touch("quality", extension);
}

export function forgetStaleQuality(model: LiveModel, now: number): void {
  for (const [extension, entry] of Object.entries(model.state.quality)) {
    if (now - entry.receivedAt < QUALITY_FORGET_MS) continue;
    delete model.state.quality[extension];
    model.touch("quality", extension);
  }
}
