import type { BrowserContext, Page } from "@playwright/test";
import { AmiTap } from "../asterisk/ami-tap";
import { cli, waitFor } from "../asterisk/helpers";
import { cutBrowserWebSockets } from "../asterisk/ws-cut";
import { expect, newClient, type Role, signIn, test } from "../e2e/fixtures";
import { SoftphonePage } from "../e2e/pages/softphone-page";
import { applyConfig, setWebrtc } from "./app-steps";

/**
 * The browser phone against a real Asterisk 22: three agents' extensions get WebRTC through the
 * app and are applied; three browser contexts register over SIP_WS_URL and call each other
 * through Asterisk (DTLS-SRTP, ICE). Asterisk's own view (channels, bridges, AMI events) is the
 * proof, not just the UI.
 */
test.describe.configure({ mode: "serial" });

const A = { role: "admin" as Role, ext: "1000" };
const B = { role: "agent" as Role, ext: "1002" };
const C = { role: "supervisor" as Role, ext: "1001" };
const WS_PORT = Number(new URL(process.env.SIP_WS_URL ?? "ws://127.0.0.1:8088/ws").port || 80);

const clients: { context: BrowserContext; page: Page }[] = [];
let a: SoftphonePage;
let b: SoftphonePage;
let c: SoftphonePage;
const ami = new AmiTap();

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const baseURL = test.info().project.use.baseURL;
  const admin = await newClient(browser, baseURL);
  await signIn(admin.page, A.role);
  for (const ext of [A.ext, B.ext, C.ext]) await setWebrtc(admin.page, ext, true);
  await applyConfig(admin.page);
  await admin.page.goto("/");
  clients.push(admin);
  for (const who of [B, C]) {
    const client = await newClient(browser, baseURL);
    await signIn(client.page, who.role);
    clients.push(client);
  }
  [a, b, c] = clients.map((x) => new SoftphonePage(x.page)) as [SoftphonePage, SoftphonePage, SoftphonePage];
  for (const p of [a, b, c]) await p.open();
  await ami.connect();
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(120_000);
  ami.close();
  for (const x of clients) await x.context.close();
  // Hand the shared Asterisk back as the other specs expect it: no WebRTC endpoints.
  const admin = await newClient(browser, test.info().project.use.baseURL);
  await signIn(admin.page, A.role);
  for (const ext of [A.ext, B.ext, C.ext]) await setWebrtc(admin.page, ext, false);
  await applyConfig(admin.page);
  await admin.context.close();
});

test("three agents register over WebSocket; A calls B, Asterisk bridges them; hold, resume and DTMF reach Asterisk", async () => {
  for (const p of [a, b, c]) await p.expectRegistered(20_000);
  expect(await cli("pjsip show contacts")).toMatch(new RegExp(`${B.ext}/sip:${B.ext}-`));

  await connect(a, b);
  await waitFor("A and B bridged in Asterisk", async () => sameBridge(A.ext, B.ext), 10_000);
  await a.expectAudioFlowing(B.ext);
  await b.expectAudioFlowing(A.ext);

  const mark = ami.events.length;
  await a.button(B.ext, "Hold").click();
  await a.expectCallState(B.ext, "On hold");
  await waitFor(
    "Hold on A's channel",
    async () => ami.find({ Event: "Hold", Channel: chan(A.ext) }, mark)[0],
  );
  await a.button(B.ext, "Resume").click();
  await a.expectCallState(B.ext, "In call");
  await waitFor(
    "Unhold on A's channel",
    async () => ami.find({ Event: "Unhold", Channel: chan(A.ext) }, mark)[0],
  );

  await a.button(B.ext, "Keypad").click();
  for (const t of ["4", "2", "#"])
    await a
      .call(B.ext)
      .getByRole("button", { name: `Tone ${t}` })
      .click();
  await expect(a.call(B.ext)).toContainText("Tones sent: 42#");
  const digits = await waitFor("A's three DTMF digits in Asterisk", async () => {
    const got = ami
      .find({ Event: "DTMFEnd", Channel: chan(A.ext), Direction: "Received" }, mark)
      .map((e) => e.Digit)
      .join("");
    return got.length >= 3 && got;
  });
  expect(digits).toBe("42#");

  await b.button(A.ext, "Hang up").click();
  await a.expectNoCalls();
  await b.expectNoCalls();
});

test("blind transfer: B sends A to C through Asterisk", async () => {
  await connect(a, b);
  await b.button(A.ext, "Transfer").click();
  await b.call(A.ext).getByLabel("Transfer to").fill(C.ext);
  await b.button(A.ext, "Blind transfer").click();
  const ringing = c.dock().getByRole("group", { name: /^Call with / });
  await expect(ringing.getByTestId("call-state")).toHaveText("Incoming call", { timeout: 15_000 });
  await ringing.getByRole("button", { name: "Answer", exact: true }).click();
  await b.expectNoCalls();
  await waitFor("A and C bridged", async () => sameBridge(A.ext, C.ext), 10_000);
  await expect(ringing.getByTestId("call-state")).toHaveText("In call");
  await a.expectCallState(B.ext, "In call");
  await hangUpAll();
});

