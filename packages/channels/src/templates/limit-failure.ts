import { PermanentError, TransientError } from "@overture/runtime";
import { RENDER_TIME_REFUSAL, type TemplateRefusal } from "./template-sandbox.ts";

/** How soon a render refused for time is tried again. */
const RETRY_RENDER_AFTER_MS = 1_000;

/**
 * The failure of a delivery whose template the sandbox refused over a limit (`template_limit`). The time limit counts
 * wall time, and a delivery renders on a thread it shares with the engine's batches, the HTTP server and other renders:
 * under load a good template can run out of time once. So a first attempt refused for time is retried (after a
 * second), and only a second refusal, or a refusal over any other limit (length, memory, output: the same whatever
 * the load), is a dead letter.
 */
export function templateLimitFailure(
  refusal: TemplateRefusal,
  message: string,
  attempt: number,
): PermanentError | TransientError {
  if (refusal.message.startsWith(RENDER_TIME_REFUSAL) && attempt <= 1)
    return new TransientError(
      "template_limit",
      `${message} (retried once: the time limit counts a busy thread's wait)`,
      RETRY_RENDER_AFTER_MS,
    );
  return new PermanentError("template_limit", message);
}
