import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createQueue, updateQueue } from "@/app/(admin)/queues/actions";
import { deleteSound } from "@/app/(admin)/sounds/actions";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { renderConfig } from "@/lib/asterisk/compiler/render";
import { validateState } from "@/lib/asterisk/publish/validate-state";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getQueueById } from "@/lib/db/queries/queues";
import { sounds } from "@/lib/db/schema/ivr";
import { queues } from "@/lib/db/schema/queues";
import type { User } from "@/lib/db/schema/users";
import { soundsDir } from "@/lib/sounds/dir";
import type { CreateQueueInput } from "@/lib/validations/queue";
import { auditFor, countRows, pendingFor } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;
const ids = { welcome: "", holding: "", agent: "" };

beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
  for (const name of ["welcome", "holding", "agent"] as const) {
    const [row] = await db
      .insert(sounds)
      .values({ name: `q-${name}`, sourceFormat: "wav", bytes: 16_000, durationMs: 1000 })
      .returning();
    ids[name] = row!.id;
  }
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(admin);
});

let nextNumber = 760;
const queue = (over: Partial<CreateQueueInput> = {}): CreateQueueInput => ({
  number: String(nextNumber++),
  name: "Announced",
  strategy: "ringall",
  memberTimeout: 15,
  retry: 5,
  wrapupTime: 0,
  maxLen: 0,
  weight: 0,
  joinEmpty: true,
  leaveWhenEmpty: false,
  announcePosition: false,
  announceHoldTime: false,
  mohClass: "default",
  serviceLevel: 20,
  recordingPolicy: "never",
  staticMembers: [],
  dynamicMembers: [],
  vipCallers: [],
  activeHours: [],
  outOfHours: { type: "hangup", target: "" },
  ...over,
});

async function created(input: CreateQueueInput): Promise<string> {
  const result = await createQueue(input);
  if (!result.ok) throw new Error(`createQueue failed: ${JSON.stringify(result.error)}`);
  return result.data.id;
}

const all = () => ({
  joinAnnounceSoundId: ids.welcome,
  periodicAnnounceSoundId: ids.holding,
  periodicAnnounceFrequency: 45,
  agentAnnounceSoundId: ids.agent,
});

describe("queue announcements", () => {
  it("saves all three with the frequency, audits and stages them, and compiles them", async () => {
    const input = queue(all());
    const id = await created(input);
    expect(await getQueueById({ id })).toMatchObject(all());
    const [audit] = await auditFor(id);
    expect(audit).toMatchObject({ action: "queue.create", before: null, after: all() });
    expect((await pendingFor(id))[0]).toMatchObject({ entity: "queue", action: "create" });

    const state = await loadConfigState(db, { timezone: "UTC" });
    expect(validateState(state)).toEqual([]);
    const files = renderConfig(state);
    const dir = soundsDir().replace(/\/+$/, "");
    const dialplan = files.get("extensions_switchboard.conf")!;
    expect(dialplan).toContain(
      ` same => n,Playback(${dir}/${ids.welcome})\n same => n,Queue(q${input.number},t,,,,,sb-record-member)`,
    );
    const conf = files.get("queues_switchboard.conf")!;
    const section = conf.slice(conf.indexOf(`[q${input.number}]`)).split("\n\n")[0]!;
    expect(section).toContain(`periodic-announce=${dir}/${ids.holding}\nperiodic-announce-frequency=45\n`);
    expect(section).toContain(`\nannounce=${dir}/${ids.agent}\n`);
  });

  it("records before and after when one changes, and a save with none clears them", async () => {
    const id = await created(queue(all()));
    const changed = await updateQueue({
      ...queue(all()),
      id,
      number: (await getQueueById({ id }))!.number,
      periodicAnnounceFrequency: 120,
    });
    expect(changed.ok).toBe(true);
    const [update] = await auditFor(id);
    expect(update).toMatchObject({
      action: "queue.update",
      before: { periodicAnnounceFrequency: 45 },
      after: { periodicAnnounceFrequency: 120 },
    });
    const row = (await getQueueById({ id }))!;
    const cleared = await updateQueue({ ...queue(), id, number: row.number });
    expect(cleared.ok).toBe(true);
    expect(await getQueueById({ id })).toMatchObject({
      joinAnnounceSoundId: null,
      periodicAnnounceSoundId: null,
      periodicAnnounceFrequency: null,
      agentAnnounceSoundId: null,
    });
    const [last] = await auditFor(id);
    expect(last).toMatchObject({
      before: { joinAnnounceSoundId: ids.welcome, periodicAnnounceFrequency: 120 },
      after: { joinAnnounceSoundId: null, periodicAnnounceSoundId: null, periodicAnnounceFrequency: null },
    });
  });

  it("refuses a sound that is not in the library on the field that chose it, and writes nothing", async () => {
    const before = await countRows();
    const count = await db.$count(queues);
    const gone = "00000000-0000-4000-8000-00000000dead";
    const result = await createQueue(
      queue({
        joinAnnounceSoundId: gone,
        agentAnnounceSoundId: ids.agent,
        periodicAnnounceSoundId: gone,
        periodicAnnounceFrequency: 30,
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "bad_request:sound",
        fieldErrors: {
          joinAnnounceSoundId: ["That sound is no longer in the library: choose another."],
          periodicAnnounceSoundId: ["That sound is no longer in the library: choose another."],
        },
      },
    });
    if (!result.ok) expect(result.error.fieldErrors).not.toHaveProperty("agentAnnounceSoundId");
    expect(await db.$count(queues)).toBe(count);
    expect(await countRows()).toEqual(before);
  });

  it("requires a 15–600 s frequency with a periodic announcement", async () => {
    const missing = await createQueue(queue({ periodicAnnounceSoundId: ids.holding }));
    expect(missing).toMatchObject({
      ok: false,
      error: {
        fieldErrors: { periodicAnnounceFrequency: ["Enter how often to repeat it: 15 to 600 seconds."] },
      },
    });
    const tooOften = await createQueue(
      queue({ periodicAnnounceSoundId: ids.holding, periodicAnnounceFrequency: 5 }),
    );
    expect(tooOften).toMatchObject({
      ok: false,
      error: {
        fieldErrors: { periodicAnnounceFrequency: ["Enter a whole number from 15 to 600 seconds."] },
      },
    });
  });
});

