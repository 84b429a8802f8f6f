import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appAmiAction, closeAppAmi, getAppAmi } from "@/lib/asterisk/ami/app-ami";
import { getLiveScope } from "@/lib/asterisk/live/scope";
import type { LiveScope } from "@/lib/asterisk/live/scope-filter";
import { db } from "@/lib/db/client";
import { teamMembers, teamQueues, teams } from "@/lib/db/schema/panel";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import { settings } from "@/lib/db/schema/settings";
import type { User } from "@/lib/db/schema/users";
import { pointAmiSettingsAt, startAnsweringAmi } from "../support/answering-ami";
import { insertExtension } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { insertUser } from "../support/users";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;
let supervisor: User;
let agent: User;
let loner: User;

/**
 * Queue 5000: members 1002 (agent) and 1003. Queue 6000: member 1004. Team A, supervised by 1001,
 * has 1002 and queue 6000. 1007 belongs to no queue.
 */
beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin", extension: "1000" });
  supervisor = await insertUser({ role: "supervisor", extension: "1001" });
  agent = await insertUser({ role: "agent", extension: "1002" });
  loner = await insertUser({ role: "agent", extension: "1007" });
  const ids = new Map<string, string>();
  for (const n of ["1001", "1002", "1003", "1004", "1007"])
    ids.set(n, (await insertExtension({ number: n })).id);
  const [q5, q6] = await db
    .insert(queues)
    .values([
      { number: "5000", name: "Support" },
      { number: "6000", name: "Sales" },
    ])
    .returning();
  await db.insert(queueMembers).values([
    { queueId: q5!.id, extensionId: ids.get("1002")! },
    { queueId: q5!.id, extensionId: ids.get("1003")!, kind: "dynamic" },
    { queueId: q6!.id, extensionId: ids.get("1004")! },
  ]);
  const [team] = await db.insert(teams).values({ name: "Team A" }).returning();
  await db.insert(teamMembers).values([
    { teamId: team!.id, userId: supervisor.id, isSupervisor: true },
    { teamId: team!.id, userId: agent.id },
  ]);
  await db.insert(teamQueues).values({ teamId: team!.id, queueId: q6!.id });
});
afterAll(async () => {
  await closeAppAmi();
  await testDb.drop();
});

const plain = (s: LiveScope) => ({
  all: s.all,
  extensions: [...s.extensions].sort(),
  queues: [...s.queues].sort(),
});

describe("getLiveScope", () => {
  it("gives admins everything", async () => {
    expect((await getLiveScope(admin)).all).toBe(true);
  });

  it("gives supervisors their team's extensions and queues, plus their own", async () => {
    expect(plain(await getLiveScope(supervisor))).toEqual({
      all: false,
      extensions: ["1001", "1002"],
      queues: ["q6000"],
    });
  });

  it("gives agents themselves and their queues; peers only with panel.agentsSeePeers", async () => {
    expect(plain(await getLiveScope(agent))).toEqual({ all: false, extensions: ["1002"], queues: ["q5000"] });
    await db.insert(settings).values({ key: "panel.agentsSeePeers", value: "yes" });
    expect(plain(await getLiveScope(agent))).toEqual({
      all: false,
      extensions: ["1002", "1003"],
      queues: ["q5000"],
    });
    await db.delete(settings);
  });

  it("gives an agent without queues only their own extension, and one without an extension nothing", async () => {
    expect(plain(await getLiveScope(loner))).toEqual({ all: false, extensions: ["1007"], queues: [] });
    expect(plain(await getLiveScope({ ...loner, extension: null }))).toEqual({
      all: false,
      extensions: [],
      queues: [],
    });
  });
});

describe("the app's AMI connection", () => {
  it("is shared, and replaced when the AMI settings change", async () => {
    const first = await startAnsweringAmi();
    const second = await startAnsweringAmi();
    try {
      await pointAmiSettingsAt(first.port);
      const a = await getAppAmi();
      expect(await getAppAmi()).toBe(a);
      await appAmiAction("Ping", {});
      expect(first.actions().map((x) => x.name)).toEqual(["Ping"]);
      await pointAmiSettingsAt(second.port);
      const b = await getAppAmi();
      expect(b).not.toBe(a);
      await appAmiAction("Ping", {});
      expect(second.actions().map((x) => x.name)).toEqual(["Ping"]);
      expect(first.connections).toHaveLength(1);
    } finally {
      await closeAppAmi();
      await first.close();
      await second.close();
    }
  });

  it("says clearly when Asterisk cannot be reached", async () => {
    const gone = await startAnsweringAmi();
    await gone.close();
    await pointAmiSettingsAt(gone.port);
    await expect(getAppAmi()).rejects.toMatchObject({
      code: "unavailable:ami",
      message: expect.stringContaining(`127.0.0.1:${gone.port}`),
    });
    await closeAppAmi();
    await pointAmiSettingsAt(null);
  });
});
