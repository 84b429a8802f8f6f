import type { ActionHandler } from "./action-context";
import { reply } from "./ami-session";
import { bridgedPeer } from "./call-legs";
import { conferenceOf, leaveConference } from "./conference";
import { routeSteps } from "./flow-steps";
import { error } from "./list-format";
import { originate } from "./originate";
import { endParkedCall, freeSpace, parkChannel, parkedCallOf } from "./parking";
import { owns, type ScenarioContext } from "./scenario-context";
import { hangupChannel } from "./teardown";
import { blindTransfer, detachChannel, stopActivity } from "./transfers";
import { channelHeaders } from "./wire-format";
import type { SimChannel } from "./world-types";

/**
 * The panel's channel actions with Asterisk 22's replies (texts from manager.c / res_parking /
 * app_mixmonitor) and their world effects, whose events follow the reply as on a real Asterisk.
 */
export const CHANNEL_ACTIONS: Record<string, ActionHandler> = {
  hangup: ({ world }, get, id) => {
    const name = get("Channel");
    if (!name) return { text: error(id, "No channel specified") };
    const cause = Number.parseInt(get("Cause"), 10) || 16;
    if (name.startsWith("/") && name.endsWith("/") && name.length > 1) {
      let pattern: RegExp;
      try {
        pattern = new RegExp(name.slice(1, -1));
      } catch {
        return { text: error(id, "Regex format invalid, Channel param should be /regex/") };
      }
      const matched = [...world.channels.values()].filter((ch) => pattern.test(ch.name));
      return {
        text: reply(id, [
          ["Response", "Success"],
          ["Message", `Channels hung up: ${matched.length}`],
        ]),
        after: () => {
          for (const ch of matched) hangupChannel(world, ch, cause);
        },
      };
    }
    const ch = world.channelByName(name);
    if (!ch) return { text: error(id, "No such channel") };
    return { text: ack(id, "Channel Hungup"), after: () => hangupChannel(world, ch, cause) };
  },

  redirect: (ctx, get, id) => {
    const { world } = ctx;
    const name = get("Channel");
    const extraName = get("ExtraChannel");
    if (!name) return { text: error(id, "Channel not specified") };
    if (!get("Context")) return { text: error(id, "Context not specified") };
    if (!get("Exten")) return { text: error(id, "Exten not specified") };
    if (!get("Priority")) return { text: error(id, "Priority not specified") };
    if (!(Number.parseInt(get("Priority"), 10) >= 1)) return { text: error(id, "Priority is invalid") };
    const ch = world.channelByName(name);
    if (!ch) return { text: error(id, `Channel does not exist: ${name}`) };
    if (ch.dying) return { text: error(id, "Redirect failed, channel not up.") };
    if (!extraName) {
      return { text: ack(id, "Redirect successful"), after: () => moveTo(ctx, [[ch, get("Exten")]]) };
    }
    const extra = world.channelByName(extraName);
    if (!extra) return { text: error(id, `ExtraChannel does not exist: ${extraName}`) };
    const extraExten = get("ExtraExten") || get("Exten");
    return {
      text: ack(id, "Dual Redirect successful"),
      after: () =>
        moveTo(ctx, [
          [ch, get("Exten")],
          [extra, extraExten],
        ]),
    };
  },

  blindtransfer: (ctx, get, id) => {
    const { world } = ctx;
    const name = get("Channel");
    const exten = get("Exten");
    if (!name) return { text: error(id, "No channel specified") };
    if (!exten) return { text: error(id, "No extension specified") };
    const ch = world.channelByName(name);
    if (!ch) return { text: error(id, "Channel specified does not exist") };
    if (!bridgedPeer(world, ch)) return { text: error(id, "Transfer invalid") };
    const context = get("Context") || ch.context;
    return {
      text: ack(id, "Transfer succeeded"),
      after: () => {
        const transferee = blindTransfer(world, ch, exten, context);
        if (transferee)
          startFlow(ctx, "blind-transfer", (flow) => routeSteps(flow, transferee, exten, ctx.timing));
      },
    };
  },

  atxfer: ({ world }, get, id) => {
    if (!get("Channel")) return { text: error(id, "No channel specified") };
    if (!get("Exten")) return { text: error(id, "No extension specified") };
    if (!world.channelByName(get("Channel"))) return { text: error(id, "Channel specified does not exist") };
    // Asterisk only queues the *2 DTMF feature code here; the consultation call is not simulated.
    return { text: ack(id, "Atxfer successfully queued") };
  },

  park: (ctx, get, id) => {
    const { world } = ctx;
    const name = get("Channel");
    if (!name) return { text: error(id, "Channel not specified") };
    const ch = world.channelByName(name);
    if (!ch) return { text: error(id, "Channel does not exist") };
    if (parkedCallOf(world, ch) || !freeSpace(world)) return { text: error(id, "Park action failed\n") };
    const timeoutChannel = world.channelByName(get("TimeoutChannel")) ?? bridgedPeer(world, ch);
    const parker = timeoutChannel?.endpoint
      ? `PJSIP/${timeoutChannel.endpoint}`
      : (timeoutChannel?.name ?? "");
    const peer = bridgedPeer(world, ch);
    // res_parking ends this message with a bare LF, exactly as 12-park-unpark recorded it.
    return {
      text: ack(id, "Park successful\n"),
      after: () =>
        startFlow(ctx, "park", (flow) => {
          ch.owner = flow.runId;
          // Whatever else it was doing stops; a two-party bridge is left by parkChannel itself.
          if (conferenceOf(world, ch)) leaveConference(world, ch);
          stopActivity(world, ch);
          if (!parkChannel(world, ch, parker)) return [];
          return [
            {
              // The parker's phone is left alone in the bridge and hangs up (12: ~2.5 s later).
              afterMs: 2500,
              run: () => {
                if (peer && world.channels.has(peer.uniqueid) && !bridgedPeer(world, peer))
                  hangupChannel(world, peer);
              },
            },
            {
              afterMs: world.options.parkingTimeoutS * 1000 - 2500,
              run: () => {
                if (owns(flow, ch) && parkedCallOf(world, ch)) endParkedCall(world, ch, "ParkedCallTimeOut");
              },
            },
          ];
        }),
    };
  },

  mixmonitor: ({ world }, get, id) => {
    const name = get("Channel");
    if (!name) return { text: error(id, "No channel specified") };
    const ch = world.channelByName(name);
    if (!ch) return { text: error(id, "No such channel") };
    // 14-mixmonitor-on-demand: the reply has no Message and neither event names the file.
    return {
      text: reply(id, [["Response", "Success"]]),
      after: () => {
        ch.recording = true;
        world.emit("MixMonitorStart", "call,all", channelHeaders(ch));
      },
    };
  },

  stopmixmonitor: ({ world }, get, id) => {
    const name = get("Channel");
    if (!name) return { text: error(id, "No channel specified") };
    const ch = world.channelByName(name);
    if (!ch) return { text: error(id, "No such channel") };
    if (!ch.recording) return { text: error(id, "Could not stop MixMonitor") };
    return {
      text: reply(id, [["Response", "Success"]]),
      after: () => {
        ch.recording = false;
        world.emit("MixMonitorStop", "call,all", channelHeaders(ch));
      },
    };
  },

  originate: async (ctx, get, id) => {
    const channel = get("Channel");
    if (!channel) return { text: error(id, "Channel not specified") };
    if (!channel.includes("/")) return { text: error(id, "Invalid channel") };
    const application = get("Application");
    if (!application && !get("Exten")) return { text: error(id, "Exten not specified") };
    const timeout = Number.parseInt(get("Timeout"), 10);
    const request = {
      actionId: id,
      channel,
      exten: get("Exten"),
      context: get("Context") || ctx.world.options.context,
      application,
      data: get("Data"),
      callerId: parseCallerId(get("CallerID")),
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 30_000,
    };
    if (/^(true|yes|1)$/i.test(get("Async"))) {
      return {
        text: ack(id, "Originate successfully queued"),
        after: () => void originate(ctx.world, ctx.scheduler, request, ctx.timing),
      };
    }
    const ok = await originate(ctx.world, ctx.scheduler, request, ctx.timing);
    return { text: ok ? ack(id, "Originate successfully queued") : error(id, "Originate failed") };
  },
};

