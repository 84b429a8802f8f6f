import { edgeFrom, type IvrNode, keyHandle, MENU_KEYS, type MenuKey } from "@/lib/ivr/graph";
import type { Destination } from "@/lib/validations/destination";
import { evaluateTimeCondition } from "../time-condition";
import { toDestination } from "./timecondition";
import type { Walker } from "./types";

/** More steps than any real menu tree takes: a looping graph stops here instead of spinning. */
const MAX_STEPS = 500;

/**
 * An IVR in the dry run, step for step as the compiled context runs it: an `ivr` step per node
 * entered, menus take the next press from ctx.digits (none left = the caller waits: timeout),
 * a wrong key or a timeout replays the prompt until the retries are spent, and only the branch
 * finally taken is announced as `ivr-input`.
 */
export const walkIvr: Walker = (ctx, number) => {
  const ivr = ctx.state.ivrs.find((i) => i.number === number);
  if (!ivr) return null;
  const byId = new Map(ivr.graph.nodes.map((n) => [n.id, n]));
  const follow = (n: IvrNode, handle: string): IvrNode | undefined => {
    const e = edgeFrom(ivr.graph, n.id, handle);
    return e ? byId.get(e.target) : undefined;
  };
  let node: IvrNode | undefined = ivr.graph.nodes.find((n) => n.type === "start");
  for (let i = 0; node && i < MAX_STEPS; i++) {
    ctx.steps.push({ step: "ivr", target: number, detail: node.id });
    switch (node.type) {
      case "start":
      case "play":
        node = follow(node, "next");
        break;
      case "menu": {
        const { keys, retries } = node.data;
        let tries = 0;
        let handle: string | null = null;
        while (handle === null) {
          const press = ctx.digits.shift();
          if (
            press !== undefined &&
            (MENU_KEYS as readonly string[]).includes(press) &&
            keys.includes(press as MenuKey)
          ) {
            ctx.steps.push({ step: "ivr-input", target: number, detail: press });
            handle = keyHandle(press as MenuKey);
          } else {
            tries += 1;
            if (tries > retries) {
              const what = press === undefined ? "timeout" : "invalid";
              ctx.steps.push({ step: "ivr-input", target: number, detail: what });
              handle = what;
            }
          }
        }
        node = follow(node, handle);
        break;
      }
      case "timecondition": {
        const tc = ctx.state.timeConditions.find(
          (t) => t.number === (node as { data: { number: string | null } }).data.number,
        );
        const matched = tc ? evaluateTimeCondition(tc, ctx.input.at, ctx.state.timezone).matched : false;
        ctx.steps.push({
          step: "timecondition",
          target: node.data.number ?? "",
          detail: matched ? "matched" : "unmatched",
        });
        node = follow(node, matched ? "matched" : "unmatched");
        break;
      }
      case "destination":
        return toDestination(node.data.destination);
      case "voicemail":
        return node.data.mailbox
          ? ({ type: "voicemail", target: node.data.mailbox } satisfies Destination)
          : toDestination({ type: "hangup", target: null });
      case "hangup":
        return { type: "hangup", target: null };
    }
  }
  // An unconnected output: the compiled context hangs up there too.
  return { type: "hangup", target: null };
};
