import { afterEach, describe, expect, it } from "vitest";
import { AmiClient } from "./ami-client";
import { AmiError, isEmptyListError } from "./ami-error";
import { AmiConnectionState } from "./connection-state";
import type { AmiEvent } from "./message";
import type { AmiReply } from "./pending-actions";
import { type FakeAmiServer, startFakeAmi } from "./testing/fake-ami-server";
import {
  actionIdOf,
  listActionIds,
  loadTranscript,
  replaceActionId,
  repliesTo,
  splitHeaders,
  TRANSCRIPT_NAMES,
} from "./testing/transcript";
import { transcriptReplayer } from "./testing/transcript-replayer";

const servers: FakeAmiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/**
 * Every recorded session (but 00, whose first login fails on purpose: see ami-client.test.ts)
 * replayed through the client: the actions it writes must be the recorder's bytes, each reply
 * must resolve with exactly the recorded response and list items, and the live events must be
 * exactly the recorded events that are not list items, in order.
 */
describe.each(TRANSCRIPT_NAMES.filter((name) => name !== "00-login-failure"))("replaying %s", (name) => {
  it("sends the recorded bytes and gets back the recorded replies and live events", async () => {
    const transcript = loadTranscript(name);
    const replay = transcriptReplayer(transcript);
    const server = await startFakeAmi(replay.handlers);
    servers.push(server);
    const client = new AmiClient({
      host: "127.0.0.1",
      port: server.port,
      username: "admin",
      secret: "amp111",
      reconnect: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    const live: AmiEvent[] = [];
    const states: string[] = [];
    let logins = 0;
    client.on("event", (event) => live.push(event));
    client.on("state", ({ state }) => states.push(state));
    client.on("state", ({ state }) => {
      if (state === AmiConnectionState.Connected) logins += 1;
    });

    const outcomes = new Map<string, { reply?: AmiReply; error?: unknown }>();
    let loginsSeen = 0;
    for (const raw of replay.sends) {
      const headers = splitHeaders(raw);
      const action = headers[0]?.[1] ?? "";
      const recordedId = actionIdOf(raw) ?? "";
      if (action === "Login") {
        loginsSeen += 1;
        if (loginsSeen === 1) await client.connect();
        else await until(() => logins >= loginsSeen);
      } else if (action === "Logoff") {
        await client.close();
      } else {
        // The recorded headers minus Action (first) and ActionID (last): sent as they were.
        const args = Object.fromEntries(headers.slice(1, -1));
        outcomes.set(
          recordedId,
          await client.action(action, args).then(
            (reply) => ({ reply }),
            (error) => ({ error }),
          ),
        );
      }
    }

    expect(replay.mismatches).toEqual([]);
    const toClient = (raw: string) => {
      const id = actionIdOf(raw);
      const mapped = id === undefined ? undefined : replay.ids.get(id);
      return id === undefined || mapped === undefined ? raw : replaceActionId(raw, id, mapped);
    };

    const lists = listActionIds(transcript);
    for (const [recordedId, outcome] of outcomes) {
      const [response = "", ...rest] = repliesTo(transcript, recordedId).map(toClient);
      const items = lists.has(recordedId) ? rest : [];
      if (response.startsWith("Response: Error")) {
        expect(outcome.error, recordedId).toBeInstanceOf(AmiError);
        const error = outcome.error as AmiError;
        expect(error.code).toBe("bad_request:ami_action");
        expect(error.message).toBe(
          splitHeaders(response)
            .find(([k]) => k === "Message")?.[1]
            .trim(),
        );
        expect(error.response?.headers).toEqual(splitHeaders(response));
      } else {
        expect(outcome.error, recordedId).toBeUndefined();
        expect(outcome.reply?.response.headers).toEqual(splitHeaders(response));
        expect(outcome.reply?.events.map((e) => e.headers)).toEqual(items.slice(0, -1).map(splitHeaders));
        expect(outcome.reply?.complete?.headers).toEqual(
          items.length ? splitHeaders(items.at(-1) ?? "") : undefined,
        );
        if (outcome.reply?.complete) {
          expect(outcome.reply.complete.fields.ListItems).toBe(String(outcome.reply.events.length));
        }
      }
    }

    const expectedLive = transcript.lines
      .filter((line) => line.dir === "recv" && line.raw.startsWith("Event: "))
      .filter((line) => !lists.has(actionIdOf(line.raw) ?? ""))
      .map((line) => splitHeaders(toClient(line.raw)));
    expect(live.map((e) => e.headers)).toEqual(expectedLive);
    // Only OriginateResponse carries an ActionID and is live; every other such event is a list item.
    expect(live.some((e) => e.actionId !== undefined && e.event !== "OriginateResponse")).toBe(false);

    const connections = replay.sends.filter((raw) => raw.startsWith("Action: Login")).length;
    expect(states).toEqual(Array(connections).fill(["connecting", "connected", "disconnected"]).flat());
    expect(server.connections).toHaveLength(connections);
  });
});

describe("recorded quirks through the client", () => {
  it("16: OriginateResponse, which carries the Originate's ActionID, is a live event", async () => {
    const { live, ids } = await replayAll("16-originate-click-to-call");
    const originate = live.find((e) => e.event === "OriginateResponse");
    expect(originate?.actionId).toBe(ids.get("click2call-1001-1002"));
    expect(originate?.fields.Response).toBe("Success");
  });

  it("01: an empty ConfbridgeListRooms rejects, and isEmptyListError tells it from a real error", async () => {
    const { errors } = await replayAll("01-idle-lists");
    const empty = errors.get("idle-ConfbridgeListRooms");
    expect(empty).toMatchObject({ code: "bad_request:ami_action", message: "No active conferences." });
    expect(isEmptyListError(empty)).toBe(true);
    const unknown = [...errors.values()].find((e) => e.action === "NoSuchAction");
    expect(unknown?.message).toMatch(/^Invalid\/unknown command: NoSuchAction/);
    expect(isEmptyListError(unknown)).toBe(false);
  });

  it("02: PJSIPShowContacts with no contacts ('No Contacts found\\n') is an empty list", async () => {
    const { errors } = await replayAll("02-register-unregister");
    const empty = errors.get("start-PJSIPShowContacts");
    expect(empty?.response?.fields.Message).toBe("No Contacts found\n");
    expect(isEmptyListError(empty)).toBe(true);
  });

  it("12: the Park reply keeps its bare LF and resolves", async () => {
    const { replies } = await replayAll("12-park-unpark");
    expect(replies.get("park-1001")?.response.fields.Message).toBe("Park successful\n");
  });
});

/** Replays one transcript through a client and returns what came out. */
async function replayAll(name: string) {
  const replay = transcriptReplayer(loadTranscript(name));
  const server = await startFakeAmi(replay.handlers);
  servers.push(server);
  const client = new AmiClient({ host: "127.0.0.1", port: server.port, username: "admin", secret: "amp111" });
  const live: AmiEvent[] = [];
  client.on("event", (event) => live.push(event));
  const replies = new Map<string, AmiReply>();
  const errors = new Map<string, AmiError>();
  await client.connect();
  for (const raw of replay.sends) {
    const headers = splitHeaders(raw);
    const action = headers[0]?.[1] ?? "";
    const id = actionIdOf(raw) ?? "";
    if (action === "Login") continue;
    if (action === "Logoff") break;
    await client.action(action, Object.fromEntries(headers.slice(1, -1))).then(
      (reply) => replies.set(id, reply),
      (error: AmiError) => errors.set(id, error),
    );
  }
  await client.close();
  return { live, replies, errors, ids: replay.ids };
}

async function until(predicate: () => boolean, timeoutMs = 5_000) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setImmediate(resolve));
  }
}
