import { expect, signIn, test } from "./fixtures";
import { AuditPage } from "./pages/audit-page";
import { ExtensionImportPage, ExtensionsPage } from "./pages/extensions-page";

/** Numbers unique to this run (and to a retry of it): 6 digits from the clock. */
function numbers(count: number): string[] {
  const base = 200_000 + (Date.now() % 700_000);
  return Array.from({ length: count }, (_, i) => String(base + i));
}

test("an admin creates an extension, finds it, and reveals its secret, which is audited", async ({
  page,
}) => {
  await signIn(page, "admin");
  const extensions = new ExtensionsPage(page);
  const [number] = numbers(1);
  const name = `Desk ${number}`;

  // Field-level errors first, straight from the server's validation.
  await extensions.openNew();
  await extensions.fill({
    number: "1",
    displayName: "Front;Desk",
    pickupGroup: "99",
    outboundCallerId: "+44 20",
  });
  await extensions.submitCreate();
  await expect(page.getByText("Use 2 to 8 digits.")).toBeVisible();
  await expect(page.getByText("Use up to 40 letters, digits, spaces, '.', '-' or '_'.")).toBeVisible();
  await expect(page.getByText("Pickup group is a whole number from 0 to 63.")).toBeVisible();
  await expect(page.getByText("Use digits, '*', '#' and '+' only.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Number" })).toHaveAttribute("aria-invalid", "true");

  await extensions.fill({
    number: number!,
    displayName: name,
    pickupGroup: "3",
    outboundCallerId: "+4420",
    webrtc: true,
    voicemail: true,
    voicemailPin: "",
  });
  await extensions.submitCreate();
  await expect(page.getByText("Voicemail needs a PIN of 4 to 10 digits.")).toBeVisible();
  await extensions.fill({ voicemailPin: "2468" });
  await extensions.submitCreate();
  await expect(page.getByRole("status").filter({ hasText: "Extension created." })).toBeVisible();
  await expect(page.getByRole("heading", { name: `${number} · ${name}` })).toBeVisible();

  // Search finds it by number and by name.
  await extensions.goto();
  await extensions.search(name);
  await expect(extensions.rows()).toHaveCount(1);
  await expect(extensions.row(number!)).toContainText("Enabled");
  await extensions.open(number!, name);

  // The secret is not in the page until revealed, and not after a reload either.
  const secret = await extensions.revealSecret();
  expect(secret).toMatch(/^[A-Za-z0-9]{24,64}$/);
  await page.reload();
  await expect(page.getByTestId("sip-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  const audit = new AuditPage(page);
  await audit.goto({ entity: "extension" });
  await expect(audit.row("extension.reveal_secret", number)).toBeVisible();
  await expect(audit.row("extension.create", number)).toBeVisible();
  expect(await page.content()).not.toContain(secret);
});

test("a CSV import previews a bad row, imports the rest with a progress bar, then they are bulk-disabled", async ({
  page,
}) => {
  await signIn(page, "admin");
  const [a, b, c, d] = numbers(4);
  const tag = `Imp${a}`;
  const csv = [
    "number,display_name,email,webrtc,voicemail,voicemail_pin,recording_policy,outbound_callerid,codecs",
    `${a},${tag} Alpha,,no,no,,never,,`,
    `${b},${tag} Beta,,yes,yes,1234,always,,ulaw|opus`,
    `${c},"Bad;Name",,,,,,,`,
    `${d},${tag} Gamma,,,,,on_demand,,`,
  ].join("\r\n");

  const importer = new ExtensionImportPage(page);
  await importer.goto();
  await importer.upload("extensions.csv", csv);
  await importer.preview();
  await expect(page.getByRole("status").filter({ hasText: "4 rows" })).toContainText("3 valid");
  await expect(importer.previewRow(4)).toContainText("display_name: Use up to 40 letters");
  await expect(importer.previewRow(2)).toContainText("OK");

  await importer.importValid(3);
  await expect(importer.progress()).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("status").filter({ hasText: "Imported 3 extensions" })).toBeVisible();

  const extensions = new ExtensionsPage(page);
  await extensions.goto();
  await extensions.search(tag);
  await expect(extensions.rows()).toHaveCount(3);
  await expect(extensions.rows().filter({ hasText: "Disabled" })).toHaveCount(0);

  // Keyboard: Space on the focused "select all" checkbox selects the page.
  await page.getByRole("checkbox", { name: "Select all on this page" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toContainText("3 selected");
  await extensions.bulk("Disable");
  await expect(page.getByRole("status").filter({ hasText: "Disabled 3 extensions." })).toBeVisible();
  await expect(extensions.rows().filter({ hasText: "Disabled" })).toHaveCount(3);

  const audit = new AuditPage(page);
  await audit.goto({ entity: "extension" });
  await expect(audit.row("extension.bulk_create")).toBeVisible();
  await expect(audit.row("extension.disable", `${a} ${tag} Alpha`)).toBeVisible();
});
