import { SIMULATOR } from "../../playwright.config";
import { expect, newClient, signIn, test, USERS } from "./fixtures";
import { PanelPage } from "./pages/panel-page";
import { SettingsForm } from "./pages/settings-form";
import { TeamsPage } from "./pages/teams-page";

const AGENT_EXTENSION = "1002";

test("call quality an agent's phone posts shows on their supervisor's panel, live", async ({
  page,
  browser,
  baseURL,
}) => {
  // The panel needs AMI (the simulator), and the supervisor must supervise the agent.
  const admin = await newClient(browser, baseURL);
  await signIn(admin.page, "admin");
  await new SettingsForm(admin.page).save({
    "AMI host": "127.0.0.1",
    "AMI port": String(SIMULATOR.port),
    "AMI user": SIMULATOR.user,
    "AMI secret": SIMULATOR.secret,
  });
  const teamName = `Quality ${String(Date.now()).slice(-6)}`;
  const teams = new TeamsPage(admin.page);
  await teams.openNew();
  await teams.setName(teamName);
  await teams.addMember(USERS.supervisor.email, USERS.supervisor.name, true);
  await teams.addMember(USERS.agent.email, USERS.agent.name);
  await teams.submit("Create team");
  await expect(admin.page).toHaveURL(/\/teams$/);

  const agent = await newClient(browser, baseURL);
  try {
    await signIn(page, "supervisor");
    const panel = new PanelPage(page);
    await panel.goto();
    await expect(page.getByTestId("live-status")).toHaveText("Live", { timeout: 20_000 });
    const tile = panel.tile(AGENT_EXTENSION);
    await expect(tile).toBeVisible();
    await expect(tile.locator("[data-quality]")).toHaveCount(0);

    await signIn(agent.page, "agent");
    const post = (samples: unknown[]) =>
      agent.page.request.post("/api/softphone/stats", {
        data: { samples },
        headers: { Origin: new URL(agent.page.url()).origin },
      });
    const sample = (rttMs: number, jitterMs: number, packetLossPct: number) => ({
      callId: `e2e-${Date.now()}@127.0.0.1`,
      at: Date.now(),
      rttMs,
      jitterMs,
      packetsLost: Math.round(packetLossPct * 10),
      packetLossPct,
    });

    const bad = await post([{ ...sample(40, 3, 0), rttMs: -1 }]);
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toContain("rttMs cannot be negative");

    expect((await post([sample(48, 4, 0.2)])).status()).toBe(202);
    const badge = tile.locator("[data-quality]");
    await expect(badge).toHaveAttribute("data-quality", "good");
    await expect(badge).toContainText("Good");
    await expect(badge).toContainText("RTT 48 ms · jitter 4 ms · loss 0.2%");
    // Wherever the agent shows as a queue member, the same figures show on the row.
    const memberRows = page.locator(`[data-member="${AGENT_EXTENSION}"]`);
    await expect(memberRows.locator("[data-quality]")).toHaveCount(await memberRows.count());

    // A second report within 2 s is refused; after it, a bad call turns the tile poor, live.
    expect((await post([sample(900, 80, 9)])).status()).toBe(429);
    await expect
      .poll(async () => (await post([sample(620, 75, 8.5)])).status(), {
        timeout: 10_000,
        intervals: [1_000],
      })
      .toBe(202);
    await expect(badge).toHaveAttribute("data-quality", "poor");
    await expect(badge).toContainText("RTT 620 ms · jitter 75 ms · loss 8.5%");
  } finally {
    await agent.context.close();
    await teams.open(teamName);
    await teams.deleteOpen();
    await admin.context.close();
  }
});
