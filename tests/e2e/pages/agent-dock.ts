import { expect, type Locator, type Page } from "@playwright/test";

/** The agent dock mounted on every signed-in page (wrap-up, callbacks, ready/pause). */
export class AgentDock {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByRole("complementary", { name: "Agent" });
  }

  toggle(): Locator {
    return this.root.getByRole("button", { name: /^Agent/ });
  }

  wrapup(): Locator {
    return this.root.getByRole("form", { name: "Wrap-up" });
  }

  state(): Locator {
    return this.root.getByRole("status", { name: "Agent state" });
  }

  async loaded() {
    await expect(this.root).toHaveAttribute("data-inbox", "loaded");
  }

  /** Opens the dock on its own controls, setting optional wrap-ups (demo traffic) aside. */
  async openMain() {
    await this.loaded();
    const toggle = this.toggle();
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const later = this.root.getByRole("button", { name: "Later" });
    for (let i = 0; i < 20 && (await later.isVisible()); i++) await later.click();
    await expect(this.wrapup()).toHaveCount(0);
  }

  /** Saves every required wrap-up waiting (they block the dock) with the given disposition. */
  async drainRequired(label: string, notes: string) {
    await this.loaded();
    const required = this.root.getByText(/a disposition is required/);
    for (let i = 0; i < 20 && (await required.isVisible()); i++) {
      const heading = await this.root.getByRole("heading", { name: /^Wrap up:/ }).textContent();
      await this.wrapup().getByLabel("Disposition").selectOption({ label });
      const notesBox = this.wrapup().getByRole("textbox");
      await notesBox.fill(notes);
      await this.wrapup().getByRole("button", { name: "Save wrap-up" }).click();
      await expect(this.root.getByRole("heading", { name: heading ?? "", exact: true })).toHaveCount(0);
    }
  }
}
