import { readFile } from "node:fs/promises";
import { CommandError } from "./usage.ts";

/** Reads a journey file as JSON, with a message naming the file and the reason when it cannot. */
export async function readJourneyFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : String(error);
    throw new CommandError(`cannot read ${path}: ${reason}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CommandError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
