import { createHash } from "node:crypto";
import { compile } from "html-to-text";
import type { Liquid, Template } from "liquidjs";
import type { EmailField, EmailProblem, EmailTemplate } from "./email-problem.ts";
import { htmlLiquid, liquidProblem, textLiquid } from "./liquid.ts";
import { Lru } from "./lru.ts";
import { compileMjml } from "./mjml.ts";
import { compileSkeleton, footerMark, type MjmlSkeleton, previewMark, trimContent } from "./mjml-skeleton.ts";

/** What a template is rendered with: the customer, the triggering event, the journey context, the links. */
export type EmailContext = {
  customer: Record<string, unknown> & { id: string };
  /** The properties of the event that started the journey ({} when started otherwise). */
  event: Record<string, unknown>;
  links: { unsubscribe: string };
  portalUrl: string;
  /** The rest of the journey context: `trigger`, `recommendations` (with `items`)… */
  [key: string]: unknown;
};

/** A rendered email, or the problems that kept it from rendering (then html and text are ""). */
export type RenderedEmail = {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  problems: EmailProblem[];
};

/**
 * Renders a template for one customer: Liquid in each field (required variables missing are problems), the
 * preheader as MJML's preview text, an unsubscribe footer when the body has no `{{ links.unsubscribe }}`, MJML to
 * HTML, and a plain-text part made from the HTML. Problems come back as data with their field, line and column.
 * MJML runs once per body (see MjmlSkeleton), not once per customer: the same HTML as renderEmailDirect.
 */
export async function renderEmail(template: EmailTemplate, context: EmailContext): Promise<RenderedEmail> {
  const problems: EmailProblem[] = [];
  const subject = await renderField(textLiquid, "subject", template.subject, context, problems);
  const preheader = await renderField(textLiquid, "preheader", template.preheader ?? "", context, problems);
  // Rendered here too, as before: its problems and whether it links to unsubscribe are the customer's.
  const body = await renderField(htmlLiquid, "body", template.body, context, problems);
  if (problems.length > 0) return { subject, preheader, html: "", text: "", problems };
  const preview = preheader.trim() !== "";
  const footer = !body.includes(context.links.unsubscribe);
  const skeleton = await skeletonOf(template.body, preview, footer);
  const html = skeleton ? await fillSkeleton(skeleton, context, escapeHtml(preheader).trim()) : null;
  if (html === null) return compileForOne(subject, preheader, body, context);
  return { subject: oneLine(subject), preheader, html, text: htmlToText(html), problems: [] };
}

/** renderEmail without the caches: Liquid on the MJML, then MJML, for this one customer. */
export async function renderEmailDirect(template: EmailTemplate, context: EmailContext): Promise<RenderedEmail> {
  const problems: EmailProblem[] = [];
  const subject = await renderField(textLiquid, "subject", template.subject, context, problems, false);
  const preheader = await renderField(textLiquid, "preheader", template.preheader ?? "", context, problems, false);
  const body = await renderField(htmlLiquid, "body", template.body, context, problems, false);
  if (problems.length > 0) return { subject, preheader, html: "", text: "", problems };
  return compileForOne(subject, preheader, body, context);
}

async function compileForOne(
  subject: string,
  preheader: string,
  body: string,
  context: EmailContext,
): Promise<RenderedEmail> {
  const compiled = await compileMjml(withUnsubscribeFooter(withPreview(body, preheader), context.links.unsubscribe));
  if (compiled.problems.length > 0) return { subject, preheader, html: "", text: "", problems: compiled.problems };
  return { subject: oneLine(subject), preheader, html: compiled.html, text: htmlToText(compiled.html), problems: [] };
}

/**
 * Compiled bodies by content (a new version or an edited template is new content, so never a stale entry), and
 * parsed Liquid by engine and source. A few hundred: the templates of the journeys that are sending.
 */
const skeletons = new Lru<string, Promise<MjmlSkeleton | null>>(300);
const parsed = new Lru<string, Template[]>(600);

function skeletonOf(body: string, preview: boolean, footer: boolean): Promise<MjmlSkeleton | null> {
  const key = createHash("sha256").update(`${preview}/${footer}/${body}`).digest("base64");
  const cached = skeletons.get(key);
  if (cached) return cached;
  const layout = (b: string) => {
    const previewed = preview ? withPreview(b, previewMark) : b;
    return footer ? withUnsubscribeFooter(previewed, footerMark) : previewed;
  };
  const compiling = compileSkeleton(body, layout);
  skeletons.set(key, compiling);
  return compiling;
}

/** The customer's HTML from a skeleton; null when Liquid fails on it (the direct way then says why, as before). */
async function fillSkeleton(skeleton: MjmlSkeleton, context: EmailContext, preview: string): Promise<string | null> {
  try {
    const html: string = await htmlLiquid.render(skeleton.liquid, context);
    // An empty href makes MJML lay a button or an image out differently (see MjmlSkeleton).
    if (html.includes('href=""')) return null;
    return trimContent(html)
      .replace(previewMark, () => preview)
      .replace(footerMark, () => escapeHtml(context.links.unsubscribe));
  } catch {
    return null;
  }
}

async function renderField(
  engine: Liquid,
  field: EmailField,
  source: string,
  context: EmailContext,
  problems: EmailProblem[],
  cache = true,
): Promise<string> {
  try {
    return await engine.render(cache ? parse(engine, source) : engine.parse(source), context);
  } catch (error) {
    problems.push(liquidProblem(error, field, source));
    return "";
  }
}

function parse(engine: Liquid, source: string): Template[] {
  const key = `${engine === htmlLiquid ? "h" : "t"}${source}`;
  const cached = parsed.get(key);
  if (cached) return cached;
  const template = engine.parse(source);
  parsed.set(key, template);
  return template;
}

/**
 * html-to-text's converter, its options compiled once: `convert(html, options)` compiles them (selectors into a
 * decision tree) on every call: 3–5 ms a welcome email here, against about 1 ms with them compiled once.
 */
const toText = compile({ wordwrap: 78, selectors: [{ selector: "img", format: "skip" }] });

/** The plain-text part: the visible text and links, without MJML's hidden preview text. */
export function htmlToText(html: string): string {
  const visible = html.replace(/<div style="display:none;[^"]*">[^<]*<\/div>/, "");
  return toText(visible).trim();
}

function withPreview(body: string, preheader: string): string {
  if (preheader.trim() === "") return body;
  const preview = `<mj-preview>${escapeHtml(preheader)}</mj-preview>`;
  if (/<mj-head[\s>]/.test(body)) return body.replace(/<mj-head([^>]*)>/, `<mj-head$1>${preview}`);
  return body.replace(/<mjml([^>]*)>/, `<mjml$1><mj-head>${preview}</mj-head>`);
}

/** Every email carries an unsubscribe link: the template's own, or this footer. */
function withUnsubscribeFooter(body: string, unsubscribeUrl: string): string {
  if (body.includes(unsubscribeUrl)) return body;
  const footer =
    `<mj-section><mj-column><mj-text align="center" font-size="12px" color="#777777">` +
    `You receive this email because you are a customer. <a href="${escapeHtml(unsubscribeUrl)}" style="color:#777777">Unsubscribe</a>` +
    `</mj-text></mj-column></mj-section>`;
  const at = body.lastIndexOf("</mj-body>");
  return at === -1 ? body : `${body.slice(0, at)}${footer}${body.slice(at)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
