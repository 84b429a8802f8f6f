import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createBreakCode, deleteBreakCode, updateBreakCode } from "@/app/(admin)/break-codes/actions";
import { createTeam, deleteTeam, updateTeam } from "@/app/(admin)/teams/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listBreakCodes } from "@/lib/db/queries/break-codes";
import { getTeamById, listTeams } from "@/lib/db/queries/teams";
import { teamMembers } from "@/lib/db/schema/panel";
import { queues } from "@/lib/db/schema/queues";
import type { User } from "@/lib/db/schema/users";
import { auditFor } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;
let supervisor: User;
let agent: User;

beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
  supervisor = await insertUser({ role: "supervisor", name: "Sue Visor", extension: "1001" });
  agent = await insertUser({ role: "agent", name: "Al Agent", extension: "1002" });
  await db.insert(queues).values({ number: "5000", name: "Support" });
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(admin);
});

const breakCode = { code: "smoke", label: "Smoke break", paid: false, active: true, sortOrder: 60 };

describe("break codes", () => {
  it("ships the default codes", async () => {
    expect((await listBreakCodes()).map((b) => b.code)).toEqual([
      "lunch",
      "tea",
      "training",
      "meeting",
      "coaching",
    ]);
  });

  it("creates, updates (only when changed) and deletes, auditing each", async () => {
    const created = await createBreakCode(breakCode);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const id = created.data.id;
    expect(await updateBreakCode({ ...breakCode, id })).toEqual({ ok: true, data: { id } });
    expect(await updateBreakCode({ ...breakCode, id, label: "  Fresh air  ", active: false })).toMatchObject({
      ok: true,
    });
    expect((await listBreakCodes({ activeOnly: true })).map((b) => b.code)).not.toContain("smoke");
    expect(await deleteBreakCode({ id })).toMatchObject({ ok: true });
    const audits = await auditFor(id);
    expect(audits.map((a) => a.action)).toEqual([
      "break_code.delete",
      "break_code.update",
      "break_code.create",
    ]);
    expect(audits[1]).toMatchObject({
      before: { label: "Smoke break", active: true },
      after: { label: "Fresh air", active: false },
    });
  });

  it.each([
    ["code", { code: "lunch;x" }, "Use 1–64 letters, digits, '-' or '_'."],
    ["code", { code: "lunch\r\nAction: Originate" }, "Use 1–64 letters, digits, '-' or '_'."],
    ["code", { code: "a,b" }, "Use 1–64 letters, digits, '-' or '_'."],
    ["code", { code: "x".repeat(33) }, "Use at most 32 characters."],
    ["label", { label: "  " }, "Enter a label."],
    ["label", { label: "Lunch\nbreak" }, "Line breaks and control characters are not allowed."],
    ["sortOrder", { sortOrder: 1000 }, "Enter a whole number from 0 to 999."],
  ])("refuses a bad %s with a field error", async (field, over, message) => {
    expect(await createBreakCode({ ...breakCode, ...over })).toMatchObject({
      ok: false,
      error: { code: "bad_request:input", fieldErrors: { [field]: [message] } },
    });
  });

  it("refuses a duplicate code on the code field", async () => {
    expect(await createBreakCode({ ...breakCode, code: "lunch" })).toMatchObject({
      ok: false,
      error: {
        code: "conflict:unique",
        fieldErrors: { code: ["Another break code already uses this code."] },
      },
    });
  });

  it("is for break_codes.write only", async () => {
    session.current = currentUserFor(supervisor);
    expect(await createBreakCode(breakCode)).toMatchObject({
      ok: false,
      error: { code: "forbidden:break_codes.write" },
    });
  });
});

describe("teams", () => {
  it("saves members with the supervisor flag and queues, and audits by e-mail", async () => {
    const created = await createTeam({
      name: " Support A ",
      members: [
        { userId: supervisor.id, isSupervisor: true },
        { userId: agent.id, isSupervisor: false },
      ],
      queues: ["5000"],
    });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const team = await getTeamById({ id: created.data.id });
    expect(team).toMatchObject({
      name: "Support A",
      members: [
        { name: "Al Agent", isSupervisor: false },
        { name: "Sue Visor", isSupervisor: true },
      ],
      queues: [{ number: "5000", name: "Support" }],
    });
    expect((await listTeams()).find((t) => t.id === created.data.id)).toMatchObject({
      memberCount: 2,
      supervisors: ["Sue Visor"],
      queues: ["5000"],
    });

    expect(
      await updateTeam({
        id: created.data.id,
        name: "Support A",
        members: [{ userId: agent.id, isSupervisor: true }],
        queues: [],
      }),
    ).toMatchObject({ ok: true });
    const rows = await db.select().from(teamMembers).where(eq(teamMembers.teamId, created.data.id));
    expect(rows).toEqual([expect.objectContaining({ userId: agent.id, isSupervisor: true })]);
    const [update] = await auditFor(created.data.id);
    expect(update).toMatchObject({
      action: "team.update",
      before: {
        members: [
          { email: agent.email, supervisor: false },
          { email: supervisor.email, supervisor: true },
        ],
        queues: ["5000"],
      },
      after: { members: [{ email: agent.email, supervisor: true }], queues: [] },
    });

    expect(await deleteTeam({ id: created.data.id })).toMatchObject({ ok: true });
    expect(await getTeamById({ id: created.data.id })).toBeUndefined();
  });

  it("reports unknown queues, duplicates and a taken name on their fields", async () => {
    expect(
      await createTeam({
        name: "Team X",
        members: [
          { userId: agent.id, isSupervisor: false },
          { userId: agent.id, isSupervisor: true },
        ],
        queues: ["5000"],
      }),
    ).toMatchObject({
      ok: false,
      error: { fieldErrors: { members: ["Each user can be in the team only once."] } },
    });
    expect(await createTeam({ name: "Team X", members: [], queues: ["7777", "5000;1"] })).toMatchObject({
      ok: false,
      error: { fieldErrors: { "queues.1": ["Use 2 to 8 digits."] } },
    });
    expect(await createTeam({ name: "Team X", members: [], queues: ["7777"] })).toMatchObject({
      ok: false,
      error: { fieldErrors: { queues: ["There is no queue 7777."] } },
    });
    expect(await createTeam({ name: "Team X", members: [], queues: [] })).toMatchObject({ ok: true });
    expect(await createTeam({ name: "Team X", members: [], queues: [] })).toMatchObject({
      ok: false,
      error: { fieldErrors: { name: ["Another team already has this name."] } },
    });
  });
});
