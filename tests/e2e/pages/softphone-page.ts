import { expect, type Locator, type Page } from "@playwright/test";

/** The docked browser phone, as a user sees it. */
export class SoftphonePage {
  constructor(readonly page: Page) {}

  dock(): Locator {
    return this.page.getByRole("region", { name: "Phone" });
  }

  status(): Locator {
    return this.page.getByRole("status", { name: "Phone status" });
  }

  async open() {
    const toggle = this.dock().getByRole("button", { name: /open phone|close phone/i });
    await expect(toggle).toBeVisible({ timeout: 15_000 });
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    await expect(this.status()).toBeVisible();
  }

  async expectRegistered(timeout = 15_000) {
    await expect(this.status()).toHaveText("Registered", { timeout });
  }

  async dial(number: string) {
    await this.dock().getByRole("combobox", { name: "Number or name" }).fill(number);
    await this.dock().getByRole("button", { name: "Call", exact: true }).click();
  }

  call(number: string): Locator {
    return this.dock().getByRole("group", { name: `Call with ${number}` });
  }

  async expectCallState(number: string, label: string, timeout = 15_000) {
    await expect(this.call(number).getByTestId("call-state")).toHaveText(label, { timeout });
  }

  button(number: string, name: string): Locator {
    return this.call(number).getByRole("button", { name, exact: true });
  }

  /** Waits until the call has received at least `more` audio packets beyond what it had. */
  async expectAudioFlowing(number: string, more = 20, timeout = 15_000) {
    const read = async () => Number((await this.call(number).getAttribute("data-rx-packets")) ?? "0");
    const start = await read();
    await expect.poll(read, { timeout }).toBeGreaterThan(start + more);
  }

  async expectNoCalls(timeout = 10_000) {
    await expect(this.dock().getByRole("group", { name: /^Call with / })).toHaveCount(0, { timeout });
  }
}
