import { mkdirSync, mkdtempSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const dirs = vi.hoisted(() => {
  const fs = require("node:fs") as typeof import("node:fs");
  const osm = require("node:os") as typeof import("node:os");
  const p = require("node:path") as typeof import("node:path");
  const base = fs.mkdtempSync(p.join(osm.tmpdir(), "sb-rec-"));
  process.env.ASTERISK_SPOOL_DIR = p.join(base, "spool");
  process.env.DATA_DIR = p.join(base, "data");
  return { base, root: p.join(base, "spool", "monitor") };
});
const session = vi.hoisted(() => ({ current: null as import("@/lib/auth/session").CurrentUser | null }));
vi.mock("@/lib/auth/session", async () => (await import("../support/recordings")).sessionMock(session));

import { eq } from "drizzle-orm";
import { GET as getPeaks } from "@/app/api/recordings/[id]/peaks/route";
import { GET } from "@/app/api/recordings/[id]/route";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { cdr } from "@/lib/db/schema/live";
import { recordings } from "@/lib/db/schema/recordings";
import type { User } from "@/lib/db/schema/users";
import { indexRecordings } from "@/lib/recordings/indexer";
import { callRoute } from "../support/recordings";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";
import { makeWav } from "../support/wav";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
const users = {} as Record<"admin" | "supervisor" | "qa" | "agentOwn" | "agentOther" | "agentLeg", User>;
const ids = {} as Record<"own" | "queue" | "ulaw" | "symlink", string>;
const pcm = makeWav({ seconds: 1 });

beforeAll(async () => {
  testDb = await useTestDb();
  mkdirSync(dirs.root, { recursive: true });
  writeFileSync(path.join(dirs.root, "1732262400.12-1001.wav"), pcm);
  writeFileSync(path.join(dirs.root, "1732262500.20-q5000.wav"), pcm);
  writeFileSync(
    path.join(dirs.root, "1732262600.30-1732262600.31.wav"),
    makeWav({ seconds: 2, encoding: "ulaw" }),
  );
  writeFileSync(path.join(dirs.root, "notes.txt"), "not a recording");
  const outside = mkdtempSync(path.join(os.tmpdir(), "sb-outside-"));
  writeFileSync(path.join(outside, "secret.wav"), "TOP SECRET BYTES");
  symlinkSync(path.join(outside, "secret.wav"), path.join(dirs.root, "1732262700.40-1001.wav"));
  users.admin = await insertUser({ role: "admin" });
  users.supervisor = await insertUser({ role: "supervisor" });
  users.qa = await insertUser({ role: "qa" });
  users.agentOwn = await insertUser({ role: "agent", extension: "1001" });
  users.agentOther = await insertUser({ role: "agent", extension: "1002" });
  users.agentLeg = await insertUser({ role: "agent", extension: "1003" });
  await db.insert(cdr).values({
    calldate: new Date(),
    uniqueid: "1732262500.20",
    linkedid: "1732262500.20",
    src: "0612345678",
    dst: "5000",
    channel: "PJSIP/trunk-00000001",
    dstchannel: "PJSIP/1003-00000002",
    disposition: "ANSWERED",
    sequence: 1,
  });
  const result = await indexRecordings({ root: dirs.root, db });
  expect(result).toMatchObject({ scanned: 3 });
  const rows = await db.select().from(recordings);
  ids.own = rows.find((r) => r.path === "1732262400.12-1001.wav")!.id;
  ids.queue = rows.find((r) => r.queue === "5000")!.id;
  ids.ulaw = rows.find((r) => r.source === "on_demand")!.id;
  // A symlink planted after indexing (or a row written by hand) must still never be served.
  const [planted] = await db
    .insert(recordings)
    .values({
      linkedid: "1732262700.40",
      path: "1732262700.40-1001.wav",
      format: "wav",
      bytes: 16,
      source: "policy",
      agentExtension: "1001",
      fileMtime: new Date(),
    })
    .returning();
  ids.symlink = planted!.id;
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(users.admin);
});

describe("indexer", () => {
  it("links files to calls by Linkedid, with source, agent, queue and duration", async () => {
    const rows = await db.select().from(recordings);
    const byPath = Object.fromEntries(rows.map((r) => [r.path, r]));
    expect(byPath["1732262400.12-1001.wav"]).toMatchObject({
      linkedid: "1732262400.12",
      source: "policy",
      agentExtension: "1001",
      durationMs: 1000,
      bytes: pcm.length,
    });
    expect(byPath["1732262500.20-q5000.wav"]).toMatchObject({ queue: "5000", agentExtension: "1003" });
    expect(byPath["1732262600.30-1732262600.31.wav"]).toMatchObject({
      source: "on_demand",
      uniqueid: "1732262600.31",
      durationMs: 2000,
    });
  });
});

describe("GET /api/recordings/[id]", () => {
  it("serves the whole file with 200 and audits the play", async () => {
    const res = await callRoute(GET, ids.own);
    expect(res.status).toBe(200);
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await res.arrayBuffer()).equals(pcm)).toBe(true);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, ids.own));
    expect(audit.map((a) => a.action)).toContain("recording.play");
  });

  it("answers a Range with 206 and exactly those bytes", async () => {
    const res = await callRoute(GET, ids.own, { headers: { range: "bytes=100-199" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 100-199/${pcm.length}`);
    expect(res.headers.get("content-length")).toBe("100");
    expect(Buffer.from(await res.arrayBuffer()).equals(pcm.subarray(100, 200))).toBe(true);
    const tail = await callRoute(GET, ids.own, { headers: { range: "bytes=-10" } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(pcm.subarray(pcm.length - 10))).toBe(true);
    const open = await callRoute(GET, ids.own, { headers: { range: `bytes=${pcm.length - 5}-` } });
    expect(open.headers.get("content-range")).toBe(`bytes ${pcm.length - 5}-${pcm.length - 1}/${pcm.length}`);
  });

  it.each(["bytes=999999-", "bytes=50-10", "bytes=-0", "bytes=abc"])("answers %s with 416", async (range) => {
    const res = await callRoute(GET, ids.own, { headers: { range } });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${pcm.length}`);
  });

  it("sends downloads as attachments and audits them", async () => {
    const res = await callRoute(GET, ids.own, { query: "?download=1" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="recording-1732262400\.12\.wav"$/,
    );
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, ids.own));
    expect(audit.map((a) => a.action)).toContain("recording.download");
  });

  it("converts μ-law to 16-bit PCM WAV for the browser, from a cache the second time", async () => {
    const res = await callRoute(GET, ids.ulaw);
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.toString("ascii", 0, 4)).toBe("RIFF");
    expect(body.readUInt16LE(20)).toBe(1);
    expect(body.readUInt16LE(34)).toBe(16);
    const again = await callRoute(GET, ids.ulaw, { headers: { range: "bytes=0-43" } });
    expect(again.status).toBe(206);
  });

  it("serves waveform peaks as JSON", async () => {
    const res = await callRoute(getPeaks, ids.own);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { peaks: number[] };
    expect(body.peaks.length).toBeGreaterThan(100);
    expect(Math.max(...body.peaks)).toBeGreaterThan(0.3);
    expect(Math.max(...body.peaks)).toBeLessThanOrEqual(1);
  });
});

