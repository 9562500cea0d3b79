import type { LayoutDirection } from "@overture/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largeJourney } from "../packages/editor/src/model/large-journey.fixture.ts";
import { stepExits } from "../packages/editor/src/model/step-exits.ts";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { type EditorHarness, startEditorHarness } from "./editor-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };
const journey = largeJourney(16);
/** Every line of the journey: its id on the canvas, the step it leaves and the step it goes to. */
const LINES = journey.steps.flatMap((s) =>
  stepExits(s).flatMap((e) => (e.target ? [{ id: `${s.id}:${e.exit}`, from: s.id, to: e.target }] : [])),
);

type Rect = { left: number; top: number; right: number; bottom: number };
type Measured = {
  steps: Record<string, Rect>;
  labels: { id: string; rect: Rect }[];
  lines: { id: string; points: { x: number; y: number }[] }[];
};

/** What the canvas shows, in screen pixels: each step's box, each line's label box, points every 3 px along each line. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const steps: Record<string, Rect> = {};
    for (const node of document.querySelectorAll<HTMLElement>(".react-flow__node"))
      steps[node.dataset.id as string] = rect(node);
    const labels: { id: string; rect: Rect }[] = [];
    const lines: { id: string; points: { x: number; y: number }[] }[] = [];
    for (const edge of document.querySelectorAll<SVGGElement>(".react-flow__edge")) {
      const id = edge.dataset.id as string;
      const text = edge.querySelector(".react-flow__edge-textwrapper");
      if (text) labels.push({ id, rect: rect(text) });
      const path = edge.querySelector<SVGPathElement>("path.react-flow__edge-path");
      const matrix = path?.getScreenCTM();
      if (!path || !matrix) continue;
      const points: { x: number; y: number }[] = [];
      const length = path.getTotalLength();
      for (let at = 0; at <= length; at += 3) {
        const p = path.getPointAtLength(at);
        const screen = new DOMPoint(p.x, p.y).matrixTransform(matrix);
        points.push({ x: screen.x, y: screen.y });
      }
      lines.push({ id, points });
    }
    return { steps, labels, lines };
  });
}

const overlap = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (p: { x: number; y: number }, r: Rect, inset: number) =>
  p.x > r.left + inset && p.x < r.right - inset && p.y > r.top + inset && p.y < r.bottom - inset;

/** Everything that makes a layout unreadable: steps on steps, lines behind steps, labels on labels or on steps. */
function layoutFaults({ steps, labels, lines }: Measured): string[] {
  const faults: string[] = [];
  const ids = Object.keys(steps);
  for (const [i, a] of ids.entries())
    for (const b of ids.slice(i + 1)) if (overlap(steps[a]!, steps[b]!)) faults.push(`step ${a} on step ${b}`);
  for (const line of lines) {
    const ends = LINES.find((l) => l.id === line.id);
    for (const id of ids) {
      if (id === ends?.from || id === ends?.to) continue;
      if (line.points.some((p) => inside(p, steps[id]!, 2))) faults.push(`line ${line.id} behind step ${id}`);
    }
  }
  for (const [i, a] of labels.entries()) {
    for (const b of labels.slice(i + 1))
      if (overlap(a.rect, b.rect)) faults.push(`label of ${a.id} on label of ${b.id}`);
    for (const id of ids) if (overlap(a.rect, steps[id]!)) faults.push(`label of ${a.id} on step ${id}`);
  }
  return faults;
}

/**
 * Each step's name as the screen shows it: the leading characters actually drawn inside the box that clips it (the
 * rendered text, not the element's text, which holds the whole name), and its font size in screen pixels. Zoomed out,
 * a step's name shows over its own text (.step-name-far); closer, its own name (.step-name). A character where an
 * ellipsis may be drawn (within 1 em of the right edge, when the name is cut) counts as hidden.
 */
function visibleNames(page: Page): Promise<{ name: string; shown: string; px: number }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".step-node")].map((step) => {
      const el =
        step.querySelector<HTMLElement>(".step-name-far > span") ?? (step.querySelector(".step-name") as HTMLElement);
      const text = el.firstChild as Text;
      const name = text.data;
      const clip = el.getBoundingClientRect();
      const px = parseFloat(getComputedStyle(el).fontSize) * (clip.width / el.offsetWidth);
      const range = document.createRange();
      // Per character: null for white space (where a line wraps it has no useful box), else its box if drawn inside.
      const boxes = [...name].map((c, i) => {
        if (/\s/.test(c)) return null;
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const r = range.getClientRects()[0];
        return r &&
          r.left >= clip.left - 0.5 &&
          r.right <= clip.right + 0.5 &&
          r.top >= clip.top - 0.5 &&
          r.bottom <= clip.bottom + 0.5
          ? r
          : "hidden";
      });
      const first = boxes.indexOf("hidden");
      const drawn = (first === -1 ? boxes : boxes.slice(0, first)).filter((b): b is DOMRect => b instanceof DOMRect);
      // When the name is cut, the ellipsis ends its last line: what is near that line's right edge may be under it.
      const lastLine = first === -1 ? null : drawn[drawn.length - 1]?.top;
      let shown = "";
      for (const [i, b] of boxes.entries()) {
        if (b === "hidden" || (b !== null && b.top === lastLine && b.right > clip.right - px)) break;
        shown += name[i];
      }
      return { name, shown: shown.trimEnd(), px };
    }),
  );
}

