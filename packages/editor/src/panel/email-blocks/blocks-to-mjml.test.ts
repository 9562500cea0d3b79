import type { EmailBlock } from "@overture/channels/browser";
import { describe, expect, it } from "vitest";
import { blockAtLine, blocksToMjml } from "./blocks-to-mjml.ts";
import { moveBlock, newBlock, opensAsBlocks, STARTER_BLOCKS } from "./email-blocks.ts";

const inner = (mjml: string) => mjml.slice(mjml.indexOf("<mj-column>") + 11, mjml.indexOf("</mj-column>")).trim();

describe("blocksToMjml (issue #4: visual email block editor)", () => {
  it("wraps the blocks in one section and column, in order", () => {
    const mjml = blocksToMjml([
      { type: "heading", text: "Hello" },
      { type: "divider" },
      { type: "text", text: "Body" },
    ]);
    expect(mjml.startsWith("<mjml>\n  <mj-body>")).toBe(true);
    expect(mjml.trimEnd().endsWith("</mjml>")).toBe(true);
    const tags = [...inner(mjml).matchAll(/<(mj-[a-z]+)/g)].map((m) => m[1]);
    expect(tags).toEqual(["mj-text", "mj-divider", "mj-text"]);
    expect(inner(mjml)).toMatch(/font-weight="700"[^>]*>Hello<\/mj-text>/);
  });

  it("gives no block for an empty list, and the same MJML for the same blocks", () => {
    expect(inner(blocksToMjml([]))).toBe("");
    expect(blocksToMjml(STARTER_BLOCKS)).toBe(blocksToMjml(structuredClone([...STARTER_BLOCKS])));
  });

  it("renders each kind: button with its link, image with alt, spacer with its height, recommended items as a Liquid loop", () => {
    const mjml = inner(
      blocksToMjml([
        { type: "button", label: "Go", url: "{{ portalUrl }}/library?a=1&b=2" },
        { type: "image", src: "https://example.com/x.png", alt: 'The "logo"' },
        { type: "spacer", height: 40 },
        { type: "recommended-items", from: "picks" },
      ]),
    );
    expect(mjml).toContain(
      '<mj-button href="{{ portalUrl }}/library?a=1&amp;b=2" background-color="#4f46e5">Go</mj-button>',
    );
    expect(mjml).toContain('<mj-image src="https://example.com/x.png" alt="The &quot;logo&quot;" />');
    expect(mjml).toContain('<mj-spacer height="40px" />');
    expect(mjml).toMatch(
      /^.*\{% for item in picks\.items %\}<mj-text[^>]*><a href="\{\{ item\.url \}\}"[^>]*>\{\{ item\.title \}\}<\/a><br \/>\{\{ item\.summary \}\}<\/mj-text>\{% endfor %\}$/s,
    );
  });

  it("escapes markup typed in text but keeps Liquid and line breaks", () => {
    const mjml = inner(
      blocksToMjml([{ type: "text", text: 'Hi {{ customer.firstName | default: "there" }} <b>&\nbye' }]),
    );
    expect(mjml).toContain("Hi {{ customer.firstName | default: 'there' }} &lt;b&gt;&amp;<br />bye</mj-text>");
  });

  it("never lets a recommendation source break out of its Liquid tag", () => {
    const sneaky = { type: "recommended-items", from: "x.items %}{% raw" } as EmailBlock;
    expect(inner(blocksToMjml([sneaky]))).toContain("{% for item in recommendations.items %}");
  });
});

describe("block list helpers", () => {
  it("moves a block up, down, to the ends, and ignores moves from outside the list", () => {
    expect(moveBlock(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveBlock(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveBlock(["a", "b", "c"], 0, 9)).toEqual(["b", "c", "a"]);
    expect(moveBlock(["a", "b", "c"], 5, 0)).toEqual(["a", "b", "c"]);
  });

  it("opens as blocks only when the body is what the blocks make (or there is no body yet)", () => {
    const blocks = [newBlock("heading"), newBlock("recommended-items")];
    expect(opensAsBlocks({ blocks, body: blocksToMjml(blocks) })).toBe(true);
    expect(opensAsBlocks({ blocks, body: `${blocksToMjml(blocks)} ` })).toBe(false);
    expect(opensAsBlocks({ body: "<mjml><mj-body></mj-body></mjml>" })).toBe(false);
    expect(opensAsBlocks({ body: "" })).toBe(true);
  });
});

describe("blockAtLine (issue 15, defect 2: a body problem belongs to the block the author wrote)", () => {
  const blocks: EmailBlock[] = [
    { type: "heading", text: "Welcome" },
    { type: "text", text: "Hi {{ customer.first_name\n }}, line two\nline three" },
    { type: "button", label: "Go", url: "{{ portalUrl }" },
  ];
  const lines = blocksToMjml(blocks).split("\n");
  const lineOf = (fragment: string) => lines.findIndex((l) => l.includes(fragment)) + 1;

  it("finds the block that made a line of the generated MJML, blocks spanning lines included", () => {
    expect(blockAtLine(blocks, lineOf("Welcome"))).toBe(0);
    expect(blockAtLine(blocks, lineOf("first_name"))).toBe(1);
    expect(blockAtLine(blocks, lineOf("line two"))).toBe(1);
    expect(blockAtLine(blocks, lineOf("portalUrl"))).toBe(2);
  });

  it("gives no block for the lines around the blocks", () => {
    expect(blockAtLine(blocks, 1)).toBeNull();
    expect(blockAtLine(blocks, lineOf("</mj-column>"))).toBeNull();
    expect(blockAtLine([], 5)).toBeNull();
  });
});
