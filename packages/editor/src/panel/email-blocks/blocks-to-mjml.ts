import type { EmailBlock } from "@overture/channels/browser";

/** The colour of headings, buttons and dividers in emails made with blocks. */
const ACCENT = "#4f46e5";

/**
 * The MJML body for a list of blocks: one section, one column, a tag per block. Text is escaped for HTML (so a
 * `<` typed in a text block is shown, not parsed) but Liquid (`{{ customer.firstName }}`, `{% if %}`) is kept, and
 * line breaks become `<br />`. Pure: the same blocks always give the same MJML, which is how the editor knows a body
 * was made by blocks.
 */
export function blocksToMjml(blocks: readonly EmailBlock[]): string {
  const inner = blocks.map(blockToMjml).join("\n      ");
  return `${HEAD}${inner}\n      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>`;
}

const HEAD = "<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n      ";

/**
 * Which block (0-based) made line `line` (1-based) of {@link blocksToMjml}'s MJML, or null for the lines around
 * the blocks: a problem the server finds in the generated body belongs to the block the author wrote.
 */
export function blockAtLine(blocks: readonly EmailBlock[], line: number): number | null {
  let start = HEAD.split("\n").length;
  for (const [i, block] of blocks.entries()) {
    // A Liquid tag typed over several lines keeps its line breaks, so a block may span lines.
    const end = start + blockToMjml(block).split("\n").length - 1;
    if (line >= start && line <= end) return i;
    start = end + 1;
  }
  return null;
}

function blockToMjml(block: EmailBlock): string {
  switch (block.type) {
    case "heading":
      return `<mj-text font-size="22px" font-weight="700" line-height="1.3" color="#1c2130">${text(block.text)}</mj-text>`;
    case "text":
      return `<mj-text font-size="15px" line-height="1.5">${text(block.text)}</mj-text>`;
    case "button":
      return `<mj-button href="${attribute(block.url)}" background-color="${ACCENT}">${text(block.label)}</mj-button>`;
    case "image":
      return `<mj-image src="${attribute(block.src)}" alt="${attribute(block.alt)}" />`;
    case "divider":
      return `<mj-divider border-width="1px" border-color="#e3e6ec" />`;
    case "spacer":
      return `<mj-spacer height="${Math.round(block.height)}px" />`;
    case "recommended-items": {
      // The name is a plain identifier (the schema says so), so it cannot break out of the Liquid tag.
      const from = /^[A-Za-z_][A-Za-z0-9_]*$/.test(block.from) ? block.from : "recommendations";
      return `{% for item in ${from}.items %}<mj-text font-size="15px" line-height="1.5"><a href="{{ item.url }}" style="color:${ACCENT};font-weight:600">{{ item.title }}</a><br />{{ item.summary }}</mj-text>{% endfor %}`;
    }
  }
}

/** Escapes what HTML would read as markup, outside Liquid tags; keeps line breaks as `<br />`. */
function text(value: string): string {
  return mapOutsideLiquid(value, (plain) => escapeHtml(plain).replace(/\r?\n/g, "<br />"));
}

/** An attribute value: quotes and markup escaped outside Liquid tags. */
function attribute(value: string): string {
  return mapOutsideLiquid(value, (plain) => escapeHtml(plain).replace(/"/g, "&quot;"));
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Applies `map` to the text between Liquid tags (`{{ … }}`, `{% … %}`), leaving the tags as written. */
function mapOutsideLiquid(value: string, map: (plain: string) => string): string {
  const parts = value.split(/(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\})/);
  return parts.map((part, i) => (i % 2 === 1 ? part.replace(/"/g, "'") : map(part))).join("");
}
