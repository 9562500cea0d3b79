import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { build } from "vite";

/** Debian's chromium, which .ci/run installs. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Why browser tests cannot run here, or null when they can. Outside CI a missing chromium skips them (said once,
 * loudly); in CI it fails them, since .ci/run is supposed to install it.
 */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const why = `${CHROMIUM} is missing; install it with \`apt-get install chromium\` (.ci/run does).`;
  if (process.env.CI) throw new Error(`Browser tests need Chromium in CI: ${why}`);
  console.warn(`[e2e] skipping browser tests: ${why}`);
  return why;
}

/** A headless Chromium with a fresh profile, and a 1280×800 page; `locale` and `timezoneId` stand in for the reader's. */
export async function openBrowser(
  options: { locale?: string; timezoneId?: string } = {},
): Promise<{ browser: Browser; context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), "overture-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    ...options,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    browser: context.browser() as Browser,
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));

/** Runs a test body and, when it fails, saves what the page showed to e2e/screenshots/<name>.png. */
export async function withScreenshotOnFailure(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await mkdir(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name}.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => {});
    if (error instanceof Error) error.message += `\n(screenshot: ${path})`;
    throw error;
  }
}

const EDITOR_ROOT = fileURLToPath(new URL("../packages/editor/", import.meta.url));

/**
 * Builds the editor into a new temporary folder of its own and returns it (other editor tests build at the same
 * time; the caller removes the folder).
 */
export async function buildEditor(name: string): Promise<string> {
  const dist = await mkdtemp(join(tmpdir(), `overture-${name}-dist-`));
  await build({ root: EDITOR_ROOT, logLevel: "error", build: { outDir: dist, emptyOutDir: true } });
  return dist;
}

/** With E2E_SCREENSHOTS set, saves what the page shows at a moment worth looking at (e2e/screenshots/NAME.png). */
export async function snapshot(page: Page, name: string): Promise<void> {
  if (!process.env.E2E_SCREENSHOTS) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
