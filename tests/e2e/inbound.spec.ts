import { expect, signIn, test } from "./fixtures";

// Numbers unique per run (and per retry).
const stamp = () => String(Date.now()).slice(-6);

test("an inbound number with field errors, a block list, and the dry run of calls into it", async ({
  page,
}) => {
  const s = stamp();
  const did = `+4420${s}`;
  await signIn(page, "admin");

  // The form keeps what was typed and says what is wrong, field by field.
  await page.goto("/dids/new");
  await expect(page.getByRole("heading", { name: "New inbound number" })).toBeVisible();
  await page.getByLabel("Number", { exact: true }).fill("44;20");
  await page.getByLabel("Trunk", { exact: true }).fill("carrier a");
  await page.getByRole("button", { name: "Add caller-ID rule" }).click();
  await page.getByLabel("Rule 1: caller pattern").fill("_07X.,1");
  await page.getByRole("button", { name: "Create inbound number" }).click();
  await expect(page.getByText("Use an optional '+' and 2 to 20 digits.")).toBeVisible();
  await expect(page.getByText("Use 1–64 letters, digits, '-' or '_'.")).toBeVisible();
  await expect(page.getByText(/Use a number \(digits/)).toBeVisible();
  await expect(page.getByLabel("Rule 1: caller pattern")).toHaveValue("_07X.,1");

  await page.getByLabel("Number", { exact: true }).fill(did);
  await page.getByLabel("Description", { exact: true }).fill(`Main ${s}`);
  await page.getByLabel("Trunk", { exact: true }).fill("carrier-a");
  await page.getByRole("button", { name: "Remove rule 1" }).click();
  await page.getByRole("button", { name: "Create inbound number" }).click();
  await expect(page).toHaveURL(/\/dids$/);
  const row = page.getByRole("row").filter({ hasText: did });
  await expect(row).toContainText(`Main ${s}`);
  await expect(row).toContainText("hang up");

  // A block list with one number, live at once.
  await page.goto("/caller-lists/new");
  await page.getByLabel("Name", { exact: true }).fill(`Spam ${s}`);
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page.getByRole("heading", { name: `Spam ${s}` })).toBeVisible();
  await page.getByLabel("Add numbers or patterns").fill(`+1555${s}\n_0900X.\nbad;one`);
  await page.getByRole("button", { name: "Add to list" }).click();
  await expect(page.getByText("Not a number or pattern: bad;one.")).toBeVisible();
  await page.getByLabel("Add numbers or patterns").fill(`+1555${s}\n_0900X.`);
  await page.getByLabel("Expires after (days)").fill("30");
  await page.getByRole("button", { name: "Add to list" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 2." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Entries" })).toContainText(`+1555${s}`);

  // Assign it to the number.
  await page.goto("/dids");
  await page.getByRole("link", { name: did }).click();
  await page.getByRole("checkbox", { name: `Spam ${s}` }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // The dry run: a blocked caller is refused; anyone else reaches the destination.
  await page.getByRole("link", { name: "Dry run a call" }).click();
  await expect(page.getByRole("heading", { name: "Call-flow dry run" })).toBeVisible();
  await expect(page.getByLabel("Inbound number dialled")).toHaveValue(did);
  await page.getByLabel("Caller's number").fill(`+1555${s}`);
  await page.getByRole("button", { name: "Run" }).click();
  const steps = page.getByTestId("dry-run-steps");
  await expect(steps).toContainText(`The call arrives on ${did} (Main ${s}) from trunk carrier-a.`);
  await expect(steps).toContainText(`Refused by the block list “Spam ${s}”.`);
  await expect(page.getByText("Result: the caller is refused.")).toBeVisible();

  await page.getByLabel("Caller's number").fill("+441234");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(steps).toContainText("The call is hung up.");
  await expect(steps).not.toContainText("Refused");

  await page.getByLabel("Inbound number dialled").fill("+19999999999");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByText("No inbound number +19999999999 exists")).toBeVisible();
});

test("the DID CSV import previews each row with its errors, then imports the valid ones", async ({
  page,
}) => {
  const s = stamp();
  await signIn(page, "admin");
  await page.goto("/dids/import");
  await expect(page.getByRole("heading", { name: "Import inbound numbers" })).toBeVisible();
  await page
    .getByLabel("CSV text")
    .fill(
      [
        "number,description,trunk,destination_type,destination_target,lists",
        `+4431${s},Imported ${s},carrier-b,hangup,,`,
        `+4432${s},Bad,,queue,1,`,
        `+4431${s},Again,,hangup,,`,
      ].join("\n"),
    );
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status").filter({ hasText: "3 rows" })).toContainText("1 valid");
  const rows = page.getByTestId("preview-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("OK");
  await expect(rows.nth(1)).toContainText("destination_target: Use 2 to 8 digits.");
  await expect(rows.nth(2)).toContainText(`number: +4431${s} is also on line 2.`);
  await page.getByRole("button", { name: "Import 1 valid row" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 1 inbound number." })).toBeVisible();
  await page.getByRole("link", { name: "View inbound numbers" }).click();
  await expect(page.getByRole("row").filter({ hasText: `+4431${s}` })).toContainText(`Imported ${s}`);
});
