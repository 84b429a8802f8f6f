import type { ConfigState, Destination } from "@/lib/asterisk/compiler/state";
import type { RouteStep } from "@/lib/routing/trace";
import { DESTINATION_NOUNS } from "@/lib/validations/destination";

/** One dry-run step in words, with the names of the objects it passes through. */
export function describeStep(step: RouteStep, state: ConfigState): string {
  const list = (id: string) => state.callerLists.find((l) => l.id === id);
  switch (step.step) {
    case "did": {
      const did = state.dids.find((d) => d.number === step.target);
      return `The call arrives on ${step.target}${did?.description ? ` (${did.description})` : ""}${
        step.detail !== "any" ? ` from trunk ${step.detail}` : ""
      }.`;
    }
    case "callerid":
      return `The caller matches the caller-ID rule ${step.detail} of ${step.target}.`;
    case "blocklist": {
      const l = list(step.target);
      const name = l ? `${l.kind} list “${l.name}”` : `list ${step.target}`;
      return step.detail === "allowed"
        ? `The caller is on the ${name}: let through.`
        : `Refused by the ${name}.`;
    }
    case "ringtree": {
      const tree = state.ringTrees.find((t) => t.number === step.target);
      const node = tree?.nodes.find((n) => n.key === step.detail);
      if (!tree || !node) return `Ring tree ${step.target}, node ${step.detail}.`;
      const what =
        node.kind === "filter"
          ? `screens the caller with ${list(node.listId ?? "")?.name ?? "a list"}`
          : node.kind === "hangup"
            ? "ends the call"
            : node.kind === "voicemail"
              ? `sends the call to voicemail ${node.target}`
              : `rings ${DESTINATION_NOUNS[node.kind]} ${node.target} for ${node.timeout} s (nobody answers in a dry run)`;
      return `Ring tree ${tree.number} “${tree.name}”, node ${node.key}: ${what}.`;
    }
    case "destination":
      return step.detail === "hangup"
        ? "The call is hung up."
        : `The call goes to ${describeTarget({ type: step.detail as Destination["type"], target: step.target }, state)}.`;
    case "timecondition":
      return `Time condition ${step.target}: ${step.detail}.`;
    case "ivr":
      return `IVR ${step.target} (${step.detail}).`;
    case "ivr-input":
      return `IVR ${step.target} takes ${step.detail}.`;
    case "outbound":
      return `Outbound route ${step.target} via ${step.detail}.`;
  }
}

function describeTarget(d: Destination, state: ConfigState): string {
  const noun = DESTINATION_NOUNS[d.type as Exclude<Destination["type"], "hangup">] ?? d.type;
  const name =
    d.type === "extension" || d.type === "voicemail"
      ? state.extensions.find((e) => e.number === d.target)?.displayName
      : d.type === "group"
        ? state.groups.find((g) => g.number === d.target)?.name
        : d.type === "queue"
          ? state.queues.find((q) => q.number === d.target)?.name
          : undefined;
  return `${noun} ${d.target}${name ? ` “${name}”` : ""}`;
}

/**
 * "2026-06-01T10:00" in an IANA zone → the instant. Finds the zone's offset at that wall time
 * (twice, so a time next to a DST change lands right).
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(asUtc)) return null;
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(new Date(at));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return (
      Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - at
    );
  };
  try {
    const first = asUtc - offset(asUtc);
    return new Date(asUtc - offset(first));
  } catch {
    return null;
  }
}

/** The instant as "YYYY-MM-DDTHH:MM" wall time in the zone (the form's default value). */
export function utcToZonedTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}
