import { expect, type Page } from "@playwright/test";

export class RecordingsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/recordings");
    await expect(this.page.getByRole("heading", { name: "Recordings", exact: true })).toBeVisible();
  }

  /** Runs the indexer from the page (the listener also does, but e2e servers may run without one). */
  async scan() {
    await this.page.getByRole("button", { name: "Scan for new recordings" }).click();
    await expect(this.page.getByRole("status").filter({ hasText: /file\(s\) found/ })).toBeVisible();
  }

  row(linkedid: string) {
    return this.page.getByRole("row").filter({ hasText: linkedid });
  }

  /** The opaque id of a call's recording, from its Review link. */
  async recordingId(linkedid: string): Promise<string> {
    const href = await this.row(linkedid)
      .getByRole("link", { name: /Review/ })
      .getAttribute("href");
    const id = href?.split("/").pop();
    if (!id) throw new Error(`no review link for ${linkedid}`);
    return id;
  }
}

export class ReviewPage {
  constructor(private readonly page: Page) {}

  async goto(recordingId: string) {
    await this.page.goto(`/qa/review/${recordingId}`);
    await expect(this.page.getByRole("heading", { name: /^Call / })).toBeVisible();
  }

  callerId() {
    return this.page.getByTestId("caller-id");
  }

  async play() {
    const streamed = this.page.waitForResponse(
      (r) => /\/api\/recordings\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname) && r.status() === 206,
    );
    await expect(this.page.getByRole("button", { name: "Play" })).toBeEnabled();
    await this.page.getByRole("button", { name: "Play" }).click();
    return streamed;
  }

  async commentOnWaveform(fraction: number, text: string) {
    const wave = this.page.getByTestId("waveform");
    const box = await wave.boundingBox();
    if (!box) throw new Error("waveform not visible");
    await wave.click({ position: { x: box.width * fraction, y: box.height / 2 } });
    await this.page.getByRole("textbox", { name: /^Comment at / }).fill(text);
    await this.page.getByRole("button", { name: "Add comment" }).click();
    await expect(this.page.getByRole("list", { name: "Comments by time" })).toContainText(text);
  }

  async answer(question: RegExp, option: string) {
    await this.page.getByRole("radiogroup", { name: question }).getByLabel(option, { exact: true }).check();
  }

  async submit() {
    await this.page.getByRole("button", { name: "Submit review" }).click();
  }
}

export class MyReviewsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/qa/my-reviews");
    await expect(this.page.getByRole("heading", { name: "My reviews" })).toBeVisible();
  }

  review(linkedid: string) {
    return this.page.getByRole("listitem", { name: `Review of call ${linkedid}` });
  }
}
