import { expect, type Locator, type Page } from "@playwright/test";

export type BreakCodeFields = {
  label?: string;
  code?: string;
  order?: string;
  paid?: boolean;
  active?: boolean;
};

export class BreakCodesPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/break-codes");
    await expect(this.page.getByRole("heading", { name: "Break codes", exact: true })).toBeVisible();
  }

  async openNew() {
    await this.goto();
    await this.page.getByRole("link", { name: "New break code" }).click();
    await expect(this.page.getByRole("heading", { name: "New break code" })).toBeVisible();
  }

  async fill(fields: BreakCodeFields) {
    const p = this.page;
    if (fields.label !== undefined) await p.getByLabel("Label", { exact: true }).fill(fields.label);
    if (fields.code !== undefined) await p.getByLabel("Code", { exact: true }).fill(fields.code);
    if (fields.order !== undefined) await p.getByLabel("Order", { exact: true }).fill(fields.order);
    if (fields.paid !== undefined)
      await p.getByRole("checkbox", { name: /^Paid break/ }).setChecked(fields.paid);
    if (fields.active !== undefined)
      await p.getByRole("checkbox", { name: /^Active/ }).setChecked(fields.active);
  }

  async submit(label: "Create break code" | "Save changes") {
    await this.page.getByRole("button", { name: label }).click();
  }

  row(label: string): Locator {
    return this.page
      .getByRole("row")
      .filter({ has: this.page.getByRole("link", { name: label, exact: true }) });
  }

  async open(label: string) {
    await this.goto();
    await this.page.getByRole("link", { name: label, exact: true }).click();
    await expect(this.page.getByRole("heading", { name: label, exact: true })).toBeVisible();
  }

  async deleteOpen() {
    await this.page.getByRole("button", { name: "Delete break code" }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  }
}
