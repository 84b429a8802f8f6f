import type { Page } from "@playwright/test";

export class SetupPage {
  constructor(private readonly page: Page) {}

  async createAdmin(admin: { name: string; email: string; password: string; confirm?: string }) {
    await this.page.getByLabel("Your name").fill(admin.name);
    await this.page.getByLabel("E-mail").fill(admin.email);
    await this.page.getByLabel("Password", { exact: true }).fill(admin.password);
    await this.page.getByLabel("Confirm password").fill(admin.confirm ?? admin.password);
    await this.page.getByRole("button", { name: "Create admin account" }).click();
  }
}
