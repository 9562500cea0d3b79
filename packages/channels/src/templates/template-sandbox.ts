import {
  type Context,
  type Emitter,
  type FilterImplOptions,
  type FS,
  Liquid,
  type LiquidOptions,
  Tag,
  type Template,
  toValue,
} from "liquidjs";

// The one place a Liquid engine is created (a test fails if any other file writes `new Liquid(`). Templates come
// from API callers, so an engine here reads no file and every render is bounded in size, memory and time, and
// gives the event loop back while it runs. Why these numbers: docs/decisions/0019-template-sandbox.md.

/** Longest template text one parse accepts, in characters (the largest field, an email body, is capped at 500,000). */
export const TEMPLATE_PARSE_LIMIT = 1_000_000;
/**
 * Most a render may allocate through ranges, filters and lists (liquidjs counts elements and characters, summed
 * over the render). A 50-item newsletter with escaped, truncated texts uses about 53,000; the onboarding emails, 12.
 */
export const TEMPLATE_MEMORY_LIMIT = 1_000_000;
/**
 * Longest list a filter takes (`sort`, `where`, `map`…): one filter call cannot give the event loop back, so this
 * bounds how long it holds it (10,000 items: tens of ms at most). Recommendations are tens of items.
 */
export const TEMPLATE_LIST_LIMIT = 10_000;
/** Longest a render may take, wall clock, in milliseconds. Real templates render in a few. */
export const TEMPLATE_RENDER_LIMIT_MS = 500;
/** Most characters a render may write, captures included (Gmail clips emails over 102 kB). */
export const TEMPLATE_OUTPUT_LIMIT = 1_000_000;
/**
 * Longest a render runs before it lets other work (an HTTP request, /health) go first, in milliseconds. Renders
 * that wait take turns, one slice per turn of the event loop, so N renders at once still hold it this long at most.
 */
export const TEMPLATE_SLICE_MS = 2;

/** What a template can be refused for: a limit above, or a partial (`render`, `include`, `layout`). */
export type TemplateRefusal = { code: "template-limit" | "partial-not-allowed"; message: string };

/** The liquidjs settings each engine keeps; file system and limits are not among them: the sandbox sets those. */
export type TemplateEngineOptions = Pick<
  LiquidOptions,
  "strictVariables" | "lenientIf" | "strictFilters" | "ownPropertyOnly" | "outputEscape" | "cache"
>;

const PARTIALS_REFUSED =
  "partials are not available in Overture templates: write the text here instead of {% render %}, {% include %} or {% layout %}";
const OUTPUT_EXCEEDED = "output limit exceeded";
const LIST_EXCEEDED = "filter list limit exceeded";

/**
 * Creates a Liquid engine with `options`, sandboxed: `render`, `include` and `layout` are parse errors, the file
 * system refuses every read, and each render stays within the limits above (exceeding one throws; see
 * {@link templateRefusal}).
 */
export function createTemplateEngine(options: TemplateEngineOptions = {}): Liquid {
  const engine = new Liquid({
    ...options,
    fs: NO_FILES,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    parseLimit: TEMPLATE_PARSE_LIMIT,
    memoryLimit: TEMPLATE_MEMORY_LIMIT,
    renderLimit: TEMPLATE_RENDER_LIMIT_MS,
  });
  for (const name of ["render", "include", "layout"]) engine.registerTag(name, PartialRefused);
  boundFilters(engine);
  bound(engine);
  return engine;
}

/** How a refusal over the render time limit begins (the one limit that depends on load: see templateLimitFailure). */
export const RENDER_TIME_REFUSAL = "rendering went over the time limit";

