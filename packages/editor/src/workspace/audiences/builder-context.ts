import type { Catalog } from "../../api/api-client.ts";
import type { PathProblem } from "./rule-problems.ts";

/** A journey as the pickers offer it: its name and its steps' names. */
export type JourneyChoice = { id: string; name: string; steps: { id: string; name: string }[] };

/** What every row of the rule builder reads: the pickers' choices, and the server's problems by row path. */
export type BuilderContext = {
  catalog: Catalog;
  journeys: readonly JourneyChoice[];
  segments: readonly { id: string; name: string }[];
  /** The segment being edited, left out of the "in another segment" picker. */
  selfId?: string | undefined;
  problems: ReadonlyMap<string, PathProblem[]>;
  readOnly: boolean;
};
