import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createRoute,
  deleteRoute,
  moveRoute,
  testRoute,
  updateRoute,
} from "@/app/(admin)/outbound-routes/actions";
import { createTrunk, deleteTrunk, updateTrunk } from "@/app/(admin)/trunks/actions";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { renderConfig } from "@/lib/asterisk/compiler/render";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getTrunkById, listRoutes } from "@/lib/db/queries/trunks";
import { outboundRoutes, trunks } from "@/lib/db/schema/trunks";
import type { User } from "@/lib/db/schema/users";
import type { CreateRouteInput, CreateTrunkInput } from "@/lib/validations/trunk";
import { auditFor, countRows, INJECTION_CORPUS, insertExtension, pendingFor } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;
let supervisor: User;

beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
  supervisor = await insertUser({ role: "supervisor" });
  await insertExtension({ number: "301", displayName: "Intl", classOfService: "international" });
  await insertExtension({ number: "302", displayName: "Internal", classOfService: "internal" });
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(admin);
});

let n = 0;
const trunk = (over: Partial<CreateTrunkInput> = {}): CreateTrunkInput => ({
  name: `carrier${n++}`,
  direction: "both",
  authMode: "registration",
  host: "sip.example.net",
  port: 5060,
  transport: "udp",
  username: "acct1",
  secret: "s3cret.Pass",
  fromUser: "",
  codecs: ["ulaw"],
  dtmfMode: "rfc4733",
  maxChannels: 0,
  callerIdMode: "extension",
  fixedCallerId: "",
  ...over,
});
const route = (trunkIds: string[], over: Partial<CreateRouteInput> = {}): CreateRouteInput => ({
  name: `Route ${n++}`,
  patterns: ["_00X."],
  strip: 0,
  prepend: "",
  callerId: "",
  classes: ["international"],
  trunks: trunkIds,
  ...over,
});
async function mustCreateTrunk(over: Partial<CreateTrunkInput> = {}) {
  const r = await createTrunk(trunk(over));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data.id;
}

