import { expect, type Locator, type Page } from "@playwright/test";

export type GroupFields = {
  number?: string;
  name?: string;
  strategy?: "Ring all" | "Hunt in order";
  ringTime?: string;
  members?: string[];
  failover?: { type: "Extension" | "Ring group" | "Queue" | "Voicemail" | "Hang up"; number?: string };
};

export class GroupsPage {
  constructor(private readonly page: Page) {}

  async goto(q?: string) {
    await this.page.goto(q ? `/groups?q=${encodeURIComponent(q)}` : "/groups");
    await expect(this.page.getByRole("heading", { name: "Ring groups", exact: true })).toBeVisible();
  }

  async openNew() {
    await this.page.goto("/groups/new");
    await expect(this.page.getByRole("heading", { name: "New ring group" })).toBeVisible();
  }

  /** Fills whichever fields are given on the open form. */
  async fill(fields: GroupFields) {
    const p = this.page;
    if (fields.number !== undefined) await p.getByLabel("Number", { exact: true }).fill(fields.number);
    if (fields.name !== undefined) await p.getByLabel("Name", { exact: true }).fill(fields.name);
    if (fields.strategy) await p.getByLabel("Strategy").selectOption({ label: fields.strategy });
    if (fields.ringTime !== undefined) await p.getByLabel("Ring time (seconds)").fill(fields.ringTime);
    for (const m of fields.members ?? []) await this.addMember(m);
    if (fields.failover) {
      await p.getByLabel("Failover destination").selectOption({ label: fields.failover.type });
      if (fields.failover.number !== undefined)
        await p.getByLabel("Failover number").fill(fields.failover.number);
    }
  }

  async addMember(number: string) {
    await this.page.getByLabel("Add a member").fill(number);
    await this.page.getByRole("button", { name: "Add member" }).click();
  }

  members(): Locator {
    return this.page.getByRole("list", { name: "Members" }).getByRole("listitem");
  }

  async submit(label: "Create group" | "Save changes") {
    await this.page.getByRole("button", { name: label }).click();
  }

  async create(fields: GroupFields & { number: string; name: string }) {
    await this.openNew();
    await this.fill(fields);
    await this.submit("Create group");
    await expect(this.page).toHaveURL(/\/groups$/);
    await expect(this.page.getByRole("link", { name: fields.name, exact: true })).toBeVisible();
  }

  async open(name: string) {
    await this.goto();
    await this.page.getByRole("textbox", { name: "Search ring groups" }).fill(name);
    await this.page.getByRole("button", { name: "Search" }).click();
    await this.page.getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { name, exact: true })).toBeVisible();
  }

  /** Deletes the open group through the confirm dialog; does not wait for the outcome. */
  async deleteOpen() {
    await this.page.getByRole("button", { name: "Delete ring group" }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  }
}
