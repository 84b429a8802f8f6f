import { expect, signIn, test } from "../e2e/fixtures";
import { RecordingsPage, ReviewPage } from "../e2e/pages/qa-pages";

/**
 * Runs after the real-Asterisk vitest suite (npm run test:asterisk), whose
 * tests/asterisk/recordings.test.ts leaves a real "always"-recorded queue call (queue 7650) in
 * ASTERISK_SPOOL_DIR/monitor. A QA analyst finds it, plays it and scores it in the browser.
 */
test("a QA analyst scores a call Asterisk recorded", async ({ page }) => {
  await signIn(page, "qa");
  const recordings = new RecordingsPage(page);
  await recordings.goto();
  await recordings.scan();
  const row = page.getByRole("row").filter({ hasText: "7650" }).first();
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: "Review" }).click();

  const review = new ReviewPage(page);
  await expect(page.getByRole("heading", { name: /^Call \d+\.\d+$/ })).toBeVisible();
  const streamed = await review.play();
  expect(streamed.headers()["content-type"]).toBe("audio/wav");
  await review.commentOnWaveform(0.5, "Agent answered promptly");
  await review.answer(/^Greeted the caller/, "No");
  await review.answer(/^Verified the caller's identity/, "N/A");
  await review.answer(/^Listened and understood/, "3");
  await review.answer(/^Resolved the request/, "3");
  await review.answer(/^Summarised the outcome/, "Yes");
  await review.submit();
  // greeting 0/1, listening 1.5/3, resolution 1.5/3, recap 1/1 → 4/8
  await expect(page.getByTestId("review-score")).toHaveText("50%");
});
