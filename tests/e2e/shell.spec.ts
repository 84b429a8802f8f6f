import { expect, signIn, test } from "./fixtures";

test("health answers 200 with db, bus, ami and version; pages carry security headers", async ({
  request,
}) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ db: "ok" });
  // The listener's view of AMI: its state, and figures once it has a connection (see panel.spec).
  expect(body.ami.status).toMatch(/^(connecting|syncing|live|down|no listener)$/);
  expect(body.bus.status).toBe("ok");
  expect(typeof body.version).toBe("string");

  const page = await request.get("/login");
  const h = page.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBeTruthy();
});

test("dark mode is remembered, and the sidebar collapses on mobile", async ({ page }) => {
  await signIn(page, "admin");
  const html = page.locator("html");
  // system → light → dark
  await page.getByRole("button", { name: /theme/ }).click();
  await page.getByRole("button", { name: /theme/ }).click();
  await expect(html).toHaveClass(/dark/);
  await page.reload();
  await expect(html).toHaveClass(/dark/);

  if (process.env.E2E_UPDATE_SCREENSHOT) await page.screenshot({ path: "public/screenshot.png" });

  await page.setViewportSize({ width: 390, height: 800 });
  const sidebar = page.getByRole("complementary", { name: "Sidebar" });
  await expect(sidebar).not.toBeInViewport();
  await page.getByRole("button", { name: "Open navigation" }).click();
  await expect(sidebar).toBeInViewport();
  await page.keyboard.press("Escape");
  await expect(sidebar).not.toBeInViewport();
});

test("settings validate each field, keep secrets on the server, and audit the change", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/settings");
  await page.getByLabel("AMI host").fill("pbx;rm -rf");
  await page.getByLabel("AMI user").fill("switch board");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter a host name or IP address.")).toBeVisible();
  await expect(page.getByText("Use letters, digits, '-' and '_' only.")).toBeVisible();

  const secret = `s3cret-${Date.now()}`;
  await page.getByLabel("AMI host").fill("127.0.0.1");
  await page.getByLabel("AMI user").fill("switchboard");
  await page.getByLabel("AMI secret").fill(secret);
  await page.getByLabel("Time zone").fill("Europe/London");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("AMI host")).toHaveValue("127.0.0.1");
  await expect(page.getByLabel("AMI secret")).toHaveValue("");
  expect(await page.content()).not.toContain(secret);

  await page.goto("/audit?entity=settings");
  await expect(page.getByTestId("audit-row").first()).toContainText("settings.update");
  expect(await page.content()).not.toContain(secret);
});
