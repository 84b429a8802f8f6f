import { expect, signIn, test } from "./fixtures";

test("an agent sees only their sections and gets a real 403 on /users", async ({ page }) => {
  await signIn(page, "agent");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);

  const res = await page.goto("/users");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});

test("a supervisor can read users but not create them", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "New user" })).toHaveCount(0);
  const res = await page.goto("/users/new");
  expect(res?.status()).toBe(403);
});

test("QA staff cannot open the audit log or settings", async ({ page }) => {
  await signIn(page, "qa");
  expect((await page.goto("/audit"))?.status()).toBe(403);
  expect((await page.goto("/settings"))?.status()).toBe(403);
});
