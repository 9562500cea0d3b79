import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger } from "pino";

/** Options of {@link createLogger}. */
export type LoggerOptions = {
  /** pino level: fatal, error, warn, info, debug, trace or silent. Default: LOG_LEVEL, else info. */
  level?: string;
  /** `json`: one JSON object a line (log shippers); `compact`: one short human line (a terminal). Default: compact on a TTY. */
  format?: "json" | "compact";
  /** Where lines go (default stdout); tests pass a collector. */
  destination?: { write(line: string): unknown };
};

/**
 * What is never written to a log, wherever it appears in a line's object (one or two levels deep): keys, tokens,
 * credentials, cookies and message bodies. Request lines carry none of these by construction; this is the net under it.
 */
export const REDACTED_PATHS = [
  "authorization",
  "cookie",
  "password",
  "token",
  "secret",
  "secretKey",
  "writeKey",
  "customerToken",
  "apiKey",
  "html",
  "text",
  "body",
  "headers",
].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/**
 * The process's one logger (pino). `overture serve` and `overture worker` make it once and hand it to the server and
 * to the runtime's error hooks; the runtime itself never imports pino.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? (process.env.LOG_LEVEL?.trim() || "info");
  const env = process.env.OVERTURE_LOG_FORMAT;
  const format =
    options.format ?? (env === "json" || env === "compact" ? env : process.stdout.isTTY ? "compact" : "json");
  const out = options.destination ?? process.stdout;
  const stream: DestinationStream =
    format === "compact"
      ? { write: (line: string) => out.write(compactLine(line)) }
      : { write: (line: string) => out.write(line) };
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.epochTime,
    },
    stream,
  );
}

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR", 60: "FATAL" };

/**
 * One JSON log line as a short human one: `14:03:07.412 INFO  GET /v1/events 202 3ms reqId=… workspaceId=…`, with an
 * error's stack on the lines below. Made here because pino-pretty is not a dependency; the JSON keeps every field.
 */
export function compactLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { level, time, msg, err, ...rest } = entry;
  const clock = typeof time === "number" ? new Date(time).toISOString().slice(11, 23) : "";
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  const stack =
    err && typeof err === "object" && "stack" in err ? `\n  ${String(err.stack).replaceAll("\n", "\n  ")}` : "";
  return `${clock} ${LEVELS[level as number] ?? String(level)} ${msg ?? ""}${fields ? ` ${fields}` : ""}${stack}\n`;
}