/** Why the sandbox refused a template, in the user's words; null when `error` is another failure. */
export function templateRefusal(error: unknown): TemplateRefusal | null {
  const message = String((error as { message?: unknown })?.message ?? error);
  if (message.includes(PARTIALS_REFUSED)) return { code: "partial-not-allowed", message: PARTIALS_REFUSED };
  const limit = (text: string): TemplateRefusal => ({ code: "template-limit", message: text });
  if (message.includes("parse length limit exceeded"))
    return limit(`the template is longer than ${count(TEMPLATE_PARSE_LIMIT)} characters`);
  if (message.includes("memory alloc limit exceeded"))
    return limit(
      `rendering went over the memory limit (${count(TEMPLATE_MEMORY_LIMIT)} items): a range such as (1..10000000), or loops that build long lists`,
    );
  if (message.includes("template render limit exceeded"))
    return limit(`${RENDER_TIME_REFUSAL} (${TEMPLATE_RENDER_LIMIT_MS} ms): a loop runs too many times`);
  if (message.includes(OUTPUT_EXCEEDED))
    return limit(`rendering went over the output limit (${count(TEMPLATE_OUTPUT_LIMIT)} characters)`);
  if (message.includes(LIST_EXCEEDED))
    return limit(`a filter got a list longer than the list limit (${count(TEMPLATE_LIST_LIMIT)} items)`);
  return null;
}

/** A tag that fails to parse: partials would read files, and there are no saved snippets to take their place. */
class PartialRefused extends Tag {
  constructor(...args: ConstructorParameters<typeof Tag>) {
    super(...args);
    throw new Error(PARTIALS_REFUSED);
  }
  *render(): Generator<never, void> {}
}

const refuse = (): never => {
  throw new Error(PARTIALS_REFUSED);
};

/** A file system with no files: nothing exists, nothing is read, nothing is inside any root. */
const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => refuse(),
  readFileSync: refuse,
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

type FilterHandler = Extract<FilterImplOptions, (...args: never[]) => unknown>;

/** Every filter (they are registered by now; a filter is looked up when a template is parsed) refuses long lists. */
function boundFilters(engine: Liquid): void {
  for (const [name, impl] of Object.entries(engine.filters)) {
    const handler: FilterHandler = typeof impl === "function" ? impl : impl.handler;
    const bounded: FilterHandler = function (value, ...args) {
      for (const input of [value, ...args])
        if (Array.isArray(input) && input.length > TEMPLATE_LIST_LIMIT) throw new Error(LIST_EXCEEDED);
      return handler.call(this, value, ...args);
    };
    engine.registerFilter(name, typeof impl === "function" ? bounded : { ...impl, handler: bounded });
  }
}

type Budget = { written: number; sliceStart: number };

/**
 * Wraps the engine's renderer: every block (the whole template, each loop iteration, each `if` or `capture` body)
 * goes through it. liquidjs' async render only awaits microtasks, so a long loop would hold the event loop until
 * its time limit; here, after {@link TEMPLATE_SLICE_MS} it waits for its next turn first. It also counts what is
 * written, for {@link TEMPLATE_OUTPUT_LIMIT}, which liquidjs' memory limit does not cover.
 */
function bound(engine: Liquid): void {
  const renderer = engine.renderer;
  const renderTemplates = renderer.renderTemplates.bind(renderer);
  const budgets = new WeakMap<Context, Budget>();
  renderer.renderTemplates = function* (templates: Template[], ctx: Context, emitter?: Emitter) {
    let budget = budgets.get(ctx);
    if (!budget) {
      budget = { written: 0, sliceStart: performance.now() };
      budgets.set(ctx, budget);
    }
    if (!ctx.sync && performance.now() - budget.sliceStart >= TEMPLATE_SLICE_MS) {
      yield nextSlice();
      budget.sliceStart = performance.now();
    }
    return yield renderTemplates(templates, ctx, emitter ?? countingEmitter(budget));
  };
}

/** Renders waiting for their next slice, oldest first; one resumes per turn of the event loop (every engine's). */
const waiting: Array<() => void> = [];

function nextSlice(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(resumeOne);
  });
}

// Invariant: a resumeOne is scheduled exactly when some render waits.
function resumeOne(): void {
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(resumeOne);
}

/** liquidjs' plain emitter (the same text for each value), counting against the render's output budget. */
function countingEmitter(budget: Budget): Emitter {
  return {
    buffer: "",
    write(html: unknown) {
      const text = asText(html);
      budget.written += text.length;
      if (budget.written > TEMPLATE_OUTPUT_LIMIT) throw new Error(OUTPUT_EXCEEDED);
      this.buffer += text;
    },
  };
}

function asText(value: unknown): string {
  const v = toValue(value);
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(asText).join("");
  return String(v);
}

/** 1000000 → "1,000,000" (without toLocaleString, whose first call loads locale data while a request waits). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}
