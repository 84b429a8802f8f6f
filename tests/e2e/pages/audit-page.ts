import { expect, type Locator, type Page } from "@playwright/test";

export class AuditPage {
  constructor(private readonly page: Page) {}

  async goto(filters: { entity?: string } = {}) {
    const qs = new URLSearchParams(filters as Record<string, string>).toString();
    await this.page.goto(`/audit${qs ? `?${qs}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  }

  row(action: string, containing?: string): Locator {
    let rows = this.page.getByTestId("audit-row").filter({ hasText: action });
    if (containing) rows = rows.filter({ hasText: containing });
    return rows.first();
  }
}
