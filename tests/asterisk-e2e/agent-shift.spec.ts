import type { BrowserContext, Page } from "@playwright/test";
import { type AmiEvent, AmiTap } from "../asterisk/ami-tap";
import { cli, startBaresip, waitFor } from "../asterisk/helpers";
import { expect, newClient, signIn, test } from "../e2e/fixtures";
import { AgentDock } from "../e2e/pages/agent-dock";
import { ExtensionsPage } from "../e2e/pages/extensions-page";
import { QueuesPage } from "../e2e/pages/queues-page";
import { SoftphonePage } from "../e2e/pages/softphone-page";
import { applyConfig, setWebrtc } from "./app-steps";

/**
 * An agent's shift in the browser against a real Asterisk 22 (issue #6). The admin creates a
 * queue in the app (wrap-up required, notes too) with the seeded agent's extension 1002 as an
 * agent who may log in, gives 1002 WebRTC and applies. The agent then, in the browser only:
 * logs in to the queue and is ready; takes a queue call on the browser phone; wraps it up with a
 * disposition and notes and schedules a callback from the wrap-up; pauses with a break code
 * (a caller waits meanwhile) and goes ready again; blind-transfers a queue call to a colleague
 * (baresip on 1003) and wraps that up too; finds the wrap-up in call history and the callback on
 * /callbacks; logs out; and sees a static queue membership as "always in". Callers are AMI
 * Originates of Local channels into the queue's number. Each step is checked in Asterisk (AMI
 * events, QueueStatus, `queue show`) as well as on the page, and the open agent dock is checked
 * never to cover the open phone.
 */
test.describe.configure({ mode: "serial" });

const AGENT_EXT = "1002";
const IFACE = `PJSIP/${AGENT_EXT}`;
const run = Date.now().toString(36).slice(-4);
// A number of its own per run: Asterisk keeps dynamic members in AstDB (persistentmembers).
const QUEUE = { number: `86${String(Date.now()).slice(-3)}`, name: `Shift ${run}` };
const Q = `q${QUEUE.number}`;
const FIRST_CALLER = "+15550107001";
const SECOND_CALLER = "+15550107002";
const THIRD_CALLER = "+15550107003";
/** A colleague's desk phone the agent transfers to: baresip, answering by itself. */
const COLLEAGUE = { ext: "1003", port: 5461 };

let admin: { context: BrowserContext; page: Page };
let agent: { context: BrowserContext; page: Page };
let phone: SoftphonePage;
let dock: AgentDock;
const ami = new AmiTap();
/** The first call's Linkedid, as Asterisk reported it in AgentConnect. */
let firstLinkedid = "";
/** Whether 1002 is back among Sales's static members (the last test puts it back). */
let salesRestored = false;
let colleague: ReturnType<typeof startBaresip> | null = null;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const baseURL = test.info().project.use.baseURL;
  await ami.connect();
  admin = await newClient(browser, baseURL);
  await signIn(admin.page, "admin");
  await setWebrtc(admin.page, AGENT_EXT, true);
  // The seeded Sales queue has 1002 as a static member (always in); the shift starts with the
  // agent in no queue at all, so take it out there (put back in afterAll).
  await setSalesStatic(admin.page, false);
  await createShiftQueue(admin.page);
  const extensions = new ExtensionsPage(admin.page);
  await extensions.open(COLLEAGUE.ext, `Demo phone ${COLLEAGUE.ext}`);
  const secret = await extensions.revealSecret();
  await applyConfig(admin.page);
  colleague = startBaresip({ user: COLLEAGUE.ext, password: secret, port: COLLEAGUE.port, autoAnswer: true });
  await waitFor(
    "the colleague's phone registered",
    async () => (await cli("pjsip show contacts")).includes(`${COLLEAGUE.ext}/sip:${COLLEAGUE.ext}`),
    20_000,
  );
  const status = await queueStatus();
  expect(status.params, `${Q} in QueueStatus`).toBeDefined();
  expect(status.members).toEqual([]);

  agent = await newClient(browser, baseURL);
  await signIn(agent.page, "agent");
  phone = new SoftphonePage(agent.page);
  dock = new AgentDock(agent.page);
  await phone.open();
  await phone.expectRegistered(20_000);
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await ami.action("Hangup", { Channel: `/^Local\\/${QUEUE.number}@sb-internal-/` }).catch(() => {});
  // Whatever happened above, leave no dynamic member behind in Asterisk's AstDB.
  await ami.action("QueueRemove", { Queue: Q, Interface: IFACE }).catch(() => {});
  await ami.action("Hangup", { Channel: `/^PJSIP\\/${COLLEAGUE.ext}-/` }).catch(() => {});
  ami.close();
  await colleague?.stop();
  await agent?.context.close();
  const page = admin?.page ?? (await newClient(browser, test.info().project.use.baseURL)).page;
  if (!admin) await signIn(page, "admin");
  const queues = new QueuesPage(page);
  await queues.open(QUEUE.name);
  await queues.deleteOpen();
  await expect(page).toHaveURL(/\/queues(\?|$)/);
  if (!salesRestored) await setSalesStatic(page, true);
  await setWebrtc(page, AGENT_EXT, false);
  await applyConfig(page);
  await page.context().close();
});

