/**
 * How many SMS an SMS body costs, per 3GPP TS 23.038 (GSM 03.38) and 23.040 (concatenation). Pure: the editor's
 * counter runs it on every keystroke.
 *
 * A body is sent in GSM-7 when every character is in the default alphabet or its extension table, otherwise in
 * UCS-2. One GSM-7 message holds 160 septets; a multipart one 153 per part (the user data header takes 7 septets).
 * An extension character (`^ { } \ [ ~ ] |`, `€` and form feed) is an escape plus a septet: 2 septets, never split
 * between two parts. UCS-2 holds 70 UTF-16 code units, 67 per part; a surrogate pair (an emoji) is not split either.
 */

/** The GSM 03.38 default alphabet, in table order (0x1B, the escape, is left out). */
const BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** The extension table: each is sent as escape + septet. */
const EXTENSION = "\f^{}\\[~]|€";

const BASIC_SET = new Set(BASIC);
const EXTENSION_SET = new Set(EXTENSION);

/** The encoding a body is sent in. */
export type SmsEncoding = "GSM-7" | "UCS-2";

/** What a body costs: its encoding, the parts it is sent in and how full they are. */
export type SmsSegments = {
  encoding: SmsEncoding;
  /** Parts sent (0 for an empty body). */
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the body takes. */
  units: number;
  /** Units one part holds: 160 or 153 (GSM-7), 70 or 67 (UCS-2). */
  perSegment: number;
  /** Units still free in the last part before one more is needed. */
  remaining: number;
};

const LIMITS = {
  "GSM-7": { single: 160, multi: 153 },
  "UCS-2": { single: 70, multi: 67 },
} as const;

/** True when every character of `text` can be sent in GSM-7. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC_SET.has(ch) && !EXTENSION_SET.has(ch)) return false;
  return true;
}

/** Counts the segments of an SMS body (see the file comment for the rules). */
export function countSegments(text: string): SmsSegments {
  const encoding: SmsEncoding = isGsm7(text) ? "GSM-7" : "UCS-2";
  // Each character's size in units, kept whole when parts are cut.
  const sizes: number[] = [];
  for (const ch of text) sizes.push(encoding === "GSM-7" ? (EXTENSION_SET.has(ch) ? 2 : 1) : ch.length);
  const units = sizes.reduce((sum, n) => sum + n, 0);
  const limit = LIMITS[encoding];
  if (units <= limit.single) {
    return {
      encoding,
      segments: units === 0 ? 0 : 1,
      units,
      perSegment: limit.single,
      remaining: limit.single - units,
    };
  }
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > limit.multi) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, segments, units, perSegment: limit.multi, remaining: limit.multi - used };
}

/** The editor's counter line: "2 segments · GSM-7 · 148 of 306 characters". */
export function describeSegments(text: string): string {
  const s = countSegments(text);
  const parts = Math.max(s.segments, 1);
  const capacity = parts === 1 ? s.perSegment : parts * s.perSegment;
  return `${s.segments} ${s.segments === 1 ? "segment" : "segments"} · ${s.encoding} · ${s.units} of ${capacity} characters`;
}
