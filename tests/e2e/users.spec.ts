import { expect, newClient, signIn, test } from "./fixtures";
import { AuditPage } from "./pages/audit-page";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";

test("an admin creates an agent, who signs in, is refused /users, and every step is audited", async ({
  page,
  browser,
  baseURL,
}) => {
  const stamp = Date.now();
  const agent = {
    name: `Agent ${stamp}`,
    email: `agent.${stamp}@example.test`,
    password: "agent-password-123",
    extension: "2345",
  };
  await signIn(page, "admin");
  const users = new UsersPage(page);

  // Field-level validation first.
  await page.goto("/users/new");
  await page.getByLabel("E-mail").fill("not-an-email");
  await page.getByLabel("Initial password").fill("short");
  await page.getByRole("textbox", { name: "Extension" }).fill("12ab");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByText("An extension is 2 to 8 digits.")).toBeVisible();

  await users.create({ ...agent, role: "Agent" });

  const other = await newClient(browser, baseURL);
  const login = new LoginPage(other.page);
  await login.goto();
  await login.submit(agent.email, agent.password);
  await expect(other.page.getByRole("heading", { name: `Welcome, ${agent.name}` })).toBeVisible();
  expect((await other.page.goto("/users"))?.status()).toBe(403);
  await other.context.close();

  const audit = new AuditPage(page);
  await audit.goto();
  await expect(audit.row("user.create", agent.email)).toBeVisible();
  await expect(audit.row("auth.login", agent.email)).toBeVisible();
  await audit
    .row("user.create", agent.email)
    .getByText(/fields? set/)
    .click();
  await expect(audit.row("user.create", agent.email).getByText(agent.email).last()).toBeVisible();

  // Filter by entity.
  await audit.goto({ entity: "session" });
  await expect(page.getByTestId("audit-row").filter({ hasText: "user.create" })).toHaveCount(0);
});

test("disabling a user ends their open session at once and blocks sign-in", async ({
  page,
  browser,
  baseURL,
}) => {
  const stamp = Date.now();
  const victim = {
    name: `Temp ${stamp}`,
    email: `temp.${stamp}@example.test`,
    password: "temp-password-123",
  };
  await signIn(page, "admin");
  const users = new UsersPage(page);
  await users.create({ ...victim, role: "Agent" });

  const other = await newClient(browser, baseURL);
  const login = new LoginPage(other.page);
  await login.goto();
  await login.submit(victim.email, victim.password);
  await expect(other.page.getByRole("heading", { name: `Welcome, ${victim.name}` })).toBeVisible();

  await users.open(victim.name);
  await users.disableOpenUser();

  await expect(other.page).toHaveURL(/\/login\?reason=disabled/);
  await login.submit(victim.email, victim.password);
  await login.expectError("Wrong e-mail or password.");
  await other.context.close();

  const audit = new AuditPage(page);
  await audit.goto();
  await expect(audit.row("user.disable", victim.email)).toBeVisible();
});
