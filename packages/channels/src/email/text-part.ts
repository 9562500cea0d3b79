/** A text or HTML part as nodemailer takes it, with its Content-Transfer-Encoding when it needs one. */
export type TextPart = string | { content: string; contentTransferEncoding: "quoted-printable" | "base64" };

/**
 * The part with the transfer encoding nodemailer would choose, chosen here: nodemailer counts the Latin letters and
 * the 8-bit characters of a part with `value.match(/[a-z]/gi)`, an array of one string a letter, which cost about 7%
 * of the delivery's CPU for a welcome email. Same rule, same result: 7bit (the string as it is) for ASCII with no line
 * over 76 characters; else quoted-printable when there are fewer 8-bit and control characters than Latin letters,
 * else base64.
 */
export function textPart(content: string): TextPart {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    // nodemailer's [\x00-\x08\x0B\x0C\x0E-\x1F\u0080-\uFFFF] and [a-z] with the i flag, counted in UTF-16 units as it does.
    if (c <= 0x08 || c === 0x0b || c === 0x0c || (c >= 0x0e && c <= 0x1f) || c >= 0x80) other++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  if (other === 0 && !hasLongerLines(content)) return content;
  return { content, contentTransferEncoding: other < latin ? "quoted-printable" : "base64" };
}

/** nodemailer's mimeFuncs.hasLongerLines(content, 76): over 128 KiB counts as long without looking. */
function hasLongerLines(content: string): boolean {
  return content.length > 128 * 1024 || /^.{77,}/m.test(content);
}
