import { expect, type Locator, type Page } from "@playwright/test";

export class TeamsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/teams");
    await expect(this.page.getByRole("heading", { name: "Teams", exact: true })).toBeVisible();
  }

  async openNew() {
    await this.goto();
    await this.page.getByRole("link", { name: "New team" }).click();
    await expect(this.page.getByRole("heading", { name: "New team" })).toBeVisible();
  }

  async setName(name: string) {
    await this.page.getByLabel("Name", { exact: true }).fill(name);
  }

  /** Adds a user by e-mail; `supervisor` ticks their supervisor box. */
  async addMember(email: string, name: string, supervisor = false) {
    await this.page.getByLabel("Add a member").fill(email);
    await this.page.getByRole("button", { name: "Add member" }).click();
    if (supervisor) await this.supervisorBox(name).check();
  }

  supervisorBox(name: string): Locator {
    return this.page.getByRole("checkbox", { name: `${name} supervises this team` });
  }

  members(): Locator {
    return this.page.getByRole("list", { name: "Team members" }).getByRole("listitem");
  }

  async addQueue(number: string) {
    await this.page.getByLabel("Add a queue").fill(number);
    await this.page.getByRole("button", { name: "Add queue" }).click();
  }

  async submit(label: "Create team" | "Save changes") {
    await this.page.getByRole("button", { name: label }).click();
  }

  row(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  async open(name: string) {
    await this.goto();
    await this.page.getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { name, exact: true })).toBeVisible();
  }

  async deleteOpen() {
    await this.page.getByRole("button", { name: "Delete team" }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  }
}
