import { expect, signIn, test } from "./fixtures";
import { CallsPage } from "./pages/calls-page";

/** Uses the demo calls `db:seed -- --demo` adds (scripts/seed-demo-calls.ts), all from today. */
test.describe("call history", () => {
  test("QA filters, opens a call's detail, and downloads the CSV", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, "qa");
    await page.getByRole("link", { name: "Call history" }).click();
    const calls = new CallsPage(page);
    await calls.preset("Today");
    // Other specs' simulated calls (the simulator's CDRs carry Linkedids) fill today's first pages:
    // find each demo call by its number.
    for (const number of ["0033123456789", "+15550199", "+15550100"]) {
      await calls.filterNumber(number);
      await expect(calls.row(number).first()).toBeVisible();
    }

    await calls.filterNumber("5550100");
    await expect(calls.rows).toHaveCount(1);
    // The hostile caller-ID name is shown as text and never runs.
    await expect(calls.row("+15550100").getByTestId("call-clid")).toContainText(
      "<script>alert('x')</script>",
    );
    expect(dialogs).toEqual([]);
    await expect(page.getByTestId("call-totals")).toContainText("1 call");

    const drawer = await calls.openCall("+15550100");
    await expect(drawer.getByTestId("call-leg")).toHaveCount(1);
    await expect(drawer.getByTestId("call-timeline")).toContainText("Agent connected support");
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();

    const csv = await calls.exportCsv();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toContain("Start (UTC),Answered (UTC)");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `"""<script>alert('x')</script>"" <+15550100>",'+15550100,600,inbound,ANSWERED`,
    );
  });

  test("shows clear validation messages for bad filters", async ({ page }) => {
    await signIn(page, "supervisor");
    const calls = new CallsPage(page);
    await calls.goto("minDuration=60&maxDuration=10");
    await expect(page.getByText("The maximum is below the minimum.")).toBeVisible();
    await expect(page.getByLabel("Max duration (s)")).toHaveAttribute("aria-invalid", "true");
    await calls.goto("sort=clid&ext=12a");
    await expect(page.getByText("Sort by date, duration or billed time.")).toBeVisible();
    await expect(page.getByText("An extension is 2 to 8 digits.")).toBeVisible();
    await expect(page.getByText("These filters are not valid")).toBeVisible();
  });

  test("an agent sees and exports only calls on their own extension", async ({ page }) => {
    await signIn(page, "agent");
    const calls = new CallsPage(page);
    await calls.goto("preset=today&q=5550100");
    await expect(calls.rows).toHaveCount(1);
    await calls.goto("preset=today&q=0033123456789");
    await expect(page.getByText("No calls match these filters")).toBeVisible();
    await calls.goto("preset=today&call=demo-call-2");
    await expect(page.getByRole("dialog", { name: "Call details" })).toContainText(
      "not one of the calls you may see",
    );
    expect(
      (await page.request.get("/api/calls/export?preset=today&q=5550100&format=csv")).headers(),
    ).toMatchObject({
      "x-total-count": "1",
    });
    const res = await page.request.get("/api/calls/export?preset=today&format=csv");
    expect(res.status()).toBe(200);
    const body = await res.text();
    expect(body).toContain("demo-call-1");
    expect(body).not.toContain("demo-call-2");
  });

  test("the export refuses anonymous requests", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const res = await anonymous.get("/api/calls/export?format=csv");
    expect(res.status()).toBe(401);
    await anonymous.dispose();
  });
});
