import { expect, type Locator, type Page } from "@playwright/test";

export class QueuesPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/queues");
    await expect(this.page.getByRole("heading", { name: "Queues", exact: true })).toBeVisible();
  }

  async openNew() {
    await this.page.goto("/queues/new");
    await expect(this.page.getByRole("heading", { name: "New queue" })).toBeVisible();
  }

  async fillBasics({ number, name, strategy }: { number: string; name: string; strategy?: string }) {
    await this.page.getByLabel("Number", { exact: true }).fill(number);
    await this.page.getByLabel("Name", { exact: true }).fill(name);
    if (strategy) await this.page.getByLabel("Strategy").selectOption({ label: strategy });
  }

  async addVip(number: string, priority?: string) {
    await this.page.getByLabel("VIP number").fill(number);
    if (priority !== undefined) await this.page.getByLabel("Priority", { exact: true }).fill(priority);
    await this.page.getByRole("button", { name: "Add VIP" }).click();
  }

  vipRows(): Locator {
    return this.page.getByRole("list", { name: "VIP callers" }).getByRole("listitem");
  }

  window(n: number): Locator {
    return this.page.getByRole("group", { name: `Window ${n}`, exact: true });
  }

  /** Adds a window (Mon–Fri 09:00–17:00 by default) and sets what is given. */
  async addWindow(w: { days?: string[]; start?: string; end?: string } = {}) {
    const count = await this.page.getByRole("group", { name: /^Window \d+$/ }).count();
    await this.page.getByRole("button", { name: "Add window" }).click();
    const win = this.window(count + 1);
    if (w.days) {
      for (const day of ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"])
        await win.getByRole("checkbox", { name: day }).setChecked(w.days.includes(day));
    }
    if (w.start) await win.getByLabel("Start").fill(w.start);
    if (w.end) await win.getByLabel("End").fill(w.end);
  }

  /** One of the queue's announcement pickers (a select of the sound library). */
  announcement(label: "Join greeting" | "Periodic announcement" | "Agent announcement"): Locator {
    return this.page.getByRole("combobox", { name: label, exact: true });
  }

  /** The sound an announcement picker shows as chosen ("None" when there is none). */
  chosenSound(label: "Join greeting" | "Periodic announcement" | "Agent announcement"): Locator {
    return this.announcement(label).locator("option:checked");
  }

  periodicFrequency(): Locator {
    return this.page.getByRole("spinbutton", { name: "Repeat every (seconds)" });
  }

  async submit(label: "Create queue" | "Save changes") {
    await this.page.getByRole("button", { name: label }).click();
  }

  async open(name: string) {
    await this.goto();
    await this.page.getByRole("textbox", { name: "Search queues" }).fill(name);
    await this.page.getByRole("button", { name: "Search" }).click();
    await this.page.getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { name, exact: true })).toBeVisible();
  }

  async deleteOpen() {
    await this.page.getByRole("button", { name: "Delete queue" }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  }
}
