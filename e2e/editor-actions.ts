import type { Locator, Page } from "playwright-core";

const WAIT = { timeout: 30_000 };

/**
 * What a marketer does in the journey editor, by pointing, clicking and typing only: the places they look at and the
 * moves the browser tests that build whole journeys share.
 */
export function editorActions(page: Page) {
  const panel = page.getByRole("region", { name: "Step settings" });
  const palette = page.getByRole("complementary", { name: "Steps" });
  const field = (label: string) => panel.getByLabel(label, { exact: true });
  return {
    panel,
    palette,
    problems: page.getByRole("list", { name: "Problems" }),
    step: (id: string) => page.locator(`[data-step-id="${id}"]`),
    field,
    /** Adds a step from the palette after the selected one and names it; the new step is selected and its panel open. */
    async add(label: string, id: string, name: string) {
      await palette.getByRole("button", { name: label, exact: true }).click();
      await page.locator(`[data-step-id="${id}"].selected`).waitFor(WAIT);
      await field("Name").fill(name);
    },
    /** Picks an option in a combobox by typing part of it and clicking the option. */
    async pick(box: Locator, typed: string, option: RegExp) {
      await box.fill(typed);
      await panel.getByRole("option", { name: option }).first().click();
    },
    /** Types key by key, as a person does (a value box must keep every comma and decimal point). */
    async typeSlowly(box: Locator, text: string) {
      await box.click();
      await box.fill("");
      await box.pressSequentially(text, { delay: 30 });
    },
    /** Fills an email: subject, then a heading and a paragraph added as blocks. */
    async writeEmail(subject: string, heading: string, text: string) {
      await field("Subject").fill(subject);
      await panel.getByRole("button", { name: "+ Heading" }).click();
      await panel.getByRole("textbox", { name: "Heading", exact: true }).fill(heading);
      await panel.getByRole("button", { name: "+ Text" }).click();
      await panel.getByRole("textbox", { name: "Text", exact: true }).fill(text);
    },
    /** Deselects every step: the problem list and the journey settings show. */
    async deselect() {
      await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
      await page.locator(".overview").waitFor(WAIT);
    },
  };
}
