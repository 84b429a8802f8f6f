import type { ConfigState, OutboundRouteState, TrunkState } from "@/lib/asterisk/compiler/state";
import type { ClassOfService } from "@/lib/db/schema/trunks";
import type { RouteStep } from "@/lib/routing/trace";
import { bestMatch, mustParse, type ParsedPattern } from "./pattern";

/**
 * What the compiled dialplan does with a number dialled from an extension, worked out from the
 * same ConfigState the compiler renders. The dialplan (extensions_switchboard.conf) is built so
 * that this order is Asterisk's own:
 *
 *   [sb-cos-<class>]            the endpoint's context, one per class of service
 *   include => sb-internal      internal numbers first (extensions, groups, queues, …)
 *   include => sb-route-<id>    then each route that admits the class, in route order
 *
 * Asterisk searches a context's includes in order and takes the first context with a match, so
 * route order decides between routes; inside one route context Asterisk takes its most specific
 * matching pattern (pbx.c ext_cmp, see pattern.ts). Every pattern of a route does the same thing,
 * so that choice only names the pattern.
 */
export type OutboundTrunkAttempt = {
  trunk: string;
  /** The caller ID number the call leaves with on this trunk. */
  callerId: string;
  /** PJSIP/<number>@<trunk>. */
  dialString: string;
};

export type OutboundResolution =
  | { kind: "internal"; number: string }
  | {
      kind: "route";
      route: { id: string; name: string };
      pattern: string;
      /** The number sent to the carrier, after strip and prepend. */
      dialled: string;
      attempts: OutboundTrunkAttempt[];
      /** Earlier routes whose patterns match but which don't admit the caller's class. */
      notAllowed: { id: string; name: string; pattern: string }[];
      steps: RouteStep[];
    }
  | { kind: "none"; notAllowed: { id: string; name: string; pattern: string }[] };

export type OutboundCaller = {
  /** The calling extension's number (its own caller ID). */
  number: string;
  classOfService: ClassOfService;
  outboundCallerId: string | null;
};

/** Routes in the order the compiled dialplan tries them. */
export function routesInOrder(routes: OutboundRouteState[]): OutboundRouteState[] {
  return [...routes].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The numbers [sb-internal] answers, which win over every outbound route. */
export function internalNumbers(state: ConfigState): Set<string> {
  return new Set([
    ...state.extensions.map((e) => e.number),
    ...state.groups.map((g) => g.number),
    ...state.queues.map((q) => q.number),
  ]);
}

/** Digits a phone may send that survive the dialplan's FILTER(0-9*#+). */
export function filterDialled(dialled: string): string {
  return dialled.replace(/[^0-9*#+]/g, "");
}

export function resolveOutbound(
  state: ConfigState,
  caller: OutboundCaller,
  dialled: string,
): OutboundResolution {
  if (internalNumbers(state).has(dialled)) return { kind: "internal", number: dialled };
  const trunks = new Map(state.trunks.map((t) => [t.name, t]));
  const notAllowed: { id: string; name: string; pattern: string }[] = [];
  for (const route of routesInOrder(state.outboundRoutes)) {
    const match = bestMatch(parsedPatterns(route), dialled);
    if (!match) continue;
    if (!route.classes.includes(caller.classOfService)) {
      notAllowed.push({ id: route.id, name: route.name, pattern: match.text });
      continue;
    }
    const number = route.prepend + filterDialled(dialled).slice(route.strip);
    const attempts = route.trunks
      .map((name) => trunks.get(name))
      .filter((t): t is TrunkState => t !== undefined && t.direction !== "inbound")
      .map((t) => ({
        trunk: t.name,
        callerId: callerIdFor(t, route, caller),
        dialString: `PJSIP/${number}@${t.name}`,
      }));
    return {
      kind: "route",
      route: { id: route.id, name: route.name },
      pattern: match.text,
      dialled: number,
      attempts,
      notAllowed,
      steps: attempts.slice(0, 1).map((a) => ({ step: "outbound", target: route.id, detail: a.trunk })),
    };
  }
  return { kind: "none", notAllowed };
}

/** Mirrors [sb-outbound-dial]: fixed trunk number, caller's own, or route/extension caller ID. */
export function callerIdFor(trunk: TrunkState, route: OutboundRouteState, caller: OutboundCaller): string {
  if (trunk.callerIdMode === "fixed" && trunk.fixedCallerId) return trunk.fixedCallerId;
  if (trunk.callerIdMode === "passthrough") return caller.number;
  return route.callerId ?? caller.outboundCallerId ?? caller.number;
}

const parsedCache = new WeakMap<OutboundRouteState, { parsed: ParsedPattern; text: string }[]>();

function parsedPatterns(route: OutboundRouteState) {
  let list = parsedCache.get(route);
  if (!list) {
    list = route.patterns.map((text) => ({ text, parsed: mustParse(text) }));
    parsedCache.set(route, list);
  }
  return list;
}
