// A person's first minutes with the web app, in a real Chromium: be refused a wrong
// password, sign in, see every product, open one, create an item, be refused a duplicate
// name (409), delete it, be refused a bad reference in a product that uses another, sign out.
//
// Usage: node drive.mjs <settings.json>, where the JSON names the browser, the app's URL,
// the credentials, the products' navigation titles in order, and where screenshots go.
// Prints one JSON line per step ({"step", "ok", "seconds"[, "error", "screenshot"]});
// exits 1 at the first failed step, after a screenshot named after it.
// The page is found by roles and accessible names only, as a screen reader would.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { chromium } from "playwright-core";

const settings = JSON.parse(readFileSync(process.argv[2], "utf8"));
const TIMEOUT = 15_000; // per action or wait; a first page load builds no code, it is served

function report(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const startedAt = performance.now();
const browser = await chromium.launch({
  executablePath: settings.chromium,
  args: ["--no-sandbox"], // as root, Chromium refuses to start with its sandbox
});
report({ step: "launch", ok: true, seconds: (performance.now() - startedAt) / 1000 });
const page = await browser.newPage();
page.setDefaultTimeout(TIMEOUT);

async function step(name, action) {
  const started = performance.now();
  try {
    await action();
  } catch (error) {
    const screenshot = join(settings.screenshots, `${name}.png`);
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
    const seconds = (performance.now() - started) / 1000;
    report({ step: name, ok: false, seconds, error: String(error), screenshot });
    await browser.close();
    process.exit(1);
  }
  report({ step: name, ok: true, seconds: (performance.now() - started) / 1000 });
}

const visible = (locator) => locator.waitFor({ state: "visible" });
const gone = (locator) => locator.waitFor({ state: "detached" });
const [first] = settings.products;
const itemName = "Browser test item";

await step("open", async () => {
  await page.goto(settings.url);
  await visible(page.getByRole("heading", { name: "Sign in" }));
});

const signIn = page.getByRole("form", { name: "Sign in" });

await step("sign-in-refused", async () => {
  await signIn.getByLabel("Username").fill(settings.username);
  await signIn.getByLabel("Password").fill(`not ${settings.password}`);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await visible(signIn.getByRole("alert").getByText("Wrong username or password."));
});

await step("sign-in", async () => {
  await signIn.getByLabel("Password").fill(settings.password);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await visible(page.getByText(`Signed in as ${settings.username}`));
});

await step("navigation", async () => {
  const navigation = page.getByRole("navigation", { name: "Products" });
  const links = navigation.getByRole("link");
  await visible(links.last());
  const names = (await links.allInnerTexts()).map((text) => text.trim());
  const expected = ["Home", ...settings.products];
  if (JSON.stringify(names) !== JSON.stringify(expected)) {
    throw new Error(`navigation links ${JSON.stringify(names)}, expected ${JSON.stringify(expected)}`);
  }
});

await step("open-product", async () => {
  const navigation = page.getByRole("navigation", { name: "Products" });
  await navigation.getByRole("link", { name: first, exact: true }).click();
  await visible(page.getByRole("heading", { level: 1, name: `${first} items` }));
  await page.getByText(/No items yet\.|Page 1 of/).first().waitFor();
});

const form = page.getByRole("form", { name: "New item" });
const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: itemName }) });

await step("create", async () => {
  await form.getByLabel("Name").fill(itemName);
  await form.getByRole("button", { name: "Create" }).click();
  await visible(row);
  if ((await form.getByLabel("Name").inputValue()) !== "") {
    throw new Error("the form kept the created item's name");
  }
});

await step("duplicate", async () => {
  await form.getByLabel("Name").fill(itemName);
  await form.getByRole("button", { name: "Create" }).click();
  const alert = form.getByRole("alert");
  await visible(alert);
  const message = await alert.innerText();
  if (!message.includes("already named")) {
    throw new Error(`the refusal reads ${JSON.stringify(message)}, not the server's 409 detail`);
  }
  const rows = await row.count();
  if (rows !== 1) {
    throw new Error(`${rows} rows named ${itemName} after a refused duplicate`);
  }
});

await step("delete", async () => {
  await row.getByRole("button", { name: `Delete ${itemName}` }).click();
  await gone(row);
});

// A product that uses another: its form asks for the other product's item id.
await step("refused-field", async () => {
  const { title, dependency } = settings.consumer;
  await page.getByRole("navigation", { name: "Products" }).getByRole("link", { name: title }).click();
  await visible(page.getByRole("heading", { level: 1, name: `${title} items` }));
  const field = form.getByLabel(`${dependency} item id`);
  await form.getByLabel("Name").fill(itemName);
  await field.fill("not an id");
  await form.getByRole("button", { name: "Create" }).click();
  await visible(form.getByRole("alert"));
  // A screen reader hears the field's error with the field: its accessible description.
  if ((await field.getAttribute("aria-invalid")) !== "true") {
    throw new Error("the refused field is not marked invalid");
  }
  const describedBy = await field.getAttribute("aria-describedby");
  const description = describedBy ? await page.locator(`[id="${describedBy}"]`).innerText() : "";
  if (!description.trim()) {
    throw new Error("the refused field's message does not describe the field");
  }
  const missing = "00000000-0000-4000-8000-000000000000";
  await field.fill(missing);
  await form.getByRole("button", { name: "Create" }).click();
  await visible(form.getByRole("alert").getByText(missing));
});

await step("sign-out", async () => {
  await page.getByRole("button", { name: "Sign out" }).click();
  await visible(page.getByRole("heading", { name: "Sign in" }));
});

await browser.close();
