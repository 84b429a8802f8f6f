import { expect, type Locator, type Page } from "@playwright/test";

export class CallsPage {
  constructor(private readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/calls${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Call history", level: 1 })).toBeVisible();
  }

  get rows(): Locator {
    return this.page.getByTestId("call-row");
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  async preset(label: string) {
    await this.page
      .getByRole("navigation", { name: "Date presets" })
      .getByRole("link", { name: label })
      .click();
  }

  async filterNumber(text: string) {
    const form = this.page.getByRole("form", { name: "Filter calls" });
    await form.getByLabel("Number contains").fill(text);
    await form.getByRole("button", { name: "Search" }).click();
  }

  async openCall(rowText: string) {
    await this.row(rowText).getByRole("link").first().click();
    const drawer = this.page.getByRole("dialog", { name: "Call details" });
    await expect(drawer).toBeVisible();
    return drawer;
  }

  async exportCsv(): Promise<string> {
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("button", { name: "Export CSV" }).click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
}
