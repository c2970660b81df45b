import { DISTRICTS_ABOLISHED_FROM, type Level } from "../config";
import { isLocalDate, vietnamToday } from "../domain/calendar/local-date";
import { type FieldError, invalidInput } from "../errors";

/** True for a real calendar date written YYYY-MM-DD (the calendar's own check, which keeps the dates it has read). */
export function isValidDate(value: string): boolean {
  return isLocalDate(value);
}

/** Characters as people count them (code points): a text without surrogate pairs is its length. */
function codePoints(text: string): number {
  if (!/[\uD800-\uDFFF]/.test(text)) {
    return text.length;
  }
  let n = 0;
  for (const _ of text) {
    n += 1;
  }
  return n;
}

/** Today in Vietnam (UTC+7, no daylight saving), whatever the server's time zone. */
export const todayInVietnam = (now: Date = new Date()): string => vietnamToday(now);

/** A UUID as PostgreSQL stores it (any version), lower or upper case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Earliest date the platform accepts (the working-day calendar starts in 2010). */
export const EARLIEST_DATE = "2010-01-01";

/**
 * Collects every problem of an input before anything is written, so a client can show all of them
 * at once; `throwIfAny` raises one BAD_USER_INPUT error listing them (`extensions.fieldErrors`).
 */
export class Validator {
  readonly errors: FieldError[] = [];

  constructor(private readonly today: string = todayInVietnam()) {}

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  text(field: string, value: string | null | undefined, options: { required?: boolean; max: number; min?: number }): void {
    if (value === undefined || value === null) {
      if (options.required) {
        this.add(field, "is required");
      }
      return;
    }
    const length = codePoints(value.normalize("NFC").trim());
    if (options.required && length === 0) {
      this.add(field, "must not be empty");
    } else if (length > options.max) {
      this.add(field, `must be at most ${options.max} characters (got ${length})`);
    } else if (options.min !== undefined && length < options.min) {
      this.add(field, `must be at least ${options.min} characters`);
    }
  }

  /** A past or present date (not in the future in Vietnam, not before 2010). */
  pastDate(field: string, value: string | null | undefined, required = true): void {
    if (value === undefined || value === null) {
      if (required) {
        this.add(field, "is required");
      }
      return;
    }
    if (!isValidDate(value)) {
      this.add(field, `"${value}" is not a date (YYYY-MM-DD)`);
    } else if (value > this.today) {
      this.add(field, `must not be in the future (today is ${this.today} in Vietnam)`);
    } else if (value < EARLIEST_DATE) {
      this.add(field, `must be on or after ${EARLIEST_DATE}`);
    }
  }

  /** A district body's record dated after the 2025 reform: districts no longer exist then. */
  levelExisted(field: string, level: Level, value: string | null | undefined): void {
    const flagged = this.errors.some((e) => e.field === field);
    if (!flagged && level === "district" && value && isValidDate(value) && value >= DISTRICTS_ABOLISHED_FROM) {
      this.add(field, `districts were abolished on ${DISTRICTS_ABOLISHED_FROM}: record it at the province or commune level`);
    }
  }

  /** Citizen ID number: 12 digits (CCCD) or the older 9-digit ID card (CMND). */
  citizenId(field: string, value: string | null | undefined): void {
    if (value && !/^(\d{9}|\d{12})$/.test(value)) {
      this.add(field, "must be a 12-digit citizen ID number (CCCD) or a 9-digit ID card number (CMND)");
    }
  }

  /** Vietnamese phone number: 0xxxxxxxxx or +84xxxxxxxxx (spaces and dots allowed). */
  phone(field: string, value: string | null | undefined): void {
    if (value && !/^(0|\+84)\d{9,10}$/.test(value.replace(/[\s.]/g, ""))) {
      this.add(field, "must be a Vietnamese phone number such as 0912345678 or +84912345678");
    }
  }

  int(field: string, value: number | null | undefined, min: number, max: number): void {
    if (value !== undefined && value !== null && (!Number.isInteger(value) || value < min || value > max)) {
      this.add(field, `must be a whole number from ${min} to ${max}`);
    }
  }

  amount(field: string, value: number | null | undefined, max: number): void {
    if (value !== undefined && value !== null && (!Number.isFinite(value) || value < 0 || value > max)) {
      this.add(field, `must be between 0 and ${max}`);
    }
  }

  throwIfAny(): void {
    if (this.errors.length > 0) {
      throw invalidInput(this.errors);
    }
  }
}

/** Normalises a phone number for storage: digits with a leading 0 or +84. */
export function normalizePhone(value: string): string {
  return value.replace(/[\s.]/g, "");
}