test("the agent logs in to the queue from the dock and is ready; Asterisk has 1002 as a dynamic member", async () => {
  await dock.openMain();
  await expect(dock.state()).toHaveText("Logged out", { timeout: 20_000 });
  const mark = ami.events.length;
  await dock.root.getByRole("button", { name: `Log in to ${QUEUE.name}` }).click();
  await expect(dock.state()).toHaveText("Ready", { timeout: 15_000 });
  await expect(dock.root.getByRole("button", { name: `Log out of ${QUEUE.name}` })).toBeVisible();

  await waitFor("QueueMemberAdded for 1002", async () =>
    ami.find({ Event: "QueueMemberAdded", Queue: Q, Interface: IFACE }, mark).at(0),
  );
  const { members } = await queueStatus();
  expect(members).toHaveLength(1);
  expect(members[0]).toMatchObject({ Location: IFACE, Membership: "dynamic", Paused: "0" });
  expect(await cli(`queue show ${Q}`)).toMatch(new RegExp(`${reEscape(IFACE)}.*\\(dynamic\\)`));
});

test("a queue call rings the browser phone; Asterisk connects the agent; the required wrap-up is saved with a callback and shows in call history", async () => {
  test.setTimeout(120_000);
  const mark = ami.events.length;
  await callQueue(FIRST_CALLER);
  await waitFor(
    "the caller in the queue",
    async () => ami.find({ Event: "QueueCallerJoin", Queue: Q, CallerIDNum: FIRST_CALLER }, mark).at(0),
    15_000,
  );
  await phone.expectCallState(FIRST_CALLER, "Incoming call");
  await waitFor("AgentCalled for 1002", async () =>
    ami.find({ Event: "AgentCalled", Queue: Q, Interface: IFACE }, mark).at(0),
  );
  await phone.button(FIRST_CALLER, "Answer").click();
  await phone.expectCallState(FIRST_CALLER, "In call");
  await expectDockAbovePhone(FIRST_CALLER);
  const connect = await waitFor("AgentConnect for 1002", async () =>
    ami.find({ Event: "AgentConnect", Queue: Q, Interface: IFACE }, mark).at(0),
  );
  firstLinkedid = connect.Linkedid ?? "";
  expect(firstLinkedid).not.toBe("");
  // The caller echoes what it hears: the browser's fake microphone comes back through Asterisk.
  await phone.expectAudioFlowing(FIRST_CALLER);

  await phone.button(FIRST_CALLER, "Hang up").click();
  await phone.expectNoCalls();
  const complete = await waitFor("AgentComplete for 1002", async () =>
    ami.find({ Event: "AgentComplete", Queue: Q, Interface: IFACE }, mark).at(0),
  );
  expect(complete).toMatchObject({ Linkedid: firstLinkedid, Reason: "agent" });

  // The wrap-up opens by itself and holds the dock until it is saved.
  const card = dock.root.getByRole("heading", { name: `Wrap up: call from ${FIRST_CALLER}` });
  await expect(card).toBeVisible({ timeout: 15_000 });
  await expect(
    dock.root.getByText(new RegExp(`Queue ${Q} · ended .* · a disposition is required`)),
  ).toBeVisible();
  await expect(dock.toggle()).toBeDisabled();
  await expectDockAbovePhone();
  await expect(dock.wrapup().getByRole("button", { name: "Skip" })).toHaveCount(0);
  await dock.wrapup().getByRole("button", { name: "Save wrap-up" }).click();
  await expect(dock.wrapup().getByText("Choose a disposition.")).toBeVisible();
  await dock.wrapup().getByLabel("Disposition").selectOption({ label: "Sold" });
  await dock.wrapup().getByRole("button", { name: "Save wrap-up" }).click();
  await expect(
    dock.wrapup().getByText("This queue requires notes: say what happened on the call."),
  ).toBeVisible();
  await dock.wrapup().getByLabel("Notes (required)").fill(`Two seats, shift ${run}`);

  // A callback to this caller, from the wrap-up: number and call filled in.
  await dock.root.getByRole("button", { name: "Schedule callback" }).click();
  const callback = dock.root.getByRole("form", { name: "Schedule a callback" });
  await expect(callback.getByLabel("Number to call back")).toHaveValue(FIRST_CALLER);
  await callback.getByLabel("When").fill(inMinutesUtc(90));
  await callback.getByLabel("Note").fill(`Confirm the seats ${run}`);
  await callback.getByRole("button", { name: "Schedule callback" }).click();
  await expect(dock.root.getByRole("status").filter({ hasText: "Callback scheduled." })).toBeVisible();

  await dock.wrapup().getByRole("button", { name: "Save wrap-up" }).click();
  await expect(card).toHaveCount(0);
  await expect(dock.toggle()).toBeEnabled();

  // Call history: the call by the Linkedid Asterisk gave it, with the agent's disposition and notes.
  const drawer = await openCall(agent.page, firstLinkedid);
  await expect(drawer.getByTestId("call-legs")).toContainText(`${IFACE}-`);
  await expect(drawer.getByTestId("call-wrapups")).toContainText("Sold");
  await expect(drawer.getByTestId("call-wrapups")).toContainText(`Two seats, shift ${run}`);
  await expect(drawer.getByTestId("call-wrapups")).toContainText(`Alex Agent · ${Q}`);
  await expect(drawer.getByTestId("call-timeline")).toContainText("Disposition: Sold");
});

