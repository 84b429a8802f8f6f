import { existsSync, readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { SIMULATOR } from "../../playwright.config";
import { expect, newClient, signIn, test } from "./fixtures";
import { AgentDock } from "./pages/agent-dock";
import { PanelPage } from "./pages/panel-page";
import { QueuesPage } from "./pages/queues-page";

/**
 * The agent's shift around a call, against the AMI simulator: the seeded agent works at 1002,
 * a member of queue 5000 (Sales) in both the database and the simulator's demo world.
 */
test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36).slice(-5);

test("admins manage disposition codes, and point the app at the simulator", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/dispositions");
  await expect(page.getByRole("link", { name: "Sold", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "New disposition code" }).click();
  await page.getByLabel("Label").fill(`Quote sent ${stamp}`);
  await page.getByLabel("Code").fill("quote sent");
  await page.getByLabel("Order").fill("80");
  await page.getByRole("button", { name: "Create disposition code" }).click();
  // Bad input: a message at the field, and what was typed is still there.
  await expect(page.getByText("Use 1–64 letters, digits, '-' or '_'.")).toBeVisible();
  await expect(page.getByLabel("Label")).toHaveValue(`Quote sent ${stamp}`);
  await page.getByLabel("Code").fill(`quote_${stamp}`);
  await page.getByRole("button", { name: "Create disposition code" }).click();
  await expect(page).toHaveURL(/\/dispositions$/);
  const labels = () => page.getByRole("table").locator("tbody tr td:first-child").allTextContents();
  const before = await labels();
  await page.getByRole("button", { name: `Move Quote sent ${stamp} up` }).click();
  await expect.poll(async () => (await labels()).indexOf(`Quote sent ${stamp}`)).toBe(before.length - 2);

  // Point the app at the simulator (the listener picks it up within 5 s).
  await page.goto("/settings");
  await page.getByLabel("AMI host").fill("127.0.0.1");
  await page.getByLabel("AMI port").fill(String(SIMULATOR.port));
  await page.getByLabel("AMI user").fill(SIMULATOR.user);
  await page.getByLabel("AMI secret").fill(SIMULATOR.secret);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
});

test("a queue call the agent answers ends in a required wrap-up, which shows and filters in call history", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const admin = await newClient(browser, baseURL);
  await signIn(admin.page, "admin");
  const panel = new PanelPage(admin.page);
  await panel.goto();
  await expect(admin.page.getByTestId("live-status")).toHaveText("Live", { timeout: 30_000 });
  // Only 1002 may take Sales calls: every other simulated phone pauses there.
  const origin = new URL(admin.page.url()).origin;
  for (let n = 1000; n <= 1011; n++) {
    if (n === 1002) continue;
    const res = await admin.page.request.post("/api/panel/pause", {
      data: { extension: String(n), queue: "q5000", breakCode: "meeting" },
      headers: { Origin: origin },
    });
    expect(res.status(), `pause ${n}`).toBe(200);
  }

  // Sales now asks for a disposition and notes after every call (only 1002 takes them now).
  await setSalesWrapup(admin.page, "required");

  await signIn(page, "agent");
  await page.goto("/calls");
  const dock = new AgentDock(page);
  // The admin's phone calls the queue; the simulator rings 1002, which answers and talks.
  const call = await admin.page.request.post("/api/panel/call", {
    data: { number: "5000" },
    headers: { Origin: origin },
  });
  expect(call.status()).toBe(200);

  const card = dock.root.getByRole("heading", { name: /^Wrap up: call from/ });
  await expect(dock.root.getByText(/Queue q5000 · ended/)).toBeVisible({ timeout: 180_000 });
  await expect(card).toBeVisible();
  // Required: no way to skip or fold it away.
  await expect(dock.wrapup().getByRole("button", { name: "Skip" })).toHaveCount(0);
  await expect(dock.toggle()).toBeDisabled();
  await dock.wrapup().getByRole("button", { name: "Save wrap-up" }).click();
  await expect(dock.wrapup().getByText("Choose a disposition.")).toBeVisible();
  await dock.wrapup().getByLabel("Disposition").selectOption({ label: "Sold" });
  await dock.wrapup().getByRole("button", { name: "Save wrap-up" }).click();
  await expect(
    dock.wrapup().getByText("This queue requires notes: say what happened on the call."),
  ).toBeVisible();
  await expect(dock.wrapup().getByLabel("Disposition")).toHaveValue(/.+/);
  await dock.wrapup().getByLabel("Notes (required)").fill(`Two seats ${stamp}`);
  await dock.wrapup().getByRole("button", { name: "Save wrap-up" }).click();
  // Saved: that card goes (another one may follow, with empty fields).
  await expect
    .poll(async () => {
      const box = dock.wrapup().getByRole("textbox");
      if ((await box.count()) === 0) return "gone";
      return box.inputValue({ timeout: 500 }).catch(() => "gone");
    })
    .not.toBe(`Two seats ${stamp}`);
  // Demo traffic may have sent 1002 more Sales calls meanwhile: wrap them up differently.
  await dock.drainRequired("Not interested", "e2e cleanup");

  // The call history filters on it and shows it in the drawer and timeline.
  await page.goto("/calls?code=sold");
  const row = page.getByTestId("call-row").filter({ hasText: "Sold" }).first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.getByRole("link").first().click();
  const drawer = page.getByRole("dialog", { name: "Call details" });
  await expect(drawer.getByTestId("call-wrapups")).toContainText("Sold");
  await expect(drawer.getByTestId("call-wrapups")).toContainText(`Two seats ${stamp}`);
  await expect(drawer.getByTestId("call-timeline")).toContainText("Disposition: Sold");
  await page.goto("/calls?code=not_interested");
  await expect(page.getByTestId("call-row").filter({ hasText: `Sold` })).toHaveCount(0);

  // Back to optional before the others take Sales calls again, then clear what is left.
  await setSalesWrapup(admin.page, "optional");
  for (let n = 1000; n <= 1011; n++) {
    if (n === 1002) continue;
    await admin.page.request.post("/api/panel/unpause", {
      data: { extension: String(n), queue: "q5000" },
      headers: { Origin: origin },
    });
  }
  await admin.page.goto("/");
  await new AgentDock(admin.page).drainRequired("Not interested", "e2e cleanup");
  await admin.context.close();
  const supervisor = await newClient(browser, baseURL);
  await signIn(supervisor.page, "supervisor");
  await new AgentDock(supervisor.page).drainRequired("Not interested", "e2e cleanup");
  await supervisor.context.close();
});

