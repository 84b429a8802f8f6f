import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addListEntries, createCallerList } from "@/app/(admin)/caller-lists/actions";
import { createDid } from "@/app/(admin)/dids/actions";
import { createRingTree } from "@/app/(admin)/ring-trees/actions";
import { AmiClient } from "@/lib/asterisk/ami/ami-client";
import { closeAppAmi } from "@/lib/asterisk/ami/app-ami";
import type { AmiEvent } from "@/lib/asterisk/ami/message";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { LiveListener } from "@/lib/asterisk/live/listener/live-listener";
import { requestApply } from "@/lib/asterisk/publish/apply";
import { connectAsteriskControl } from "@/lib/asterisk/publish/asterisk-control";
import type { CurrentUser } from "@/lib/auth/session";
import { getBus } from "@/lib/bus/get-bus";
import { db } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { routeEvents } from "@/lib/db/schema/inbound";
import { dryRun } from "@/lib/routing/dry-run/dry-run";
import { type RouteStep, routeStepFromEvent } from "@/lib/routing/trace";
import { encryptSecret } from "@/lib/settings/crypto";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";
import { asterisk } from "./env";
import { cli, startBaresip, waitFor } from "./helpers";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

/**
 * Inbound routing on a real Asterisk: a DID with a caller-ID rule and a block list, into a ring
 * tree whose first node is a registered phone that never answers (7611, baresip), then an
 * unregistered extension (7612), then hang up. Calls come in as AMI Originate of
 * Local/<did>@sb-from-trunk with a chosen caller ID; the path is read from the SwitchboardRoute
 * UserEvents and compared with the dry run of the same state.
 */
const DID = "+15557000";
const PHONE = { user: "7611", password: "Inb7611secretABCDEFG12", port: 5611 };
const RING_SECONDS = 6;

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let control: AmiClient;
let listener: LiveListener;
let phone: ReturnType<typeof startBaresip> | null = null;
const events: AmiEvent[] = [];
let spamListId = "";

beforeAll(async () => {
  testDb = await useTestDb();
  session.current = currentUserFor(await insertUser({ role: "admin" }));
  await db.insert(extensions).values([
    { number: "7611", displayName: "Inbound 7611", secret: encryptSecret(PHONE.password) },
    { number: "7612", displayName: "Inbound 7612", secret: encryptSecret("Inb7612secretABCDEFG12") },
  ]);
  const spam = await createCallerList({ name: "Inbound spam", kind: "block", description: "" });
  if (!spam.ok) throw new Error(JSON.stringify(spam.error));
  spamListId = spam.data.id;
  const tree = await createRingTree({
    number: "7650",
    name: "Inbound tree",
    lists: [],
    nodes: [
      { key: "n1", parentKey: null, kind: "extension", target: "7611", listId: null, timeout: RING_SECONDS },
      { key: "n2", parentKey: "n1", kind: "extension", target: "7612", listId: null, timeout: 5 },
      { key: "n3", parentKey: "n2", kind: "hangup", target: null, listId: null, timeout: 5 },
    ],
  });
  if (!tree.ok) throw new Error(JSON.stringify(tree.error));
  const did = await createDid({
    number: DID,
    description: "Inbound test",
    trunkName: "test-carrier",
    destination: { type: "ringtree", target: "7650" },
    rules: [{ pattern: "_+1555000[5-6]", destination: { type: "extension", target: "7612" } }],
    lists: [spamListId],
  });
  if (!did.ok) throw new Error(JSON.stringify(did.error));
  const applied = await requestApply({
    actor: { id: null, email: "test@switchboard.test" },
    configDir: asterisk.configDir,
    connect: () => connectAsteriskControl(asterisk.ami),
  });
  expect(applied.error).toBeUndefined();

  control = new AmiClient({ ...asterisk.ami, reconnect: false });
  control.on("event", (e: AmiEvent) => {
    if (e.event === "UserEvent") events.push(e);
  });
  await control.connect();
  listener = new LiveListener({
    bus: getBus(),
    db,
    timeZone: "UTC",
    log: pino({ level: "silent" }),
    connection: async () => asterisk.ami,
  });
  await listener.start();

  phone = startBaresip({ ...PHONE, autoAnswer: false });
  await waitFor(
    "7611 registered",
    async () => (await cli("pjsip show contacts")).includes(`${PHONE.user}/sip:${PHONE.user}`),
    20_000,
  );
}, 180_000);