test("the agent pauses with a break code: Asterisk reports the reason and holds a caller until the agent is ready again", async () => {
  test.setTimeout(120_000);
  // Call history was a full page load: the phone registers again on the next page.
  await visit("/");
  await dock.openMain();
  await expect(dock.state()).toHaveText("Ready", { timeout: 15_000 });
  let mark = ami.events.length;
  await dock.root.getByLabel("Break code").selectOption({ label: "Lunch" });
  await dock.root.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(dock.state()).toHaveText("Paused: Lunch", { timeout: 15_000 });

  const pause = await waitFor("QueueMemberPause for 1002", async () =>
    ami.find({ Event: "QueueMemberPause", Queue: Q, Interface: IFACE, Paused: "1" }, mark).at(0),
  );
  expect(pause.PausedReason).toBe("lunch");
  const { members } = await queueStatus();
  expect(members[0]).toMatchObject({ Location: IFACE, Paused: "1", PausedReason: "lunch" });
  expect(await cli(`queue show ${Q}`)).toMatch(new RegExp(`${reEscape(IFACE)}.*paused:lunch`));

  // A caller arrives during the break: it waits, and the paused agent's phone stays quiet.
  mark = ami.events.length;
  await callQueue(SECOND_CALLER);
  await waitFor(
    "the second caller in the queue",
    async () => ami.find({ Event: "QueueCallerJoin", Queue: Q, CallerIDNum: SECOND_CALLER }, mark).at(0),
    15_000,
  );
  await agent.page.waitForTimeout(4_000);
  expect(ami.find({ Event: "AgentCalled", Queue: Q }, mark)).toEqual([]);
  await phone.expectNoCalls(1_000);

  await dock.root.getByRole("button", { name: "Go ready" }).click();
  await expect(dock.state()).toHaveText("Ready", { timeout: 15_000 });
  await waitFor("QueueMemberPause (unpaused) for 1002", async () =>
    ami.find({ Event: "QueueMemberPause", Queue: Q, Interface: IFACE, Paused: "0" }, mark).at(0),
  );
  await phone.expectCallState(SECOND_CALLER, "Incoming call");
  await expectDockAbovePhone(SECOND_CALLER);
  await phone.button(SECOND_CALLER, "Answer").click();
  await phone.expectCallState(SECOND_CALLER, "In call");
  await waitFor("AgentConnect for the second caller", async () =>
    ami.find({ Event: "AgentConnect", Queue: Q, Interface: IFACE }, mark).at(0),
  );

  // This time the caller hangs up; the wrap-up follows all the same.
  await ami.action("Hangup", { Channel: `/^Local\\/${QUEUE.number}@sb-internal-[0-9a-f]+;1$/` });
  await phone.expectNoCalls();
  const complete = await waitFor("AgentComplete for the second caller", async () =>
    ami.find({ Event: "AgentComplete", Queue: Q, Interface: IFACE }, mark).at(0),
  );
  expect(complete.Reason).toBe("caller");
  await expect(dock.root.getByRole("heading", { name: `Wrap up: call from ${SECOND_CALLER}` })).toBeVisible({
    timeout: 15_000,
  });
  await dock.wrapup().getByLabel("Disposition").selectOption({ label: "Not interested" });
  await dock.wrapup().getByLabel("Notes (required)").fill(`Hung up early, shift ${run}`);
  await dock.wrapup().getByRole("button", { name: "Save wrap-up" }).click();
  await expect(dock.wrapup()).toHaveCount(0);
});

