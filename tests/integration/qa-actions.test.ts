import { existsSync, mkdirSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const dirs = vi.hoisted(() => {
  const fs = require("node:fs") as typeof import("node:fs");
  const osm = require("node:os") as typeof import("node:os");
  const p = require("node:path") as typeof import("node:path");
  const base = fs.mkdtempSync(p.join(osm.tmpdir(), "sb-qa-"));
  process.env.ASTERISK_SPOOL_DIR = p.join(base, "spool");
  process.env.DATA_DIR = p.join(base, "data");
  return { base, root: p.join(base, "spool", "monitor") };
});
const session = vi.hoisted(() => ({ current: null as import("@/lib/auth/session").CurrentUser | null }));
vi.mock("@/lib/auth/session", async () => (await import("../support/recordings")).sessionMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { respondToReview, submitReview } from "@/app/(admin)/qa/review/actions";
import { createScorecard, updateScorecard } from "@/app/(admin)/qa/scorecards/actions";
import { applyRetention, reindexRecordings } from "@/app/(admin)/recordings/actions";
import { db } from "@/lib/db/client";
import { countWaitingReviews, listDisputedReviews, scoreTrend } from "@/lib/db/queries/qa";
import { qaReviews, qaScorecards, recordings } from "@/lib/db/schema/recordings";
import { settings } from "@/lib/db/schema/settings";
import type { User } from "@/lib/db/schema/users";
import { auditFor } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";
import { makeWav } from "../support/wav";

type Who = "admin" | "supervisor" | "qa" | "agentOwn" | "agentOther";
let testDb: Awaited<ReturnType<typeof useTestDb>>;
const users = {} as Record<Who, User>;
let scorecardId: string;
let recordingId: string;
let otherRecordingId: string;

const card = {
  name: "Sales call",
  description: "",
  active: true,
  sections: [
    {
      title: "Opening",
      questions: [
        { id: "greet", text: "Greeted", weight: 1, type: "yes_no" as const, allowNa: false, critical: false },
        { id: "verify", text: "Verified", weight: 2, type: "yes_no" as const, allowNa: true, critical: true },
      ],
    },
    {
      title: "Handling",
      questions: [
        { id: "tone", text: "Tone", weight: 3, type: "scale" as const, allowNa: false, critical: false },
      ],
    },
  ],
};

beforeAll(async () => {
  testDb = await useTestDb();
  mkdirSync(dirs.root, { recursive: true });
  writeFileSync(path.join(dirs.root, "1732262400.12-1001.wav"), makeWav({ seconds: 0.5 }));
  writeFileSync(path.join(dirs.root, "1732262500.20-1002.wav"), makeWav({ seconds: 0.5 }));
  const old = path.join(dirs.root, "1600000000.1-1001.wav");
  writeFileSync(old, makeWav({ seconds: 0.2 }));
  const longAgo = new Date(Date.now() - 40 * 86_400_000);
  utimesSync(old, longAgo, longAgo);
  users.admin = await insertUser({ role: "admin" });
  users.supervisor = await insertUser({ role: "supervisor" });
  users.qa = await insertUser({ role: "qa" });
  users.agentOwn = await insertUser({ role: "agent", extension: "1001" });
  users.agentOther = await insertUser({ role: "agent", extension: "1002" });
  session.current = currentUserFor(users.admin);
  expect(await reindexRecordings({})).toMatchObject({ ok: true, data: { scanned: 3 } });
  const rows = await db.select().from(recordings);
  recordingId = rows.find((r) => r.path === "1732262400.12-1001.wav")!.id;
  otherRecordingId = rows.find((r) => r.path === "1732262500.20-1002.wav")!.id;
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(users.admin);
});

describe("scorecards", () => {
  it("ships a default scorecard", async () => {
    expect((await db.select().from(qaScorecards)).map((c) => c.name)).toContain("Standard call");
  });

  it("creates and updates with audit", async () => {
    const created = await createScorecard(card);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    scorecardId = created.data.id;
    expect(await updateScorecard({ ...card, id: scorecardId, description: "Outbound sales" })).toMatchObject({
      ok: true,
    });
    expect((await auditFor(scorecardId)).map((a) => a.action)).toEqual([
      "qa_scorecard.update",
      "qa_scorecard.create",
    ]);
  });

  it("refuses invalid scorecards with field errors", async () => {
    const dupIds = {
      ...card,
      name: "Dup",
      sections: [card.sections[0]!, { ...card.sections[0]!, title: "Again" }],
    };
    expect(await createScorecard(dupIds)).toMatchObject({ ok: false, error: { code: "bad_request:input" } });
    const badWeight = structuredClone(card);
    badWeight.name = "Bad";
    badWeight.sections[0]!.questions[0]!.weight = 0;
    const r = await createScorecard(badWeight);
    expect(r.ok || r.error.fieldErrors?.["sections.0.questions.0.weight"]).toEqual(["Use 1–10."]);
    expect(await createScorecard({ ...card, name: "No sections", sections: [] })).toMatchObject({
      ok: false,
    });
  });
});

describe("reviews", () => {
  it("refuses incomplete answers, then scores, stores comments and audits", async () => {
    session.current = currentUserFor(users.qa);
    const missing = await submitReview({
      recordingId,
      scorecardId,
      answers: { greet: "yes" },
      comments: [],
      summary: "",
    });
    expect(missing).toMatchObject({
      ok: false,
      error: { fieldErrors: { "answers.verify": ["Answer this question."] } },
    });
    const done = await submitReview({
      recordingId,
      scorecardId,
      answers: { greet: "no", verify: "yes", tone: 5 },
      comments: [
        { atMs: 2500, text: "Good hold etiquette" },
        { atMs: 1200, text: "<script>alert(1)</script>" },
      ],
      summary: "Solid call.\nWork on the greeting.",
    });
    expect(done).toMatchObject({ ok: true, data: { score: 83.3, criticalFailed: false } });
    const [row] = await db.select().from(qaReviews).where(eq(qaReviews.recordingId, recordingId));
    expect(row).toMatchObject({
      agentUserId: users.agentOwn.id,
      agentExtension: "1001",
      status: "submitted",
    });
    expect(row!.comments.map((c) => c.atMs)).toEqual([1200, 2500]);
    expect((await auditFor(row!.id)).map((a) => a.action)).toEqual(["qa_review.submit"]);
    const again = await submitReview({
      recordingId,
      scorecardId,
      answers: { greet: "yes", verify: "yes", tone: 5 },
      comments: [],
      summary: "",
    });
    expect(again).toMatchObject({ ok: false, error: { code: "conflict:review" } });
  });

  it("fails a review with a critical no", async () => {
    session.current = currentUserFor(users.supervisor);
    const r = await submitReview({
      recordingId: otherRecordingId,
      scorecardId,
      answers: { greet: "yes", verify: "no", tone: 5 },
      comments: [],
      summary: "",
    });
    expect(r).toMatchObject({ ok: true, data: { score: 0, criticalFailed: true } });
  });

  it("lets only the reviewed agent acknowledge or dispute, once, with a reason for disputes", async () => {
    const [review] = await db.select().from(qaReviews).where(eq(qaReviews.recordingId, recordingId));
    const id = review!.id;
    session.current = currentUserFor(users.agentOther);
    expect(await respondToReview({ id, response: "acknowledged", comment: "" })).toMatchObject({
      ok: false,
      error: { code: "not_found:review" },
    });
    session.current = currentUserFor(users.agentOwn);
    expect(await respondToReview({ id, response: "disputed", comment: "" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { comment: ["Say why you dispute this review."] } },
    });
    expect(
      await respondToReview({ id, response: "disputed", comment: "The caller asked me not to." }),
    ).toMatchObject({
      ok: true,
    });
    expect(await respondToReview({ id, response: "acknowledged", comment: "" })).toMatchObject({
      ok: false,
      error: { code: "conflict:review" },
    });
    expect((await auditFor(id)).map((a) => a.action)).toEqual(["qa_review.dispute", "qa_review.submit"]);
  });
});

describe("dashboard queries", () => {
  it("averages scores per agent and per queue by day, and counts recordings waiting for review", async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(await scoreTrend({ by: "agent", days: 7 })).toEqual([
      { key: "1001", day: today, average: 83.3, reviews: 1 },
      { key: "1002", day: today, average: 0, reviews: 1 },
    ]);
    expect(await scoreTrend({ by: "queue", days: 7 })).toEqual([
      { key: "—", day: today, average: 41.7, reviews: 2 },
    ]);
    // Three recordings, two reviewed; the third is 40 days old, outside a 30-day window.
    expect(await countWaitingReviews({ days: 30 })).toBe(0);
    expect(await countWaitingReviews({ days: 60 })).toBe(1);
    const disputed = await listDisputedReviews();
    expect(disputed.map((r) => [r.agentExtension, r.agentComment])).toEqual([
      ["1001", "The caller asked me not to."],
    ]);
  });
});

describe("retention", () => {
  it("is off until retention days are set", async () => {
    expect(await applyRetention({ apply: false })).toMatchObject({
      ok: false,
      error: { code: "bad_request:retention" },
    });
  });

  it("previews, then deletes files and rows older than N days, listing them", async () => {
    await db.insert(settings).values({ key: "general.retentionDays", value: "30" });
    const preview = await applyRetention({ apply: false });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.data.items.map((i) => i.path)).toEqual(["1600000000.1-1001.wav"]);
    expect(existsSync(path.join(dirs.root, "1600000000.1-1001.wav"))).toBe(true);
    const run = await applyRetention({ apply: true });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    expect(run.data.items).toMatchObject([{ path: "1600000000.1-1001.wav", fileRemoved: true }]);
    expect(existsSync(path.join(dirs.root, "1600000000.1-1001.wav"))).toBe(false);
    expect((await db.select().from(recordings)).length).toBe(2);
  });
});