describe("trunk actions", () => {
  it("stores the password encrypted, never returns it, stages a change and audits without it", async () => {
    const id = await mustCreateTrunk({ secret: "Top.Secret:1" });
    const [row] = await db.select().from(trunks).where(eq(trunks.id, id));
    expect(row!.secret).not.toContain("Top.Secret");
    const view = await getTrunkById({ id });
    expect(view).not.toHaveProperty("secret");
    expect(view!.hasSecret).toBe(true);
    expect(await pendingFor(id)).toHaveLength(1);
    const [audit] = await auditFor(id);
    expect(JSON.stringify(audit)).not.toContain("Top.Secret");
    const state = await loadConfigState(db);
    expect(state.trunks.find((t) => t.id === id)!.secret).toBe("Top.Secret:1");
  });

  it("keeps the stored password when an edit leaves it empty, and clears it for IP auth", async () => {
    const id = await mustCreateTrunk({ secret: "Keep.Me1" });
    const r = await updateTrunk({ ...trunk({ name: "keepme" }), id, secret: "" });
    expect(r.ok).toBe(true);
    expect((await loadConfigState(db)).trunks.find((t) => t.id === id)!.secret).toBe("Keep.Me1");
    await updateTrunk({ ...trunk({ name: "keepme", authMode: "ip" }), id, secret: "" });
    expect((await getTrunkById({ id }))!.hasSecret).toBe(false);
  });

  it("gives field errors: registration without credentials, fixed caller ID without a number, names", async () => {
    const r = await createTrunk(
      trunk({ username: "", secret: "", callerIdMode: "fixed", name: "transport-udp" }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.error.fieldErrors ?? {}).sort()).toEqual([
      "fixedCallerId",
      "name",
      "secret",
      "username",
    ]);
    await mustCreateTrunk({ name: "dupe" });
    const dupe = await createTrunk(trunk({ name: "dupe" }));
    expect(!dupe.ok && dupe.error.fieldErrors?.name).toBeTruthy();
  });

  it("refuses to delete a trunk a route uses, then deletes it once the route is gone", async () => {
    const id = await mustCreateTrunk();
    const r = await createRoute(route([id], { name: "Uses it" }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const refused = await deleteTrunk({ id });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toContain('"Uses it"');
    expect(await getTrunkById({ id })).toBeDefined();
    expect((await deleteRoute({ id: r.data.id })).ok).toBe(true);
    expect((await deleteTrunk({ id })).ok).toBe(true);
    expect(await getTrunkById({ id })).toBeUndefined();
  });

  it("needs trunks.write", async () => {
    session.current = currentUserFor(supervisor);
    const before = await countRows();
    const r = await createTrunk(trunk());
    expect(!r.ok && r.error.code).toBe("forbidden:trunks.write");
    expect(await countRows()).toEqual(before);
  });
});

describe("outbound route actions", () => {
  it("appends routes in order, reorders them, and refuses bad patterns per item", async () => {
    await db.delete(outboundRoutes);
    const t = await mustCreateTrunk();
    const a = await createRoute(route([t], { name: "A" }));
    const b = await createRoute(route([t], { name: "B" }));
    expect((await listRoutes()).map((r) => r.name)).toEqual(["A", "B"]);
    expect((await moveRoute({ id: b.ok ? b.data.id : "", direction: "up" })).ok).toBe(true);
    expect((await listRoutes()).map((r) => r.name)).toEqual(["B", "A"]);
    const bad = await createRoute(route([t], { patterns: ["_00X.", "_X.X", "0X"] }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.error.fieldErrors ?? {}).sort()).toEqual(["patterns.1", "patterns.2"]);
    expect(a.ok).toBe(true);
  });

  it("refuses inbound-only trunks", async () => {
    const t = await mustCreateTrunk({ direction: "inbound" });
    const r = await createRoute(route([t]));
    expect(!r.ok && r.error.fieldErrors?.trunks?.[0]).toContain("inbound only");
  });

  it("the tester answers from the saved configuration, by class or by extension", async () => {
    await db.delete(outboundRoutes);
    const t1 = await mustCreateTrunk({ name: "first", callerIdMode: "fixed", fixedCallerId: "+4411" });
    const t2 = await mustCreateTrunk({ name: "second" });
    const created = await createRoute(
      route([t1, t2], { name: "Intl", patterns: ["_00Z."], prepend: "9", strip: 2 }),
    );
    expect(created.ok).toBe(true);
    const r = await testRoute({ number: "0033123", classOfService: "national", extension: "301" });
    expect(r.ok && r.data.kind).toBe("route");
    if (!r.ok || r.data.kind !== "route") return;
    expect(r.data.dialled).toBe("933123");
    expect(r.data.attempts.map((x) => [x.trunk, x.callerId])).toEqual([
      ["first", "+4411"],
      ["second", "301"],
    ]);
    const refused = await testRoute({ number: "0033123", classOfService: "international", extension: "302" });
    expect(refused.ok && refused.data.kind).toBe("none");
    const internal = await testRoute({ number: "302", classOfService: "internal", extension: "" });
    expect(internal.ok && internal.data.kind).toBe("internal");
    const bad = await testRoute({ number: "00;1", classOfService: "internal", extension: "" });
    expect(!bad.ok && bad.error.fieldErrors?.number).toBeTruthy();
    // and what was saved renders
    expect(renderConfig(await loadConfigState(db)).get("extensions_switchboard.conf")).toContain(
      "exten => _00Z.,1,",
    );
  });

  it("updates a route and records before/after", async () => {
    const t = await mustCreateTrunk();
    const r = await createRoute(route([t]));
    if (!r.ok) throw new Error("create");
    const u = await updateRoute({ ...route([t], { name: "Renamed", patterns: ["_0044X."] }), id: r.data.id });
    expect(u.ok).toBe(true);
    const audits = await auditFor(r.data.id);
    expect(audits.map((a) => a.action)).toContain("route.update");
  });
});

describe("injection corpus on trunks and routes", () => {
  const trunkFields = ["name", "host", "username", "secret", "fromUser", "fixedCallerId"] as const;
  const routeFields = ["prepend", "callerId"] as const;
  it.each(INJECTION_CORPUS)(
    "refuses %s in every trunk and route field that reaches Asterisk",
    async (_label, payload) => {
      const before = await countRows();
      for (const field of trunkFields) {
        const r = await createTrunk(
          trunk({
            [field]: payload,
            callerIdMode: "fixed",
            fixedCallerId: "+1",
            ...(field === "fixedCallerId" ? { fixedCallerId: payload } : {}),
          }),
        );
        expect(r.ok, `${field} = ${JSON.stringify(payload).slice(0, 40)}`).toBe(false);
      }
      const t = (await db.select({ id: trunks.id }).from(trunks).limit(1))[0]!.id;
      for (const field of routeFields) {
        const r = await createRoute(route([t], { [field]: payload }));
        expect(r.ok, `${field}`).toBe(false);
      }
      const p = await createRoute(route([t], { patterns: [payload] }));
      expect(p.ok).toBe(false);
      const pat = await createRoute(route([t], { patterns: [`_X.${payload}`] }));
      expect(pat.ok).toBe(false);
      expect(await countRows()).toEqual(before);
    },
  );
});
