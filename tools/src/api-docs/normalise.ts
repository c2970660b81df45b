/**
 * Stable placeholders for the values that change from one run to the next, so that docs/api.md is
 * the same file for the same examples and code:
 *
 * - UUIDs (case, petition, session, leader ids, generated request ids), wherever they occur in a
 *   string, become `<uuid-1>`, `<uuid-2>`, … in order of first appearance in the document, the same
 *   UUID always the same placeholder (so a captured id reads the same in a later request);
 * - opaque list cursors (they encode a UUID) become `<cursor-1>`, …;
 * - date-times (`CaseEvent.at`) become `<timestamp>`;
 * - `daysLeft` and `daysLate`, which count days from the day of the run, become `<days-left>` and
 *   `<days-late>` (null stays null).
 */
export class Placeholders {
  private readonly uuids = new Map<string, string>();
  private readonly cursors = new Map<string, string>();

  /** A deep copy of `value` with the volatile values replaced. */
  normalise<T>(value: T): T {
    return this.visit(value, null) as T;
  }

  private visit(value: unknown, key: string | null): unknown {
    if (key === "daysLeft" && typeof value === "number") {
      return "<days-left>";
    }
    if (key === "daysLate" && typeof value === "number") {
      return "<days-late>";
    }
    if (typeof value === "string") {
      return this.text(value);
    }
    if (Array.isArray(value)) {
      return value.map((v) => this.visit(v, null));
    }
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.visit(v, k)]));
    }
    return value;
  }

  /** A string with its volatile parts replaced. */
  text(value: string): string {
    if (TIMESTAMP.test(value)) {
      return "<timestamp>";
    }
    if (isCursor(value)) {
      let placeholder = this.cursors.get(value);
      if (!placeholder) {
        placeholder = `<cursor-${this.cursors.size + 1}>`;
        this.cursors.set(value, placeholder);
      }
      return placeholder;
    }
    return value.replace(UUID, (uuid) => {
      const key = uuid.toLowerCase();
      let placeholder = this.uuids.get(key);
      if (!placeholder) {
        placeholder = `<uuid-${this.uuids.size + 1}>`;
        this.uuids.set(key, placeholder);
      }
      return placeholder;
    });
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const BASE64URL = /^[A-Za-z0-9_-]{24,}={0,2}$/;

/** An opaque cursor: base64(url) text that decodes to something holding a UUID. */
function isCursor(value: string): boolean {
  if (!BASE64URL.test(value)) {
    return false;
  }
  const decoded = Buffer.from(value, "base64url").toString("utf8");
  return new RegExp(UUID.source, "i").test(decoded);
}

/**
 * Masks what depends on the day the document is generated rather than on the code: whether an
 * open case is `overdue` and whether a month has ended. Used to compare a fresh run with the
 * committed file on any later day.
 */
export function maskClock(markdown: string): string {
  return markdown.replace(/("(?:overdue|monthEnded)": )(true|false)/g, "$1<clock>");
}
