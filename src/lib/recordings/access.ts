import type { Permission } from "@/lib/auth/permissions";
import { extensionOfChannel } from "./file-name";

export type CallLeg = { src: string; dst: string; channel: string; dstchannel: string };
export type Listener = { permissions: ReadonlySet<Permission>; extension: string | null };

/**
 * Who may hear a recording: anyone with `recordings.listen`, or an agent whose own extension
 * took part in the call (the recording's agent, or a CDR leg's src/dst/channel/dstchannel).
 */
export function canListen(
  user: Listener,
  recording: { agentExtension: string | null },
  legs: readonly CallLeg[],
): boolean {
  if (user.permissions.has("recordings.listen")) return true;
  const ext = user.extension;
  if (!ext) return false;
  if (recording.agentExtension === ext) return true;
  return legs.some(
    (l) =>
      l.src === ext ||
      l.dst === ext ||
      extensionOfChannel(l.channel) === ext ||
      extensionOfChannel(l.dstchannel) === ext,
  );
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
