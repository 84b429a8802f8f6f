import { expect, type Locator, type Page } from "@playwright/test";

type Kind = "New" | "Heard";

/** Visual voicemail (/voicemail): one box's messages, each a list item named by its caller. */
export class VoicemailPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/voicemail");
    await expect(this.page.getByRole("heading", { name: "Voicemail", exact: true })).toBeVisible();
  }

  /** Opens a box by its address, as the box picker does. */
  async openBox(box: string) {
    await this.page.goto(`/voicemail?box=${box}`);
    await expect(this.description()).toContainText(`Box ${box} ·`);
  }

  /** "Box 1002 · Demo phone 1002" under the heading. */
  description(): Locator {
    return this.page.getByText(/^Box \d+ · /);
  }

  /** Only for users who may open more than one box. */
  boxPicker(): Locator {
    return this.page.getByRole("combobox", { name: "Box", exact: true });
  }

  messages(): Locator {
    return this.page.getByRole("list", { name: "Messages" }).getByRole("listitem");
  }

  message(kind: Kind, callerId: string): Locator {
    return this.page.getByRole("listitem", { name: `${kind} message from ${callerId}`, exact: true });
  }

  player(kind: Kind, callerId: string): Locator {
    return this.message(kind, callerId).getByLabel(`Play ${kind} message from ${callerId}`, { exact: true });
  }

  async forward(kind: Kind, callerId: string, toBox: string) {
    const item = this.message(kind, callerId);
    await item.getByRole("button", { name: "Forward" }).click();
    await item.getByLabel("Forward to box").fill(toBox);
    await item.getByRole("button", { name: "Send" }).click();
  }

  greetingForm(): Locator {
    return this.page.getByRole("form", { name: "Upload a greeting" });
  }

  /** The notice after an action ("Deleted.", "Greeting saved.", …). */
  notice(text: string): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  /** The banner when an action is refused. */
  error(text: string): Locator {
    return this.page.getByRole("alert").filter({ hasText: text });
  }
}
