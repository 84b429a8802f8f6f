import { expect, newClient, signIn, test } from "./fixtures";
import { PhoneCheckPage } from "./pages/phone-check-page";
import { SettingsForm } from "./pages/settings-form";
import { closedPort, startSipWebSocketStub } from "./sip-ws-stub";

const WS_LABEL = "SIP WebSocket URL (browsers)";

test("phone check: the microphone level moves, the SIP WebSocket opens, and a closed port fails with a fix", async ({
  page,
  browser,
  baseURL,
}) => {
  const stub = await startSipWebSocketStub();
  const admin = await newClient(browser, baseURL);
  try {
    await signIn(admin.page, "admin");
    const settings = new SettingsForm(admin.page);
    await settings.save({ [WS_LABEL]: stub.url });

    // An agent finds the page in the navigation.
    await signIn(page, "agent");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Phone check" }).click();
    const check = new PhoneCheckPage(page);
    await expect(page.getByRole("heading", { name: "Phone check", exact: true })).toBeVisible();
    await expect(check.rerun()).toBeEnabled({ timeout: 20_000 });

    // Re-run from the keyboard: a user gesture, so the level meter's AudioContext runs.
    await check.rerun().focus();
    await page.keyboard.press("Enter");
    await expect(check.meter()).toBeVisible();
    const levels = new Set<string>();
    await expect
      .poll(
        async () => {
          levels.add((await check.meter().getAttribute("aria-valuenow")) ?? "0");
          return [...levels].filter((l) => Number(l) > 0).length;
        },
        { timeout: 10_000, intervals: [50] },
      )
      .toBeGreaterThanOrEqual(3);

    await expect(check.verdict()).not.toHaveAttribute("data-status", "running", { timeout: 20_000 });
    await expect(check.check("microphone")).toHaveAttribute("data-status", "ok");
    await expect(check.check("websocket")).toHaveAttribute("data-status", "ok");
    await expect(check.check("websocket")).toContainText(
      new RegExp(`Connected to ${stub.url} in \\d+ ms\\.`),
    );
    expect(stub.handshakes()).toBeGreaterThanOrEqual(1);
    // Loopback with no STUN/TURN configured: host candidates, and a warning that says why.
    await expect(check.check("ice")).toContainText("Found host");
    await expect(check.check("ice")).toContainText("No STUN or TURN server is configured.");
    await expect(check.verdict()).toHaveAttribute("data-status", "warn");
    await expect(check.verdict()).toContainText("Ready for calls, with 1 warning worth fixing.");

    // Point the setting at a closed port: the WebSocket check fails and says what to check.
    const dead = `ws://127.0.0.1:${await closedPort()}/ws`;
    await settings.save({ [WS_LABEL]: dead });
    await check.rerun().click();
    await expect(check.check("websocket")).toHaveAttribute("data-status", "fail", { timeout: 20_000 });
    await expect(check.check("websocket")).toContainText(`Could not connect to ${dead}`);
    await expect(check.check("websocket")).toContainText("Nothing accepted the WebSocket at 127.0.0.1");
    await expect(check.verdict()).toHaveAttribute("data-status", "fail", { timeout: 20_000 });
    await expect(check.verdict()).toContainText("Not ready for calls: 1 check failed.");
  } finally {
    await new SettingsForm(admin.page).save({ [WS_LABEL]: "" }).catch(() => {});
    await admin.context.close();
    await stub.close();
  }
});

test("phone check: the settings come from an authenticated, uncached request", async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  expect((await request.get("/api/softphone/check-config")).status()).toBe(401);
  await signIn(page, "qa");
  // QA analysts have no phone: no link, no page, no settings.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Phone check" })).toHaveCount(0);
  expect((await page.request.get("/api/softphone/check-config")).status()).toBe(403);
  expect((await page.goto("/phone/check"))?.status()).toBe(403);

  const agent = await newClient(browser, baseURL);
  try {
    await signIn(agent.page, "agent");
    const res = await agent.page.request.get("/api/softphone/check-config");
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toContain("no-store");
    expect(Object.keys(await res.json()).sort()).toEqual(["iceServers", "wsUrl"]);
  } finally {
    await agent.context.close();
  }
});
