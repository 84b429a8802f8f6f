import { getBus } from "@/lib/bus/get-bus";
import { pingDb } from "@/lib/db/migrate";
import pkg from "../../../../package.json";

export const dynamic = "force-dynamic";

/** 200 while the database answers; the rest is reported, not required. */
export async function GET() {
  const [dbOk, busOk] = await Promise.all([pingDb(), withTimeout(getBus().ping(), 1000)]);
  const bus = getBus();
  const body = {
    status: dbOk ? "ok" : "error",
    db: dbOk ? "ok" : "error",
    bus: { kind: bus.kind, status: busOk ? "ok" : "error" },
    ami: { status: "not configured" },
    version: pkg.version,
  };
  return Response.json(body, { status: dbOk ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

async function withTimeout(p: Promise<boolean>, ms: number): Promise<boolean> {
  return Promise.race([p, new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}
