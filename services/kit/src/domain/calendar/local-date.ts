// Civil dates in Vietnam as plain "YYYY-MM-DD" strings. All arithmetic goes through a day count
// (days since 1970-01-01) computed with integer formulas, so nothing here reads the process's time
// zone: results are the same on a server set to UTC, Asia/Ho_Chi_Minh or America/New_York.

/** A civil date in Vietnam written "YYYY-MM-DD" (ISO 8601 calendar date, no time, no zone). */
export type LocalDate = string;

/** Day of the week as JavaScript numbers it: 0 = Sunday, 1 = Monday, ... 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Vietnam's offset from UTC in hours: Asia/Ho_Chi_Minh is UTC+7 all year, with no daylight saving. */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The year, month (1–12) and day (1–31) of a date. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month of the Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Deadlines and calendars read the same few thousand dates over and over (each working day of a
// period is checked against the holidays): their parts are kept once read, frozen.
const PARTS_CACHE = new Map<string, Readonly<DateParts> | null>();
const PARTS_CACHE_MAX = 100_000;

function partsOf(text: string): Readonly<DateParts> | null {
  const cached = PARTS_CACHE.get(text);
  if (cached !== undefined) {
    return cached;
  }
  const parts = readParts(text);
  if (PARTS_CACHE.size >= PARTS_CACHE_MAX) {
    PARTS_CACHE.clear();
  }
  PARTS_CACHE.set(text, parts);
  return parts;
}

function readParts(text: string): Readonly<DateParts> | null {
  const match = LOCAL_DATE_PATTERN.exec(text);
  if (!match) {
    return null;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  return Object.freeze({ year, month, day });
}

/** True when `value` is a real Gregorian date written exactly "YYYY-MM-DD". */
export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === "string" && partsOf(value) !== null;
}

/** Checks a "YYYY-MM-DD" text and returns it as a LocalDate; throws a RangeError otherwise. */
export function parseLocalDate(text: string): LocalDate {
  if (!isLocalDate(text)) {
    throw new RangeError(`Not a date written YYYY-MM-DD: ${JSON.stringify(text)}`);
  }
  return text;
}

/** The year, month and day of a LocalDate; throws a RangeError when it is not a valid date. */
export function dateParts(date: LocalDate): DateParts {
  const parts = partsOf(date);
  if (!parts) {
    throw new RangeError(`Not a date written YYYY-MM-DD: ${JSON.stringify(date)}`);
  }
  return { ...parts };
}

/** Builds a LocalDate from its parts; throws a RangeError for a day that does not exist. */
export function localDate(year: number, month: number, day: number): LocalDate {
  const pad = (n: number, width: number): string => String(n).padStart(width, "0");
  return parseLocalDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

/** Days since 1970-01-01 (negative before); the inverse of `fromEpochDay`. */
export function toEpochDay(date: LocalDate): number {
  const parts = partsOf(date);
  if (!parts) {
    throw new RangeError(`Not a date written YYYY-MM-DD: ${JSON.stringify(date)}`);
  }
  const { year, month, day } = parts;
  // Howard Hinnant's days_from_civil: years start in March so the leap day comes last.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The LocalDate that is `epochDay` days after 1970-01-01; the inverse of `toEpochDay`. */
export function fromEpochDay(epochDay: number): LocalDate {
  if (!Number.isSafeInteger(epochDay)) {
    throw new RangeError(`Not a whole day number: ${epochDay}`);
  }
  // Howard Hinnant's civil_from_days.
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return localDate(year, month, day);
}

/** The date `n` calendar days after `date` (before it when `n` is negative). */
export function addCalendarDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) {
    throw new RangeError(`A number of days must be a whole number, got ${n}`);
  }
  return fromEpochDay(toEpochDay(date) + n);
}

/** Orders two dates: negative when a is earlier, 0 when equal, positive when a is later. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return Math.sign(toEpochDay(a) - toEpochDay(b));
}

/** Calendar days from a to b (b − a): 1 for consecutive days, negative when b is earlier. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Day of the week of a date: 0 = Sunday, 1 = Monday, ... 6 = Saturday. */
export function dayOfWeek(date: LocalDate): Weekday {
  // 1970-01-01 was a Thursday.
  return (((toEpochDay(date) + 4) % 7) + 7) % 7 as Weekday;
}

/** True for Saturday and Sunday, the weekly rest days of civil servants. */
export function isWeekend(date: LocalDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

/** Today's date in Vietnam (UTC+7, no daylight saving) at the instant `now`, whatever the machine's zone. */
export function vietnamToday(now: Date = new Date()): LocalDate {
  const time = now.getTime();
  if (Number.isNaN(time)) {
    throw new RangeError("vietnamToday: invalid Date");
  }
  return fromEpochDay(Math.floor((time + VIETNAM_UTC_OFFSET_HOURS * 3_600_000) / MS_PER_DAY));
}
