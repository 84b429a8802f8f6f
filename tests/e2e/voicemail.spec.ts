import { makeWav } from "../support/wav";
import { expect, newClient, signIn, test } from "./fixtures";
import { VoicemailPage } from "./pages/voicemail-page";
import { E2E_VOICEMAIL, e2eSpoolDir, writeVoicemail } from "./voicemail-spool";

// Boxes 1002 (the seeded agent's) and 1009 (another phone's) have voicemail, with messages seeded
// by tests/e2e/seed-recordings.ts. Tests that change a box add their own message first, with a
// caller ID unique to the run, so a retry starts from a message of its own.
const { agentBox, otherBox, seeded } = E2E_VOICEMAIL;
const stamp = () => String(Date.now()).slice(-6);
const freshMessage = (box: string, who: string) => {
  const callerId = `"${who} ${stamp()}" <555${stamp().slice(-4)}>`;
  writeVoicemail(e2eSpoolDir(), box, "INBOX", { callerId });
  return callerId;
};

test("an agent sees their own messages and plays one: the audio loads and the stream answers Range with 206", async ({
  page,
}) => {
  await signIn(page, "agent");
  const voicemail = new VoicemailPage(page);
  await voicemail.goto();
  await expect(voicemail.description()).toContainText(`Box ${agentBox} · `);
  // One box only: no box picker, and nothing of 1009's.
  await expect(voicemail.boxPicker()).toHaveCount(0);
  await expect(voicemail.message("New", seeded.agentNew)).toBeVisible();
  await expect(voicemail.message("Heard", seeded.agentHeard)).toBeVisible();
  await expect(voicemail.messages().filter({ hasText: seeded.other })).toHaveCount(0);

  const player = voicemail.player("New", seeded.agentNew);
  const src = await player.getAttribute("src");
  expect(src).toMatch(new RegExp(`^/api/voicemail/${agentBox}/INBOX/\\d+$`));
  const part = await page.request.get(src!, { headers: { Range: "bytes=0-43" } });
  expect(part.status()).toBe(206);
  expect(part.headers()["content-range"]).toMatch(/^bytes 0-43\/\d+$/);
  expect(part.headers()["content-type"]).toBe("audio/wav");
  expect((await part.body()).subarray(0, 4).toString()).toBe("RIFF");

  // The player itself loads it: metadata read, and the 4 s message's length known.
  await player.evaluate((el: HTMLAudioElement) => el.play().catch(() => undefined));
  await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.readyState)).toBeGreaterThan(0);
  await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.duration)).toBeGreaterThan(3);
});

test("an agent marks a message heard and then new again", async ({ page }) => {
  const callerId = freshMessage(agentBox, "Mark");
  await signIn(page, "agent");
  const voicemail = new VoicemailPage(page);
  await voicemail.goto();

  await voicemail.message("New", callerId).getByRole("button", { name: "Mark heard" }).click();
  await expect(voicemail.notice("Marked as heard.")).toBeVisible();
  await expect(voicemail.message("Heard", callerId)).toBeVisible();
  await expect(voicemail.message("New", callerId)).toHaveCount(0);
  // It plays from its new folder.
  await expect(voicemail.player("Heard", callerId)).toHaveAttribute(
    "src",
    new RegExp(`^/api/voicemail/${agentBox}/Old/\\d+$`),
  );

  await voicemail.message("Heard", callerId).getByRole("button", { name: "Mark new" }).click();
  await expect(voicemail.notice("Marked as new.")).toBeVisible();
  await expect(voicemail.message("New", callerId)).toBeVisible();
  await expect(voicemail.message("Heard", callerId)).toHaveCount(0);
});

