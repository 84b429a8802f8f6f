import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addClip, deleteClip, listClips, moveClip, playClip } from "@/app/(admin)/soundboard/actions";
import { liveChannel, liveSnapshot } from "@/lib/asterisk/live/testing/live-fixtures";
import { emptyLiveState, type LiveState } from "@/lib/asterisk/live/types";
import type { CurrentUser } from "@/lib/auth/session";
import { LIVE_SNAPSHOT_KEY } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";
import { db } from "@/lib/db/client";
import { sounds } from "@/lib/db/schema/ivr";
import type { User } from "@/lib/db/schema/users";
import { auditFor } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// ARI itself is exercised against a real Asterisk (tests/asterisk/soundboard.test.ts).
const plays = vi.hoisted(() => [] as { channelId: string; media: string }[]);
vi.mock("@/lib/asterisk/ari/app-ari", () => ({
  playIntoCall: async (p: { channelId: string; media: string }) => {
    plays.push({ channelId: p.channelId, media: p.media });
    return { snoopId: "s", playbackId: "p", finished: Promise.resolve("finished") };
  },
}));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;
let agent: User;
let idle: User;
let soundId: string;

/** 1002 talks to an outside caller (1.0 ↔ 1.1, answered at 10) and has a held call (2.1). */
function liveState(): LiveState {
  const s = emptyLiveState();
  s.channels["1.0"] = liveChannel("1.0", null, { bridgeId: "b1" });
  s.channels["1.1"] = liveChannel("1.1", "1002", { linkedid: "1.0", bridgeId: "b1", answeredAt: 10 });
  s.channels["2.1"] = liveChannel("2.1", "1002", { bridgeId: "b2", answeredAt: 20, onHold: true });
  return s;
}

beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
  agent = await insertUser({ role: "agent", extension: "1002" });
  idle = await insertUser({ role: "agent", extension: "1003" });
  const [s] = await db
    .insert(sounds)
    .values({ name: "thanks", sourceFormat: "wav", bytes: 16_000, durationMs: 1000 })
    .returning();
  soundId = s!.id;
  await getBus().setSnapshot(LIVE_SNAPSHOT_KEY, { version: Date.now(), data: liveSnapshot(liveState()) });
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(admin);
  plays.length = 0;
});

describe("soundboard clips", () => {
  it("adds clips in order, refuses a duplicate label and an unknown sound, and reorders", async () => {
    const a = await addClip({ soundId, label: " Thank you " });
    const b = await addClip({ soundId, label: "Please hold" });
    expect(a.ok && b.ok).toBe(true);
    const dup = await addClip({ soundId, label: "Thank you" });
    expect(dup.ok ? null : dup.error.fieldErrors?.label).toEqual(["Another clip has that label."]);
    const missing = await addClip({ soundId: "00000000-0000-4000-8000-000000000000", label: "Ghost" });
    expect(missing.ok ? null : missing.error.fieldErrors?.soundId).toBeTruthy();
    const bad = await addClip({ soundId, label: "line\nbreak" });
    expect(bad.ok).toBe(false);

    if (!b.ok) throw new Error("add failed");
    expect((await moveClip({ id: b.data.id, direction: "up" })).ok).toBe(true);
    session.current = currentUserFor(agent);
    const list = await listClips({});
    expect(list.ok && list.data.map((c) => c.label)).toEqual(["Please hold", "Thank you"]);
    const audit = await auditFor(b.data.id);
    expect(audit.map((r) => r.action)).toContain("soundboard.add");
  });

  it("only admins manage clips", async () => {
    session.current = currentUserFor(agent);
    const r = await addClip({ soundId, label: "Agent clip" });
    expect(r.ok ? null : r.error.code).toBe("forbidden:soundboard.write");
  });
});

describe("playing a clip", () => {
  it("plays into the agent's own talking leg (not the held one) and audits it", async () => {
    session.current = currentUserFor(admin);
    const clips = await listClips({});
    const clip = clips.ok ? clips.data[0]! : null;
    session.current = currentUserFor(agent);
    const r = await playClip({ id: clip!.id });
    expect(r.ok).toBe(true);
    expect(plays).toEqual([
      { channelId: "1.1", media: expect.stringMatching(new RegExp(`^sound:/.+/${soundId}$`)) },
    ]);
    const audit = await auditFor(clip!.id);
    expect(audit.find((a) => a.action === "soundboard.play")?.userEmail).toBe(agent.email);
  });

  it("says so when the agent is not in a call, and refuses users without the permission", async () => {
    session.current = currentUserFor(admin);
    const clips = await listClips({});
    const id = clips.ok ? clips.data[0]!.id : "";
    session.current = currentUserFor(idle);
    const r = await playClip({ id });
    expect(r.ok ? null : r.error.code).toBe("bad_request:no_call");
    const qa = await insertUser({ role: "qa" });
    session.current = currentUserFor(qa);
    const denied = await playClip({ id });
    expect(denied.ok ? null : denied.error.code).toBe("forbidden:soundboard.play");
    expect(plays).toEqual([]);
  });

  it("deleting a clip keeps the sound", async () => {
    session.current = currentUserFor(admin);
    const clips = await listClips({});
    for (const c of clips.ok ? clips.data : []) expect((await deleteClip({ id: c.id })).ok).toBe(true);
    expect(await db.select().from(sounds)).toHaveLength(1);
  });
});
