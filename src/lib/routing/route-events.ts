import { createHash } from "node:crypto";
import type { AmiEvent } from "@/lib/asterisk/ami/message";
import type { NewRouteEventRow } from "@/lib/db/schema/inbound";
import { routeStepFromEvent } from "./trace";

const SAFE = /^[A-Za-z0-9_+*#.![\]-]{0,64}$/;

/**
 * The row for one `UserEvent: SwitchboardRoute` AMI event, or null for any other event. The same
 * event seen twice (a replay, a reconnect) gives the same (uniqueid, seq), so the insert is a
 * no-op the second time. Values outside the trace's allowlist are dropped, not stored.
 */
export function routeEventRow(event: AmiEvent): NewRouteEventRow | null {
  if (event.event !== "UserEvent") return null;
  const f = event.fields;
  const step = routeStepFromEvent(f);
  if (!step) return null;
  const linkedid = f.Linkedid ?? f.Uniqueid;
  const uniqueid = f.Uniqueid ?? linkedid;
  if (!linkedid || !uniqueid || !SAFE.test(step.target) || !SAFE.test(step.detail)) return null;
  const ts = Number(f.Timestamp);
  const occurredAt = Number.isFinite(ts) && ts > 0 ? new Date(Math.round(ts * 1000)) : new Date();
  const seq = createHash("sha1")
    .update([f.Timestamp ?? "", step.step, step.target, step.detail].join("|"))
    .digest("hex");
  return {
    linkedid: linkedid.slice(0, 64),
    uniqueid: uniqueid.slice(0, 64),
    seq,
    step: step.step,
    target: step.target,
    detail: step.detail,
    occurredAt,
  };
}