test("an agent forwards a message to another box, where an admin finds it; a box without voicemail is refused", async ({
  page,
  browser,
  baseURL,
}) => {
  const callerId = freshMessage(agentBox, "Forward");
  await signIn(page, "agent");
  const voicemail = new VoicemailPage(page);
  await voicemail.goto();

  await voicemail.forward("New", callerId, "1005");
  await expect(voicemail.error("1005 is not an extension with voicemail.")).toBeVisible();
  await voicemail.message("New", callerId).getByLabel("Forward to box").fill(otherBox);
  await voicemail.message("New", callerId).getByRole("button", { name: "Send" }).click();
  await expect(voicemail.notice(`Forwarded to ${otherBox}.`)).toBeVisible();
  // A copy: the agent keeps theirs.
  await expect(voicemail.message("New", callerId)).toBeVisible();

  const admin = await newClient(browser, baseURL);
  try {
    await signIn(admin.page, "admin");
    const theirs = new VoicemailPage(admin.page);
    await theirs.openBox(otherBox);
    await expect(theirs.message("New", callerId)).toBeVisible();
  } finally {
    await admin.context.close();
  }
});

test("an agent deletes a message after confirming it", async ({ page }) => {
  const callerId = freshMessage(agentBox, "Delete");
  await signIn(page, "agent");
  const voicemail = new VoicemailPage(page);
  await voicemail.goto();

  // Cancelling keeps it.
  await voicemail.message("New", callerId).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(voicemail.message("New", callerId)).toBeVisible();

  await voicemail.message("New", callerId).getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Delete this message?");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(voicemail.notice("Deleted.")).toBeVisible();
  await expect(voicemail.messages().filter({ hasText: callerId })).toHaveCount(0);
  // The seeded messages are untouched.
  await expect(voicemail.message("New", seeded.agentNew)).toBeVisible();
});

test("an agent uploads a greeting; a file that is not audio is refused", async ({ page }) => {
  await signIn(page, "agent");
  const voicemail = new VoicemailPage(page);
  await voicemail.goto();
  const form = voicemail.greetingForm();

  await form.getByLabel("Greeting").selectOption({ label: "Busy" });
  await form.getByLabel("Audio file (MP3 or WAV)").setInputFiles({
    name: "busy.mp3",
    mimeType: "audio/mpeg",
    buffer: Buffer.from("not audio at all\n".repeat(40)),
  });
  await form.getByRole("button", { name: "Upload greeting" }).click();
  await expect(voicemail.error("That file is not audio ffmpeg can read.")).toBeVisible();

  await form.getByLabel("Audio file (MP3 or WAV)").setInputFiles({
    name: "busy.wav",
    mimeType: "audio/wav",
    buffer: makeWav({ seconds: 2, sampleRate: 22_050 }),
  });
  await form.getByRole("button", { name: "Upload greeting" }).click();
  await expect(voicemail.notice("Greeting saved.")).toBeVisible();
  await expect(form).toContainText(/Greetings on file: .*Busy/);
});

test("an admin opens any box from the box picker and plays its messages", async ({ page }) => {
  await signIn(page, "admin");
  const voicemail = new VoicemailPage(page);
  await voicemail.goto();
  await expect(voicemail.boxPicker()).toBeVisible();
  await voicemail.boxPicker().selectOption(otherBox);
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/voicemail\\?box=${otherBox}$`));
  await expect(voicemail.description()).toContainText(`Box ${otherBox} · `);
  await expect(voicemail.message("New", seeded.other)).toBeVisible();
  const src = await voicemail.player("New", seeded.other).getAttribute("src");
  const part = await page.request.get(src!, { headers: { Range: "bytes=0-99" } });
  expect(part.status()).toBe(206);

  // And the agent's box the same way, by its address.
  await voicemail.openBox(agentBox);
  await expect(voicemail.message("New", seeded.agentNew)).toBeVisible();
});

test("an agent cannot open another agent's box: the page answers 403, the stream 403", async ({ page }) => {
  await signIn(page, "agent");
  const response = await page.goto(`/voicemail?box=${otherBox}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByText(seeded.other)).toHaveCount(0);

  const stream = await page.request.get(`/api/voicemail/${otherBox}/INBOX/0`, {
    headers: { Range: "bytes=0-43" },
  });
  expect(stream.status()).toBe(403);
  expect((await stream.json()).error.code).toBe("forbidden:voicemail");

  // Their own box still opens, and a message that isn't there is a 404.
  const missing = await page.request.get(`/api/voicemail/${agentBox}/INBOX/9999`);
  expect(missing.status()).toBe(404);
  expect((await page.goto(`/voicemail?box=${agentBox}`))?.status()).toBe(200);
});
