import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { getAuditById, listAudit, listAuditEntities } from "@/lib/db/queries/audit";
import { encodeCursor } from "@/lib/db/queries/pagination";
import { countUsersByRole, getUserById, listUserOptions, listUsers } from "@/lib/db/queries/users";
import { auditLog } from "@/lib/db/schema/audit";
import type { User } from "@/lib/db/schema/users";
import { useTestDb } from "../support/test-db";
import { insertUser } from "../support/users";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  testDb = await useTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

describe("listUsers", () => {
  const made: User[] = [];
  beforeAll(async () => {
    // Three users share a name, so the id tiebreak in the keyset matters.
    for (const name of ["Sam", "Sam", "Sam", "Alex", "Bea", "Zed", "Yan"]) {
      made.push(await insertUser({ role: "agent", name }));
    }
    made.push(await insertUser({ role: "supervisor", name: "100% Sure", email: "pct@example.test" }));
    made.push(await insertUser({ role: "agent", name: "100 Sure", extension: "100" }));
    made.push(await insertUser({ role: "qa", name: "a_b", email: "under@example.test" }));
    made.push(await insertUser({ role: "qa", name: "axb", email: "nounder@example.test" }));
    made.push(await insertUser({ role: "agent", name: "back\\slash" }));
    made.push(await insertUser({ role: "admin", name: "Dana Disabled", disabled: true, extension: "4242" }));
  });

  it("pages through every user exactly once, in name-then-id order, for any page size", async () => {
    const all = await listUsers({ limit: 1000 });
    expect(all.nextCursor).toBeNull();
    expect(all.rows).toHaveLength(made.length);
    // Name order depends on the server's collation; the id tiebreak does not.
    const sams = all.rows.filter((r) => r.name === "Sam").map((r) => r.id);
    const firstSam = all.rows.findIndex((r) => r.name === "Sam");
    expect(all.rows.slice(firstSam, firstSam + 3).map((r) => r.id)).toEqual(sams);
    expect(sams).toEqual([...sams].sort());

    for (const limit of [1, 2, 3, 5]) {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await listUsers({ cursor, limit });
        expect(page.rows.length).toBeLessThanOrEqual(limit);
        ids.push(...page.rows.map((r) => r.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(ids, `limit ${limit}`).toEqual(all.rows.map((r) => r.id));
    }
  });

  it("gives no next cursor when the last page is exactly full", async () => {
    const page = await listUsers({ limit: made.length });
    expect(page.rows).toHaveLength(made.length);
    expect(page.nextCursor).toBeNull();
  });

  it("never returns the password hash or the session id", async () => {
    const { rows } = await listUsers({ limit: 1 });
    expect(Object.keys(rows[0]!)).not.toContain("passwordHash");
    expect(Object.keys(rows[0]!)).not.toContain("sessionId");
  });

  it("treats a garbled or wrong-shaped cursor as the first page", async () => {
    const first = await listUsers({ limit: 3 });
    for (const cursor of ["garbage", encodeCursor({ name: 1 }), encodeCursor(["Sam"])]) {
      expect((await listUsers({ cursor, limit: 3 })).rows).toEqual(first.rows);
    }
  });

  it("searches name, e-mail and extension, case-insensitively", async () => {
    expect(names(await listUsers({ q: "bea" }))).toEqual(["Bea"]);
    expect(names(await listUsers({ q: "PCT@EXAMPLE" }))).toEqual(["100% Sure"]);
    expect(names(await listUsers({ q: "4242" }))).toEqual(["Dana Disabled"]);
    expect(names(await listUsers({ q: "   " })).length).toBe(made.length);
  });

  it("takes LIKE wildcards in the search literally", async () => {
    expect(names(await listUsers({ q: "100%" }))).toEqual(["100% Sure"]);
    expect(names(await listUsers({ q: "a_b" }))).toEqual(["a_b"]);
    expect(names(await listUsers({ q: "%" }))).toEqual(["100% Sure"]);
    expect(names(await listUsers({ q: "_" }))).toEqual(["a_b"]);
    expect(names(await listUsers({ q: "k\\s" }))).toEqual(["back\\slash"]);
  });

  it("pages within a search", async () => {
    const first = await listUsers({ q: "sam", limit: 2 });
    expect(first.rows).toHaveLength(2);
    const second = await listUsers({ q: "sam", limit: 2, cursor: first.nextCursor! });
    expect(second.rows).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(3);
  });

  it("getUserById finds a user and ignores ids that are not UUIDs", async () => {
    expect((await getUserById({ id: made[0]!.id }))?.name).toBe("Sam");
    expect(await getUserById({ id: "00000000-0000-0000-0000-000000000000" })).toBeUndefined();
    expect(await getUserById({ id: "1' or '1'='1" })).toBeUndefined();
  });

  it("countUsersByRole counts enabled users only", async () => {
    expect(await countUsersByRole()).toEqual({ agent: 9, supervisor: 1, qa: 2 });
  });

  it("listUserOptions lists everyone by name", async () => {
    const opts = await listUserOptions();
    expect(opts).toHaveLength(made.length);
    expect(Object.keys(opts[0]!).sort()).toEqual(["email", "id", "name"]);
  });
});

describe("audit log", () => {
  let actor: User;
  let other: User;
  beforeAll(async () => {
    await db.delete(auditLog);
    actor = await insertUser({ role: "admin" });
    other = await insertUser({ role: "admin" });
    const me = { id: actor.id, email: actor.email, ip: "198.51.100.1" };
    for (let i = 1; i <= 5; i++) {
      await writeAudit({ actor: me, action: "user.update", entity: "user", entityId: `u${i}`, after: { i } });
    }
    await writeAudit({
      actor: { id: other.id, email: other.email, ip: null },
      action: "settings.update",
      entity: "settings",
      entityId: "settings",
      before: { "ami.secret": "[secret]" },
      after: { "ami.secret": "[changed]", "ami.host": "10.0.0.1" },
    });
  });

  it("writes redacted rows", async () => {
    const [row] = (await listAudit({ filters: { entity: "settings" } })).rows;
    expect(row).toMatchObject({
      userId: other.id,
      userEmail: other.email,
      action: "settings.update",
      before: { "ami.secret": "[redacted]" },
      after: { "ami.secret": "[redacted]", "ami.host": "10.0.0.1" },
    });
    expect(await getAuditById({ id: row!.id })).toEqual(row);
  });

  it("pages newest first by id, each row once", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listAudit({ cursor, limit: 2 });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(6);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(6);
  });

  it("filters by user and by entity", async () => {
    const mine = await listAudit({ filters: { userId: actor.id } });
    expect(mine.rows.map((r) => r.entityId)).toEqual(["u5", "u4", "u3", "u2", "u1"]);
    expect((await listAudit({ filters: { entity: "settings" } })).rows).toHaveLength(1);
    expect((await listAudit({ filters: { entity: "nothing" } })).rows).toHaveLength(0);
  });

  it("filters by time range, inclusive", async () => {
    const { rows } = await listAudit({});
    const newest = rows[0]!.createdAt;
    expect((await listAudit({ filters: { from: newest } })).rows.length).toBeGreaterThanOrEqual(1);
    expect((await listAudit({ filters: { from: new Date(newest.getTime() + 60_000) } })).rows).toHaveLength(
      0,
    );
    expect((await listAudit({ filters: { to: new Date(Date.now() - 3_600_000) } })).rows).toHaveLength(0);
    expect((await listAudit({ filters: { to: new Date(Date.now() + 60_000) } })).rows).toHaveLength(6);
  });

  it("treats a bad cursor as the first page", async () => {
    const first = await listAudit({ limit: 2 });
    expect((await listAudit({ limit: 2, cursor: encodeCursor("12") })).rows).toEqual(first.rows);
    expect((await listAudit({ limit: 2, cursor: "%%" })).rows).toEqual(first.rows);
  });

  it("lists the distinct entities, sorted", async () => {
    expect(await listAuditEntities()).toEqual(["settings", "user"]);
  });
});

function names(page: { rows: { name: string }[] }) {
  return page.rows.map((r) => r.name);
}
