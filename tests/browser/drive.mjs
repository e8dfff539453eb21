// A person's first minutes with the web app, in a real Chromium: be refused a wrong
// password, sign in, see every product, open one, create an item, be refused a duplicate
// name (409) and a blank one (400, beside the field), switch to the dark theme, delete the
// item once the dialog asks, be refused a bad reference in a product that uses another,
// use the app at a phone's width, sign out. axe-core audits the pages on the way.
//
// Usage: node drive.mjs <settings.json>, where the JSON names the browser, the app's URL,
// the credentials, the products' navigation titles in order, and where screenshots go.
// Prints one JSON line per step ({"step", "ok", "seconds"[, "error", "screenshot"]});
// exits 1 at the first failed step, after a screenshot named after it. The designed pages
// are kept as screenshots too (home.png, product.png, ...): CI keeps them as artifacts.
// The page is found by roles and accessible names only, as a screen reader would.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import { chromium } from "playwright-core";

const settings = JSON.parse(readFileSync(process.argv[2], "utf8"));
const TIMEOUT = 15_000; // per action or wait; a first page load builds no code, it is served
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// What fails the audit: axe's two worst impacts, over WCAG 2.1 A and AA and best practices.
const FAILING_IMPACTS = new Set(["serious", "critical"]);
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

function report(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const startedAt = performance.now();
const browser = await chromium.launch({
  executablePath: settings.chromium,
  args: ["--no-sandbox"], // as root, Chromium refuses to start with its sandbox
});
report({ step: "launch", ok: true, seconds: (performance.now() - startedAt) / 1000 });
// reducedMotion: transitions end at once, so a screenshot never catches one halfway.
const page = await browser.newPage({ viewport: DESKTOP, reducedMotion: "reduce" });
page.setDefaultTimeout(TIMEOUT);

async function step(name, action) {
  const started = performance.now();
  try {
    await action();
  } catch (error) {
    const screenshot = join(settings.screenshots, `failed-${name}.png`);
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
    const seconds = (performance.now() - started) / 1000;
    report({ step: name, ok: false, seconds, error: String(error), screenshot });
    await browser.close();
    process.exit(1);
  }
  report({ step: name, ok: true, seconds: (performance.now() - started) / 1000 });
}

/** Keep what the page looks like now, as `name`.png. */
const keep = (name) => page.screenshot({ path: join(settings.screenshots, `${name}.png`) });

/** axe-core on the page as it is: no serious or critical finding, or an error naming them. */
async function audit(where) {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: AXE });
  }
  const tags = AXE_TAGS;
  const { violations } = await page.evaluate(
    (values) => window.axe.run(document, { runOnly: { type: "tag", values } }),
    tags,
  );
  const failing = violations.filter((violation) => FAILING_IMPACTS.has(violation.impact));
  if (failing.length > 0) {
    const found = failing.map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
    throw new Error(`axe on ${where}:\n  ${found.join("\n  ")}`);
  }
}

const visible = (locator) => locator.waitFor({ state: "visible" });
const gone = (locator) => locator.waitFor({ state: "detached" });
const [first] = settings.products;
const itemName = "Browser test item";
const navigation = page.getByRole("navigation", { name: "Products" });
const account = page.getByRole("button", { name: `Account of ${settings.username}` });

await step("open", async () => {
  await page.goto(settings.url);
  await visible(page.getByRole("heading", { name: "Sign in" }));
  await audit("the sign-in page");
});

const signIn = page.getByRole("form", { name: "Sign in" });

await step("sign-in-refused", async () => {
  await signIn.getByLabel("Username").fill(settings.username);
  await signIn.getByLabel("Password", { exact: true }).fill(`not ${settings.password}`);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await visible(signIn.getByRole("alert").getByText("Wrong username or password."));
  await keep("sign-in-refused");
});

await step("sign-in", async () => {
  await signIn.getByLabel("Password", { exact: true }).fill(settings.password);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await visible(account);
});

await step("navigation", async () => {
  const links = navigation.getByRole("link");
  await visible(links.last());
  const names = (await links.allInnerTexts()).map((text) => text.trim());
  const expected = ["Home", ...settings.products];
  if (JSON.stringify(names) !== JSON.stringify(expected)) {
    throw new Error(`navigation links ${JSON.stringify(names)}, expected ${JSON.stringify(expected)}`);
  }
  await visible(page.getByRole("heading", { level: 1, name: "Home" }));
  await keep("home");
  await audit("the home page");
});

