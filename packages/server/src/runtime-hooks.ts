import type { DispatcherOptions, DispatchOutcome, EngineOptions } from "@overture/runtime";
import type { Logger } from "pino";
import type { Metrics } from "./metrics.ts";

/** The runtime options that report to the logger and the metrics: spread them into openOverture's options. */
export type RuntimeHooks = {
  engine: Pick<EngineOptions, "onError">;
  dispatcher: Pick<DispatcherOptions, "onError" | "onOutcome">;
  onIngested: (accepted: number) => void;
  /** For loops that catch their own errors (`overture worker`): logs and counts a failed pass. */
  onLoopError: (error: unknown, loop: "engine" | "dispatcher") => void;
};

/**
 * Hooks that make the runtime's failures loud: a failed engine pass or dispatcher batch is logged with its stack and
 * counted (each is retried by its loop, so it used to vanish); a dead letter is a warning, a retry a debug line.
 * The runtime knows nothing of pino or prom-client: it calls these plain functions.
 */
export function runtimeHooks(logger: Logger, metrics?: Metrics): RuntimeHooks {
  const onLoopError = (error: unknown, loop: "engine" | "dispatcher") => {
    metrics?.workerErrors.inc({ loop });
    logger.error({ err: error, loop }, `${loop} pass failed (retrying)`);
  };
  return {
    engine: { onError: (error) => onLoopError(error, "engine") },
    dispatcher: {
      onError: (error) => onLoopError(error, "dispatcher"),
      onOutcome: (outcome: DispatchOutcome) => {
        metrics?.observeDelivery(outcome);
        const line = {
          channel: outcome.channel,
          status: outcome.status,
          attempts: outcome.attempts,
          reason: outcome.error,
        };
        if (outcome.status === "dead") logger.warn(line, `delivery dead-lettered (${outcome.channel})`);
        else if (outcome.status === "pending") logger.debug(line, `delivery failed, will retry (${outcome.channel})`);
      },
    },
    onIngested: (accepted) => metrics?.eventsIngested.inc(accepted),
    onLoopError,
  };
}
