import { startBaresip } from "../asterisk/helpers";
import { expect, signIn, test } from "../e2e/fixtures";
import { ConfigPage } from "../e2e/pages/config-page";
import { ExtensionsPage } from "../e2e/pages/extensions-page";
import { PanelPage } from "../e2e/pages/panel-page";

/**
 * The live panel in a browser against a real Asterisk: two demo phones (seeded 1000 and 1001)
 * are applied, registered by baresip with the secrets the app reveals, and the admin (whose
 * extension is 1000) calls 1001 from the panel. The call shows in the calls table and on the
 * tiles, and disappears when it ends.
 */
test("a real call between two registered phones appears on the panel, and leaves it when it ends", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  const extensions = new ExtensionsPage(page);
  const secrets: Record<string, string> = {};
  for (const number of ["1000", "1001"]) {
    await extensions.open(number, `Demo phone ${number}`);
    secrets[number] = await extensions.revealSecret();
  }
  const config = new ConfigPage(page);
  await config.goto();
  await config.apply();
  await expect(page.getByRole("status").filter({ hasText: /^Applied in \d+ ms/ })).toBeVisible();

  const phones = [
    startBaresip({ user: "1000", password: secrets["1000"]!, port: 5361, autoAnswer: true }),
    startBaresip({ user: "1001", password: secrets["1001"]!, port: 5371, autoAnswer: true }),
  ];
  try {
    const panel = new PanelPage(page);
    await panel.goto();
    await expect(page.getByTestId("live-status")).toHaveText("Live", { timeout: 20_000 });
    // Registered phones are idle (not unavailable) on their tiles.
    await expect(panel.tile("1001")).toHaveAttribute("data-state", "idle", { timeout: 20_000 });
    await expect(panel.tile("1000")).toHaveAttribute("data-state", "idle");

    await page.getByLabel("Number to call").fill("1001");
    await page.getByRole("button", { name: "Call" }).click();
    const row = panel.callRows().filter({ hasText: "PJSIP/1000-" }).filter({ hasText: "PJSIP/1001-" });
    await expect(row).toBeVisible({ timeout: 15_000 });
    await expect(row).toContainText("Talking");
    await expect(panel.tile("1001")).toHaveAttribute("data-state", "inuse");
    await expect(panel.tile("1000")).toHaveAttribute("data-state", "inuse");

    await row.getByRole("button", { name: /^Actions for call/ }).click();
    // The call's menu, then the confirmation: both are dialogs with a "Hang up" button.
    await page.getByRole("dialog").getByRole("button", { name: "Hang up" }).click();
    await expect(page.getByRole("dialog")).toContainText("Hang up the call with");
    await page.getByRole("dialog").getByRole("button", { name: "Hang up" }).click();
    await expect(row).toHaveCount(0, { timeout: 10_000 });
    await expect(panel.tile("1001")).toHaveAttribute("data-state", "idle");
  } finally {
    for (const phone of phones) await phone.stop();
  }
});
