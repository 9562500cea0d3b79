import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
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
 * The editor, built once per test run, copied into a new temporary folder of the caller's own (the caller removes it).
 * Building it took 15–30 s per test file on two cores; a copy takes milliseconds.
 */
export async function buildEditor(name: string): Promise<string> {
  const dist = await mkdtemp(join(tmpdir(), `overture-${name}-dist-`));
  await installEditor(dist);
  return dist;
}

/** Copies the editor built for this test run into `outDir` (e.g. where `serve` reads it from), over what is there. */
export async function installEditor(outDir: string): Promise<void> {
  await cp(await editorBuiltForThisRun(), outDir, { recursive: true, force: true });
}

/**
 * The folder of this run's editor build: the first test file to ask builds it, the others wait for it. A run's files
 * run in worker processes of one parent, so the parent's pid and start time name the run (a stale folder of an earlier
 * run never matches).
 */
async function editorBuiltForThisRun(): Promise<string> {
  const dir = join(tmpdir(), `overture-e2e-editor-${runId()}`);
  const built = join(dir, ".built");
  if (existsSync(built)) return dir;
  try {
    await mkdir(`${dir}.lock`);
  } catch {
    for (const deadline = Date.now() + 240_000; Date.now() < deadline; ) {
      if (existsSync(built)) return dir;
      if (!existsSync(`${dir}.lock`)) return editorBuiltForThisRun();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`waited 4 minutes for another test file to build the editor into ${dir}`);
  }
  try {
    await build({ root: EDITOR_ROOT, logLevel: "error", build: { outDir: dir, emptyOutDir: true } });
    await writeFile(built, "");
    return dir;
  } catch (error) {
    // Another file may try again.
    await rm(`${dir}.lock`, { recursive: true, force: true });
    throw error;
  }
}

function runId(): string {
  let started = "";
  try {
    // Field 22 of /proc/PID/stat: when the parent started, so a reused pid is another run.
    started = readFileSync(`/proc/${process.ppid}/stat`, "utf8").split(") ")[1]?.split(" ")[19] ?? "";
  } catch {}
  return `${process.ppid}-${started}`;
}

/** With E2E_SCREENSHOTS set, saves what the page shows at a moment worth looking at (e2e/screenshots/NAME.png). */
export async function snapshot(page: Page, name: string): Promise<void> {
  if (!process.env.E2E_SCREENSHOTS) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
