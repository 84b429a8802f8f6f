import type { BrowserContext, Page } from "@playwright/test";
import { SIP_PEER } from "../../playwright.config";
import { TcpRelay } from "../support/tcp-relay";
import { expect, newClient, type Role, signIn, test } from "./fixtures";
import { ExtensionsPage } from "./pages/extensions-page";
import { SoftphonePage } from "./pages/softphone-page";

/**
 * The browser phone against a real SIP peer: Kamailio as WebSocket registrar and proxy
 * (tests/sip-peer, started by playwright.config.ts). Three signed-in users, each with a WebRTC
 * extension, call each other; media flows browser to browser. The phones reach Kamailio through
 * a TCP relay so the recovery test can cut their WebSockets.
 */
test.describe.configure({ mode: "serial" });

const WS_URL = `ws://127.0.0.1:${SIP_PEER.relayPort}`;
/** Seeded users and their extensions (scripts/seed.ts). */
const A = { role: "admin" as Role, ext: "1000" };
const B = { role: "agent" as Role, ext: "1002" };
const C = { role: "supervisor" as Role, ext: "1001" };

let relay: TcpRelay;
const clients: { context: BrowserContext; page: Page; phone: SoftphonePage }[] = [];
let a: SoftphonePage;
let b: SoftphonePage;
let c: SoftphonePage;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  relay = new TcpRelay(SIP_PEER.relayPort, SIP_PEER.port);
  await relay.start();
  // Admin: point the phones at the relay and turn WebRTC on for the three extensions.
  const admin = await newClient(browser, test.info().project.use.baseURL);
  await signIn(admin.page, A.role);
  await setWsUrl(admin.page, WS_URL);
  for (const ext of [A.ext, B.ext, C.ext]) await setWebrtc(admin.page, ext, true);
  await admin.page.goto("/");
  clients.push({ ...admin, phone: new SoftphonePage(admin.page) });
  for (const who of [B, C]) {
    const client = await newClient(browser, test.info().project.use.baseURL);
    await signIn(client.page, who.role);
    clients.push({ ...client, phone: new SoftphonePage(client.page) });
  }
  [a, b, c] = clients.map((x) => x.phone) as [SoftphonePage, SoftphonePage, SoftphonePage];
  for (const p of [a, b, c]) await p.open();
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(120_000);
  for (const x of clients) await x.context.close();
  // Leave the shared server as the other specs expect it: no phones.
  const admin = await newClient(browser, test.info().project.use.baseURL);
  await signIn(admin.page, A.role);
  for (const ext of [A.ext, B.ext, C.ext]) await setWebrtc(admin.page, ext, false);
  await setWsUrl(admin.page, "");
  await admin.context.close();
  await relay?.stop();
});

test("provisioning: own account only, no-store, and nothing for a role without the phone", async ({
  page,
  request,
}) => {
  const res = await clients[1]!.page.request.get("/api/softphone/config");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  const body = await res.json();
  expect(body.wsUrl).toBe(WS_URL);
  expect(body.account).toMatchObject({
    extension: B.ext,
    uri: `sip:${B.ext}@127.0.0.1`,
    authorizationUsername: B.ext,
  });
  expect(body.account.password).toMatch(/^\S{12,}$/);
  // The secret is never in the page's HTML.
  const html = await (await clients[1]!.page.request.get("/")).text();
  expect(html).not.toContain(body.account.password);

  expect((await request.get("/api/softphone/config")).status()).toBe(401);
  await signIn(page, "qa");
  const qa = await (await page.request.get("/api/softphone/config")).json();
  expect(qa).toMatchObject({ account: null, reason: "no_permission" });
  expect((await page.request.get("/api/softphone/directory?q=10")).status()).toBe(403);
  await expect(page.getByRole("region", { name: "Phone" })).toHaveCount(0);

  const dir = await clients[1]!.page.request.get("/api/softphone/directory?q=Demo");
  const rows = (await dir.json()).rows as { number: string }[];
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThanOrEqual(8);
  const long = await clients[1]!.page.request.get(`/api/softphone/directory?q=${"x".repeat(41)}`);
  expect(long.status()).toBe(400);
});

