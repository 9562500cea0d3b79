import { describe, expect, it } from "vitest";
import { readCustomerIdCsv } from "./customer-id-csv.ts";

describe("readCustomerIdCsv", () => {
  it("takes the customerId column under a header, whatever its place and case, each id once", () => {
    const csv = "email,Customer_Id,plan\na@x.io,c-1,pro\nb@x.io,c-2,free\nc@x.io,c-1,pro\n";
    expect(readCustomerIdCsv(csv)).toEqual({ ids: ["c-1", "c-2"], skipped: [] });
  });

  it("takes an `id` header too, and lists lines without an id by line number", () => {
    const csv = "id,name\nc-1,Ada\n,Bob\n\nc-3,Cy\n";
    expect(readCustomerIdCsv(csv)).toEqual({ ids: ["c-1", "c-3"], skipped: [{ line: 3, reason: "no customer id" }] });
  });

  it("reads bare ids one per line, with a BOM and Windows line ends, and refuses a line of several values", () => {
    const csv = "\uFEFFc-1\r\nc-2\r\nc-3,c-4\r\n";
    const read = readCustomerIdCsv(csv);
    expect(read.ids).toEqual(["c-1", "c-2"]);
    expect(read.skipped).toEqual([{ line: 3, reason: expect.stringContaining("more than one value") }]);
  });

  it("lists broken quoting and too long ids with their line and keeps the rest", () => {
    const csv = `customerId\nc-1\n${"x".repeat(201)}\n"c-2\nc-3\n`;
    const read = readCustomerIdCsv(csv);
    expect(read.ids).toContain("c-1");
    expect(read.skipped[0]).toEqual({ line: 3, reason: "the id is longer than 200 characters" });
    expect(read.skipped.some((s) => s.reason.startsWith("not readable as CSV"))).toBe(true);
  });
});
