import { eq } from "drizzle-orm";
import { env } from "@/env";
import { hashPassword } from "@/lib/auth/password";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { extensions } from "@/lib/db/schema/extensions";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import { type Role, users } from "@/lib/db/schema/users";
import { generateSipSecret } from "@/lib/extensions/sip-secret";
import { encryptSecret } from "@/lib/settings/crypto";
import { seedDemoCalls } from "./seed-demo-calls";

/**
 * `npm run db:seed -- --demo`: one user per role, and a few of today's calls, for demos and tests. Passwords come only from
 * env (SEED_<ROLE>_PASSWORD); a role without one is skipped, so nothing ships a default password.
 * Re-running updates the password and re-enables the user.
 *
 * It also adds the demo phones 1000–1011 and queues 5000 (Sales) and 5001 (Support): the same
 * world `npm run simulator -- --demo --extensions 12 --queues 2` plays calls in, so the live
 * panel has something to show. Their SIP secrets are random; reveal one on its page.
 */
const DEMO: { role: Role; name: string; email: string; extension: string; password?: string }[] = [
  {
    role: "admin",
    name: "Ada Admin",
    email: "admin@switchboard.test",
    extension: "1000",
    password: env.SEED_ADMIN_PASSWORD,
  },
  {
    role: "supervisor",
    name: "Sam Supervisor",
    email: "supervisor@switchboard.test",
    extension: "1001",
    password: env.SEED_SUPERVISOR_PASSWORD,
  },
  {
    role: "agent",
    name: "Alex Agent",
    email: "agent@switchboard.test",
    extension: "1002",
    password: env.SEED_AGENT_PASSWORD,
  },
  {
    role: "qa",
    name: "Quinn QA",
    email: "qa@switchboard.test",
    extension: "1003",
    password: env.SEED_QA_PASSWORD,
  },
];

if (!process.argv.includes("--demo")) {
  console.error(
    "Usage: npm run db:seed -- --demo   (passwords from SEED_ADMIN_PASSWORD, SEED_SUPERVISOR_PASSWORD, SEED_AGENT_PASSWORD, SEED_QA_PASSWORD)",
  );
  process.exit(2);
}

const handle = dbHandle();
try {
  await runMigrations(handle);
  const created: string[] = [];
  for (const u of DEMO) {
    if (!u.password) {
      console.warn(`skipped ${u.role}: set SEED_${u.role.toUpperCase()}_PASSWORD`);
      continue;
    }
    if (u.password.length < MIN_PASSWORD_LENGTH)
      throw new Error(`SEED_${u.role.toUpperCase()}_PASSWORD needs ${MIN_PASSWORD_LENGTH}+ characters`);
    const passwordHash = await hashPassword(u.password);
    const [existing] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, u.email));
    if (existing) {
      await handle.db
        .update(users)
        .set({ passwordHash, disabled: false, role: u.role })
        .where(eq(users.id, existing.id));
    } else {
      await handle.db
        .insert(users)
        .values({ name: u.name, email: u.email, role: u.role, extension: u.extension, passwordHash });
    }
    created.push(`${u.role}:${u.email}`);
  }
  created.push(...(await seedDemoTelephony()));
  const calls = await seedDemoCalls(handle.db);
  console.info(JSON.stringify({ seeded: created, demoCalls: calls }));
} catch (error) {
  console.error("Seed failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}

async function seedDemoTelephony(): Promise<string[]> {
  const db = handle.db;
  const numbers = Array.from({ length: 12 }, (_, i) => String(1000 + i));
  const rows = await db
    .insert(extensions)
    .values(
      numbers.map((number) => ({
        number,
        displayName: `Demo phone ${number}`,
        secret: encryptSecret(generateSipSecret()),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: extensions.id, number: extensions.number });
  if (rows.length === 0) return [];
  const id = new Map(rows.map((r) => [r.number, r.id]));
  const made = await db
    .insert(queues)
    .values([
      { number: "5000", name: "Sales" },
      { number: "5001", name: "Support" },
    ])
    .onConflictDoNothing()
    .returning({ id: queues.id, number: queues.number });
  for (const q of made) {
    const members = q.number === "5000" ? numbers.slice(0, 6) : numbers.slice(4);
    await db
      .insert(queueMembers)
      .values(members.flatMap((n) => (id.has(n) ? [{ queueId: q.id, extensionId: id.get(n)! }] : [])));
  }
  return [`extensions:${rows.length}`, `queues:${made.length}`];
}
