import { expect, type Page } from "@playwright/test";

export class SettingsForm {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings");
    await expect(this.page.getByRole("heading", { name: "Settings", exact: true })).toBeVisible();
  }

  /** Fills the fields by label and saves. */
  async save(values: Record<string, string>) {
    await this.goto();
    for (const [label, value] of Object.entries(values)) await this.page.getByLabel(label).fill(value);
    await this.page.getByRole("button", { name: "Save settings" }).click();
    await expect(this.page.getByText("Settings saved.")).toBeVisible();
  }
}
