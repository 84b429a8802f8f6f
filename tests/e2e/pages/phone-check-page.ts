import { expect, type Locator, type Page } from "@playwright/test";

export class PhoneCheckPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/phone/check");
    await expect(this.page.getByRole("heading", { name: "Phone check", exact: true })).toBeVisible();
  }

  rerun(): Locator {
    return this.page.getByRole("button", { name: "Re-run checks" });
  }

  meter(): Locator {
    return this.page.getByRole("meter", { name: "Microphone level" });
  }

  /** The overall verdict; `data-status` is running, ok, warn or fail. */
  verdict(): Locator {
    return this.page.getByTestId("phone-check-verdict");
  }

  /** One check's card: microphone, websocket or ice; `data-status` as for the verdict. */
  check(name: "microphone" | "websocket" | "ice"): Locator {
    return this.page.locator(`[data-check="${name}"]`);
  }
}
