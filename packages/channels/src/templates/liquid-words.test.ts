import { describe, expect, it } from "vitest";
import { liquidFieldProblems, textLiquid } from "../email/liquid.ts";

/** What validation says about one subject line: the message of its first problem. */
async function wordsFor(source: string): Promise<string | undefined> {
  const problems = await liquidFieldProblems(textLiquid, source, "subject", {
    known: new Set(["customer"]),
    what: "email",
  });
  return problems[0]?.message;
}

describe("Liquid syntax errors in words about what the author typed (issue 15, defect 2)", () => {
  it("quotes the unclosed output and names the missing `}}`, never the text after it", async () => {
    expect(await wordsFor("Hello {{ customer.first_name }")).toBe(
      "`{{ customer.first_name }` is missing its closing `}}`",
    );
    expect(await wordsFor("Hi {{ customer.x")).toBe("`{{ customer.x` is missing its closing `}}`");
    expect(await wordsFor("Hi {{ customer.x }</mj-text></mj-column>")).toBe(
      "`{{ customer.x }` is missing its closing `}}`",
    );
    expect(await wordsFor("Hi {{ customer.x }, thank you.")).toBe("`{{ customer.x }` is missing its closing `}}`");
  });

  it("tells a quote that swallowed the braces apart from braces left out", async () => {
    expect(await wordsFor("{{ 'abc }}")).toBe("`{{ 'abc }}` has a quote that is not closed");
  });

  it("names a tag's missing `%}` and a block's missing end tag", async () => {
    expect(await wordsFor("{% if customer.vip %")).toBe("`{% if customer.vip %` is missing its closing `%}`");
    expect(await wordsFor("{% if customer.vip %}VIP")).toBe("`{% if customer.vip %}` has no `{% endif %}` after it");
    expect(await wordsFor("{% unless customer.vip %}x")).toBe(
      "`{% unless customer.vip %}` has no `{% endunless %}` after it",
    );
    expect(await wordsFor("{% raw %}abc")).toBe("`{% raw %}` has no `{% endraw %}` after it");
    expect(await wordsFor("Hi {% endif %}")).toBe("`{% endif %}` has no `{% if %}` before it");
  });

  it("names tags and filters that do not exist, and values left out", async () => {
    expect(await wordsFor("{% iff x %}{% endiff %}")).toBe("`{% iff x %}`: there is no Liquid tag `iff`");
    expect(await wordsFor("{{ customer.x | upcasee }}")).toBe(
      "`{{ customer.x | upcasee }}`: there is no filter `upcasee`",
    );
    expect(await wordsFor("Hi {{ }}")).toBe("`{{ }}` is missing a value");
    expect(await wordsFor("x {% if %}y{% endif %}")).toBe("`{% if %}` is missing a value");
    expect(await wordsFor("{% for %}{% endfor %}")).toBe("`{% for %}` is incomplete");
    expect(await wordsFor("{{ customer.x | plus 3 }}")).toBe(
      "`{{ customer.x | plus 3 }}`: a filter's value comes after `:` (`| plus: 3`)",
    );
  });

  it("keeps liquidjs's words, after the author's text, for what it does not know", async () => {
    expect(await wordsFor("{% assign = 3 %}")).toBe("`{% assign = 3 %}`: expected variable name");
  });
});
