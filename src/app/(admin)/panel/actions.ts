"use server";

import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { sendLiveCommand } from "@/lib/asterisk/live/commands";
import {
  atxferCommand,
  hangupCommand,
  mixMonitorCommand,
  originateCommand,
  parkCommand,
  pickupCommand,
  recordingFileName,
  redirectCommand,
  spyCommand,
  stopMixMonitorCommand,
} from "@/lib/asterisk/live/panel-commands";
import {
  bridgedPeer,
  loadLiveState,
  requireChannel,
  requireOwnExtension,
  sendCommand,
} from "@/lib/asterisk/live/panel-targets";
import { getLiveScope } from "@/lib/asterisk/live/scope";
import { scopeState } from "@/lib/asterisk/live/scope-filter";
import type { LiveChannel, SpyMode } from "@/lib/asterisk/live/types";
import { findNumberOwner } from "@/lib/asterisk/numbering";
import { type ActionContext, action } from "@/lib/auth/action";
import type { Permission } from "@/lib/auth/permissions";
import { extensions } from "@/lib/db/schema/extensions";
import { supervisionSessions } from "@/lib/db/schema/panel";
import { AppError } from "@/lib/errors";
import { assertOnDemandAllowed } from "@/lib/recordings/on-demand";
import {
  callTargetSchema,
  clickToCallSchema,
  parkedTargetSchema,
  transferSchema,
} from "@/lib/validations/panel";

/**
 * The live panel's call actions. Each one, inside the one action wrapper (session, permission,
 * zod, transaction, audit): loads the user's scope, finds the target in the live state the
 * listener published (a call that is not there is refused), checks it against the scope, and
 * only then sends one AMI action on the app's shared connection. Queue and agent actions are in
 * queue-actions.ts (this file would pass 300 lines).
 */

export const listenToCall = spyAction("listen", "panel.spy");
export const whisperToAgent = spyAction("whisper", "panel.whisper");
export const bargeIntoCall = spyAction("barge", "panel.barge");

function spyAction(mode: SpyMode, permission: Permission) {
  return action(permission, callTargetSchema, async (input, { user, tx, afterCommit }) => {
    const own = requireOwnExtension(user);
    const state = await loadLiveState();
    const target = requireChannel(state, await getLiveScope(user, tx), input.uniqueid, "agent");
    if (target.endpoint === own) throw new AppError("bad_request:own_call", "That is your own call.");
    const channelId = randomUUID();
    const reply = await sendCommand(
      spyCommand({ supervisorExtension: own, target: target.name, mode, channelId }),
      tx,
    );
    await tx.insert(supervisionSessions).values({
      supervisorId: user.id,
      supervisorExtension: own,
      mode,
      targetChannel: target.name,
      targetExtension: target.endpoint,
      actionId: reply.response.actionId ?? channelId,
      spyUniqueid: channelId,
    });
    // ChanSpyStart doesn't say listen, whisper or barge: the listener learns the mode from this.
    afterCommit(() => sendLiveCommand({ kind: "spy", uniqueid: channelId, mode, target: target.name }));
    return {
      data: { spyUniqueid: channelId },
      audit: callAudit(`panel.${mode}`, target, `${SPY_VERBS[mode]} ${target.endpoint}`, {
        mode,
        supervisorExtension: own,
        spyUniqueid: channelId,
      }),
    };
  });
}

const SPY_VERBS: Record<SpyMode, string> = {
  listen: "Listen to",
  whisper: "Whisper to",
  barge: "Barge into call of",
};

export const hangupCall = action("panel.control", callTargetSchema, async (input, { user, tx }) => {
  const channel = await visibleChannel(input.uniqueid, { user, tx });
  await sendCommand(hangupCommand(channel.name), tx);
  return { data: { ok: true }, audit: callAudit("panel.hangup", channel, `Hang up ${channel.name}`) };
});

/** Blind transfer (drag a call onto an extension or queue): the leg leaves and dials the number. */
export const transferCall = action("panel.control", transferSchema, async (input, { user, tx }) => {
  const channel = await visibleChannel(input.uniqueid, { user, tx });
  const owner = await requireDestination(tx, input.number);
  await sendCommand(redirectCommand(channel.name, input.number), tx);
  return {
    data: { ok: true },
    audit: callAudit("panel.transfer", channel, `Transfer ${channel.name} to ${owner}`, { to: input.number }),
  };
});

export const attendedTransfer = action("panel.control", transferSchema, async (input, { user, tx }) => {
  const state = await loadLiveState();
  const channel = requireChannel(state, await getLiveScope(user, tx), input.uniqueid, "agent");
  const owner = await requireDestination(tx, input.number);
  await sendCommand(atxferCommand(channel.name, input.number), tx);
  return {
    data: { ok: true },
    audit: callAudit("panel.atxfer", channel, `Attended transfer of ${channel.name} to ${owner}`, {
      to: input.number,
    }),
  };
});

/** Picks up a ringing phone in scope onto the user's own phone (see pickupCommand for why Originate). */
export const pickupCall = action("panel.control", callTargetSchema, async (input, { user, tx }) => {
  const own = requireOwnExtension(user);
  const state = await loadLiveState();
  const channel = requireChannel(state, await getLiveScope(user, tx), input.uniqueid, "agent");
  if (channel.state !== "Ringing")
    throw new AppError("conflict:not_ringing", "That phone is no longer ringing.");
  if (channel.endpoint === own) throw new AppError("bad_request:own_call", "That is your own phone.");
  await sendCommand(pickupCommand(own, channel.name), tx);
  return {
    data: { ok: true },
    audit: callAudit("panel.pickup", channel, `Pick up ${channel.name} at ${own}`, { to: own }),
  };
});

