import { GraphQLError, type GraphQLFormattedError } from "graphql";

/** Stable error codes that clients can rely on (`extensions.code`). */
export const ErrorCode = {
  NotFound: "NOT_FOUND",
  BadUserInput: "BAD_USER_INPUT",
  Internal: "INTERNAL_SERVER_ERROR",
} as const;

/** A record asked for by its code or id does not exist. */
export function notFound(what: string, key: string): GraphQLError {
  return new GraphQLError(`${what} "${key}" was not found`, {
    extensions: { code: ErrorCode.NotFound, what, key },
  });
}

/** One argument or input field is not acceptable; `field` names it for the client to highlight. */
export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, {
    extensions: { code: ErrorCode.BadUserInput, field },
  });
}

const CLIENT_CODES = new Set<string>([
  ErrorCode.NotFound,
  ErrorCode.BadUserInput,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  "CONFLICT",
  "INVALID_TRANSITION",
  "FORBIDDEN",
  "UNAUTHENTICATED",
]);

/**
 * Formats errors for clients: known client errors pass through; anything else (a bug, a database
 * failure) is masked as INTERNAL_SERVER_ERROR with the request id, never with a stack trace or SQL.
 */
export function formatClientError(
  formatted: GraphQLFormattedError,
  requestId?: string,
): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? ErrorCode.Internal);
  if (CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code } };
  }
  return {
    message: "Internal server error" + (requestId ? ` (request ${requestId})` : ""),
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.Internal, ...(requestId ? { requestId } : {}) },
  };
}

/** One rejected input field: `field` is a path such as "petitioners[0].citizenId". */
export interface FieldError {
  field: string;
  message: string;
}

/** The input was rejected field by field; nothing was changed. */
export function invalidInput(errors: FieldError[]): GraphQLError {
  const first = errors[0];
  const summary = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
  return new GraphQLError(`Invalid input: ${summary}`, {
    extensions: { code: ErrorCode.BadUserInput, field: first?.field, fieldErrors: errors },
  });
}

/** Someone else changed the record first (optimistic locking). */
export function conflict(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "CONFLICT", ...details } });
}
