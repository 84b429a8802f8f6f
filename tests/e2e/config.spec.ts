import { expect, signIn, test } from "./fixtures";
import { ConfigPage } from "./pages/config-page";
import { ExtensionsPage } from "./pages/extensions-page";

test("saving an extension makes it pending; review shows the diff and the modules to reload; apply refuses clearly without Asterisk", async ({
  page,
}) => {
  await signIn(page, "admin");
  const number = String(40000 + Math.floor(Math.random() * 9999));
  const extensions = new ExtensionsPage(page);
  await extensions.openNew();
  await extensions.fill({ number, displayName: `Review ${number}` });
  await extensions.submitCreate();
  // Wait for the save itself: /extensions/new already matches /extensions.
  await expect(page).toHaveURL(/\/extensions\/[0-9a-f-]{36}\?created=1/);

  // The bar shows on every page once something is waiting.
  const config = new ConfigPage(page);
  await page.goto("/");
  await expect(config.pendingCount()).not.toHaveText("0");
  await page.getByRole("link", { name: "Review & apply" }).first().click();
  await expect(page.getByRole("heading", { name: "Review & apply" })).toBeVisible();

  await expect(page.getByRole("heading", { name: /pending change/ })).toBeVisible();
  const pjsip = config.fileDiff("pjsip_endpoints.conf");
  await expect(pjsip).toContainText(`+[${number}]`);
  await expect(pjsip).toContainText(`+callerid="Review ${number}" <${number}>`);
  await expect(page.getByText("res_pjsip.so").first()).toBeVisible();
  await expect(page.getByText("pbx_config.so").first()).toBeVisible();

  // The default suite has no Asterisk: apply must say what is missing, and nothing is recorded.
  await config.apply();
  await expect(
    page.getByRole("alert").filter({ hasText: /ASTERISK_CONFIG_DIR is not set|Set the AMI host/ }),
  ).toBeVisible();
  await page.goto("/config/revisions");
  await expect(page.getByText("No revisions yet")).toBeVisible();
});

test("an agent has no apply page and the apply route answers 403", async ({ page }) => {
  await signIn(page, "agent");
  expect((await page.goto("/config"))?.status()).toBe(403);
  const res = await page.request.post("/api/config/apply", {
    data: {},
    headers: { origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("forbidden:config.apply");
});

test("the apply route refuses a cross-site request", async ({ page }) => {
  await signIn(page, "admin");
  const res = await page.request.post("/api/config/apply", {
    data: {},
    headers: { origin: "https://evil.example" },
  });
  expect(res.status()).toBe(403);
});
