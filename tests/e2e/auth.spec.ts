import { expect, newClient, signIn, test, USERS } from "./fixtures";
import { LoginPage } from "./pages/login-page";

test("an unauthenticated GET /users redirects to /login", async ({ request }) => {
  const res = await request.get("/users", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers().location).toMatch(/\/login\?callbackUrl=%2Fusers$/);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.submit(USERS.agent.email, "not-the-password");
  await login.expectError("Wrong e-mail or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("the sixth wrong password within a minute is answered 429 with the wait time", async ({ page }) => {
  const email = `throttle-${Date.now()}@example.test`;
  const login = new LoginPage(page);
  await login.goto();
  for (let i = 0; i < 5; i++) {
    await login.submit(email, `wrong-${i}`);
    await login.expectError("Wrong e-mail or password.");
  }
  const sixth = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await login.submit(email, "wrong-6");
  const res = await sixth;
  expect(res.status()).toBe(429);
  expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
  await login.expectError(/Too many failed sign-in attempts\. Try again in \d+ seconds\./);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled();
});

test("five failures from one IP throttle that IP, whichever accounts it tries", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  for (let i = 0; i < 5; i++) {
    await login.submit(`spray-${i}-${Date.now()}@example.test`, "password-guess");
    await login.expectError("Wrong e-mail or password.");
  }
  // Even the right password is refused from this IP until the window ends.
  const next = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await login.submit(USERS.qa.email, USERS.qa.password);
  expect((await next).status()).toBe(429);
});

test("logout ends the session", async ({ page }) => {
  await signIn(page, "agent");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?reason=logout/);
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a new login ends the user's previous session, in every tab, over one event stream", async ({
  page,
  browser,
}) => {
  const streams: string[] = [];
  page.context().on("request", (r) => {
    if (r.url().endsWith("/api/session/events")) streams.push(r.url());
  });
  await signIn(page, "supervisor");
  const secondTab = await page.context().newPage();
  await secondTab.goto("/");
  await expect(secondTab.getByRole("button", { name: "Sign out" })).toBeVisible();
  // One tab holds the stream for the browser; the other hears it over a BroadcastChannel.
  await expect.poll(() => streams.length).toBe(1);

  const other = await newClient(browser, test.info().project.use.baseURL);
  await signIn(other.page, "supervisor");
  // Both tabs of the first browser are told at once.
  await expect(page).toHaveURL(/\/login\?reason=replaced/);
  await expect(page.getByText("You signed in somewhere else")).toBeVisible();
  await expect(secondTab).toHaveURL(/\/login\?reason=replaced/);
  await other.context.close();
});
