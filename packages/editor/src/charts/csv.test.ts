import { describe, expect, it } from "vitest";
import { csvFileName, toCsv } from "./csv.ts";

describe("toCsv (issue 14: CSV export of every report table)", () => {
  it("writes a header and rows with CRLF, numbers as they are and null as an empty cell", () => {
    expect(
      toCsv(
        ["step", "reached", "rate"],
        [
          ["Welcome", 120, 0.25],
          ["Goal", 0, null],
        ],
      ),
    ).toBe("step,reached,rate\r\nWelcome,120,0.25\r\nGoal,0,\r\n");
  });

  it("quotes a cell with a comma, and doubles the quotes inside a quoted cell", () => {
    expect(toCsv(["name"], [["Hello, world"], ['Say "hi"']])).toBe('name\r\n"Hello, world"\r\n"Say ""hi"""\r\n');
  });

  it("quotes a cell with a line break, keeping the break inside the cell", () => {
    const csv = toCsv(
      ["name", "n"],
      [
        ["two\nlines", 1],
        ["cr\r\nlf", 2],
      ],
    );
    expect(csv).toBe('name,n\r\n"two\nlines",1\r\n"cr\r\nlf",2\r\n');
  });

  it("defuses text that a spreadsheet would run as a formula, never a negative number", () => {
    expect(toCsv(["a", "b", "c"], [["=SUM(A1)", "-x", -3]])).toBe("a,b,c\r\n'=SUM(A1),'-x,-3\r\n");
    expect(toCsv(["a"], [["=1,2"]])).toBe('a\r\n"\'=1,2"\r\n');
  });

  it("writes a table with no rows as its header alone", () => {
    expect(toCsv(["day", "sent"], [])).toBe("day,sent\r\n");
  });
});

describe("csvFileName", () => {
  it("makes a file name from a table's title", () => {
    expect(csvFileName("Funnel — Welcome journey")).toBe("funnel-welcome-journey.csv");
    expect(csvFileName("***")).toBe("table.csv");
  });
});