test("a callback scheduled a minute ahead raises a reminder, and Call now asks the phone to dial", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["notifications"]);
  await recordBrowserSide(page);
  await page.clock.install();
  await signIn(page, "agent");
  const dock = new AgentDock(page);
  await dock.openMain();
  await dock.root.getByRole("button", { name: "Schedule a callback" }).click();
  const form = dock.root.getByRole("form", { name: "Schedule a callback" });
  await form.getByLabel("Number to call back").fill("bad number");
  await form.getByLabel("When").fill(inMinutesUtc(1));
  await form.getByLabel("Note").fill(`Quote ${stamp}`);
  await form.getByRole("button", { name: "Schedule callback" }).click();
  await expect(form.getByText("Use digits, '*', '#' and '+' only.")).toBeVisible();
  await expect(form.getByLabel("Note")).toHaveValue(`Quote ${stamp}`);
  await form.getByLabel("Number to call back").fill("+15550104242");
  await form.getByRole("button", { name: "Schedule callback" }).click();
  await expect(form).toBeHidden();

  // Nothing yet; two minutes later (the page's clock) it is due, wherever the agent is.
  await page.goto("/calls");
  // The dock measures the browser's clock against the server's when its inbox arrives: let it
  // arrive before the page's clock jumps, as it would have long before a real reminder.
  await dock.loaded();
  await expect(page.getByRole("alert", { name: "Callback due" })).toHaveCount(0);
  await page.clock.fastForward("02:00");
  const toast = page.getByRole("alert", { name: "Callback due" });
  await expect(toast).toContainText("+15550104242");
  await expect(toast).toContainText(`Quote ${stamp}`);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Recorded).__notifications))
    .toContainEqual(
      expect.objectContaining({ title: "Callback due", tag: expect.stringMatching(/^callback-/) }),
    );
  await toast.getByRole("button", { name: "Call now" }).click();
  expect(await page.evaluate(() => (window as unknown as Recorded).__dials)).toEqual(["+15550104242"]);

  // The Callbacks page lists it (still upcoming by the server's clock, which the test didn't
  // move); reschedule it, then cancel it, and it is in the past.
  await page.goto("/callbacks?view=upcoming");
  const line = page.getByRole("row").filter({ hasText: "+15550104242" });
  await expect(line).toBeVisible();
  await line.getByRole("button", { name: "Reschedule" }).click();
  await line.getByLabel("New time for +15550104242").fill("2020-01-01T10:00");
  await line.getByRole("button", { name: "Save" }).click();
  await expect(line.getByText("Choose a time from now on.")).toBeVisible();
  await line.getByLabel("New time for +15550104242").fill(inMinutesUtc(120));
  await line.getByRole("button", { name: "Save" }).click();
  await expect(line.getByRole("button", { name: "Reschedule" })).toBeVisible();
  await line.getByRole("button", { name: /^Cancel/ }).click();
  await expect(line).toBeHidden();
  await page.goto("/callbacks?view=past");
  await expect(page.getByRole("row").filter({ hasText: "+15550104242" })).toContainText("cancelled");
});

