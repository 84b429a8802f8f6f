import { newChannel, setState } from "../channel-events";
import { joinConference } from "../conference";
import { pickIdle } from "../flow-steps";
import { owns, type ScenarioContext } from "../scenario-context";
import type { ScenarioStep } from "../scenario-runner";
import { hangupChannel } from "../teardown";
import { syncEndpoint } from "../world-devices";
import type { SimChannel } from "../world-types";

export type ConferenceParams = {
  /** Room number; default the first configured room. */
  room?: string;
  /** Phones that dial in; default 3 idle phones. */
  participants?: string[];
  joinGapMs?: number;
  /** Time everyone is in the room before the first leaves. */
  talkMs?: number;
  leaveGapMs?: number;
};

/** 15-conference: phones dial the room one by one, talk, then leave one by one (ConfbridgeEnd). */
export function conferenceScenario(ctx: ScenarioContext, params: ConferenceParams = {}): ScenarioStep[] {
  const { world } = ctx;
  const room = params.room ?? world.options.conferenceRooms[0];
  if (!room) throw new Error("No conference room configured");
  const count = params.participants?.length ?? 3;
  const channels: (SimChannel | undefined)[] = [];
  const steps: ScenarioStep[] = [];
  for (let i = 0; i < count; i++) {
    steps.push({
      afterMs: i === 0 ? 0 : (params.joinGapMs ?? 3000),
      phase: `joined-${i + 1}`,
      run: () => {
        const who = params.participants?.[i] ?? pickIdle(ctx);
        if (!who) return i === 0 ? "stop" : undefined;
        const ch = newChannel(world, { endpoint: who, state: "Ring", exten: room, owner: ctx.runId });
        setState(world, ch, "Up");
        syncEndpoint(world, ch.endpoint, "EDQ");
        joinConference(world, ch, room);
        channels.push(ch);
      },
    });
  }
  for (let i = 0; i < count; i++) {
    steps.push({
      afterMs: i === 0 ? (params.talkMs ?? 5000) : (params.leaveGapMs ?? 2000),
      phase: i === count - 1 ? "ended" : `left-${i + 1}`,
      run: () => {
        const ch = channels[i];
        if (owns(ctx, ch)) hangupChannel(world, ch);
      },
    });
  }
  return steps;
}
