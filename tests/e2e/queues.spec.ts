import { expect, signIn, test } from "./fixtures";
import { GroupsPage } from "./pages/groups-page";
import { QueuesPage } from "./pages/queues-page";

// Numbers unique per run (and per retry): queues here use 7xxxxx, the helper group 9xxxxx.
const stamp = () => String(Date.now()).slice(-5);

test("VIP callers and active hours are edited with field errors and persist", async ({ page }) => {
  const s = stamp();
  const number = `7${s}`;
  const name = `Support ${s}`;
  await signIn(page, "admin");
  const queues = new QueuesPage(page);

  await queues.openNew();
  await queues.fillBasics({ number, name, strategy: "Round robin with memory" });

  await queues.addVip("+4930123456", "50");
  await queues.addVip("5551234");
  await queues.addVip("5551234");
  await expect(page.getByText("5551234 is already a VIP caller.")).toBeVisible();
  await queues.addVip("12ab");
  await expect(page.getByText("Use digits, '*', '#' and '+' only.")).toBeVisible();
  await expect(queues.vipRows()).toHaveCount(2);
  await expect(page.getByText(/^2 VIP callers\./)).toBeVisible();

  await expect(page.getByText("Always open.")).toBeVisible();
  await queues.addWindow();
  await queues.addWindow({ days: ["Sat"], start: "14:00", end: "10:00" });
  await queues.submit("Create queue");
  await expect(queues.window(2).getByText("End must be after start.")).toBeVisible();

  await queues.window(2).getByLabel("End").fill("16:00");
  await queues.submit("Create queue");
  await expect(page).toHaveURL(/\/queues$/);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("2 windows");
  await expect(row).toContainText("hang up");

  await queues.open(name);
  await expect(queues.vipRows()).toHaveCount(2);
  await expect(page.getByLabel("Priority for +4930123456")).toHaveValue("50");
  await expect(page.getByLabel("Priority for 5551234")).toHaveValue("10");
  await expect(queues.window(1).getByRole("checkbox", { name: "Mon" })).toBeChecked();
  await expect(queues.window(1).getByRole("checkbox", { name: "Sun" })).not.toBeChecked();
  await expect(queues.window(2).getByRole("checkbox", { name: "Sat" })).toBeChecked();
  await expect(queues.window(2).getByLabel("Start")).toHaveValue("14:00");
  // The class is picked from the sound library's classes; none exist here, so "default".
  await expect(page.getByLabel("Music on hold class")).toHaveValue("default");

  // A closed queue may not send calls to itself.
  await page.getByLabel("Out-of-hours destination").selectOption({ label: "Queue" });
  await page.getByLabel("Out-of-hours number").fill(number);
  await queues.submit("Save changes");
  await expect(page.getByText("A closed queue cannot send calls to itself.")).toBeVisible();
  await page.getByLabel("Out-of-hours destination").selectOption({ label: "Hang up" });

  await page.getByRole("button", { name: "Remove VIP 5551234" }).click();
  await page.getByLabel("Priority for +4930123456").fill("99");
  await page.getByRole("button", { name: "Remove window 2" }).click();
  await queues.submit("Save changes");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(queues.vipRows()).toHaveCount(1);
  await expect(page.getByText(/^1 VIP caller\./)).toBeVisible();
  await expect(page.getByLabel("Priority for +4930123456")).toHaveValue("99");
  await expect(queues.window(2)).toHaveCount(0);
});

test("a queue that a ring group fails over to cannot be deleted until that changes", async ({ page }) => {
  const s = stamp();
  const queue = { number: `7${s}`, name: `Main ${s}` };
  const group = { number: `9${s}`, name: `Reception ${s}` };
  await signIn(page, "admin");
  const queues = new QueuesPage(page);
  await queues.openNew();
  await queues.fillBasics(queue);
  await queues.submit("Create queue");
  await expect(page).toHaveURL(/\/queues$/);

  const groups = new GroupsPage(page);
  await groups.create({ ...group, failover: { type: "Queue", number: queue.number } });

  await queues.open(queue.name);
  await queues.deleteOpen();
  await expect(page.getByRole("alert").filter({ hasText: "still used by" })).toContainText(
    `Queue ${queue.number} is still used by ring group ${group.number} “${group.name}” (failover).`,
  );

  await groups.open(group.name);
  await groups.deleteOpen();
  await expect(page).toHaveURL(/\/groups$/);
  await queues.open(queue.name);
  await queues.deleteOpen();
  await expect(page).toHaveURL(/\/queues$/);
  await expect(page.getByRole("link", { name: queue.name, exact: true })).toHaveCount(0);
});
