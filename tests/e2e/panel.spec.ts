import { existsSync, readFileSync } from "node:fs";
import { SIMULATOR } from "../../playwright.config";
import { expect, signIn, test, USERS } from "./fixtures";
import { BreakCodesPage } from "./pages/break-codes-page";
import { PanelPage } from "./pages/panel-page";
import { QueuesPage } from "./pages/queues-page";
import { TeamsPage } from "./pages/teams-page";

// Unique per run (and per retry): break codes use the stamp in their code, queues 5xxxxx.
const stamp = () => String(Date.now()).slice(-5);

test("break codes: create with field errors, edit, deactivate and delete", async ({ page }) => {
  const s = stamp();
  const label = `Smoke ${s}`;
  await signIn(page, "admin");
  const codes = new BreakCodesPage(page);
  await codes.goto();
  await expect(codes.row("Lunch")).toContainText("Unpaid");

  await codes.openNew();
  await codes.fill({ label: "", code: "smoke break;x", order: "1000" });
  await codes.submit("Create break code");
  await expect(page.getByText("Enter a label.")).toBeVisible();
  await expect(page.getByText("Use 1–64 letters, digits, '-' or '_'.")).toBeVisible();
  await expect(page.getByText("Enter a whole number from 0 to 999.")).toBeVisible();

  await codes.fill({ label, code: "lunch", order: "70" });
  await codes.submit("Create break code");
  await expect(page.getByText("Another break code already uses this code.")).toBeVisible();

  await codes.fill({ code: `smoke_${s}`, paid: false });
  await codes.submit("Create break code");
  await expect(page).toHaveURL(/\/break-codes$/);
  await expect(codes.row(label)).toContainText(`smoke_${s}`);
  await expect(codes.row(label)).toContainText("Unpaid");
  await expect(codes.row(label)).toContainText("Active");

  await codes.open(label);
  await codes.fill({ label: `${label} outside`, active: false });
  await codes.submit("Save changes");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await codes.goto();
  await expect(codes.row(`${label} outside`)).toContainText("Inactive");

  await codes.open(`${label} outside`);
  await codes.deleteOpen();
  await expect(page).toHaveURL(/\/break-codes$/);
  await expect(page.getByRole("link", { name: `${label} outside`, exact: true })).toHaveCount(0);
});

test("teams: members with a supervisor, a queue, edit and delete", async ({ page }) => {
  const s = stamp();
  const name = `Support ${s}`;
  const queue = { number: `5${s}`, name: `Team queue ${s}` };
  await signIn(page, "admin");
  const queues = new QueuesPage(page);
  await queues.openNew();
  await queues.fillBasics(queue);
  await queues.submit("Create queue");
  await expect(page).toHaveURL(/\/queues$/);

  const teams = new TeamsPage(page);
  await teams.openNew();
  await teams.submit("Create team");
  await expect(page.getByText("Enter a name.")).toBeVisible();

  await teams.setName(name);
  await teams.addMember(USERS.supervisor.email, USERS.supervisor.name, true);
  await teams.addMember(USERS.agent.email, USERS.agent.name);
  await teams.addMember(USERS.agent.email, USERS.agent.name);
  await expect(page.getByText(`${USERS.agent.name} is already in the team.`)).toBeVisible();
  await teams.addMember("nobody@switchboard.test", "Nobody");
  await expect(page.getByText("There is no user nobody@switchboard.test.")).toBeVisible();
  await teams.addQueue("99");
  await expect(page.getByText("There is no queue 99.")).toBeVisible();
  await teams.addQueue(queue.number);
  await expect(teams.members()).toHaveCount(2);
  await teams.submit("Create team");
  await expect(page).toHaveURL(/\/teams$/);
  await expect(teams.row(name)).toContainText(USERS.supervisor.name);
  await expect(teams.row(name)).toContainText(queue.number);

  await teams.open(name);
  await expect(teams.supervisorBox(USERS.supervisor.name)).toBeChecked();
  await expect(teams.supervisorBox(USERS.agent.name)).not.toBeChecked();
  await page.getByRole("button", { name: `Remove ${USERS.agent.name}` }).click();
  await page.getByRole("button", { name: `Remove queue ${queue.number}` }).click();
  await teams.submit("Save changes");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(teams.members()).toHaveCount(1);
  await expect(page.getByText("No queues yet.")).toBeVisible();

  await teams.deleteOpen();
  await expect(page).toHaveURL(/\/teams$/);
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});

test("an agent opens the live panel without spy buttons, and not the admin pages", async ({ page }) => {
  await signIn(page, "agent");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Live panel" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Teams" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Break codes" })).toHaveCount(0);

  const panel = new PanelPage(page);
  await panel.goto();
  await expect(panel.panelBody()).toBeVisible();
  await expect(panel.spyButtons()).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Settings/ })).toHaveCount(0);

  expect((await page.goto("/teams"))?.status()).toBe(403);
  expect((await page.goto("/break-codes"))?.status()).toBe(403);
});