test("attended transfer: B consults C, completes, and Asterisk bridges A with C", async () => {
  await connect(a, b);
  await consult(b, A.ext, c, C.ext);
  await waitFor("B and C bridged", async () => sameBridge(B.ext, C.ext), 10_000);
  await b.button(C.ext, "Complete transfer").click();
  await b.expectNoCalls(15_000);
  await waitFor("A and C bridged", async () => sameBridge(A.ext, C.ext), 10_000);
  await a.expectCallState(B.ext, "In call");
  await c.expectCallState(B.ext, "In call");
  await a.expectAudioFlowing(B.ext);
  await c.expectAudioFlowing(B.ext);
  await hangUpAll();
});

test("3-way conference: B mixes A and C; both legs stay bridged and carry audio", async () => {
  await connect(a, b);
  await consult(b, A.ext, c, C.ext);
  await b.button(C.ext, "Conference").click();
  await expect(b.call(A.ext)).toContainText("conference");
  await expect(b.call(C.ext)).toContainText("conference");
  await waitFor(
    "A–B and B–C both bridged",
    async () => (await sameBridge(A.ext, B.ext)) && (await sameBridge(B.ext, C.ext)),
  );
  await a.expectAudioFlowing(B.ext);
  await c.expectAudioFlowing(B.ext);
  await hangUpAll();
});

test("recovery: cutting the browsers' WebSockets brings registration back within 5 s, and the call's audio", async () => {
  await connect(a, b);
  await waitFor("A and B bridged", async () => sameBridge(A.ext, B.ext), 10_000);
  expect(cutBrowserWebSockets(WS_PORT)).toBeGreaterThanOrEqual(3);
  const cutAt = Date.now();
  await Promise.all([a.expectRegistered(5_000), b.expectRegistered(5_000), c.expectRegistered(5_000)]);
  expect(Date.now() - cutAt).toBeLessThan(6_000);
  await expect(a.call(B.ext)).not.toContainText("restoring audio", { timeout: 10_000 });
  await b.expectAudioFlowing(A.ext);
  await a.expectAudioFlowing(B.ext);
  expect(await sameBridge(A.ext, B.ext)).toBe(true);
  await hangUpAll();
});

async function connect(from: SoftphonePage, to: SoftphonePage) {
  const fromExt = extOf(from);
  const toExt = extOf(to);
  await from.dial(toExt);
  await to.expectCallState(fromExt, "Incoming call");
  await to.button(fromExt, "Answer").click();
  await from.expectCallState(toExt, "In call");
  await to.expectCallState(fromExt, "In call");
}

async function consult(who: SoftphonePage, held: string, target: SoftphonePage, targetExt: string) {
  await who.button(held, "Transfer").click();
  await who.call(held).getByLabel("Transfer to").fill(targetExt);
  await who.button(held, "Consult first").click();
  await who.expectCallState(held, "On hold");
  await target.expectCallState(extOf(who), "Incoming call");
  await target.button(extOf(who), "Answer").click();
  await who.expectCallState(targetExt, "In call");
}

/** Hangs up whatever each phone still has, and waits for Asterisk to have no PJSIP channel of ours. */
async function hangUpAll() {
  for (const p of [a, b, c]) {
    const calls = p.dock().getByRole("group", { name: /^Call with / });
    for (let i = await calls.count(); i > 0; i--) {
      await calls
        .first()
        .getByRole("button", { name: "Hang up", exact: true })
        .click()
        .catch(() => {});
    }
  }
  for (const p of [a, b, c]) await p.expectNoCalls(15_000);
  await waitFor("no channels left", async () => (await channels()).length === 0, 10_000);
}

function extOf(p: SoftphonePage): string {
  return p === a ? A.ext : p === b ? B.ext : C.ext;
}

function chan(ext: string): RegExp {
  return new RegExp(`^PJSIP/${ext}-`);
}

type Channel = { name: string; state: string; bridge: string };

/** Our extensions' channels from `core show channels concise` (fields split on '!'). */
async function channels(): Promise<Channel[]> {
  const out = await cli("core show channels concise");
  return out
    .split("\n")
    .map((l) => l.split("!"))
    .filter((f) => /^PJSIP\/(1000|1001|1002)-/.test(f[0] ?? ""))
    .map((f) => ({ name: f[0] ?? "", state: f[4] ?? "", bridge: f[12] ?? "" }));
}

/** True when a channel of each extension is Up and both sit in the same bridge. */
async function sameBridge(x: string, y: string): Promise<boolean> {
  const list = await channels();
  const up = (e: string) => list.filter((c) => chan(e).test(c.name) && c.state === "Up" && c.bridge);
  return up(x).some((cx) => up(y).some((cy) => cy.bridge === cx.bridge));
}
