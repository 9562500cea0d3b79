/**
 * Resolves on the first SIGINT or SIGTERM, so the command can stop cleanly (finish its batch, close the store);
 * a second signal exits at once, for an operator who will not wait.
 */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      const now = (again: NodeJS.Signals) => process.exit(again === "SIGINT" ? 130 : 143);
      process.once("SIGINT", now);
      process.once("SIGTERM", now);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
