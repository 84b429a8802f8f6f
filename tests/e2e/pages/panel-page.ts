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

  /** An extension's BLF tile; `data-state` holds its state (idle, ringing, inuse, …). */
  tile(number: string): Locator {
    return this.page.locator(`[data-extension="${number}"]`);
  }

  /** The rows of the active-calls table (each is draggable onto a tile, a queue or the lot). */
  callRows(): Locator {
    return this.page.getByRole("table", { name: "Active calls" }).locator("tbody tr[data-linkedid]");
  }

  /** Either the "not connected" notice or the live connection status, whichever the server chose. */
  panelBody(): Locator {
    return this.page.getByText("Asterisk is not connected").or(this.page.getByTestId("live-status"));
  }
}
