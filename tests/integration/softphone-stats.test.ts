import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ current: null as import("@/lib/auth/session").CurrentUser | null }));
vi.mock("@/lib/auth/session", async () => (await import("../support/recordings")).sessionMock(session));

import { GET as liveRoute } from "@/app/api/live/route";
import { GET as checkConfig } from "@/app/api/softphone/check-config/route";
import { POST } from "@/app/api/softphone/stats/route";
import { getLiveMirror } from "@/lib/asterisk/live/feed/get-live-mirror";
import { LiveListener } from "@/lib/asterisk/live/listener/live-listener";
import type { LiveCallQuality, LiveSnapshot } from "@/lib/asterisk/live/types";
import { getBus } from "@/lib/bus/get-bus";
import { db } from "@/lib/db/client";
import { teamMembers, teams } from "@/lib/db/schema/panel";
import { settings } from "@/lib/db/schema/settings";
import type { User } from "@/lib/db/schema/users";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let listener: LiveListener;
const users = {} as Record<"supervisor" | "agent" | "otherAgent" | "noExtension" | "qa" | "revoked", User>;

const ORIGIN = "http://switchboard.test";
const AT = Date.UTC(2026, 10, 22, 10, 0, 0);
const sample = (over: Record<string, unknown> = {}) => ({
  callId: "a84b4c76e66710@pc33.example.test",
  at: AT,
  rttMs: 48,
  jitterMs: 4.5,
  packetsLost: 3,
  packetLossPct: 0.5,
  ...over,
});

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request(`${ORIGIN}/api/softphone/stats`, {
      method: "POST",
      headers: { host: "switchboard.test", origin: ORIGIN, "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

/** Signs in as `user` (null: nobody). Each user gets its own rate-limit window. */
function as(user: User | null) {
  session.current = user ? currentUserFor(user) : null;
}

/** The first `snapshot` event of GET /api/live for the signed-in user. */
async function liveSnapshotFor(user: User): Promise<LiveSnapshot> {
  as(user);
  const abort = new AbortController();
  const res = await liveRoute(new Request(`${ORIGIN}/api/live`, { signal: abort.signal }));
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended before a snapshot");
      text += decoder.decode(value, { stream: true });
      const match = /event: snapshot\nid: \d+\ndata: (.*)\n\n/.exec(text);
      if (match) return JSON.parse(match[1]!) as LiveSnapshot;
    }
  } finally {
    abort.abort();
    await reader.cancel().catch(() => {});
  }
}

async function until<T>(read: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  testDb = await useTestDb();
  users.supervisor = await insertUser({ role: "supervisor", extension: "1001" });
  users.agent = await insertUser({ role: "agent", extension: "1002" });
  users.otherAgent = await insertUser({ role: "agent", extension: "1005" });
  users.noExtension = await insertUser({ role: "agent" });
  users.qa = await insertUser({ role: "qa", extension: "1007" });
  users.revoked = await insertUser({ role: "agent", extension: "1008", revokes: ["softphone.use"] });
  const [team] = await db.insert(teams).values({ name: "Team A" }).returning();
  await db.insert(teamMembers).values([
    { teamId: team!.id, userId: users.supervisor.id, isSupervisor: true },
    { teamId: team!.id, userId: users.agent.id },
  ]);
  // The listener with no AMI configured: it still takes the app's commands and publishes them.
  listener = new LiveListener({
    bus: getBus(),
    db: null,
    timeZone: "UTC",
    log: pino({ level: "silent" }),
    connection: async () => null,
  });
  await listener.start();
  // As on a running server, this process's mirror is up before anything is reported.
  await getLiveMirror();
});

afterAll(async () => {
  await listener.stop();
  await testDb.drop();
});

beforeEach(() => {
  session.current = null;
});

