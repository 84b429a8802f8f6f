import type { Page } from "@playwright/test";
import { expect } from "../e2e/fixtures";
import { ConfigPage } from "../e2e/pages/config-page";
import { ExtensionsPage } from "../e2e/pages/extensions-page";

/** Steps an admin takes in the app before a real-Asterisk browser test, shared by the specs here. */

/** Turns WebRTC on or off for a seeded demo extension and saves it (pending until applied). */
export async function setWebrtc(page: Page, number: string, on: boolean) {
  const extensions = new ExtensionsPage(page);
  await extensions.open(number, `Demo phone ${number}`);
  await extensions.fill({ webrtc: on });
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(/saved=1/);
}

/** Review & apply → Apply, and waits for the app to say Asterisk runs it. */
export async function applyConfig(page: Page) {
  const config = new ConfigPage(page);
  await config.goto();
  await config.apply();
  await expect(page.getByRole("status").filter({ hasText: /^Applied in \d+ ms/ })).toBeVisible({
    timeout: 30_000,
  });
}