test("a queue call the agent blind-transfers to a colleague ends in a wrap-up too", async () => {
  test.setTimeout(120_000);
  await expect(dock.state()).toHaveText("Ready");
  const mark = ami.events.length;
  await callQueue(THIRD_CALLER);
  await phone.expectCallState(THIRD_CALLER, "Incoming call");
  await phone.button(THIRD_CALLER, "Answer").click();
  await phone.expectCallState(THIRD_CALLER, "In call");
  const connect = await waitFor("AgentConnect for the third caller", async () =>
    ami.find({ Event: "AgentConnect", Queue: Q, Interface: IFACE }, mark).at(0),
  );

  await phone.button(THIRD_CALLER, "Transfer").click();
  await phone.call(THIRD_CALLER).getByLabel("Transfer to").fill(COLLEAGUE.ext);
  await phone.button(THIRD_CALLER, "Blind transfer").click();
  await phone.expectNoCalls(15_000);
  await waitFor("BlindTransfer in Asterisk", async () =>
    ami.find({ Event: "BlindTransfer", TransfererChannel: new RegExp(`^${reEscape(IFACE)}-`) }, mark).at(0),
  );
  // The caller now talks to the colleague's phone, on the same call.
  await waitFor(
    "the colleague's leg up on the caller's call",
    async () =>
      ami
        .find({ Event: "BridgeEnter", Channel: new RegExp(`^PJSIP/${COLLEAGUE.ext}-`) }, mark)
        .find((e) => e.Linkedid === connect.Linkedid),
    15_000,
  );
  const complete = await waitFor("AgentComplete for the transferred call", async () =>
    ami.find({ Event: "AgentComplete", Queue: Q, Interface: IFACE }, mark).at(0),
  );
  expect(complete).toMatchObject({ Reason: "transfer", Linkedid: connect.Linkedid });

  await expect(dock.root.getByRole("heading", { name: `Wrap up: call from ${THIRD_CALLER}` })).toBeVisible({
    timeout: 15_000,
  });
  await dock.wrapup().getByLabel("Disposition").selectOption({ label: "Escalated" });
  await dock.wrapup().getByLabel("Notes (required)").fill(`Sent to ${COLLEAGUE.ext}, shift ${run}`);
  await dock.wrapup().getByRole("button", { name: "Save wrap-up" }).click();
  await expect(dock.wrapup()).toHaveCount(0);
  await ami.action("Hangup", { Channel: `/^Local\\/${QUEUE.number}@sb-internal-[0-9a-f]+;1$/` });
  await waitFor("the transferred call over", async () =>
    ami.find({ Event: "Hangup", Channel: new RegExp(`^PJSIP/${COLLEAGUE.ext}-`) }, mark).at(0),
  );
});

