import { makeWav } from "../support/wav";
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

test("announcements are picked from the sound library, saved, and keep their sounds from being deleted", async ({
  page,
  baseURL,
}) => {
  const s = stamp();
  const queue = { number: `7${s}`, name: `Announced ${s}` };
  const sound = { join: `e2e-join-${s}`, periodic: `e2e-hold-${s}`, agent: `e2e-agent-${s}` };
  await signIn(page, "admin");
  for (const name of Object.values(sound)) {
    const up = await page.request.post(`/api/sounds?name=${name}`, {
      data: makeWav({ seconds: 1 }),
      headers: { origin: baseURL!, "content-type": "application/octet-stream" },
    });
    expect(up.status()).toBe(201);
  }

  const queues = new QueuesPage(page);
  await queues.openNew();
  await queues.fillBasics(queue);
  // Nothing is announced until a sound is picked; the frequency only means something with one.
  await expect(queues.chosenSound("Join greeting")).toHaveText("None");
  await expect(queues.periodicFrequency()).toBeDisabled();

  await queues.announcement("Join greeting").selectOption({ label: sound.join });
  const preview = page.getByLabel("Preview join greeting");
  await expect(preview).toHaveAttribute("src", /^\/api\/sounds\/[0-9a-f-]{36}$/);
  await queues.announcement("Periodic announcement").selectOption({ label: sound.periodic });
  await expect(queues.periodicFrequency()).toBeEnabled();
  await expect(queues.periodicFrequency()).toHaveValue("60");
  // The agent's announcement by keyboard alone: focus the picker and type the sound's name.
  await queues.announcement("Agent announcement").focus();
  await page.keyboard.type(sound.agent);
  await expect(queues.chosenSound("Agent announcement")).toHaveText(sound.agent);

  // The frequency is required with a periodic announcement, and must be 15–600 s.
  await queues.periodicFrequency().fill("");
  await queues.submit("Create queue");
  await expect(page.getByText("Enter how often to repeat it: 15 to 600 seconds.")).toBeVisible();
  await queues.periodicFrequency().fill("700");
  await queues.submit("Create queue");
  await expect(page.getByText("Enter a whole number from 15 to 600 seconds.")).toBeVisible();
  await expect(queues.periodicFrequency()).toHaveAttribute("aria-invalid", "true");
  await queues.periodicFrequency().fill("90");
  await queues.submit("Create queue");
  await expect(page).toHaveURL(/\/queues$/);

  await queues.open(queue.name);
  await expect(queues.chosenSound("Join greeting")).toHaveText(sound.join);
  await expect(queues.chosenSound("Periodic announcement")).toHaveText(sound.periodic);
  await expect(queues.periodicFrequency()).toHaveValue("90");
  await expect(queues.chosenSound("Agent announcement")).toHaveText(sound.agent);

  // A sound a queue plays can't be deleted: the refusal names the queue and what it plays there.
  await page.goto(`/sounds?q=${sound.join}`);
  await page.getByRole("button", { name: `Delete ${sound.join}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "still used by" })).toHaveText(
    `Sound “${sound.join}” is still used by queue ${queue.number} “${queue.name}” (join greeting). Remove it there first.`,
  );

  // Back to none: the periodic announcement and its frequency go together.
  await queues.open(queue.name);
  await queues.announcement("Join greeting").selectOption({ label: "None" });
  await queues.announcement("Periodic announcement").selectOption({ label: "None" });
  await expect(queues.periodicFrequency()).toBeDisabled();
  await queues.submit("Save changes");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(queues.chosenSound("Join greeting")).toHaveText("None");
  await expect(queues.chosenSound("Periodic announcement")).toHaveText("None");
  await expect(queues.periodicFrequency()).toHaveValue("");
  await expect(queues.chosenSound("Agent announcement")).toHaveText(sound.agent);

  // Now nothing plays it, so it goes.
  await page.goto(`/sounds?q=${sound.join}`);
  await page.getByRole("button", { name: `Delete ${sound.join}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("button", { name: `Delete ${sound.join}` })).toHaveCount(0);
});
