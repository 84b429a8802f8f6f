import { expect, type Page } from "@playwright/test";

export type NewUser = {
  name: string;
  email: string;
  role: "Admin" | "Supervisor" | "Agent" | "QA analyst";
  extension?: string;
  password: string;
};

export class UsersPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/users");
    await expect(this.page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  }

  async create(user: NewUser) {
    await this.page.goto("/users/new");
    await this.page.getByLabel("Name").fill(user.name);
    await this.page.getByLabel("E-mail").fill(user.email);
    await this.page.getByLabel("Role").selectOption({ label: user.role });
    if (user.extension) await this.page.getByRole("textbox", { name: "Extension" }).fill(user.extension);
    await this.page.getByLabel("Initial password").fill(user.password);
    await this.page.getByRole("button", { name: "Create user" }).click();
    await expect(this.page).toHaveURL(/\/users$/);
    await expect(this.page.getByRole("link", { name: user.name })).toBeVisible();
  }

  async open(name: string) {
    await this.goto();
    await this.page.getByRole("textbox", { name: "Search users" }).fill(name);
    await this.page.getByRole("button", { name: "Search" }).click();
    await this.page.getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { name, exact: true })).toBeVisible();
  }

  async disableOpenUser() {
    await this.page.getByRole("button", { name: "Disable user" }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
    await expect(this.page.getByRole("button", { name: "Enable user" })).toBeVisible();
  }
}
