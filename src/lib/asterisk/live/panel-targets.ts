import "server-only";
import { AmiError } from "@/lib/asterisk/ami/ami-error";
import { appAmiAction } from "@/lib/asterisk/ami/app-ami";
import type { AmiReply } from "@/lib/asterisk/ami/pending-actions";
import type { CurrentUser } from "@/lib/auth/session";
import { LIVE_SNAPSHOT_KEY } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { startedLiveMirror } from "./feed/get-live-mirror";
import type { AmiCommand } from "./panel-commands";
import { hasExtension, type LiveScope, visibleChannels } from "./scope-filter";
import type { LiveChannel, LiveSnapshot, LiveState } from "./types";

/**
 * What every panel action does before it touches Asterisk: read the live state the listener
 * published, find the target in it, and check it against the user's scope. A target that is
 * not in the current state (the call ended, or it never existed) is refused, so a forged
 * Uniqueid or channel name can never reach AMI.
 */
export async function loadLiveState(): Promise<LiveState> {
  // The process's mirror (running once anyone has the panel open) follows every delta; the
  // stored snapshot can trail it by up to a second, and a call that new would look ended.
  const [stored, mirror] = await Promise.all([
    getBus().getSnapshot<LiveSnapshot>(LIVE_SNAPSHOT_KEY),
    startedLiveMirror()?.catch(() => undefined),
  ]);
  const followed = mirror?.snapshot();
  const snapshot = followed && followed.version > (stored?.data?.version ?? 0) ? { data: followed } : stored;
  if (!snapshot?.data?.state) {
    throw new AppError(
      "unavailable:live_state",
      "The live state is not available yet: the AMI listener has not connected to Asterisk.",
    );
  }
  return snapshot.data.state;
}

export type ChannelRule =
  /** Any leg of a call the scope sees (hang up, transfer, park, record). */
  | "visible"
  /** A leg of an extension in scope (listen, whisper, barge, attended transfer, pickup). */
  | "agent";

export function requireChannel(
  state: LiveState,
  scope: LiveScope,
  uniqueid: string,
  rule: ChannelRule,
): LiveChannel {
  const channel = Object.hasOwn(state.channels, uniqueid) ? state.channels[uniqueid] : undefined;
  if (!channel) throw new AppError("not_found:channel", "That call has ended.");
  const allowed =
    rule === "agent"
      ? hasExtension(scope, channel.endpoint)
      : visibleChannels(state, scope).has(channel.uniqueid);
  if (!allowed)
    throw new AppError("forbidden:scope", "That call is outside the teams and queues you supervise.");
  return channel;
}

/** The other channel in the same two-party bridge, if any. */
export function bridgedPeer(state: LiveState, channel: LiveChannel): LiveChannel | null {
  if (!channel.bridgeId) return null;
  const bridge = state.bridges[channel.bridgeId];
  const peerId = bridge?.channels.find((id) => id !== channel.uniqueid);
  return (peerId && state.channels[peerId]) || null;
}

/** The user's own extension: where spies, pickups and click-to-call ring first. */
export function requireOwnExtension(user: Pick<CurrentUser, "extension">): string {
  if (!user.extension) {
    throw new AppError(
      "bad_request:no_extension",
      "Your user has no extension, so there is no phone to ring. Ask an admin to set one.",
    );
  }
  return user.extension;
}

export function requireScopeExtension(scope: LiveScope, extension: string): void {
  if (!hasExtension(scope, extension)) {
    throw new AppError(
      "forbidden:scope",
      `Extension ${extension} is outside the teams and queues you supervise.`,
    );
  }
}

/**
 * Sends one command on the app's AMI connection. Asterisk's "no such channel" answers become
 * "the call has ended"; any other refusal keeps Asterisk's own words.
 */
export async function sendCommand(command: AmiCommand, tx: Tx): Promise<AmiReply> {
  try {
    return await appAmiAction(command.action, command.headers, { exec: tx });
  } catch (error) {
    if (error instanceof AmiError && error.code === "bad_request:ami_action") {
      if (/no such channel|channel does not exist|channel not found/i.test(error.message)) {
        throw new AppError("not_found:channel", "That call has ended.");
      }
      throw new AppError("bad_request:asterisk", `Asterisk refused ${command.action}: ${error.message}`);
    }
    throw error;
  }
}
