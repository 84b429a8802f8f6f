import { BANNER, type FakeAmiConnection, startFakeAmi } from "@/lib/asterisk/ami/testing/fake-ami-server";
import {
  actionIdOf,
  loadTranscript,
  replaceActionId,
  repliesTo,
  type Transcript,
} from "@/lib/asterisk/ami/testing/transcript";

/**
 * A fake Asterisk that answers list actions with a recorded transcript's replies for the
 * current phase (`start`, `snap` or `end`: the recorder's ActionID prefixes), and writes the
 * transcript's live events when told to. Lets a test drive the real listener through a
 * recorded call, a dropped connection and a resync.
 */
export async function startTranscriptAsterisk(name: string) {
  const transcript = loadTranscript(name);
  let phase: "start" | "snap" | "end" = "start";
  const server = await startFakeAmi({
    onAction(connection, action) {
      if (action.name === "Login") {
        connection.write(
          `Response: Success\r\nActionID: ${action.actionId}\r\nMessage: Authentication accepted\r\n\r\n`,
          // What Asterisk 22 sends every new session once it is up (the after-login layout).
          "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 60\r\nLastReload: 60\r\nStatus: Fully Booted\r\n\r\n",
        );
        return;
      }
      if (action.name === "Logoff") {
        connection.write(
          `Response: Goodbye\r\nActionID: ${action.actionId}\r\nMessage: Thanks for all the fish.\r\n\r\n`,
        );
        connection.socket.end();
        return;
      }
      if (action.name === "DBGetTree") {
        // No DND in the recorded sessions: an empty tree, as main/db.c answers it.
        connection.write(
          `Response: Success\r\nActionID: ${action.actionId}\r\nEventList: start\r\nMessage: Result will follow\r\n\r\n`,
          `Event: DBGetTreeComplete\r\nActionID: ${action.actionId}\r\nEventList: Complete\r\nListItems: 0\r\n\r\n`,
        );
        return;
      }
      const recorded = `${phase}-${action.name}`;
      const replies = repliesTo(transcript, recorded);
      if (replies.length === 0) {
        const message =
          action.name === "ConfbridgeListRooms"
            ? "No active conferences."
            : action.name === "Ping"
              ? null
              : "Invalid/unknown command";
        connection.write(
          message === null
            ? `Response: Success\r\nActionID: ${action.actionId}\r\nPing: Pong\r\nTimestamp: ${Date.now() / 1000}\r\n\r\n`
            : `Response: Error\r\nActionID: ${action.actionId}\r\nMessage: ${message}\r\n\r\n`,
        );
        return;
      }
      connection.write(...replies.map((raw) => replaceActionId(raw, recorded, action.actionId)));
    },
    onConnection(connection) {
      connection.write(BANNER);
    },
  });
  return {
    port: server.port,
    server,
    setPhase(next: "start" | "snap" | "end") {
      phase = next;
    },
    /** Writes the live events recorded between the `from` block's last reply and the `to` block. */
    playEvents(connection: FakeAmiConnection | undefined, from: "start" | "snap", to: "snap" | "end") {
      connection?.write(...liveBetween(transcript, from, to));
    },
    close: () => server.close(),
  };
}

function liveBetween(transcript: Transcript, from: string, to: string): string[] {
  const out: string[] = [];
  let started = false;
  for (const line of transcript.lines) {
    if (line.dir !== "recv") continue;
    const id = actionIdOf(line.raw);
    if (id?.startsWith(`${to}-`)) break;
    if (id?.startsWith(`${from}-`)) {
      started = true;
      continue;
    }
    if (started && id === undefined && line.raw.startsWith("Event: ")) out.push(line.raw);
  }
  return out;
}