afterAll(async () => {
  await control?.action("Hangup", { Channel: "/^(Local\\/\\+15557000|PJSIP\\/761[12])/" }).catch(() => {});
  await listener?.stop();
  await phone?.stop();
  await closeAppAmi();
  await control?.close();
  await testDb?.drop();
});

/** Places a call into the DID from `caller` and returns its route steps once `done` says so. */
async function call(caller: string, done: (steps: RouteStep[]) => boolean, timeoutMs = 30_000) {
  const linkedid = `sb-inb-${randomUUID().slice(0, 8)}`;
  await control.action("Originate", {
    Channel: `Local/${DID}@sb-from-trunk`,
    Application: "Wait",
    Data: "20",
    CallerID: `Test <${caller}>`,
    ChannelId: linkedid,
    OtherChannelId: `${linkedid}-2`,
    Timeout: "40000",
    Async: "true",
  });
  const mine = () => events.filter((e) => e.fields.Linkedid === linkedid);
  await waitFor(`the route of ${caller}`, async () => done(steps(mine())), timeoutMs);
  await control.action("Hangup", { Channel: "/^Local\\/\\+15557000@sb-from-trunk-/" }).catch(() => {});
  return { linkedid, events: mine(), steps: steps(mine()) };
}

function steps(list: AmiEvent[]): RouteStep[] {
  return list.map((e) => routeStepFromEvent(e.fields)).filter((s): s is RouteStep => s !== null);
}

async function predicted(caller: string) {
  return dryRun(await loadConfigState(db), { did: DID, callerId: caller, at: new Date(), digits: [] }).steps;
}

describe("inbound routing on a real Asterisk", () => {
  it("rings the tree's first node for its timeout, then its child, then hangs up, as the dry run says", async () => {
    const r = await call("+15550001", (s) => s.some((x) => x.step === "destination"), 40_000);
    expect(r.steps).toEqual(await predicted("+15550001"));
    expect(r.steps.map((s) => `${s.step}:${s.detail}`)).toEqual([
      "did:test-carrier",
      "ringtree:n1",
      "ringtree:n2",
      "ringtree:n3",
      "destination:hangup",
    ]);
    const at = (detail: string) =>
      Number(
        r.events.find((e) => e.fields.Step === "ringtree" && e.fields.Detail === detail)?.fields.Timestamp,
      );
    // 7611 is registered and rings for RING_SECONDS without answering; only then does n2 ring.
    expect(at("n2") - at("n1")).toBeGreaterThanOrEqual(RING_SECONDS - 0.5);
    expect(at("n2") - at("n1")).toBeLessThan(RING_SECONDS + 3);

    // The listener stored the same steps for the call's timeline.
    await listener.drain();
    const rows = await db
      .select()
      .from(routeEvents)
      .where(eq(routeEvents.linkedid, r.linkedid))
      .orderBy(asc(routeEvents.occurredAt), asc(routeEvents.id));
    expect(rows.map((x) => ({ step: x.step, target: x.target, detail: x.detail }))).toEqual(r.steps);
  });

  it("sends a caller matching a caller-ID rule to the rule's destination", async () => {
    const r = await call("+15550005", (s) => s.some((x) => x.step === "destination"));
    expect(r.steps).toEqual(await predicted("+15550005"));
    expect(r.steps).toEqual([
      { step: "did", target: DID, detail: "test-carrier" },
      { step: "callerid", target: DID, detail: "_+1555000[5-6]" },
      { step: "destination", target: "7612", detail: "extension" },
    ]);
  });

  it("refuses a caller blocked through the app, with no dialplan reload", async () => {
    const reloadsBefore = await cli("dialplan show sb-from-trunk");
    const added = await addListEntries({
      listId: spamListId,
      entries: [{ value: "+15550009", expiresInDays: 1 }],
    });
    expect(added).toMatchObject({ ok: true, data: { added: 1, patterns: 0 } });
    const db = await cli(`database show sblist/${spamListId}`);
    expect(db).toContain("+15550009");
    const r = await call("+15550009", (s) => s.some((x) => x.step === "blocklist"));
    expect(r.steps).toEqual([
      { step: "did", target: DID, detail: "test-carrier" },
      { step: "blocklist", target: spamListId, detail: "blocked" },
    ]);
    expect(r.steps).toEqual(await predicted("+15550009"));
    // Same dialplan as before the block: the change went through AstDB only.
    expect(await cli("dialplan show sb-from-trunk")).toBe(reloadsBefore);
    // Another caller still gets through.
    const other = await call("+15550001", (s) => s.some((x) => x.step === "ringtree"));
    expect(other.steps[1]).toEqual({ step: "ringtree", target: "7650", detail: "n1" });
  });
});
