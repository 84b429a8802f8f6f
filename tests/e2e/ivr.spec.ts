import { expect, type Page } from "@playwright/test";
import { signIn, test } from "./fixtures";

// IVRs here use 7-digit numbers 7xxxxx5; sounds are named e2e-<stamp>.
const stamp = () => String(Date.now()).slice(-5);

/** A real 1 s, 22.05 kHz mono 16-bit WAV (a tone), built in memory. */
function toneWav(seconds = 1, rate = 22050): Buffer {
  const samples = Math.floor(seconds * rate);
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write("RIFF", 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write("WAVEfmt ", 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    buf.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return buf;
}

async function uploadThroughPage(
  page: Page,
  name: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  await page.goto("/sounds");
  const form = page.getByRole("form", { name: "Upload a sound" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Audio file").setInputFiles(file);
  await form.getByRole("button", { name: "Upload" }).click();
}

test("a sound uploads with a progress bar, plays in the preview, and a renamed text file is refused", async ({
  page,
}) => {
  const s = stamp();
  await signIn(page, "admin");

  await uploadThroughPage(page, `e2e-fake-${s}`, {
    name: "song.mp3",
    mimeType: "audio/mpeg",
    buffer: Buffer.from("not audio\n".repeat(50)),
  });
  await expect(page.getByText("That file is not MP3 or WAV audio.")).toBeVisible();
  // Nothing was lost: the name is still there to fix the file and retry.
  await expect(page.getByRole("form", { name: "Upload a sound" }).getByLabel("Name")).toHaveValue(
    `e2e-fake-${s}`,
  );

  const name = `e2e-${s}`;
  await uploadThroughPage(page, name, { name: "tone.wav", mimeType: "audio/wav", buffer: toneWav() });
  await expect(page.getByLabel("Upload progress")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Uploaded and converted." })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(/wav/i);
  const player = row.getByLabel(`Preview ${name}`);
  const src = await player.getAttribute("src");
  expect(src).toMatch(/^\/api\/sounds\/[0-9a-f-]{36}$/);
  // The preview streams with Range, as a browser's audio element asks for it.
  const part = await page.request.get(src!, { headers: { Range: "bytes=0-43" } });
  expect(part.status()).toBe(206);
  expect((await part.body()).subarray(0, 4).toString()).toBe("RIFF");
  await player.evaluate((el: HTMLAudioElement) => el.play().catch(() => undefined));
  await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.readyState)).toBeGreaterThan(0);
});

test("an IVR is built on the canvas: errors are marked on the steps, fixed, saved as version 1", async ({
  page,
  baseURL,
}) => {
  const s = stamp();
  await signIn(page, "admin");
  const sound = `e2e-prompt-${s}`;
  const up = await page.request.post(`/api/sounds?name=${sound}`, {
    data: toneWav(),
    headers: { origin: baseURL!, "content-type": "application/octet-stream" },
  });
  expect(up.status()).toBe(201);

  await page.goto("/ivrs/new");
  const number = `7${s}5`;
  await page.getByLabel("Number").fill(number);
  await page.getByLabel("Name").fill(`Main ${s}`);
  await expect(page.getByTestId("ivr-node-start")).toBeVisible();

  // Add a menu (it becomes the selected step), give it a prompt and key 1 → Hang up.
  await page.getByRole("button", { name: "+ Menu" }).click();
  const panelOf = (title: RegExp) =>
    page.locator("aside", { has: page.getByRole("heading", { name: title }) });
  const panel = panelOf(/^Menu menu-1$/);
  await panel.getByLabel("Prompt", { exact: true }).selectOption({ label: sound });
  await panel.getByLabel("Key 1 goes to").selectOption({ label: "Hang up hangup" });

  // A step added by mistake goes with the keyboard: focus it, Enter selects, Delete removes.
  await page.getByRole("button", { name: "+ Play a sound" }).click();
  const play = page.locator('.react-flow__node[data-id="play-1"]');
  await play.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("ivr-node-play-1")).toHaveCount(0);

  await page.getByRole("button", { name: "Create IVR" }).click();
  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText("Menu: “Timeout” goes nowhere.");
  await expect(problems).toContainText("Menu: “Invalid” goes nowhere.");
  await expect(problems).toContainText("Menu can never be reached.");
  await expect(page.getByTestId("ivr-node-menu-1")).toHaveAttribute("data-invalid", "true");
  await expect(page.getByTestId("ivr-node-start")).not.toHaveAttribute("data-invalid", "true");

  // Fix it from the side panel: Start → Menu, timeout hangs up, a wrong key replays the menu.
  await page.getByTestId("ivr-node-start").click();
  await page
    .getByRole("complementary", { name: /Start start/ })
    .getByLabel("Next goes to")
    .selectOption({ label: "Menu menu-1" });
  await page.getByTestId("ivr-node-menu-1").click();
  await panel.getByLabel("Timeout goes to").selectOption({ label: "Hang up hangup" });
  await panel.getByLabel("Invalid goes to").selectOption({ label: "Menu menu-1" });
  await page.getByRole("button", { name: "Create IVR" }).click();

  await expect(page).toHaveURL(/\/ivrs\/[0-9a-f-]{36}$/);
  await expect(page.getByText(`IVR ${number} · version 1`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "1 (current)" })).toBeVisible();
  await expect(page.getByTestId("ivr-node-menu-1")).not.toHaveAttribute("data-invalid", "true");
  // The connection drawn from the panel is on the canvas too.
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
});
