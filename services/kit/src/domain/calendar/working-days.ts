// Working days of civil servants: Monday to Friday except days off (holidays, compensation and
// swapped days), plus the Saturdays worked in exchange. Known from 2010-01-01 to 2035-12-31;
// anything outside throws a RangeError rather than guess.

import { CALENDAR_SUPPORTED_RANGE, holidayOn, isWorkingSaturday } from "./holidays";
import { type LocalDate, addCalendarDays, compareDates, dayOfWeek, parseLocalDate } from "./local-date";

function assertInRange(date: LocalDate): void {
  parseLocalDate(date);
  const { from, to } = CALENDAR_SUPPORTED_RANGE;
  if (compareDates(date, from) < 0 || compareDates(date, to) > 0) {
    throw new RangeError(`Working days are known from ${from} to ${to}; got ${date}`);
  }
}

/** True when civil servants work on `date`: Mon–Fri and not a day off, or a Saturday worked in a swap. */
export function isWorkingDay(date: LocalDate): boolean {
  assertInRange(date);
  const weekday = dayOfWeek(date);
  if (weekday === 0) {
    return false;
  }
  if (weekday === 6) {
    return isWorkingSaturday(date);
  }
  return holidayOn(date) === undefined;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: LocalDate): LocalDate {
  let next = addCalendarDays(date, 1);
  while (!isWorkingDay(next)) {
    next = addCalendarDays(next, 1);
  }
  return next;
}

/**
 * The last day of a period of `n` working days (n ≥ 1) that starts the day after `start`: the
 * event day itself never counts (Civil Code 2015 Art. 147). A petition received on Friday
 * 2025-01-24 with "10 working days" is due on the 10th working day after it, 2025-02-14.
 */
export function addWorkingDays(start: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`addWorkingDays counts at least 1 whole working day, got ${n}`);
  }
  assertInRange(start);
  let date = start;
  for (let counted = 0; counted < n; counted += 1) {
    date = nextWorkingDay(date);
  }
  return date;
}

/**
 * Working days in the interval (a, b]: a excluded, b included, so that
 * workingDaysBetween(d, addWorkingDays(d, n)) === n. Negative when b is before a.
 */
export function workingDaysBetween(a: LocalDate, b: LocalDate): number {
  assertInRange(a);
  assertInRange(b);
  if (compareDates(b, a) < 0) {
    return -workingDaysBetween(b, a);
  }
  let count = 0;
  for (let date = addCalendarDays(a, 1); compareDates(date, b) <= 0; date = addCalendarDays(date, 1)) {
    if (isWorkingDay(date)) {
      count += 1;
    }
  }
  return count;
}