test("without AMI the panel says so and points an admin to Settings", async ({ page }) => {
  await signIn(page, "admin");
  // An earlier spec (the agent dock's) points the app at the simulator: unset the host first.
  await page.goto("/settings");
  await page.getByLabel("AMI host").fill("");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  const panel = new PanelPage(page);
  await panel.goto();
  // The listener notices within its 5 s settings poll.
  await expect(page.getByText("Asterisk is not connected")).toBeVisible({ timeout: 20_000 });
  await page.getByRole("link", { name: "Set the AMI host, user and secret in Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", exact: true })).toBeVisible();
  await expect(page.getByLabel("Agents see their queues' other agents")).toHaveValue("");
});

test("with the AMI simulator: calls show live, and dragging a call onto an extension sends Redirect", async ({
  page,
  request,
}) => {
  await signIn(page, "admin");
  await page.goto("/settings");
  await page.getByLabel("AMI host").fill("127.0.0.1");
  await page.getByLabel("AMI port").fill(String(SIMULATOR.port));
  await page.getByLabel("AMI user").fill(SIMULATOR.user);
  await page.getByLabel("AMI secret").fill(SIMULATOR.secret);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  const panel = new PanelPage(page);
  await panel.goto();
  // The listener picks the new settings up within its 5 s poll, syncs, and the feed says so.
  await expect(page.getByTestId("live-status")).toHaveText("Live", { timeout: 20_000 });
  // /api/health reads the listener's figures, refreshed every second.
  await expect
    .poll(async () => (await (await request.get("/api/health")).json()).ami.status, { timeout: 5_000 })
    .toBe("live");

  // The simulator's demo calls arrive: a call row, and a tile that is not idle.
  const row = panel.callRows().first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(
    page
      .locator(
        '[data-extension][data-state="inuse"], [data-extension][data-state="ringing"], [data-extension][data-state="busy"]',
      )
      .first(),
  ).toBeVisible();

  // Drag a call onto an idle extension: the server sends Redirect, which the simulator logs.
  const target = page.locator('[data-extension][data-state="idle"]').first();
  const number = await target.getAttribute("data-extension");
  const legs = (await row.textContent()) ?? "";
  const since = Date.now();
  // HTML5 drag and drop with one DataTransfer, as the browser does it (dragTo's synthetic mouse
  // drag races the panel's once-a-second re-render of the rows).
  const transfer = await page.evaluateHandle(() => new DataTransfer());
  await row.dispatchEvent("dragstart", { dataTransfer: transfer });
  await target.dispatchEvent("dragenter", { dataTransfer: transfer });
  await target.dispatchEvent("dragover", { dataTransfer: transfer });
  await target.dispatchEvent("drop", { dataTransfer: transfer });
  await expect(page.getByRole("status").filter({ hasText: `to ${number}.` })).toBeVisible();
  await expect
    .poll(() => simulatorActions(since).filter((a) => a.name === "Redirect" && a.headers.Exten === number), {
      timeout: 10_000,
    })
    .toHaveLength(1);
  const [redirect] = simulatorActions(since).filter(
    (a) => a.name === "Redirect" && a.headers.Exten === number,
  );
  expect(redirect?.headers).toMatchObject({ Context: "sb-internal", Priority: "1" });
  // The channel moved is one of the dragged call's legs (a phone or the carrier's caller).
  expect(redirect?.headers.Channel).toMatch(/^PJSIP\/[a-z0-9]+-[0-9a-f]{8}$/);
  expect(legs).toContain(redirect?.headers.Channel);
});

test("an agent calling a supervisor action directly gets 403, and nothing reaches Asterisk", async ({
  page,
}) => {
  await signIn(page, "agent");
  const since = Date.now();
  for (const action of ["listen", "whisper", "barge", "hangup", "transfer"]) {
    const res = await page.request.post(`/api/panel/${action}`, {
      data: { uniqueid: "1795320003.0", number: "1001" },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(res.status(), action).toBe(403);
  }
  expect(simulatorActions(since).filter((a) => ["Originate", "Hangup", "Redirect"].includes(a.name))).toEqual(
    [],
  );
});

type LoggedAction = { at: number; name: string; headers: Record<string, string> };

/** What the simulator logged (its JSONL action log) since `since`, headers as an object. */
function simulatorActions(since: number): LoggedAction[] {
  if (!existsSync(SIMULATOR.actionLog)) return [];
  return readFileSync(SIMULATOR.actionLog, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { at: number; name: string; headers: [string, string][] })
    .filter((a) => a.at >= since)
    .map((a) => ({ at: a.at, name: a.name, headers: Object.fromEntries(a.headers) }));
}
