import { describe, expect, it } from "vitest";
import { countSegments, describeSegments, isGsm7 } from "./segments.ts";

describe("SMS segments (3GPP TS 23.038 / 23.040)", () => {
  it("fits 160 GSM-7 characters in one segment and needs two for 161", () => {
    expect(countSegments("a".repeat(160))).toEqual({
      encoding: "GSM-7",
      segments: 1,
      units: 160,
      perSegment: 160,
      remaining: 0,
    });
    expect(countSegments("a".repeat(161))).toMatchObject({ segments: 2, units: 161, perSegment: 153, remaining: 145 });
  });

  it("holds 153 septets per part of a multipart GSM-7 message: 306 is two parts, 307 three", () => {
    expect(countSegments("a".repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSegments("a".repeat(307))).toMatchObject({ segments: 3, remaining: 152 });
  });

  it("counts the extension table (^ { } \\ [ ~ ] | €) as two septets and keeps GSM-7", () => {
    expect(countSegments("€")).toMatchObject({ encoding: "GSM-7", units: 2 });
    expect(countSegments("^{}\\[~]|€")).toMatchObject({ encoding: "GSM-7", units: 18 });
    expect(countSegments("€".repeat(80))).toMatchObject({ segments: 1, units: 160 });
    expect(countSegments(`${"a".repeat(159)}€`)).toMatchObject({ segments: 2, units: 161 });
  });

  it("does not split an extension character between parts", () => {
    // 152 septets then "€": it would straddle the 153rd septet, so it opens the second part.
    const text = `${"a".repeat(152)}€${"a".repeat(10)}`;
    expect(countSegments(text)).toMatchObject({ segments: 2, units: 164, remaining: 153 - 12 });
    // 152 + € + 151: 305 septets, yet three parts, because the first part holds only 152.
    expect(countSegments(`${"a".repeat(152)}€${"a".repeat(152)}`)).toMatchObject({ segments: 3, units: 306 });
  });

  it("knows the accented letters and Greek capitals of the default alphabet", () => {
    expect(isGsm7("Ça coûte 5 € à Zürich, ÆØÅ ΔΦΓΛΩΠΨΣΘΞ ¿¡§")).toBe(false); // û is not in it
    expect(isGsm7("Ça coute 5 € à Zürich, ÆØÅ ΔΦΓΛΩΠΨΣΘΞ ¿¡§")).toBe(true);
    expect(isGsm7("`")).toBe(false);
  });

  it("switches to UCS-2 for one emoji or a character outside the alphabet: 70 units in one part, 71 in two", () => {
    expect(countSegments("Hi 👋")).toMatchObject({ encoding: "UCS-2", units: 5, segments: 1, perSegment: 70 });
    expect(countSegments("й".repeat(70))).toMatchObject({ encoding: "UCS-2", segments: 1, remaining: 0 });
    expect(countSegments("й".repeat(71))).toMatchObject({ segments: 2, perSegment: 67, remaining: 63 });
    expect(countSegments("й".repeat(134))).toMatchObject({ segments: 2 });
    expect(countSegments("й".repeat(135))).toMatchObject({ segments: 3 });
  });

  it("does not split a surrogate pair between UCS-2 parts", () => {
    // 66 units then an emoji (2 units): the 67-unit part cannot hold both halves.
    expect(countSegments(`${"й".repeat(66)}😀${"й".repeat(5)}`)).toMatchObject({
      units: 73,
      segments: 2,
      remaining: 60,
    });
  });

  it("costs an empty body nothing", () => {
    expect(countSegments("")).toEqual({ encoding: "GSM-7", segments: 0, units: 0, perSegment: 160, remaining: 160 });
  });

  it("describes the count for the editor", () => {
    expect(describeSegments("a".repeat(148))).toBe("1 segment · GSM-7 · 148 of 160 characters");
    expect(describeSegments("a".repeat(200))).toBe("2 segments · GSM-7 · 200 of 306 characters");
    expect(describeSegments("Hi 👋")).toBe("1 segment · UCS-2 · 5 of 70 characters");
    expect(describeSegments("")).toBe("0 segments · GSM-7 · 0 of 160 characters");
  });
});
