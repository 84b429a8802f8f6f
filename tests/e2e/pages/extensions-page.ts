import { expect, type Locator, type Page } from "@playwright/test";

export type ExtensionFields = {
  number?: string;
  displayName?: string;
  linkedUser?: string;
  webrtc?: boolean;
  voicemail?: boolean;
  voicemailPin?: string;
  pickupGroup?: string;
  outboundCallerId?: string;
};

export class ExtensionsPage {
  constructor(private readonly page: Page) {}

  async goto(query: { q?: string } = {}) {
    const qs = new URLSearchParams(query as Record<string, string>).toString();
    await this.page.goto(`/extensions${qs ? `?${qs}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Extensions", exact: true })).toBeVisible();
  }

  async search(q: string) {
    await this.page.getByRole("textbox", { name: "Search extensions" }).fill(q);
    await this.page.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => new URL(this.page.url()).searchParams.get("q")).toBe(q);
  }

  rows(): Locator {
    return this.page.getByTestId("extension-row");
  }

  row(text: string): Locator {
    return this.rows().filter({ hasText: text });
  }

  async openNew() {
    await this.page.goto("/extensions/new");
    await expect(this.page.getByRole("heading", { name: "New extension" })).toBeVisible();
  }

  async fill(fields: ExtensionFields) {
    const p = this.page;
    if (fields.number !== undefined) await p.getByRole("textbox", { name: "Number" }).fill(fields.number);
    if (fields.displayName !== undefined) await p.getByLabel("Display name").fill(fields.displayName);
    if (fields.linkedUser !== undefined)
      await p.getByLabel("Linked user").selectOption({ label: fields.linkedUser });
    if (fields.webrtc !== undefined)
      await p.getByRole("checkbox", { name: "WebRTC" }).setChecked(fields.webrtc);
    if (fields.voicemail !== undefined)
      await p.getByRole("checkbox", { name: "Voicemail", exact: true }).setChecked(fields.voicemail);
    if (fields.voicemailPin !== undefined) await p.getByLabel("Voicemail PIN").fill(fields.voicemailPin);
    if (fields.pickupGroup !== undefined) await p.getByLabel("Pickup group").fill(fields.pickupGroup);
    if (fields.outboundCallerId !== undefined)
      await p.getByLabel("Outbound caller ID").fill(fields.outboundCallerId);
  }

  async submitCreate() {
    await this.page.getByRole("button", { name: "Create extension" }).click();
  }

  async open(number: string, name: string) {
    await this.goto();
    await this.search(number);
    await this.page.getByRole("link", { name: number, exact: true }).click();
    await expect(this.page.getByRole("heading", { name: `${number} · ${name}` })).toBeVisible();
  }

  async revealSecret(): Promise<string> {
    await this.page.getByRole("button", { name: "Reveal" }).click();
    const secret = this.page.getByTestId("sip-secret");
    await expect(secret).toBeVisible();
    return (await secret.textContent()) ?? "";
  }

  async selectAllOnPage() {
    await this.page.getByRole("checkbox", { name: "Select all on this page" }).check();
  }

  async bulk(action: "Enable" | "Disable" | "Delete") {
    await this.page
      .getByRole("toolbar", { name: "Bulk actions" })
      .getByRole("button", { name: `${action} selected` })
      .click();
    await this.page.getByRole("dialog").getByRole("button", { name: action, exact: true }).click();
  }
}

export class ExtensionImportPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/extensions/import");
    await expect(this.page.getByRole("heading", { name: "Import extensions" })).toBeVisible();
  }

  async upload(name: string, csv: string) {
    await this.page
      .getByLabel("CSV file")
      .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    // A textarea's value always uses LF line breaks, whatever the file had.
    await expect(this.page.getByLabel("CSV text")).toHaveValue(csv.replace(/\r\n/g, "\n"));
  }

  async preview() {
    await this.page.getByRole("button", { name: "Preview" }).click();
    await expect(this.page.getByRole("table", { name: "Import preview" })).toBeVisible();
  }

  previewRow(line: number): Locator {
    return this.page
      .getByTestId("preview-row")
      .filter({ has: this.page.getByRole("cell", { name: String(line), exact: true }) });
  }

  async importValid(count: number) {
    await this.page
      .getByRole("button", { name: `Import ${count} valid row${count === 1 ? "" : "s"}` })
      .click();
  }

  progress(): Locator {
    return this.page.getByRole("progressbar", { name: "Import progress" });
  }
}