test("the callback scheduled in the wrap-up is on /callbacks and leads back to its call", async () => {
  await agent.page.goto("/callbacks?view=upcoming");
  const row = agent.page.getByRole("row").filter({ hasText: FIRST_CALLER });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`Confirm the seats ${run}`);
  await expect(row).toContainText("scheduled", { ignoreCase: true });
  await row.getByRole("link", { name: "Original call" }).click();
  await expect(agent.page).toHaveURL(
    new RegExp(`/calls\\?call=${reEscape(encodeURIComponent(firstLinkedid))}`),
  );
  const drawer = agent.page.getByRole("dialog", { name: "Call details" });
  await expect(drawer).toContainText(`Linkedid ${firstLinkedid}`);
  await expect(drawer.getByTestId("call-wrapups")).toContainText("Sold");
});

test("the agent logs out of the queue; Asterisk no longer has the member", async () => {
  await agent.page.goto("/");
  await dock.openMain();
  await expect(dock.state()).toHaveText("Ready", { timeout: 15_000 });
  const mark = ami.events.length;
  await dock.root.getByRole("button", { name: `Log out of ${QUEUE.name}` }).click();
  await expect(dock.state()).toHaveText("Logged out", { timeout: 15_000 });
  await waitFor("QueueMemberRemoved for 1002", async () =>
    ami.find({ Event: "QueueMemberRemoved", Queue: Q, Interface: IFACE }, mark).at(0),
  );
  expect((await queueStatus()).members).toEqual([]);
  expect(await cli(`queue show ${Q}`)).not.toContain(IFACE);
});

test("a static member (queues.conf) is always in: the dock offers no log-out Asterisk would refuse", async () => {
  await setSalesStatic(admin.page, true);
  salesRestored = true;
  await applyConfig(admin.page);
  await waitFor("1002 a static member of q5000", async () => {
    const { items } = await ami.action("QueueStatus", { Queue: "q5000" });
    return items.find((e) => e.Event === "QueueMember" && e.Location === IFACE && e.Membership === "static");
  });
  // The dock's queues come with the page: load it again.
  await agent.page.goto("/");
  await dock.openMain();
  await expect(dock.state()).toHaveText("Ready", { timeout: 20_000 });
  const sales = dock.root.getByRole("list", { name: "My queue logins" }).getByRole("listitem").filter({
    hasText: "Sales",
  });
  await expect(sales).toContainText("Always in");
  await expect(sales.getByRole("button")).toHaveCount(0);
  await expect(dock.root.getByRole("button", { name: `Log in to ${QUEUE.name}` })).toBeVisible();

  // The live panel's own card for the agent says the same.
  await agent.page.goto("/panel");
  const mine = agent.page.getByRole("list", { name: "My queues" });
  const salesRow = mine.getByRole("listitem").filter({ hasText: "Sales" });
  await expect(salesRow).toContainText("Always in", { timeout: 15_000 });
  await expect(salesRow.getByRole("button")).toHaveCount(0);
  await expect(mine.getByRole("button", { name: `Log in to ${QUEUE.name}` })).toBeVisible();
});

