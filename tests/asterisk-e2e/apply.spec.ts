import { execFileSync } from "node:child_process";
import { expect, signIn, test } from "../e2e/fixtures";
import { ConfigPage } from "../e2e/pages/config-page";
import { ExtensionsPage } from "../e2e/pages/extensions-page";

/** `asterisk -rx` through ASTERISK_CLI. */
function cli(command: string): string {
  const [bin, ...args] = (process.env.ASTERISK_CLI ?? "asterisk").split(/\s+/).filter(Boolean);
  return execFileSync(bin!, [...args, "-rx", command], { encoding: "utf8" });
}

test("an admin applies a new extension from the browser, sees it live in Asterisk, then rolls it back", async ({
  page,
}) => {
  await signIn(page, "admin");
  const config = new ConfigPage(page);

  // A baseline revision of what the fresh database renders, to roll back to later.
  await config.goto();
  await config.apply();
  const baselineLink = page.getByRole("status").getByRole("link", { name: /^Revision #\d+$/ });
  await expect(baselineLink).toBeVisible();
  const baseline = Number((await baselineLink.textContent())!.replace(/\D/g, ""));

  const number = String(71000 + Math.floor(Math.random() * 999));
  const extensions = new ExtensionsPage(page);
  await extensions.openNew();
  await extensions.fill({ number, displayName: `Browser ${number}`, webrtc: true });
  await extensions.submitCreate();
  // Wait for the save itself: /extensions/new already matches /extensions.
  await expect(page).toHaveURL(/\/extensions\/[0-9a-f-]{36}\?created=1/);

  await config.goto();
  await expect(config.fileDiff("pjsip_endpoints.conf")).toContainText(`+[${number}]`);
  await config.apply();
  await expect(page.getByRole("list", { name: "Apply progress" })).toContainText(
    "Asterisk matches the rendered config",
  );
  await expect(page.getByRole("status").filter({ hasText: /^Applied in \d+ ms/ })).toBeVisible();
  expect(cli(`pjsip show endpoint ${number}`)).toMatch(/webrtc\s*:\s*yes/);
  await page.reload();
  await expect(config.pendingCount()).toHaveCount(0);

  await page.goto(`/config/revisions/${baseline}`);
  await page.getByRole("button", { name: `Roll back to #${baseline}` }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: `Roll back to #${baseline}` })
    .click();
  await expect(page.getByRole("status").filter({ hasText: /^Applied in \d+ ms/ })).toBeVisible();
  expect(cli("pjsip show endpoints")).not.toContain(` ${number}/`);
  // The database still has the extension, so it shows as pending again.
  await page.reload();
  await expect(config.pendingCount()).toHaveText("1");
});
