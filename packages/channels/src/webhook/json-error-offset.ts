/** Nesting deeper than this is reported where it starts, rather than risking the stack. */
const MAX_DEPTH = 500;

class Stop {
  constructor(readonly at: number) {}
}

/**
 * Where `text` stops being JSON: the offset of the first character that cannot continue it (`text.length` when it
 * ends too early), or null when it is JSON. JSON.parse says that something is wrong, but not always where.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) fail();
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === "\\") {
        i++;
        if (text[i] === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i] as string)) i++;
        else fail();
      } else if (ch < " ") fail();
      else i++;
    }
    fail();
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const list = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === ",") {
        i++;
        space();
      } else {
        expect(close);
        return;
      }
    }
  };
  const value = (depth: number): void => {
    space();
    if (depth > MAX_DEPTH) fail();
    const ch = text[i];
    if (ch === "{" || ch === "[") {
      const member = () => {
        string();
        space();
        expect(":");
        value(depth + 1);
      };
      list(ch === "{" ? "}" : "]", ch === "{" ? member : () => value(depth + 1));
      return;
    }
    if (ch === '"') {
      string();
      return;
    }
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    number.lastIndex = i;
    if (!number.test(text)) fail();
    i = number.lastIndex;
  };
  try {
    value(0);
    space();
    if (i < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.at;
    throw error;
  }
}