describe("path traversal: never file bytes", () => {
  const attempts = [
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%252e%252e%252fetc%252fpasswd",
    "/etc/passwd",
    "1732262400.12-1001.wav",
    "not-a-uuid",
    "00000000-0000-0000-0000-00000000000g",
  ];
  for (const handler of [GET, getPeaks]) {
    it.each(attempts)(`${handler === GET ? "stream" : "peaks"}: %s → 400`, async (id) => {
      const res = await callRoute(handler, id);
      expect(res.status).toBe(400);
      expect(await res.text()).not.toMatch(/root:|SECRET|RIFF/);
    });
    it(`${handler === GET ? "stream" : "peaks"}: a symlink out of the root → 404`, async () => {
      const res = await callRoute(handler, ids.symlink);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("TOP SECRET");
    });
    it(`${handler === GET ? "stream" : "peaks"}: an unknown uuid → 404`, async () => {
      expect((await callRoute(handler, "7d0e3b1c-5f6a-4b8c-9d0e-1f2a3b4c5d6e")).status).toBe(404);
    });
  }

  it("a row whose path climbs out of the root → 404", async () => {
    const [row] = await db
      .insert(recordings)
      .values({
        linkedid: "1.1",
        path: "../../etc/passwd",
        format: "wav",
        bytes: 1,
        source: "policy",
        fileMtime: new Date(),
      })
      .returning();
    const res = await callRoute(GET, row!.id);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("root:");
    await db.delete(recordings).where(eq(recordings.id, row!.id));
  });
});

describe("authorization matrix", () => {
  type Who = keyof typeof users | "anonymous";
  const matrix: [Who, "own" | "queue", number][] = [
    ["admin", "own", 200],
    ["supervisor", "own", 200],
    ["qa", "own", 200],
    ["agentOwn", "own", 200],
    ["agentOther", "own", 403],
    ["agentLeg", "queue", 200],
    ["agentOwn", "queue", 403],
    ["anonymous", "own", 401],
  ];
  for (const handler of [GET, getPeaks]) {
    it.each(matrix)(`${handler === GET ? "stream" : "peaks"}: %s on %s → %i`, async (who, rec, status) => {
      session.current = who === "anonymous" ? null : currentUserFor(users[who]);
      const res = await callRoute(handler, ids[rec], { headers: { range: "bytes=0-99" } });
      expect(res.status === 206 ? 200 : res.status).toBe(status);
      if (status !== 200) expect(await res.text()).not.toContain("RIFF");
    });
  }
});

describe("indexer re-runs (last: it prunes rows whose file is gone)", () => {
  it("is idempotent, picks up new files and forgets removed ones", async () => {
    // The planted symlink row goes at the first re-run: its name is no regular file.
    expect(await indexRecordings({ root: dirs.root, db })).toMatchObject({
      scanned: 3,
      indexed: 0,
      removed: 1,
    });
    const extra = path.join(dirs.root, "1700000000.1-2001.wav");
    writeFileSync(extra, pcm);
    expect(await indexRecordings({ root: dirs.root, db })).toMatchObject({
      scanned: 4,
      indexed: 1,
      removed: 0,
    });
    unlinkSync(extra);
    const after = await indexRecordings({ root: dirs.root, db });
    expect(after).toMatchObject({ scanned: 3, indexed: 0, removed: 1 });
  });

  it("does not prune anything when the root is missing", async () => {
    expect(await indexRecordings({ root: path.join(dirs.base, "nope"), db })).toEqual({
      scanned: 0,
      indexed: 0,
      removed: 0,
    });
    expect((await db.select().from(recordings)).length).toBe(3);
  });
});
