import { BlfState, type LiveState } from "@/lib/asterisk/live/types";

/**
 * The agent's own state as the live state shows it:
 * - `unknown`: no live state yet (stream connecting, or Asterisk not connected);
 * - `logged_out`: the extension is a member of none of its queues right now;
 * - `paused`: a member of at least one, paused in one of them (with that reason);
 * - `ready`: a member of at least one, paused in none.
 */
export type AgentState =
  | { kind: "unknown" }
  | { kind: "logged_out" }
  | { kind: "paused"; reason: string; queues: string[] }
  | { kind: "ready"; queues: string[] };

export function agentStateOf(
  state: Pick<LiveState, "queues"> | null,
  extension: string,
  queueNames: readonly string[],
): AgentState {
  if (!state) return { kind: "unknown" };
  const iface = `PJSIP/${extension}`;
  const members = queueNames.flatMap((name) => {
    const m = state.queues[name]?.members[iface];
    return m ? [{ name, member: m }] : [];
  });
  if (!members.length) return { kind: "logged_out" };
  const queues = members.map((m) => m.name);
  const paused = members.find((m) => m.member.paused);
  if (paused) return { kind: "paused", reason: paused.member.pausedReason, queues };
  return { kind: "ready", queues };
}

/**
 * Whether the extension is in do not disturb as Asterisk holds it (the listener's hints show
 * `dnd`); null before the live state arrives or when no hint of it is known.
 */
export function dndOf(state: Pick<LiveState, "extensions"> | null, extension: string): boolean | null {
  if (!state) return null;
  const hints = Object.values(state.extensions).filter((e) => e.exten === extension);
  if (!hints.length) return null;
  return hints.some((e) => e.state === BlfState.Dnd);
}

/**
 * The agent's standing in one of their queues, as the live state shows it:
 * - `static`: a member Asterisk's config puts there (queues.conf `member =>`); always in. Asterisk
 *   refuses to remove one (QueueRemove answers "Member not dynamic"), so it offers no log-out;
 * - `logged_in`: a dynamic member (QueueAdd), who may log out;
 * - `logged_out`: not a member now, who may log in.
 */
export type QueueLogin = "static" | "logged_in" | "logged_out";

export function queueLoginOf(
  state: Pick<LiveState, "queues"> | null,
  extension: string,
  queueName: string,
): QueueLogin {
  const member = state?.queues[queueName]?.members[`PJSIP/${extension}`];
  if (!member) return "logged_out";
  return member.membership === "dynamic" ? "logged_in" : "static";
}