/**
 * The open agent dock sits above the open phone, never over it: the call's buttons stay
 * clickable (the dock used to cover Hang up, and a wrap-up the whole phone).
 */
async function expectDockAbovePhone(call?: string) {
  const [d, p] = await Promise.all([dock.root.boundingBox(), phone.dock().boundingBox()]);
  expect(d, "agent dock on screen").not.toBeNull();
  expect(p, "phone on screen").not.toBeNull();
  expect(d!.y + d!.height, "the dock's bottom edge against the phone's top edge").toBeLessThanOrEqual(p!.y);
  if (call) await expect(phone.call(call)).toBeInViewport({ ratio: 1 });
}

/** A full page load, as a typed address is: the phone registers again before anything rings it. */
async function visit(path: string) {
  await agent.page.goto(path);
  await phone.open();
  await phone.expectRegistered(20_000);
}

/** Creates the shift queue through the form: required wrap-up with notes, 1002 may log in. */
async function createShiftQueue(page: Page) {
  const queues = new QueuesPage(page);
  await queues.openNew();
  await queues.fillBasics({ number: QUEUE.number, name: QUEUE.name, strategy: "Ring all" });
  const main = page.getByRole("main");
  await main.getByLabel("Wrap-up", { exact: true }).selectOption("required");
  await main.getByLabel("Notes required too").check();
  await main.getByLabel("Allow an agent to log in").fill(AGENT_EXT);
  await main.getByRole("button", { name: "Add agent" }).click();
  await expect(main.getByRole("list", { name: "Agents who may log in" })).toContainText(AGENT_EXT);
  await queues.submit("Create queue");
  await expect(page).toHaveURL(/\/queues$/);
}

/** Takes 1002 out of (false) or back into (true) the seeded Sales queue's static members. */
async function setSalesStatic(page: Page, member: boolean) {
  const queues = new QueuesPage(page);
  await queues.open("Sales");
  const main = page.getByRole("main");
  const list = main.getByRole("list", { name: "Static members" });
  if (member) {
    await main.getByLabel("Add a static member").fill(AGENT_EXT);
    await main.getByRole("button", { name: "Add static member" }).click();
    await expect(list).toContainText(AGENT_EXT);
  } else {
    await main.getByRole("button", { name: `Remove ${AGENT_EXT}` }).click();
    await expect(list).not.toContainText(AGENT_EXT);
  }
  await queues.submit("Save changes");
  await expect(main.getByText(/^Saved\./)).toBeVisible();
}

/** A caller dials the queue's number: a Local channel into [sb-internal] that echoes what it hears. */
async function callQueue(callerId: string) {
  await ami.action("Originate", {
    Channel: `Local/${QUEUE.number}@sb-internal`,
    Application: "Echo",
    CallerID: `"Shift caller" <${callerId}>`,
    Timeout: "60000",
    Async: "true",
  });
}

/** Asterisk's own view of the queue: QueueParams and its QueueMember items. */
async function queueStatus(): Promise<{ params: AmiEvent | undefined; members: AmiEvent[] }> {
  const { items } = await ami.action("QueueStatus", { Queue: Q });
  return {
    params: items.find((e) => e.Event === "QueueParams" && e.Queue === Q),
    members: items.filter((e) => e.Event === "QueueMember" && e.Queue === Q),
  };
}

async function openCall(page: Page, linkedid: string) {
  const drawer = page.getByRole("dialog", { name: "Call details" });
  // The listener writes CDRs and wrap-ups a moment after the call; reload until they are there.
  await expect(async () => {
    await page.goto(`/calls?call=${encodeURIComponent(linkedid)}`);
    await expect(drawer.getByTestId("call-wrapups")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  return drawer;
}

/** `YYYY-MM-DDTHH:MM` some minutes from now in UTC (the Settings time zone of the e2e server). */
function inMinutesUtc(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);
}

function reEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
