import { type Browser, type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

export type Role = "admin" | "supervisor" | "agent" | "qa";

/** The seeded user for each role on server A (see scripts/run-e2e.ts). */
export const USERS: Record<Role, { email: string; password: string; name: string }> = {
  admin: {
    email: "admin@switchboard.test",
    password: process.env.SEED_ADMIN_PASSWORD ?? "",
    name: "Ada Admin",
  },
  supervisor: {
    email: "supervisor@switchboard.test",
    password: process.env.SEED_SUPERVISOR_PASSWORD ?? "",
    name: "Sam Supervisor",
  },
  agent: {
    email: "agent@switchboard.test",
    password: process.env.SEED_AGENT_PASSWORD ?? "",
    name: "Alex Agent",
  },
  qa: { email: "qa@switchboard.test", password: process.env.SEED_QA_PASSWORD ?? "", name: "Quinn QA" },
};

/**
 * A random client address from the IPv6 documentation prefix (never routed anywhere: it only
 * travels in X-Forwarded-For). Random rather than counted, because Playwright restarts its worker
 * after a failure and a counter would hand out a throttled address again.
 */
function randomIp(): string {
  const hex = () => Math.floor(Math.random() * 0x10000).toString(16);
  return `2001:db8::${hex()}:${hex()}:${hex()}`;
}

/** A fresh browser context with its own client IP, so one test's throttling can't touch another's. */
export async function newClient(
  browser: Browser,
  baseURL?: string,
): Promise<{ context: BrowserContext; page: Page; ip: string }> {
  const ip = randomIp();
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": ip } });
  return { context, page: await context.newPage(), ip };
}

/** Signs in through the real login form and waits for the dashboard. */
export async function signIn(page: Page, role: Role): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.submit(USERS[role].email, USERS[role].password);
  await expect(page.getByRole("heading", { name: /^Welcome,/ })).toBeVisible();
}

export const test = base.extend<{ clientIp: string }>({
  // Every test's default page gets its own client IP too.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here
  clientIp: async ({}, use) => {
    await use(randomIp());
  },
  context: async ({ browser, clientIp, baseURL }, use) => {
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": clientIp } });
    await use(context);
    await context.close();
  },
});

export { expect };
