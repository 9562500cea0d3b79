import { readFile } from "node:fs/promises";
import { JOURNEY_PROBLEM_CODES } from "@overture/core";
import { describe, expect, it } from "vitest";
import { HTTP_STATUS_BY_CODE } from "../src/index.ts";

const errorsDoc = () => readFile(new URL("../../../docs/errors.md", import.meta.url), "utf8");

describe("docs/errors.md", () => {
  it("lists every error code with the status the server answers", async () => {
    const doc = await errorsDoc();
    for (const [code, status] of Object.entries(HTTP_STATUS_BY_CODE)) {
      expect(doc, code).toMatch(new RegExp(`^\\| \`${code}\`\\s*\\| ${status}\\b`, "m"));
    }
  });

  it("explains every journey problem code", async () => {
    const doc = await errorsDoc();
    for (const code of JOURNEY_PROBLEM_CODES) expect(doc, code).toContain(`\`${code}\``);
  });
});
