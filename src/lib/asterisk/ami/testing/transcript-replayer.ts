import type { FakeAmiConnection, FakeAmiHandlers, ReceivedAction } from "./fake-ami-server";
import { actionIdOf, replaceActionId, type Transcript } from "./transcript";

/**
 * Plays a recorded session back as Asterisk, in its recorded order. The client has to send the
 * recorded actions one by one; for each, the replayer checks the bytes (ActionID aside), then
 * writes every recorded message up to the next recorded action: the reply with its list items
 * and whatever live events Asterisk interleaved. Recorded ActionIDs are swapped for the client's.
 * A recorded `close` ends the socket; a recorded `reconnect` waits for the client's next connection.
 */
export function transcriptReplayer(transcript: Transcript) {
  const script = transcript.lines;
  let next = 0;
  /** Recorded ActionID → the client's. */
  const ids = new Map<string, string>();
  const mismatches: string[] = [];

  function rewrite(raw: string): string {
    const recorded = actionIdOf(raw);
    const mapped = recorded === undefined ? undefined : ids.get(recorded);
    return recorded === undefined || mapped === undefined ? raw : replaceActionId(raw, recorded, mapped);
  }

  /** Writes recorded messages until the script waits for the client. */
  function play(connection: FakeAmiConnection) {
    const out: string[] = [];
    while (next < script.length) {
      const line = script[next];
      if (!line || line.dir === "send") break;
      next += 1;
      if (line.dir === "recv") out.push(rewrite(line.raw));
      else if (line.raw === "close") {
        if (script[next]?.raw === "reconnect") next += 1;
        connection.write(...out);
        connection.socket.end();
        return;
      }
    }
    connection.write(...out);
  }

  const handlers: FakeAmiHandlers = {
    onConnection: play,
    onAction(connection: FakeAmiConnection, action: ReceivedAction) {
      const line = script[next];
      if (line?.dir !== "send") {
        mismatches.push(`unexpected ${action.name} at line ${next}`);
        return;
      }
      const recordedId = actionIdOf(line.raw) ?? "";
      ids.set(recordedId, action.actionId);
      const expected = replaceActionId(line.raw, recordedId, action.actionId);
      if (expected !== action.raw)
        mismatches.push(`sent ${JSON.stringify(action.raw)}, recorded ${JSON.stringify(expected)}`);
      next += 1;
      play(connection);
    },
  };

  return {
    handlers,
    /** Differences between what the client sent and what the recorder sent. */
    mismatches,
    /** Recorded ActionID → the client's ActionID. */
    ids,
    /** The recorded `send` lines, in order. */
    sends: script.filter((line) => line.dir === "send").map((line) => line.raw),
  };
}
