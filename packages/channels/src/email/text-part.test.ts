import { createTransport } from "nodemailer";
import { describe, expect, it } from "vitest";
import { textPart } from "./text-part.ts";

const build = createTransport({ streamTransport: true, buffer: true });

/**
 * The whole message nodemailer writes, boundaries and date made constant, and each header block in sorted order
 * (a Content-Transfer-Encoding nodemailer is given comes before the headers it adds itself, not after).
 */
async function message(html: unknown, text: unknown): Promise<string> {
  const info = await build.sendMail({
    from: "a@overture.test",
    to: "c@example.com",
    subject: "s",
    messageId: "<m@overture.test>",
    date: new Date(0),
    html,
    text,
  } as Parameters<typeof build.sendMail>[0]);
  const raw = (info.message as Buffer).toString();
  const boundary = raw.match(/boundary="([^"]+)"/)?.[1] ?? "none";
  const out: string[] = [];
  let headers: string[] | null = [];
  for (const line of raw.split(boundary).join("BOUNDARY").split("\r\n")) {
    if (headers === null) {
      out.push(line);
      if (line.startsWith("--BOUNDARY")) headers = [];
    } else if (line === "") {
      out.push(...headers.sort(), line);
      headers = null;
    } else if (/^\s/.test(line) && headers.length > 0) headers[headers.length - 1] += line;
    else headers.push(line);
  }
  return out.join("\n");
}

const long = "word ".repeat(40);
const contents = [
  "",
  "Hi Ann,\nshort ASCII lines",
  `<p>${long}</p>`,
  "Hi Zoë, a Latin text with a few accents — and a dash",
  "こんにちは、アンさん。ようこそ！",
  `Mostly Japanese ようこそようこそようこそ ${"あ".repeat(80)}`,
  "tab\tand control \u0001 characters",
  `${"x".repeat(76)}\n${"y".repeat(76)}`,
  `${"x".repeat(77)}`,
  "1234 5678 !!! ???",
  "\u00e9\u00e9 ab",
];

describe("a text part's transfer encoding, chosen as nodemailer chooses it", () => {
  it("gives the very message nodemailer builds when it chooses", async () => {
    for (const html of contents)
      for (const text of [contents[1], contents[4], contents[8]])
        expect(await message(textPart(html), textPart(text ?? ""))).toBe(await message(html, text));
  });

  it("leaves short ASCII as it is (7bit) and names quoted-printable or base64 otherwise", () => {
    expect(textPart("Hi Ann")).toBe("Hi Ann");
    expect(textPart(`<p>${long}</p>`)).toEqual({
      content: `<p>${long}</p>`,
      contentTransferEncoding: "quoted-printable",
    });
    expect(textPart("こんにちは")).toEqual({ content: "こんにちは", contentTransferEncoding: "base64" });
  });
});