/** The font size, in screen pixels, of each label on a line. */
function labelSizes(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGTextElement>(".react-flow__edge-text")].map(
      (t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1),
    ),
  );
}

/** Waits until the steps stop moving (the layout runs in the background, then the canvas redraws). */
async function settle(page: Page): Promise<void> {
  let last = "";
  for (let i = 0; i < 50; i++) {
    const now = JSON.stringify(await measure(page));
    if (now === last) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

/** Issue 15, defect 7 (layout): a 16-step journey tidied both ways, read at fit view, and new steps added to it. */
describe.skipIf(unavailable !== null)("editor layout (browser)", () => {
  let harness: EditorHarness;
  let page: Page;
  let journeyId: string;

  beforeAll(async () => {
    harness = await startEditorHarness("layout");
    page = harness.page;
    journeyId = (
      await harness.overture.journeys.create(harness.workspaceId, { name: "Sixteen steps", document: journey })
    ).id;
  });

  afterAll(async () => {
    await harness?.close();
  });

  const open = async () => {
    // Loaded afresh each time (a new hash alone would keep the page and its zoom).
    await page.goto("about:blank");
    await page.goto(harness.editorUrl(`#/journeys/${encodeURIComponent(journeyId)}`));
    await page.locator('[data-step-id="start"]').waitFor(WAIT);
  };

  it.each<[LayoutDirection, string]>([
    ["vertical", "Top to bottom"],
    ["horizontal", "Left to right"],
  ])(
    "tidied %s: no step on another, no line behind a step, no label on another; names readable at fit view",
    async (direction, button) => {
      await withScreenshotOnFailure(page, `editor-layout-${direction}`, async () => {
        await open();
        await page.getByRole("group", { name: "Layout direction" }).getByRole("button", { name: button }).click();
        await page.getByRole("button", { name: "Tidy layout" }).click();
        await settle(page);
        expect(await page.getByRole("button", { name: button }).getAttribute("aria-pressed")).toBe("true");
        // ELK ran in a web worker, not on the page's own thread (so laying out never freezes the page).
        expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringContaining("elk-worker"));
        // The choice is saved with the journey.
        await page.getByText("All changes saved").waitFor(WAIT);
        const saved = await harness.request("GET", `/v1/journeys/${encodeURIComponent(journeyId)}`);
        expect((saved.body as { draft: { layout?: { direction: string } } }).draft.layout?.direction).toBe(direction);

        // Zoomed in (as it opens), then at fit view: the whole journey on screen.
        expect(layoutFaults(await measure(page))).toEqual([]);
        await snapshot(page, `layout-${direction}-opened`);
        await page.locator(".react-flow__controls-fitview").click();
        await settle(page);
        await snapshot(page, `layout-${direction}-fit`);
        const measured = await measure(page);
        expect(Object.keys(measured.steps)).toHaveLength(16);
        expect(measured.lines).toHaveLength(LINES.length);
        expect(layoutFaults(measured)).toEqual([]);

        // Every step's name, as it shows on screen, is at least 11 px (it grew as the zoom shrank), and its first
        // twelve characters (all of a shorter name) are on screen, not cut off: a marketer can tell the steps apart.
        const names = await visibleNames(page);
        expect(names).toHaveLength(16);
        for (const { name, shown, px } of names) {
          expect(shown, `what shows of "${name}"`).toContain(name.slice(0, Math.min(name.length, 12)));
          expect(px, `size of "${name}" on screen`).toBeGreaterThanOrEqual(11);
        }
        // Labels on lines are readable too: at least 11 px on screen.
        expect(Math.min(...(await labelSizes(page)))).toBeGreaterThanOrEqual(11);
      });
    },
  );

  it("a step added after one whose next step is right below it lands in free room, not on that step", async () => {
    await withScreenshotOnFailure(page, "editor-layout-add", async () => {
      await open();
      await page.getByRole("button", { name: "Top to bottom" }).click();
      await settle(page);
      for (const count of [17, 18, 19]) {
        await page.locator(".react-flow__controls-fitview").click();
        await page.locator('[data-step-id="start"]').click();
        await page.getByRole("button", { name: "Email", exact: true }).click();
        await expect.poll(() => page.locator(".react-flow__node").count(), WAIT).toBe(count);
      }
      await page.locator(".react-flow__controls-fitview").click();
      await settle(page);
      await snapshot(page, "layout-added");
      const { steps } = await measure(page);
      const ids = Object.keys(steps);
      expect(ids).toHaveLength(19);
      const onTop = ids.flatMap((a, i) =>
        ids
          .slice(i + 1)
          .filter((b) => overlap(steps[a]!, steps[b]!))
          .map((b) => `${a} on ${b}`),
      );
      expect(onTop).toEqual([]);
    });
  });
});
