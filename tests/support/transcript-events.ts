import { type AmiEvent, toAmiMessage } from "@/lib/asterisk/ami/message";
import { loadTranscript, splitHeaders } from "@/lib/asterisk/ami/testing/transcript";

/** The live events of a recorded transcript (messages with no ActionID), in wire order. */
export function liveEventsOf(name: string): AmiEvent[] {
  const events: AmiEvent[] = [];
  for (const line of loadTranscript(name).lines) {
    if (line.dir !== "recv" || !line.raw.endsWith("\r\n\r\n")) continue;
    const message = toAmiMessage(splitHeaders(line.raw));
    if (message.type === "event" && message.actionId === undefined) events.push(message);
  }
  return events;
}