test("all three register; a bad number gets a clear message", async () => {
  for (const p of [a, b, c]) await p.expectRegistered();
  await a.dial("10a0");
  await expect(a.dock().getByRole("alert")).toHaveText("Only digits, *, # and + can be dialed.");
});

test("A calls B from a directory search, B answers by keyboard; hold, DTMF, mute, hang up", async () => {
  const input = a.dock().getByRole("combobox", { name: "Number or name" });
  await input.fill(B.ext);
  await a
    .dock()
    .getByRole("option", { name: new RegExp(B.ext) })
    .click();
  await b.expectCallState(A.ext, "Incoming call");
  await a.expectCallState(B.ext, "Calling…");
  await b.page.keyboard.press("Alt+Shift+A");
  await a.expectCallState(B.ext, "In call");
  await b.expectCallState(A.ext, "In call");
  await expect(a.call(B.ext).getByTestId("call-timer")).toHaveText(/^00:0\d$/);
  await a.expectAudioFlowing(B.ext);
  await b.expectAudioFlowing(A.ext);

  await a.button(B.ext, "Hold").click();
  await a.expectCallState(B.ext, "On hold");
  await a.button(B.ext, "Resume").click();
  await a.expectCallState(B.ext, "In call");
  await b.expectAudioFlowing(A.ext);

  await a.button(B.ext, "Keypad").click();
  for (const t of ["1", "2", "#"])
    await a
      .call(B.ext)
      .getByRole("button", { name: `Tone ${t}` })
      .click();
  await expect(a.call(B.ext)).toContainText("Tones sent: 12#");

  await a.button(B.ext, "Mute").click();
  await expect(a.button(B.ext, "Unmute")).toHaveAttribute("aria-pressed", "true");
  await expect(a.call(B.ext)).toContainText("muted");
  await a.button(B.ext, "Unmute").click();

  await b.button(A.ext, "Hang up").click();
  await a.expectNoCalls();
  await b.expectNoCalls();
  // Both ends list it under recent calls.
  await expect(a.dock().getByRole("list", { name: "Recent calls" })).toContainText(B.ext);
  await expect(b.dock().getByRole("list", { name: "Recent calls" })).toContainText(A.ext);
});

test("a declined call ends on both sides; switchboard:dial dials from other features", async () => {
  await a.page.evaluate(
    (n) => window.dispatchEvent(new CustomEvent("switchboard:dial", { detail: { number: n } })),
    B.ext,
  );
  await b.expectCallState(A.ext, "Incoming call");
  await b.page.keyboard.press("Alt+Shift+D");
  await a.expectNoCalls();
  await b.expectNoCalls();
  await a.page.evaluate(() =>
    window.dispatchEvent(new CustomEvent("switchboard:dial", { detail: { number: "1000;x=1" } })),
  );
  await expect(a.dock().getByRole("alert")).toHaveText("Only digits, *, # and + can be dialed.");
});

test("blind transfer: B sends A on to C", async () => {
  await connect(a, b);
  await b.button(A.ext, "Transfer").click();
  await b.call(A.ext).getByLabel("Transfer to").fill(C.ext);
  await b.button(A.ext, "Blind transfer").click();
  await c.expectCallState(A.ext, "Incoming call");
  await c.button(A.ext, "Answer").click();
  await a.expectCallState(C.ext, "In call");
  await c.expectCallState(A.ext, "In call");
  await b.expectNoCalls();
  await c.expectAudioFlowing(A.ext);
  await a.button(C.ext, "Hang up").click();
  await a.expectNoCalls();
  await c.expectNoCalls();
});

