/**
 * A Liquid syntax error in words about what the author typed: the piece of their text quoted, and what it lacks.
 * liquidjs speaks of "output" and "tokens" and quotes whatever follows the mistake (the generated MJML after an
 * unclosed `{{` in a body); an author needs their own `{{ customer.first_name }` and "missing its closing `}}`".
 * `line` and `column` (1-based) are where liquidjs stopped, in `source`. Unknown messages keep liquidjs's words,
 * after the quoted piece.
 */
export function liquidSyntaxWords(message: string, source: string, line: number, column: number): string {
  const at = offsetOf(source, line, column);
  const piece = () => quote(enclosingTag(source, at));
  let m = /^output "[\s\S]*" not closed$/.exec(message);
  if (m) {
    const typed = enclosingTag(source, at);
    // `{{ 'abc }}`: the braces are there, a quote swallowed them.
    if (typed.endsWith("}}")) return `${quote(typed)} has a quote that is not closed`;
    return `${quote(typed)} is missing its closing \`}}\``;
  }
  m = /^tag "([\s\S]*)" not closed$/.exec(message);
  if (m) return `${quote(enclosingTag(source, at))} is missing its closing \`%}\``;
  // A block (`{% if %}`, `{% raw %}`) without its end tag.
  m =
    /^tag (\{%-?\s*(\w+)[\s\S]*%\}) not closed$/.exec(message) ??
    /^raw "(\{%-?\s*(raw)\s*-?%\})[\s\S]*" not closed$/.exec(message);
  if (m) return `${quote(m[1] ?? "")} has no \`{% end${m[2]} %}\` after it`;
  m = /^tag "end(\w+)" not found$/.exec(message);
  if (m) return `${piece()} has no \`{% ${m[1]} %}\` before it`;
  m = /^tag "(\w+)" not found$/.exec(message);
  if (m) return `${piece()}: there is no Liquid tag \`${m[1]}\``;
  m = /^undefined filter: (\S+)$/.exec(message);
  if (m) return `${piece()}: there is no filter \`${m[1]}\``;
  if (/^illegal tag: /.test(message)) return `${piece()} is incomplete`;
  if (/^invalid value expression: ""$/.test(message)) return `${piece()} is missing a value`;
  m = /^expected "(.)" after filter name$/.exec(message);
  if (m) return `${piece()}: a filter's value comes after \`${m[1]}\` (\`| plus: 3\`)`;
  m = /^(\S) not closed$/.exec(message);
  if (m) return `${piece()}: \`${m[1]}\` is not closed`;
  const typed = enclosingTag(source, at);
  return typed ? `${quote(typed)}: ${message}` : message;
}

/** The 0-based offset of a 1-based line and column in `source`. */
function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf("\n", offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return Math.min(source.length, offset + Math.max(0, column - 1));
}

const LONGEST = 60;

/**
 * The Liquid tag or output the author wrote around `at`: from its `{{` or `{%` to its `}}` or `%}`, cut short
 * where it obviously ran on (a line break, the next tag, markup) when it was never closed.
 */
function enclosingTag(source: string, at: number): string {
  const start = Math.max(source.lastIndexOf("{{", at + 1), source.lastIndexOf("{%", at + 1));
  if (start === -1) return "";
  const rest = source.slice(start);
  const closer = rest.startsWith("{{") ? "}}" : "%}";
  const closed = rest.indexOf(closer, 2);
  const runOn = rest.slice(2).search(/\n|\{\{|\{%|</);
  const end =
    closed !== -1 && (runOn === -1 || closed < runOn + 2) ? closed + 2 : runOn === -1 ? rest.length : runOn + 2;
  // `{{ x }, thank you`: the one brace typed is where the author meant it to end.
  const typed = (/^\{\{[^}]*\}(?!\})/.exec(rest)?.[0] ?? rest.slice(0, end)).trimEnd();
  return typed.length > LONGEST ? `${typed.slice(0, LONGEST - 1)}…` : typed;
}

function quote(typed: string): string {
  return `\`${typed}\``;
}
