import { LIVE_METRICS_KEY, type LiveMetrics } from "@/lib/asterisk/live/listener/listener-metrics";
import { getBus } from "@/lib/bus/get-bus";
import { pingDb } from "@/lib/db/migrate";
import pkg from "../../../../package.json";

export const dynamic = "force-dynamic";

/** The listener's figures count as current while they are refreshed (every second). */
const METRICS_STALE_MS = 5_000;

/** 200 while the database answers; the rest is reported, not required. */
export async function GET() {
  const bus = getBus();
  const [dbOk, busOk, metrics] = await Promise.all([
    pingDb(),
    withTimeout(bus.ping(), 1000),
    bus.getSnapshot<LiveMetrics>(LIVE_METRICS_KEY).catch(() => null),
  ]);
  const body = {
    status: dbOk ? "ok" : "error",
    db: dbOk ? "ok" : "error",
    bus: { kind: bus.kind, status: busOk ? "ok" : "error" },
    ami: amiStatus(metrics?.data ?? null),
    version: pkg.version,
  };
  return Response.json(body, { status: dbOk ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

/** The listener's view of AMI: connection state, last event age, events/s and publish lag. */
function amiStatus(metrics: LiveMetrics | null) {
  if (!metrics) return { status: "no listener" };
  if (Date.now() - metrics.at > METRICS_STALE_MS) {
    return { status: "listener silent", lastReportAgeS: Math.round((Date.now() - metrics.at) / 1000) };
  }
  return {
    status: metrics.connection,
    error: metrics.error,
    lastEventAgeS: metrics.lastEventAgeS,
    eventsPerSecond: metrics.eventsPerSecond,
    publishLagMs: metrics.publishLagMs,
  };
}

async function withTimeout(p: Promise<boolean>, ms: number): Promise<boolean> {
  return Promise.race([p, new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}
