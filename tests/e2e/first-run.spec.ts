import { PORT_B, SHORT_SESSION_SECONDS } from "../../playwright.config";
import { expect, test } from "./fixtures";
import { SetupPage } from "./pages/setup-page";

// Server B starts with an empty database and a short session lifetime.
const B = `http://127.0.0.1:${PORT_B}`;
test.use({ baseURL: B });
test.describe.configure({ mode: "serial" });

const admin = {
  name: "First Admin",
  email: "first.admin@example.test",
  password: "correct horse battery staple",
};

test("a fresh install sends every page to /setup, which creates the first admin", async ({ page }) => {
  for (const path of ["/", "/users", "/login", "/settings"]) {
    await page.goto(path);
    await expect(page).toHaveURL(`${B}/setup`);
  }
  await expect(page.getByRole("heading", { name: "Welcome to Switchboard" })).toBeVisible();

  const setup = new SetupPage(page);
  await setup.createAdmin({ ...admin, password: "too short", confirm: "different" });
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();

  await setup.createAdmin(admin);
  await expect(page.getByRole("heading", { name: `Welcome, ${admin.name}` })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("Admin");

  // Setup is closed for good once a user exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(`${B}/`);
});

test("a session ends after SESSION_MAX_AGE_SECONDS, whatever the activity", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: `Welcome, ${admin.name}` })).toBeVisible();

  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  await page.waitForTimeout((SHORT_SESSION_SECONDS + 1) * 1000);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fusers/);
});