describe("authorization matrix for QA and recording actions", () => {
  const everyone: (Who | "anonymous")[] = [
    "admin",
    "supervisor",
    "qa",
    "agentOwn",
    "agentOther",
    "anonymous",
  ];
  const allowed: Record<string, (Who | "anonymous")[]> = {
    createScorecard: ["admin"],
    submitReview: ["admin", "supervisor", "qa"],
    respondToReview: ["admin", "agentOwn", "agentOther"],
    applyRetention: ["admin"],
    reindexRecordings: ["admin", "supervisor", "qa"],
  };
  const calls: Record<string, () => Promise<{ ok: boolean; error?: { code: string } }>> = {
    createScorecard: () => createScorecard({ ...card, name: "" }),
    submitReview: () =>
      submitReview({ recordingId: "x", scorecardId: "y", answers: {}, comments: [], summary: "" }),
    respondToReview: () => respondToReview({ id: "x", response: "acknowledged", comment: "" }),
    applyRetention: () => applyRetention({ apply: "no" as never }),
    reindexRecordings: () => reindexRecordings({ x: 1 } as never),
  };
  for (const [name, call] of Object.entries(calls)) {
    it.each(everyone)(`${name} as %s`, async (who) => {
      session.current = who === "anonymous" ? null : currentUserFor(users[who]);
      const r = await call();
      const code = r.ok ? "ok" : r.error!.code;
      if (who === "anonymous") expect(code).toBe("unauthorized:session");
      else if (allowed[name]!.includes(who)) expect(code).not.toMatch(/^(forbidden|unauthorized)/);
      else expect(code).toMatch(/^forbidden:/);
    });
  }
});