/** Parks the leg; when the parked call times out it rings back the party it was talking to. */
export const parkCall = action("panel.control", callTargetSchema, async (input, { user, tx }) => {
  const state = await loadLiveState();
  const channel = requireChannel(state, await getLiveScope(user, tx), input.uniqueid, "visible");
  const peer = bridgedPeer(state, channel);
  const timeout = peer?.name ?? (user.extension ? `PJSIP/${user.extension}` : null);
  await sendCommand(parkCommand(channel.name, timeout), tx);
  return { data: { ok: true }, audit: callAudit("panel.park", channel, `Park ${channel.name}`) };
});

/** Takes a parked call back onto the user's own phone. */
export const unparkCall = action("panel.control", parkedTargetSchema, async (input, { user, tx }) => {
  const own = requireOwnExtension(user);
  const state = await loadLiveState();
  const parked = scopeState(state, await getLiveScope(user, tx)).parked[input.parked];
  if (!Object.hasOwn(state.parked, input.parked)) {
    throw new AppError("not_found:parked", "That parked call is no longer parked.");
  }
  if (!parked) throw new AppError("forbidden:scope", "That parked call is outside your scope.");
  await sendCommand(redirectCommand(parked.channel, own), tx);
  return {
    data: { ok: true },
    audit: {
      action: "panel.unpark",
      entity: "call",
      entityId: parked.uniqueid,
      entityLabel: `Unpark ${parked.slot} to ${own}`,
      after: { slot: parked.slot, lot: parked.lot, channel: parked.channel, to: own },
    },
  };
});

/** Click-to-call from the user's own extension. */
export const clickToCall = action("panel.originate", clickToCallSchema, async (input, { user, tx }) => {
  const own = requireOwnExtension(user);
  if (input.number === own) {
    throw new AppError("bad_request:number", "That is your own extension.", {
      fieldErrors: { number: ["That is your own extension."] },
    });
  }
  const [phone] = await tx
    .select({ classOfService: extensions.classOfService })
    .from(extensions)
    .where(eq(extensions.number, own))
    .limit(1);
  if (!phone) throw new AppError("not_found:extension", `Your extension ${own} does not exist any more.`);
  await sendCommand(originateCommand(own, input.number, phone.classOfService), tx).catch((error) => {
    // Asterisk checks the number against the phone's context before ringing anyone.
    if (error instanceof AppError && /extension does not exist/i.test(error.message)) {
      const message = `No number or outbound route lets extension ${own} (class ${phone.classOfService}) dial ${input.number}.`;
      throw new AppError("bad_request:number", message, { fieldErrors: { number: [message] } });
    }
    throw error;
  });
  return {
    data: { ok: true },
    audit: {
      action: "panel.originate",
      entity: "call",
      entityId: own,
      entityLabel: `Call ${input.number} from ${own}`,
      after: { from: own, to: input.number },
    },
  };
});

export const startRecording = action("panel.record", callTargetSchema, async (input, { user, tx }) => {
  const channel = await visibleChannel(input.uniqueid, { user, tx });
  if (channel.recording) throw new AppError("conflict:recording", "That call is already being recorded.");
  await assertOnDemandAllowed(tx, channel);
  await sendCommand(mixMonitorCommand(channel.name, channel.linkedid, channel.uniqueid), tx);
  return {
    data: { file: recordingFileName(channel.linkedid, channel.uniqueid) },
    audit: callAudit("panel.record_start", channel, `Record ${channel.name}`, {
      file: recordingFileName(channel.linkedid, channel.uniqueid),
    }),
  };
});

export const stopRecording = action("panel.record", callTargetSchema, async (input, { user, tx }) => {
  const channel = await visibleChannel(input.uniqueid, { user, tx });
  await sendCommand(stopMixMonitorCommand(channel.name), tx);
  return {
    data: { ok: true },
    audit: callAudit("panel.record_stop", channel, `Stop recording ${channel.name}`),
  };
});

async function visibleChannel(uniqueid: string, { user, tx }: Pick<ActionContext, "user" | "tx">) {
  const state = await loadLiveState();
  return requireChannel(state, await getLiveScope(user, tx), uniqueid, "visible");
}

/** A transfer goes to a number that exists: an extension, a ring group or a queue. */
async function requireDestination(tx: ActionContext["tx"], number: string): Promise<string> {
  const owner = await findNumberOwner(tx, number);
  if (!owner) {
    const message = `There is no extension, ring group or queue ${number}.`;
    throw new AppError("not_found:destination", message, { fieldErrors: { number: [message] } });
  }
  return `${owner.kind} ${number}`;
}

function callAudit(action: string, channel: LiveChannel, label: string, extra: Record<string, unknown> = {}) {
  return {
    action,
    entity: "call",
    entityId: channel.linkedid,
    entityLabel: label,
    after: { channel: channel.name, uniqueid: channel.uniqueid, extension: channel.endpoint, ...extra },
  };
}