test("the agent pauses with a break code from the dock and the live panel shows it", async ({ page }) => {
  await signIn(page, "agent");
  const dock = new AgentDock(page);
  await dock.openMain();
  // The panel spec may have left 1002 paused (its break code shows here): start from ready.
  await expect(dock.state()).toHaveText(/^(Ready|Paused)/, { timeout: 30_000 });
  if ((await dock.state().textContent())?.startsWith("Paused")) {
    await dock.root.getByRole("button", { name: "Go ready" }).click();
    await expect(dock.state()).toHaveText("Ready", { timeout: 15_000 });
  }
  await dock.root.getByLabel("Break code").selectOption({ label: "Lunch" });
  await dock.root.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(dock.state()).toHaveText("Paused: Lunch", { timeout: 15_000 });

  await new PanelPage(page).goto();
  await expect(page.getByRole("heading", { name: /Me · extension 1002/ })).toContainText("Paused: lunch", {
    timeout: 15_000,
  });
  const actions = simulatorActions().filter(
    (a) => a.name === "QueuePause" && a.headers.Interface === "PJSIP/1002",
  );
  expect(actions.at(-1)?.headers).toMatchObject({ Paused: "true", Reason: "lunch" });

  await dock.openMain();
  await dock.root.getByRole("button", { name: "Go ready" }).click();
  await expect(dock.state()).toHaveText("Ready", { timeout: 15_000 });
});

test("do not disturb from the dock reaches AstDB, and the agent's tile on the panel shows it", async ({
  page,
}) => {
  await signIn(page, "agent");
  const dock = new AgentDock(page);
  await dock.openMain();
  const dnd = dock.root.getByRole("button", { name: "Do not disturb" });
  await expect(dnd).toHaveAttribute("aria-pressed", "false", { timeout: 30_000 });
  await dnd.click();
  await expect(dnd).toHaveAttribute("aria-pressed", "true", { timeout: 15_000 });
  await expect(dock.root).toContainText("direct calls get busy or voicemail");
  const put = simulatorActions().filter((a) => a.name === "DBPut" && a.headers.Family === "sbdnd");
  expect(put.at(-1)?.headers).toMatchObject({ Key: "1002", Val: "1" });

  await new PanelPage(page).goto();
  const tile = page.locator('[data-extension="1002"]').first();
  await expect(tile).toHaveAttribute("data-state", "dnd", { timeout: 15_000 });

  await dock.openMain();
  await dnd.click();
  await expect(dnd).toHaveAttribute("aria-pressed", "false", { timeout: 15_000 });
  await expect(tile).not.toHaveAttribute("data-state", "dnd", { timeout: 15_000 });
  const del = simulatorActions().filter((a) => a.name === "DBDel" && a.headers.Family === "sbdnd");
  expect(del.at(-1)?.headers).toMatchObject({ Key: "1002" });
});

/** The Sales queue's wrap-up rule, through the queue form (it takes effect at once: nothing to apply). */
async function setSalesWrapup(page: Page, mode: "required" | "optional") {
  const queues = new QueuesPage(page);
  await queues.open("Sales");
  // The page's own field: the admin's dock may hold a wrap-up form of the same name.
  const main = page.getByRole("main");
  await main.getByLabel("Wrap-up", { exact: true }).selectOption(mode);
  await main.getByLabel("Notes required too").setChecked(mode === "required");
  await queues.submit("Save changes");
  await expect(main.getByText(/^Saved\./)).toBeVisible();
  await expect(main.getByLabel("Wrap-up", { exact: true })).toHaveValue(mode);
}

type Recorded = { __dials: string[]; __notifications: { title: string; tag?: string }[] };

/** Records what the page asks of the phone ("switchboard:dial") and of desktop notifications. */
async function recordBrowserSide(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as Recorded & { Notification: unknown };
    w.__dials = [];
    w.__notifications = [];
    window.addEventListener("switchboard:dial", (e) => {
      w.__dials.push((e as CustomEvent<{ number: string }>).detail.number);
    });
    class RecordingNotification {
      static permission = "granted";
      static requestPermission = async () => "granted";
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { tag?: string }) {
        w.__notifications.push({ title, tag: options?.tag });
      }
      close() {}
    }
    w.Notification = RecordingNotification;
  });
}

/** `YYYY-MM-DDTHH:MM` a few minutes from now in UTC (the Settings time zone of the e2e server). */
function inMinutesUtc(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);
}

type LoggedAction = { name: string; headers: Record<string, string> };

/** What the simulator logged (its JSONL action log), headers as an object. */
function simulatorActions(): LoggedAction[] {
  if (!existsSync(SIMULATOR.actionLog)) return [];
  return readFileSync(SIMULATOR.actionLog, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { name: string; headers: [string, string][] })
    .map((a) => ({ name: a.name, headers: Object.fromEntries(a.headers) }));
}