describe("POST /api/softphone/stats", () => {
  it("refuses without a session (401), cross-site (403), without softphone.use or an extension (403)", async () => {
    as(null);
    expect((await post({ samples: [sample()] })).status).toBe(401);

    as(users.agent);
    const crossSite = await post({ samples: [sample()] }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.code).toBe("forbidden:origin");

    as(users.qa);
    const qa = await post({ samples: [sample()] });
    expect(qa.status).toBe(403);
    expect((await qa.json()).error.code).toBe("forbidden:softphone.use");
    as(users.revoked);
    expect((await post({ samples: [sample()] })).status).toBe(403);

    as(users.noExtension);
    const noExt = await post({ samples: [sample()] });
    expect(noExt.status).toBe(403);
    expect((await noExt.json()).error.message).toMatch(/not linked to an extension/);
    expect(listener.store.state.quality).toEqual({});
  });

  it("answers 400 with a clear message for bodies that are not valid samples", async () => {
    as(users.otherAgent);
    const cases: [unknown, RegExp][] = [
      ["not json", /Send a JSON object/],
      [{}, /samples/],
      [{ samples: [] }, /Send at least one sample/],
      [{ samples: Array.from({ length: 21 }, () => sample()) }, /at most 20 samples/],
      [{ samples: [sample({ callId: "x\r\nVia: evil" })] }, /samples\.0\.callId: callId must be/],
      [{ samples: [sample({ rttMs: -5 })] }, /samples\.0\.rttMs: rttMs cannot be negative/],
      [{ samples: [sample({ packetLossPct: 250 })] }, /packetLossPct runs from 0 to 100/],
      [{ samples: [sample({ at: "yesterday" })] }, /at must be epoch milliseconds/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    }
    const huge = await post({ samples: [sample({ callId: "a".repeat(20_000) })] });
    expect(huge.status).toBe(400);
    expect((await huge.json()).error.code).toBe("bad_request:too_large");
    // None of these used up the user's window, and none reached the live state.
    expect(listener.store.state.quality).toEqual({});
    expect((await post({ samples: [sample()] })).status).toBe(202);
  });

  it("publishes the newest sample under the user's own extension, one report per 2 s", async () => {
    as(users.agent);
    const res = await post({
      samples: [sample({ at: AT - 4000, rttMs: 300 }), sample({ at: AT, rttMs: 48 })],
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ data: { accepted: 2 } });

    const again = await post({ samples: [sample({ at: AT + 1000, rttMs: 999 })] });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    const entry = await until<LiveCallQuality>(() => listener.store.state.quality["1002"]);
    expect(entry).toMatchObject({
      extension: "1002",
      callId: "a84b4c76e66710@pc33.example.test",
      sampledAt: AT,
      rttMs: 48,
      jitterMs: 4.5,
      packetsLost: 3,
      packetLossPct: 0.5,
    });
  });

  it("reaches /api/live scoped: the agent's supervisor and the agent see it, another agent doesn't", async () => {
    await until(() => listener.store.state.quality["1002"]);
    await listener.drain();
    const supervisorView = await until(async () => {
      const snap = await liveSnapshotFor(users.supervisor);
      return snap.state.quality?.["1002"] ? snap : undefined;
    });
    expect(supervisorView.state.quality["1002"]).toMatchObject({ rttMs: 48, jitterMs: 4.5 });
    // 1005 reported in the 400 test: the supervisor's team doesn't include it.
    expect(Object.keys(supervisorView.state.quality)).toEqual(["1002"]);

    expect(Object.keys((await liveSnapshotFor(users.agent)).state.quality)).toEqual(["1002"]);
    expect(Object.keys((await liveSnapshotFor(users.otherAgent)).state.quality)).toEqual(["1005"]);
  });
});

describe("GET /api/softphone/check-config", () => {
  it("gives a phone user the WebSocket URL and ICE servers, uncached; 401/403 otherwise", async () => {
    await db.insert(settings).values([
      { key: "sip.wsUrl", value: "wss://pbx.example.test:8089/ws" },
      { key: "webrtc.stun", value: "stun:stun.example.test:3478" },
    ]);
    as(users.agent);
    const res = await checkConfig();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(await res.json()).toEqual({
      wsUrl: "wss://pbx.example.test:8089/ws",
      iceServers: [{ urls: ["stun:stun.example.test:3478"] }],
    });
    as(users.qa);
    expect((await checkConfig()).status).toBe(403);
    as(null);
    expect((await checkConfig()).status).toBe(401);
  });
});
