import { expect, signIn, test } from "./fixtures";
import { MyReviewsPage, RecordingsPage, ReviewPage } from "./pages/qa-pages";

// The calls tests/e2e/seed-recordings.ts put in server A's spool (agent 1002's, and 1009's).
const OWN = "1732262400.12";
const OTHER = "1732262500.20";
const ids = { own: "", other: "" };

test.describe
  .serial("QA review of a recorded call", () => {
    test("a QA analyst plays a recording, comments on the waveform, scores and submits", async ({ page }) => {
      let dialogs = 0;
      page.on("dialog", (d) => {
        dialogs += 1;
        void d.dismiss();
      });
      await signIn(page, "qa");
      const recordings = new RecordingsPage(page);
      await recordings.goto();
      await recordings.scan();
      await expect(recordings.row(OWN)).toBeVisible();
      ids.own = await recordings.recordingId(OWN);
      ids.other = await recordings.recordingId(OTHER);

      const review = new ReviewPage(page);
      await review.goto(ids.own);
      // The caller ID name is a <script> tag: shown as text, never run.
      await expect(review.callerId()).toHaveText('"<script>alert(1)</script>" <0612345678>');
      const streamed = await review.play();
      expect(streamed.headers()["content-range"]).toMatch(/^bytes 0-\d+\/\d+$/);
      await review.commentOnWaveform(0.25, "Greeting was rushed");
      // Keyboard: ] speeds up, [ slows down, C opens a comment at the current time.
      await page.getByRole("heading", { name: /^Call / }).click();
      const speed = page.getByRole("combobox", { name: "Speed" });
      await page.keyboard.press("]");
      await expect(speed).toHaveValue("1.25");
      await page.keyboard.press("[");
      await page.keyboard.press("[");
      await expect(speed).toHaveValue("0.75");
      await page.keyboard.press("c");
      await expect(page.getByRole("textbox", { name: /^Comment at / })).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(page.getByRole("textbox", { name: /^Comment at / })).toHaveCount(0);

      await review.answer(/^Greeted the caller/, "Yes");
      await review.answer(/^Verified the caller's identity/, "Yes");
      await review.answer(/^Listened and understood/, "4");
      await review.answer(/^Resolved the request/, "5");
      await review.answer(/^Summarised the outcome/, "Yes");
      await expect(page.getByTestId("score-preview")).toHaveText("Score so far: 92.5%");
      await review.submit();
      await expect(page.getByTestId("review-score")).toHaveText("92.5%");
      await expect(page.getByRole("list", { name: "Reviewer comments" })).toContainText(
        "Greeting was rushed",
      );
      expect(dialogs).toBe(0);
    });

    test("the agent sees the review and acknowledges it", async ({ page }) => {
      await signIn(page, "agent");
      const mine = new MyReviewsPage(page);
      await mine.goto();
      const card = mine.review(OWN);
      await expect(card.getByTestId("review-score")).toHaveText("92.5%");
      await card.getByLabel("Your comment").fill("Thanks, noted.");
      await card.getByRole("button", { name: "Acknowledge" }).click();
      await expect(card).toContainText("Acknowledged");
      await expect(card.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
    });

    test("an agent can stream their own call but not another agent's", async ({
      page,
      playwright,
      baseURL,
    }) => {
      await signIn(page, "agent");
      expect(
        (await page.request.get(`/api/recordings/${ids.own}`, { headers: { range: "bytes=0-43" } })).status(),
      ).toBe(206);
      const other = await page.request.get(`/api/recordings/${ids.other}`);
      expect(other.status()).toBe(403);
      expect(await other.text()).not.toContain("RIFF");
      expect((await page.request.get(`/api/recordings/${ids.other}/peaks`)).status()).toBe(403);
      expect((await page.goto(`/qa/review/${ids.own}`))?.status()).toBe(403);
      const anonymous = await playwright.request.newContext({ baseURL });
      expect((await anonymous.get(`/api/recordings/${ids.own}`)).status()).toBe(401);
      await anonymous.dispose();
    });
  });

/** Every recordings and QA page against every role: the status a browser gets. */
const PAGE_MATRIX: [string, Record<"admin" | "supervisor" | "agent" | "qa", number>][] = [
  ["/recordings", { admin: 200, supervisor: 200, agent: 403, qa: 200 }],
  ["/qa", { admin: 200, supervisor: 200, agent: 403, qa: 200 }],
  ["/qa/scorecards", { admin: 200, supervisor: 200, agent: 403, qa: 200 }],
  ["/qa/scorecards/new", { admin: 200, supervisor: 403, agent: 403, qa: 403 }],
  ["/qa/my-reviews", { admin: 200, supervisor: 403, agent: 200, qa: 403 }],
];

for (const role of ["admin", "supervisor", "agent", "qa"] as const) {
  test(`recordings and QA pages as ${role}`, async ({ page }) => {
    await signIn(page, role);
    for (const [path, expected] of PAGE_MATRIX) {
      expect((await page.goto(path))?.status(), path).toBe(expected[role]);
    }
  });
}

test("recordings and QA pages send anonymous visitors to the login page", async ({ page }) => {
  for (const [path] of PAGE_MATRIX) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  }
});