await step("open-product", async () => {
  await navigation.getByRole("link", { name: first, exact: true }).click();
  await visible(page.getByRole("heading", { level: 1, name: first, exact: true }));
  await page.getByText(/No items yet\.|Page 1 of/).first().waitFor();
});

const form = page.getByRole("form", { name: "New item" });
const name = form.getByLabel("Name");
const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: itemName }) });

await step("create", async () => {
  await name.fill(itemName);
  await form.getByRole("button", { name: "Create" }).click();
  await visible(row);
  await visible(page.getByRole("status").getByText(`Created ${itemName}.`));
  if ((await name.inputValue()) !== "") {
    throw new Error("the form kept the created item's name");
  }
  await keep("product");
  await audit("a product's page with an item");
});

await step("duplicate", async () => {
  await name.fill(itemName);
  await form.getByRole("button", { name: "Create" }).click();
  const alert = form.getByRole("alert");
  await visible(alert);
  const message = await alert.innerText();
  if (!message.startsWith("An active item is already named")) {
    throw new Error(`the refusal reads ${JSON.stringify(message)}, not the server's 409 detail`);
  }
  const rows = await row.count();
  if (rows !== 1) {
    throw new Error(`${rows} rows named ${itemName} after a refused duplicate`);
  }
});

/** The field's error is its accessible description, as a screen reader says it. */
async function describedError(field) {
  if ((await field.getAttribute("aria-invalid")) !== "true") {
    throw new Error("the refused field is not marked invalid");
  }
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  const ids = describedBy.split(" ").filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(" ").trim();
}

await step("blank-name", async () => {
  await name.fill("   ");
  await form.getByRole("button", { name: "Create" }).click();
  await visible(form.getByRole("alert").getByText("Check the fields marked below."));
  const error = await describedError(name);
  if (error !== "This field may not be blank.") {
    throw new Error(`the blank name's field says ${JSON.stringify(error)}`);
  }
  await keep("form-errors");
  await audit("a form with errors");
});

await step("stale-message-clears", async () => {
  await name.fill("Edited");
  await form.getByRole("alert").waitFor({ state: "detached" });
  await name.fill("");
});

await step("dark-theme", async () => {
  await page.getByRole("button", { name: "Use the dark theme" }).click();
  await page.locator('html[data-mantine-color-scheme="dark"]').waitFor({ state: "attached" });
  await keep("dark");
  await audit("the dark theme");
  await page.getByRole("button", { name: "Use the light theme" }).click();
});

await step("delete", async () => {
  await row.getByRole("button", { name: `Delete ${itemName}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${itemName}?` });
  await visible(dialog);
  await keep("delete-confirmation");
  await audit("the delete confirmation");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await gone(row);
  await visible(page.getByRole("status").getByText(`Deleted ${itemName}.`));
});

// A product that uses another: its form asks for the other product's item id.
await step("refused-field", async () => {
  const { title, dependency } = settings.consumer;
  await navigation.getByRole("link", { name: title }).click();
  await visible(page.getByRole("heading", { level: 1, name: title, exact: true }));
  const field = form.getByLabel(`${dependency} item id`);
  await name.fill(itemName);
  await field.fill("not an id");
  await form.getByRole("button", { name: "Create" }).click();
  await visible(form.getByRole("alert"));
  if (!(await describedError(field))) {
    throw new Error("the refused field's message does not describe the field");
  }
  const missing = "00000000-0000-4000-8000-000000000000";
  await field.fill(missing);
  await form.getByRole("button", { name: "Create" }).click();
  await visible(form.getByRole("alert").getByText(missing));
});

await step("phone", async () => {
  await page.setViewportSize(PHONE);
  // The navigation folds behind a button; it opens, and closes once a page is picked.
  const toggle = page.getByRole("button", { name: "Navigation" });
  await toggle.click();
  await visible(navigation.getByRole("link", { name: first, exact: true }));
  await page.waitForTimeout(400); // the navigation's slide in and the button's, CSS transitions
  await keep("phone-navigation");
  await navigation.getByRole("link", { name: first, exact: true }).click();
  await visible(page.getByRole("heading", { level: 1, name: first, exact: true }));
  await visible(page.getByRole("button", { name: "Navigation", expanded: false }));
  await page.waitForTimeout(400); // the navigation's slide out, a CSS transition
  await keep("phone");
  await audit("a product's page at a phone's width");
});

await step("sign-out", async () => {
  await account.click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await visible(page.getByRole("heading", { name: "Sign in" }));
});

await browser.close();
