import pino, { type Logger } from "pino";

export type { Logger } from "pino";

/** Creates the structured (JSON) logger of a service; level from `LOG_LEVEL` (default info). */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Callers' identity headers and citizens' data must never reach the logs in clear.
    redact: { paths: ["req.headers.authorization", "caller.name", "*.citizenId"], censor: "[redacted]" },
  });
}
