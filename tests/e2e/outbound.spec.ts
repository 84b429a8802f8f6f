import { expect, signIn, test } from "./fixtures";

const stamp = () => String(Date.now()).slice(-6);

test("a trunk and an outbound route are created with field errors first, and the tester names route, trunk and number", async ({
  page,
}) => {
  const s = stamp();
  const trunkName = `carrier${s}`;
  await signIn(page, "admin");

  await page.goto("/trunks/new");
  await page.getByLabel("Name", { exact: true }).fill("bad name;");
  await page.getByLabel("Host").fill("sip.example.net");
  await page.getByRole("button", { name: "Create trunk" }).click();
  await expect(
    page.getByText("Start with a letter; then up to 39 letters, digits, '-' or '_'."),
  ).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(trunkName);
  await page.getByRole("button", { name: "Create trunk" }).click();
  await expect(page.getByText("Registration needs the account's username.")).toBeVisible();
  await page.getByLabel("Username").fill("acct1");
  await page.getByLabel("Password").fill("s3cret.Pass");
  await page.getByRole("button", { name: "Create trunk" }).click();
  await expect(page.getByText("Saved. The change goes live with the next apply.")).toBeVisible();

  await page.goto(`/trunks?q=${trunkName}`);
  const row = page.getByRole("row", { name: new RegExp(trunkName) });
  await expect(row).toBeVisible();
  // Without an Asterisk the state column says so instead of guessing.
  await expect(
    page.getByText(/Live state unavailable|Registered|Not loaded|Not registering/).first(),
  ).toBeVisible({ timeout: 15_000 });

  await page.goto("/outbound-routes/new");
  await page.getByLabel("Name", { exact: true }).fill(`Intl ${s}`);
  await page.getByLabel("Dial patterns").fill("_00X.\n_X.X");
  await page.getByLabel("Strip digits").fill("2");
  await page.getByLabel("Prepend").fill("9");
  await page.getByLabel("Add trunk").selectOption({ label: trunkName });
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByText("'.' and '!' may only end a pattern.", { exact: false })).toBeVisible();
  await page.getByLabel("Dial patterns").fill(`_00${s}X.`);
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page).toHaveURL(/\/outbound-routes$/);

  await page.getByLabel("Number dialled").fill(`00${s}12`);
  await page.getByLabel("Caller's class").selectOption("international");
  await page.getByRole("button", { name: "Test" }).click();
  const result = page.getByTestId("tester-result");
  await expect(result).toContainText(`Intl ${s}`);
  await expect(result).toContainText(`PJSIP/9${s}12@${trunkName}`);
  await page.getByLabel("Caller's class").selectOption("internal");
  await page.getByRole("button", { name: "Test" }).click();
  await expect(result).toContainText("Matched but not allowed for this class");
});
