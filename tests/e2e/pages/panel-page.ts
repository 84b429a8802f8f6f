import { expect, type Locator, type Page } from "@playwright/test";

export class PanelPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/panel");
    await expect(this.page.getByRole("heading", { name: "Live panel", exact: true })).toBeVisible();
  }

  /** Listen, Whisper and Barge in: supervisors' buttons, wherever they appear. */
  spyButtons(): Locator {
    return this.page.getByRole("button", { name: /^(Listen|Whisper|Barge in)$/ });
  }

  /** Either the "not connected" notice or the live connection status, whichever the server chose. */
  panelBody(): Locator {
    return this.page.getByText("Asterisk is not connected").or(this.page.getByTestId("live-status"));
  }
}
