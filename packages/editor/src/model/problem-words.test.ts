import type { JourneyDocument } from "@overture/core";
import { describe, expect, it } from "vitest";
import { blocksToMjml } from "../panel/email-blocks/blocks-to-mjml.ts";
import { type DraftProblem, describeProblems, mergeProblems } from "./problem-words.ts";

const blocks = [
  { type: "heading", text: "Welcome" },
  { type: "text", text: "Hi {{ customer.first_name }" },
] as const;

const document = {
  schemaVersion: 1,
  name: "Words",
  settings: { reentry: "always" },
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "signed.up" }, next: "welcome" },
    {
      id: "welcome",
      name: "Welcome email",
      type: "email",
      subject: "Hello {{ customer.first_name }",
      body: "<mjml>\n<mj-body>\n{{ x </mj-body></mjml>",
      next: "made",
    },
    { id: "made", name: "", type: "email", subject: "Hi", body: blocksToMjml(blocks), blocks: [...blocks], next: null },
  ],
} as unknown as JourneyDocument;

const subject: DraftProblem = {
  code: "liquid-syntax",
  stepId: "welcome",
  path: "steps[1].subject",
  field: "subject",
  line: 1,
  column: 7,
  message: "`{{ customer.first_name }` is missing its closing `}}`",
};
const core: DraftProblem = {
  code: "missing-next",
  stepId: "made",
  path: "steps[2].next",
  message: "Step 'made' does not say where to go next",
};

describe("problems in the author's words (issue 15, defect 2)", () => {
  it("names the step by its name and the field by its label, with the line and column in the author's text", () => {
    expect(describeProblems([subject], document)).toEqual([
      expect.objectContaining({
        stepId: "welcome",
        where: "Welcome email",
        text: "Subject, line 1, column 7: `{{ customer.first_name }` is missing its closing `}}`",
      }),
    ]);
    const body = {
      ...subject,
      path: "steps[1].body",
      field: "body",
      line: 3,
      column: 1,
      message: "`{{ x` is missing its closing `}}`",
    };
    expect(describeProblems([body], document)[0]?.text).toBe(
      "Body, line 3, column 1: `{{ x` is missing its closing `}}`",
    );
  });

  it("names the block of an email made of blocks, never a position in the MJML the blocks generate", () => {
    const line =
      blocksToMjml(blocks)
        .split("\n")
        .findIndex((l) => l.includes("first_name")) + 1;
    const inBlock = {
      code: "liquid-syntax",
      stepId: "made",
      path: "steps[2].body",
      field: "body",
      line,
      column: 52,
      message: "`{{ customer.first_name }` is missing its closing `}}`",
    };
    expect(describeProblems([inBlock], document)).toEqual([
      expect.objectContaining({
        where: "made",
        text: "Body, text block 2: `{{ customer.first_name }` is missing its closing `}}`",
      }),
    ]);
    expect(describeProblems([{ ...inBlock, line: 1 }], document)[0]?.text).toBe(
      "Body: `{{ customer.first_name }` is missing its closing `}}`",
    );
  });

  it("keeps the core's messages, which already name their step", () => {
    expect(describeProblems([core, { code: "no-trigger", path: "", message: "No trigger" }], document)).toEqual([
      expect.objectContaining({ stepId: "made", where: "made", text: core.message }),
      expect.objectContaining({ stepId: undefined, where: "Journey", text: "No trigger" }),
    ]);
  });
});

describe("mergeProblems (issue 15, defect 2: the panel lists what publishing refuses)", () => {
  const endpoint: DraftProblem = {
    code: "unknown-endpoint",
    stepId: "call",
    path: "steps[3].endpoint",
    message: "no such endpoint",
  };

  it("adds what only the server finds (templates, the workspace's endpoints) to the browser's problems, each once", () => {
    expect(mergeProblems([core], [core, subject, endpoint])).toEqual([core, subject, endpoint]);
  });

  it("keeps an unknown segment the server found: only the server knows the workspace's segments (issue 14)", () => {
    const segment: DraftProblem = {
      code: "unknown-segment",
      stepId: "start",
      path: "steps[0].trigger.segmentId",
      message: "no such segment",
    };
    expect(mergeProblems([core], [core, segment])).toEqual([core, segment]);
  });

  it("never keeps a core problem from a server answer the browser's newer check no longer has", () => {
    expect(mergeProblems([], [core, subject])).toEqual([subject]);
  });

  it("takes an answer about the very document on screen whole, so a refused publish and the list agree", () => {
    const other: DraftProblem = { code: "loop-without-wait", stepId: "made", path: "steps[2]", message: "a loop" };
    expect(mergeProblems([core], [core, other, subject], { current: true })).toEqual([core, other, subject]);
    expect(mergeProblems([core], [core, other, subject])).toEqual([core, subject]);
  });
});