describe("deleting a sound a queue plays", () => {
  it("is refused, naming the queue and what it plays there, until the queue lets it go", async () => {
    const [row] = await db
      .insert(sounds)
      .values({ name: "q-busy", sourceFormat: "wav", bytes: 16_000, durationMs: 1000 })
      .returning();
    const soundId = row!.id;
    const input = queue({
      name: "Busy line",
      joinAnnounceSoundId: soundId,
      periodicAnnounceSoundId: soundId,
      periodicAnnounceFrequency: 30,
    });
    const id = await created(input);

    const refused = await deleteSound({ id: soundId });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: "conflict:in_use",
        message: `Sound “q-busy” is still used by queue ${input.number} “Busy line” (join greeting, periodic announcement). Remove it there first.`,
      },
    });
    expect(await db.$count(sounds, eq(sounds.id, soundId))).toBe(1);
    // The database refuses it too, whatever a future code path forgets.
    await expect(db.delete(sounds).where(eq(sounds.id, soundId))).rejects.toThrow();

    expect(
      (await updateQueue({ ...input, id, periodicAnnounceSoundId: null, periodicAnnounceFrequency: null }))
        .ok,
    ).toBe(true);
    const stillJoin = await deleteSound({ id: soundId });
    expect(stillJoin.ok ? "" : stillJoin.error.message).toContain(
      `queue ${input.number} “Busy line” (join greeting)`,
    );

    expect(
      (
        await updateQueue({
          ...input,
          id,
          joinAnnounceSoundId: null,
          agentAnnounceSoundId: soundId,
          periodicAnnounceSoundId: null,
          periodicAnnounceFrequency: null,
        })
      ).ok,
    ).toBe(true);
    const stillAgent = await deleteSound({ id: soundId });
    expect(stillAgent.ok ? "" : stillAgent.error.message).toContain("(agent announcement)");

    expect(
      (
        await updateQueue({
          ...input,
          id,
          joinAnnounceSoundId: null,
          periodicAnnounceSoundId: null,
          periodicAnnounceFrequency: null,
        })
      ).ok,
    ).toBe(true);
    expect(await deleteSound({ id: soundId })).toMatchObject({ ok: true });
    expect(await db.$count(sounds, eq(sounds.id, soundId))).toBe(0);
  });
});
