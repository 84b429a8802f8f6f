import { expect, type Locator, type Page } from "@playwright/test";

export class ConfigPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/config");
    await expect(this.page.getByRole("heading", { name: "Review & apply" })).toBeVisible();
  }

  pendingCount(): Locator {
    return this.page.getByTestId("pending-count");
  }

  fileDiff(file: string): Locator {
    return this.page.locator("details").filter({ hasText: file });
  }

  async apply() {
    await this.page.getByRole("button", { name: "Apply to Asterisk" }).click();
  }
}