function ack(id: string, message: string): string {
  return reply(id, [
    ["Response", "Success"],
    ["Message", message],
  ]);
}

/** Detaches the channels (a dual Redirect of two bridged parties keeps both) and routes each. */
function moveTo(ctx: Parameters<ActionHandler>[0], targets: [SimChannel, string][]) {
  const keep = new Set(targets.map(([ch]) => ch));
  for (const [ch] of targets) detachChannel(ctx.world, ch, keep);
  for (const [ch, exten] of targets) {
    if (ctx.world.channels.has(ch.uniqueid))
      startFlow(ctx, "redirect", (flow) => routeSteps(flow, ch, exten, ctx.timing));
  }
}

function startFlow(
  ctx: Parameters<ActionHandler>[0],
  name: string,
  build: (flow: ScenarioContext) => ReturnType<typeof routeSteps>,
) {
  ctx.scheduler.start(name, (runId) => build({ world: ctx.world, runId }));
}

/** `"Ext 1001" <1001>`, `Spy q <1004>`, or a bare number. */
export function parseCallerId(value: string): { num: string; name: string } | null {
  if (!value) return null;
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(value);
  if (match) return { name: match[1]?.trim() ?? "", num: match[2]?.trim() ?? "" };
  return { name: "", num: value.trim() };
}
