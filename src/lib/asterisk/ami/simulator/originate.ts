import { dialEvent, hangup, newChannel, setCallerId, setState } from "./channel-events";
import { type CallTiming, routeSteps } from "./flow-steps";
import { owns, type ScenarioContext } from "./scenario-context";
import type { ScenarioStep, Scheduler } from "./scenario-runner";
import type { SimWorld } from "./sim-world";
import { hangupChannel, startSpying } from "./teardown";
import { channelHeaders, type WireHeaders } from "./wire-format";
import { syncEndpoint } from "./world-devices";
import type { SimChannel } from "./world-types";

export type OriginateRequest = {
  actionId: string;
  /** `PJSIP/1001`, `Local/601@sb-internal`. */
  channel: string;
  exten: string;
  context: string;
  application: string;
  data: string;
  callerId: { num: string; name: string } | null;
  timeoutMs: number;
};

export type OriginateTiming = CallTiming & { answerMs: number };

/**
 * An Originate as 16-originate-click-to-call and 13-chanspy recorded it: the requested phone
 * rings (a DialBegin with no caller), answers, OriginateResponse (Reason 4) follows, then the
 * channel runs the application (ChanSpy → ChanSpyStart) or the extension. Resolves true once
 * answered, false when it failed (unknown or unregistered endpoint, or no answer in time), which
 * is when a synchronous Originate gets its reply.
 */
export function originate(
  world: SimWorld,
  scheduler: Scheduler,
  request: OriginateRequest,
  timing: OriginateTiming,
): Promise<boolean> {
  const [tech = "", resource = ""] = request.channel.split("/", 2);
  let settle: (ok: boolean) => void = () => {};
  const settled = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  scheduler.start("originate", (runId) => {
    const ctx: ScenarioContext = { world, runId };
    const failNow = (): ScenarioStep[] => [
      { afterMs: 0, phase: "failed", run: () => void respond(world, request, null, false, settle, 0) },
    ];
    if (tech.toUpperCase() === "LOCAL") return localSteps(ctx, request, timing, settle);
    const ext = world.extensions.get(resource);
    if (tech.toUpperCase() !== "PJSIP" || !ext || !ext.registered) return failNow();
    let ch: SimChannel | undefined;
    const steps: ScenarioStep[] = [
      {
        afterMs: 0,
        phase: "ringing",
        run: () => {
          ch = newChannel(world, { endpoint: resource, state: "Down", exten: "s", owner: runId });
          const cid = request.callerId;
          if (cid && (cid.num !== ch.callerIdNum || cid.name !== ch.callerIdName)) {
            setCallerId(world, ch, cid.num || ch.callerIdNum, cid.name || ch.callerIdName);
          }
          ch.connectedLineNum = ch.callerIdNum;
          ch.connectedLineName = ch.callerIdName;
          world.emit("NewConnectedLine", "call,all", channelHeaders(ch));
          dialEvent(world, "DialBegin", null, ch, [["DialString", resource]]);
          setState(world, ch, "Ringing");
          dialEvent(world, "DialState", null, ch, [["DialStatus", "RINGING"]]);
          syncEndpoint(world, ch.endpoint, "EQD");
        },
      },
    ];
    if (timing.answerMs > request.timeoutMs) {
      steps.push({
        afterMs: request.timeoutMs,
        phase: "failed",
        run: () => {
          if (!owns(ctx, ch)) return "stop";
          dialEvent(world, "DialEnd", null, ch, [["DialStatus", "NOANSWER"]]);
          hangup(world, ch, 19);
          syncEndpoint(world, ch.endpoint, "EQD");
          respond(world, request, ch, false, settle, 3);
        },
      });
      return steps;
    }
    steps.push({
      afterMs: timing.answerMs,
      phase: "answered",
      run: () => {
        if (!owns(ctx, ch)) return "stop";
        setState(world, ch, "Up");
        dialEvent(world, "DialEnd", null, ch, [["DialStatus", "ANSWER"]]);
        syncEndpoint(world, ch.endpoint);
        respond(world, request, ch, true, settle, 4);
        if (!request.application) {
          // The answered phone now runs the extension: chain its flow as the next steps.
          steps.push(...routeSteps(ctx, ch, request.exten, timing));
        }
      },
    });
    if (request.application) steps.push(...applicationSteps(ctx, () => ch, request, timing));
    return steps;
  });
  return settled;
}

