/**
 * One step of a call's path through the routing objects. The call-flow dry run produces these
 * from the same state the compiler renders, and the compiled dialplan announces the same steps
 * at run time with
 *
 *   UserEvent(SwitchboardRoute,Step: <step>,Target: <target>,Detail: <detail>)
 *
 * so a real call's trace (AMI `UserEvent` with `UserEvent: SwitchboardRoute`, carrying the
 * channel's Linkedid) can be compared with the dry run and shown in the call's timeline.
 * Target and detail pass the `identifier` or `dial` allowlists: no commas, spaces or `$`.
 */
export const ROUTE_STEPS = [
  /** An inbound number matched. Target: the DID. */
  "did",
  /** A caller-ID rule of the DID picked another destination. Target: the DID; detail: the pattern. */
  "callerid",
  /** A block list refused the caller (detail: "blocked") or an allow list let them through ("allowed"). Target: list id. */
  "blocklist",
  /** A time condition was evaluated. Target: its number; detail: "matched" or "unmatched". */
  "timecondition",
  /** An IVR was entered. Target: its number; detail: the node id. */
  "ivr",
  /** An IVR menu took a digit. Target: the IVR number; detail: the digit, "timeout" or "invalid". */
  "ivr-input",
  /** A ring-tree node rang. Target: the tree number; detail: the node id. */
  "ringtree",
  /** The call reached a final destination. Target: its number; detail: the destination type. */
  "destination",
  /** An outbound route matched. Target: route id; detail: the trunk tried. */
  "outbound",
] as const;

export type RouteStepKind = (typeof ROUTE_STEPS)[number];

export type RouteStep = { step: RouteStepKind; target: string; detail: string };

/** Parses one AMI UserEvent's fields into a step; null for any other user event. */
export function routeStepFromEvent(fields: Record<string, string | undefined>): RouteStep | null {
  if (fields.UserEvent !== "SwitchboardRoute") return null;
  const step = fields.Step as RouteStepKind | undefined;
  if (!step || !(ROUTE_STEPS as readonly string[]).includes(step)) return null;
  return { step, target: fields.Target ?? "", detail: fields.Detail ?? "" };
}