test("attended transfer: B consults C, then completes; and a cancelled consultation", async () => {
  await connect(a, b);
  await consult(b, A.ext, c, C.ext);
  // Cancel first: C is hung up and A is back from hold.
  await b.button(C.ext, "Cancel transfer").click();
  await c.expectNoCalls();
  await b.expectCallState(A.ext, "In call");

  await consult(b, A.ext, c, C.ext);
  await b.button(C.ext, "Complete transfer").click();
  // A's phone follows the REFER with an INVITE that replaces B's consultation with C.
  await a.expectCallState(C.ext, "In call");
  await c.expectCallState(A.ext, "In call");
  await b.expectNoCalls();
  await a.expectAudioFlowing(C.ext);
  await c.button(A.ext, "Hang up").click();
  await a.expectNoCalls();
  await c.expectNoCalls();
});

test("3-way conference: B merges A and C and both keep audio", async () => {
  await connect(a, b);
  await consult(b, A.ext, c, C.ext);
  await b.button(C.ext, "Conference").click();
  await expect(b.call(A.ext)).toContainText("conference");
  await expect(b.call(C.ext)).toContainText("conference");
  await b.expectCallState(A.ext, "In call");
  await a.expectAudioFlowing(B.ext);
  await c.expectAudioFlowing(B.ext);
  // A leaves: the conference ends and B stays with C on its own microphone.
  await b.button(A.ext, "Hang up").click();
  await a.expectNoCalls();
  await expect(b.call(C.ext)).not.toContainText("conference");
  await b.button(C.ext, "Hang up").click();
  await b.expectNoCalls();
  await c.expectNoCalls();
});

test("recovery: cutting every WebSocket brings registration back within 5 s, and the call's audio", async () => {
  await connect(a, b);
  const before = relay.accepted;
  expect(relay.cut()).toBeGreaterThan(0);
  const cutAt = Date.now();
  await Promise.all([a.expectRegistered(5_000), b.expectRegistered(5_000), c.expectRegistered(5_000)]);
  // Each phone opened a new WebSocket (it was not a dead cut).
  await expect.poll(() => relay.accepted - before, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
  expect(Date.now() - cutAt).toBeLessThan(5_000 + 1_000);
  // The re-INVITE with ICE restart completed and media flows both ways again.
  await expect(a.call(B.ext)).not.toContainText("restoring audio", { timeout: 10_000 });
  await a.expectCallState(B.ext, "In call");
  await b.expectAudioFlowing(A.ext);
  await a.expectAudioFlowing(B.ext);
  // The re-INVITE also told the far end our new path: B can still hang up A.
  await b.button(A.ext, "Hang up").click();
  await a.expectNoCalls();
  // And the fresh registration is real: C reaches A.
  await c.dial(A.ext);
  await a.expectCallState(C.ext, "Incoming call");
  await a.button(C.ext, "Decline").click();
  await c.expectNoCalls();
});

async function connect(from: SoftphonePage, to: SoftphonePage) {
  const fromExt = from === a ? A.ext : from === b ? B.ext : C.ext;
  const toExt = to === a ? A.ext : to === b ? B.ext : C.ext;
  await from.dial(toExt);
  await to.expectCallState(fromExt, "Incoming call");
  await to.button(fromExt, "Answer").click();
  await from.expectCallState(toExt, "In call");
  await to.expectCallState(fromExt, "In call");
}

/** `who` (in a call with `held`) consults `target`, who answers. */
async function consult(who: SoftphonePage, held: string, target: SoftphonePage, targetExt: string) {
  await who.button(held, "Transfer").click();
  await who.call(held).getByLabel("Transfer to").fill(targetExt);
  await who.button(held, "Consult first").click();
  await who.expectCallState(held, "On hold");
  await target.expectCallState(B.ext, "Incoming call");
  await target.button(B.ext, "Answer").click();
  await who.expectCallState(targetExt, "In call");
}

async function setWsUrl(page: Page, url: string) {
  await page.goto("/settings");
  await page.getByLabel("SIP WebSocket URL (browsers)").fill(url);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
}

async function setWebrtc(page: Page, number: string, on: boolean) {
  const extensions = new ExtensionsPage(page);
  await extensions.open(number, `Demo phone ${number}`);
  await extensions.fill({ webrtc: on });
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(/saved=1/);
}
