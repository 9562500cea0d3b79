import { randomBytes } from "node:crypto";
import type { Template } from "liquidjs";
import { htmlLiquid } from "./liquid.ts";
import { compileMjml } from "./mjml.ts";

/**
 * A template body compiled by MJML once, its Liquid kept for later: the HTML of every customer is this Liquid
 * rendered with their context. Only where MJML copies text through untouched may Liquid sit (the content of
 * mj-text, mj-button, mj-raw, mj-table; some attributes of mj-button and mj-image), so rendering Liquid after MJML
 * gives the very HTML that rendering it before did. A body with Liquid anywhere else (a `{% for %}` making
 * sections, a width) is `null`: it goes the old way, Liquid then MJML for each customer.
 */
export type MjmlSkeleton = {
  /** The HTML with the body's Liquid in place, parsed by the HTML engine. */
  liquid: Template[];
};

// A mark no customer can guess, so no printed value is mistaken for one.
const nonce = randomBytes(6).toString("hex");
const markPattern = new RegExp(`ovx${nonce}[a-z]\\d*z`, "g");

/** Where the preheader and the unsubscribe URL go, filled per customer after Liquid (they are not Liquid). */
export const previewMark = mark("p");
export const footerMark = mark("f");

const liquidPattern = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
/** MJML components whose content it copies (trimmed) into the HTML without reading it. */
const copiedContent = new Set(["mj-text", "mj-button", "mj-raw", "mj-table"]);
/**
 * Attributes MJML copies as they are, by component. Only whether href is empty changes the layout (a button without
 * one is a `<p>`, an image is not a link): fillSkeleton leaves a customer whose HTML has `href=""` to the old path.
 */
const copiedAttributes: Record<string, ReadonlySet<string>> = {
  "mj-button": new Set(["href", "title"]),
  "mj-image": new Set(["href", "src", "alt", "title"]),
};

/**
 * Compiles `body` with its Liquid protected. `layout` is what renderEmail adds around the body (the preview and
 * the footer, with the marks as their text). Null when the body's Liquid is not where MJML copies text through,
 * or MJML complains, or the marks do not come out once each in order.
 */
export async function compileSkeleton(body: string, layout: (body: string) => string): Promise<MjmlSkeleton | null> {
  // Whitespace control strips text next to the tag, which is not the same text before and after MJML.
  if (/\{\{-|-\}\}|\{%-|-%\}|\|\s*raw\b|<mj-style[^>]*inline/.test(body)) return null;
  const pieces: string[] = [];
  const marked = body.replace(liquidPattern, (m) => {
    pieces.push(m);
    return mark(`l${pieces.length - 1}`);
  });
  const restore = (text: string) =>
    text.replace(markPattern, (m) => {
      const at = m.match(/l(\d+)z$/);
      return at ? (pieces[Number(at[1])] ?? m) : m;
    });
  const source = pieces.some((p) => p.includes("<")) ? null : liquidWhereCopied(layout(marked), restore);
  if (source === null) return null;
  const compiled = await compileMjml(source);
  if (compiled.problems.length > 0 || /\{\{|\{%/.test(compiled.html)) return null;
  const expected = source.match(markPattern) ?? [];
  const found = compiled.html.match(markPattern) ?? [];
  if (found.length !== expected.length || found.some((m, i) => m !== expected[i])) return null;
  try {
    return { liquid: htmlLiquid.parse(restore(compiled.html)) };
  } catch {
    return null;
  }
}

function mark(name: string): string {
  return `ovx${nonce}${name}z`;
}

/** Around copied content that holds Liquid: MJML trims that content, so its edges are trimmed once Liquid ran. */
const contentStart = mark("a");
const contentEnd = mark("b");

/**
 * A customer's HTML rendered from a skeleton, with the content MJML would have trimmed trimmed: each start mark goes
 * with the whitespace after it, then each end mark with the whitespace before it (`\s`, what trimStart and trimEnd
 * remove). Split and trim rather than `/\s*mark/g`, which tried a match at every character of the HTML (2.5% of the
 * delivery's CPU).
 */
export function trimContent(html: string): string {
  const started = html
    .split(contentStart)
    .map((piece, i) => (i > 0 ? piece.trimStart() : piece))
    .join("");
  const pieces = started.split(contentEnd);
  return pieces.map((piece, i) => (i < pieces.length - 1 ? piece.trimEnd() : piece)).join("");
}

/**
 * The source with copied content that holds Liquid between a start and an end mark (MJML trims that content; what
 * Liquid prints at its edges is trimmed after Liquid instead), when each Liquid mark is inside content MJML copies
 * or in a copied attribute, and the Liquid of each such stretch stands alone (no `{% if %}` opened in one mj-text
 * and closed in the next). Null otherwise.
 */
function liquidWhereCopied(source: string, restore: (text: string) => string): string | null {
  const liquidMark = new RegExp(`ovx${nonce}l\\d+z`);
  const standsAlone = (text: string) => {
    if (!liquidMark.test(text)) return true;
    try {
      htmlLiquid.parse(restore(text));
      return true;
    } catch {
      return false;
    }
  };
  // A quote inside the Liquid would end the attribute before MJML reads it all.
  const copiedAttribute = (tag: string, name: string, value: string) =>
    copiedAttributes[tag]?.has(name) === true && !restore(value).includes('"') && standsAlone(value);
  const tag = /<(\/?)(mjml|mj-[a-z-]+)\b([^>]*?)(\/?)>/g;
  let last = 0;
  let out = "";
  let copied = 0;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    const [whole, closing, name = "", attributes = "", selfClosing] = m;
    if (liquidMark.test(source.slice(last, m.index))) return null;
    last = m.index + whole.length;
    for (const a of attributes.matchAll(/([a-z-]+)\s*=\s*"([^"]*)"/g)) {
      if (liquidMark.test(a[2] ?? "") && !copiedAttribute(name, a[1] ?? "", a[2] ?? "")) return null;
    }
    if (liquidMark.test(attributes.replace(/([a-z-]+)\s*=\s*"([^"]*)"/g, ""))) return null;
    if (closing || selfClosing || !copiedContent.has(name)) continue;
    const end = source.indexOf(`</${name}>`, last);
    if (end === -1) return null;
    const content = source.slice(last, end);
    if (!standsAlone(content)) return null;
    if (liquidMark.test(content)) {
      out += `${source.slice(copied, last)}${contentStart}${content}${contentEnd}`;
      copied = end;
    }
    tag.lastIndex = end;
    last = end;
  }
  if (liquidMark.test(source.slice(last))) return null;
  return out + source.slice(copied);
}