function applicationSteps(
  ctx: ScenarioContext,
  channel: () => SimChannel | undefined,
  request: OriginateRequest,
  timing: OriginateTiming,
): ScenarioStep[] {
  const { world } = ctx;
  const app = request.application.toLowerCase();
  const steps: ScenarioStep[] = [];
  if (app === "chanspy") {
    steps.push({
      afterMs: 100,
      phase: "spying",
      run: () => {
        const spy = channel();
        if (!owns(ctx, spy)) return "stop";
        const prefix = request.data.split(",")[0] ?? "";
        const target = [...world.channels.values()].find(
          (c) => c !== spy && !c.dying && prefix !== "" && c.name.startsWith(`${prefix}-`),
        );
        if (target) startSpying(world, spy, target);
      },
    });
  }
  const waitS = app === "wait" ? Number.parseFloat(request.data) : Number.NaN;
  const stayMs = Number.isFinite(waitS) ? waitS * 1000 : timing.talkMs;
  if (stayMs !== null) {
    steps.push({
      afterMs: stayMs,
      phase: "hungup",
      run: () => {
        const ch = channel();
        if (!owns(ctx, ch)) return "stop";
        hangupChannel(world, ch);
      },
    });
  }
  return steps;
}

/** Local/<exten>@<context>: a ;1/;2 pair that comes up at once and lives for the application's time. */
function localSteps(
  ctx: ScenarioContext,
  request: OriginateRequest,
  timing: OriginateTiming,
  settle: (ok: boolean) => void,
): ScenarioStep[] {
  const { world } = ctx;
  const resource = request.channel.slice("Local/".length);
  const pair: SimChannel[] = [];
  const steps: ScenarioStep[] = [
    {
      afterMs: 0,
      phase: "answered",
      run: () => {
        const [exten = "s"] = resource.split("@");
        for (const side of [";1", ";2"]) {
          const ch = world.createChannel({
            tech: "Local",
            resource,
            endpoint: null,
            state: "Down",
            callerIdNum: request.callerId?.num ?? "",
            callerIdName: request.callerId?.name ?? "",
            exten: side === ";1" ? "s" : exten,
            owner: ctx.runId,
            linkedid: pair[0]?.linkedid,
          });
          ch.name = `${pair[0]?.name.slice(0, -2) ?? ch.name}${side}`;
          world.emit("Newchannel", "call,all", channelHeaders(ch));
          pair.push(ch);
        }
        const [one, two] = pair as [SimChannel, SimChannel];
        dialEvent(world, "DialBegin", null, one, [["DialString", resource]]);
        setState(world, two, "Up");
        setState(world, one, "Up");
        dialEvent(world, "DialEnd", null, one, [["DialStatus", "ANSWER"]]);
        one.application = request.application;
        one.applicationData = request.data;
        respond(world, request, one, true, settle, 4);
      },
    },
  ];
  const waitS = request.application.toLowerCase() === "wait" ? Number.parseFloat(request.data) : Number.NaN;
  const stayMs = Number.isFinite(waitS)
    ? Math.min(waitS * 1000, timing.talkMs ?? waitS * 1000)
    : timing.talkMs;
  if (stayMs !== null) {
    steps.push({
      afterMs: stayMs,
      phase: "hungup",
      run: () => {
        for (const ch of [...pair].reverse()) if (owns(ctx, ch)) hangupChannel(world, ch);
      },
    });
  }
  return steps;
}

/** OriginateResponse, laid out as manager.c's fast_originate writes it. */
function respond(
  world: SimWorld,
  request: OriginateRequest,
  ch: SimChannel | null,
  ok: boolean,
  settle: (ok: boolean) => void,
  reason: number,
) {
  const target: WireHeaders = request.application
    ? [
        ["Application", request.application],
        ["Data", request.data],
      ]
    : [
        ["Context", request.context],
        ["Exten", request.exten],
      ];
  world.emit("OriginateResponse", "call,all", [
    ...(request.actionId ? ([["ActionID", request.actionId]] as WireHeaders) : []),
    ["Response", ok ? "Success" : "Failure"],
    ["Channel", ch?.name ?? request.channel],
    ...target,
    ["Reason", String(reason)],
    ["Uniqueid", ch?.uniqueid ?? "<unknown>"],
    ["CallerIDNum", request.callerId?.num || "<unknown>"],
    ["CallerIDName", request.callerId?.name || "<unknown>"],
  ]);
  settle(ok);
}
