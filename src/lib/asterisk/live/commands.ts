import "server-only";
import { CHANNELS, type LiveCommand } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";

/** Tells the listener something AMI won't (see LiveCommand); fire-and-forget over the bus. */
export async function sendLiveCommand(command: LiveCommand): Promise<void> {
  await getBus().publish(CHANNELS.liveCommands, { type: "live.command", command });
}
