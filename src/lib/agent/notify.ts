import "server-only";
import { CHANNELS } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";

/** Tells the user's open browsers (their session stream) that their agent inbox changed. */
export async function notifyInbox(userId: string, topic: "wrapup" | "callbacks"): Promise<void> {
  await getBus().publish(CHANNELS.agent, { type: "agent.inbox", userId, topic });
}
