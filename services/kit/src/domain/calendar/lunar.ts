// The Vietnamese lunisolar calendar (âm lịch), computed from astronomy for Vietnam's time zone.
//
// The rules, as Hồ Ngọc Đức sets them out in his published description of the calendar:
// 1. A lunar month begins on the civil day (in UTC+7) on which a new moon occurs.
// 2. The 11th month is the one containing the winter solstice (the Sun at longitude 270°).
// 3. When 13 new moons begin between one 11th month and the next, one month of that span is leap:
//    the first one after the 11th month during which the Sun crosses no multiple of 30° of
//    longitude (no "major solar term", trung khí). It takes the number of the month before it.
// New moons and the Sun's longitude come from Meeus (see astronomy.ts); the code is written from
// those rules, not taken from any existing package.
//
// The time zone matters: China's calendar applies the same rules at UTC+8 and disagrees with
// Vietnam's whenever a new moon falls between 23:00 and 24:00 Vietnam time (Tết 2007, 2030), and
// by a whole month when that moves the 11th month (Tết 1985).

import {
  JULIAN_DAY_OF_UNIX_EPOCH,
  SYNODIC_MONTH,
  newMoonJulianDayUT,
  sunApparentLongitude,
} from "./astronomy";
import {
  type LocalDate,
  VIETNAM_UTC_OFFSET_HOURS,
  dateParts,
  fromEpochDay,
  localDate,
  toEpochDay,
} from "./local-date";

/** A date of the lunar calendar: `year` is the Gregorian year in which that lunar year began. */
export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** True for the leap (intercalary, nhuận) month that repeats `month`. */
  leap: boolean;
}

/** First and last Gregorian years for which lunar dates are computed. */
export const LUNAR_SUPPORTED_YEARS = { from: 1900, to: 2100 } as const;

// One lunar month as a run of civil days (epoch-day numbers).
interface LunarMonthSpan {
  /** Epoch day of the first day of the month. */
  start: number;
  /** Number of days in the month: 29 or 30. */
  length: number;
  month: number;
  year: number;
  leap: boolean;
}

const UNIX_EPOCH_JULIAN_DAY_NUMBER = JULIAN_DAY_OF_UNIX_EPOCH + 0.5;

/** Epoch day of the civil day (in the zone `offsetHours` from UTC) on which lunation k begins. */
function newMoonEpochDay(k: number, offsetHours: number): number {
  const localJulianDay = newMoonJulianDayUT(k) + offsetHours / 24;
  return Math.floor(localJulianDay + 0.5) - UNIX_EPOCH_JULIAN_DAY_NUMBER;
}

/** The Sun's longitude at the local midnight that begins civil day `epochDay`. */
function sunLongitudeAtStartOf(epochDay: number, offsetHours: number): number {
  const julianDayUT = epochDay + JULIAN_DAY_OF_UNIX_EPOCH - offsetHours / 24;
  return sunApparentLongitude(julianDayUT);
}

/** Index of the lunation that begins on or before `epochDay` (approximate, corrected by the caller). */
function approximateLunation(epochDay: number): number {
  const julianDay = epochDay + JULIAN_DAY_OF_UNIX_EPOCH;
  return Math.floor((julianDay - 2_451_550.09766) / SYNODIC_MONTH);
}

/** The lunation k whose month contains civil day `epochDay`. */
function lunationContaining(epochDay: number, offsetHours: number): number {
  let k = approximateLunation(epochDay);
  while (newMoonEpochDay(k, offsetHours) > epochDay) {
    k -= 1;
  }
  while (newMoonEpochDay(k + 1, offsetHours) <= epochDay) {
    k += 1;
  }
  return k;
}

/** Signed angle from 270° to a longitude, in (−180, 180]: negative before the winter solstice. */
function degreesPastSolstice(longitude: number): number {
  const d = (((longitude - 270) % 360) + 360) % 360;
  return d > 180 ? d - 360 : d;
}

/** The lunation k that is the 11th month of the Gregorian year `year` (it holds December's solstice). */
function eleventhMonthLunation(year: number, offsetHours: number): number {
  const solsticeEve = toEpochDay(localDate(year, 12, 21));
  const k = lunationContaining(solsticeEve, offsetHours);
  // The solstice is on 20–23 December: the month holding it is this one, the next or the previous.
  const pastSolsticeAtStart = (lunation: number): number =>
    degreesPastSolstice(sunLongitudeAtStartOf(newMoonEpochDay(lunation, offsetHours), offsetHours));
  for (const candidate of [k, k + 1, k - 1]) {
    if (pastSolsticeAtStart(candidate) < 0 && pastSolsticeAtStart(candidate + 1) >= 0) {
      return candidate;
    }
  }
  throw new Error(`No lunar month holds the winter solstice of ${year}`);
}

/** Index of the major solar term (0–11, one per 30° of longitude) in force at the start of a month. */
function majorTermAtStartOf(k: number, offsetHours: number): number {
  return Math.floor(sunLongitudeAtStartOf(newMoonEpochDay(k, offsetHours), offsetHours) / 30);
}

const spanCache = new Map<string, LunarMonthSpan[]>();

/**
 * The lunar months from the 11th month that holds the solstice of December `year − 1` up to (not
 * including) the 11th month of December `year`: months 11 and 12 of lunar year `year − 1`, then
 * months 1 to 10 of lunar year `year`, with a leap month among them when there are 13.
 */
function monthsEndingInYear(year: number, offsetHours: number): LunarMonthSpan[] {
  const key = `${year}@${offsetHours}`;
  const cached = spanCache.get(key);
  if (cached) {
    return cached;
  }
  const first = eleventhMonthLunation(year - 1, offsetHours);
  const next = eleventhMonthLunation(year, offsetHours);
  const count = next - first;
  let leapOffset = -1;
  if (count === 13) {
    // The first month, after the 11th, in which the Sun enters no new 30° sign.
    for (let i = 1; i < 13; i += 1) {
      if (majorTermAtStartOf(first + i, offsetHours) === majorTermAtStartOf(first + i + 1, offsetHours)) {
        leapOffset = i;
        break;
      }
    }
  }
  if ((count !== 12 && count !== 13) || (count === 13 && leapOffset < 0)) {
    throw new Error(`Lunar months ending in ${year}: ${count} months, leap month at ${leapOffset}`);
  }
  const months: LunarMonthSpan[] = [];
  let number = 11;
  let lunarYear = year - 1;
  for (let i = 0; i < count; i += 1) {
    const leap = i === leapOffset;
    if (i > 0 && !leap) {
      number = number === 12 ? 1 : number + 1;
      if (number === 1) {
        lunarYear = year;
      }
    }
    const start = newMoonEpochDay(first + i, offsetHours);
    const length = newMoonEpochDay(first + i + 1, offsetHours) - start;
    months.push({ start, length, month: number, year: lunarYear, leap });
  }
  spanCache.set(key, months);
  return months;
}

function assertSupportedYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < LUNAR_SUPPORTED_YEARS.from || year > LUNAR_SUPPORTED_YEARS.to) {
    throw new RangeError(
      `${what}: the lunar calendar is computed for ` +
        `${LUNAR_SUPPORTED_YEARS.from}–${LUNAR_SUPPORTED_YEARS.to}, got ${year}`,
    );
  }
}

/** Lunar date of a civil date in the calendar kept at `offsetHours` from UTC (China's: 8); for comparisons. */
export function lunarFromSolarAtOffset(date: LocalDate, offsetHours: number): LunarDate {
  const { year } = dateParts(date);
  assertSupportedYear(year, "lunarFromSolar");
  const epochDay = toEpochDay(date);
  // Months 1–10 of lunar year Y and the 11th/12th of Y − 1 lie in the span ending in December Y;
  // a date in late December may already be in the span ending in December Y + 1.
  for (const spanYear of [year, year + 1]) {
    for (const span of monthsEndingInYear(spanYear, offsetHours)) {
      if (epochDay >= span.start && epochDay < span.start + span.length) {
        return { day: epochDay - span.start + 1, month: span.month, year: span.year, leap: span.leap };
      }
    }
  }
  throw new Error(`No lunar month found for ${date}`);
}

/** Civil date of a lunar date in the calendar kept at `offsetHours` from UTC (China's: 8); for comparisons. */
export function solarFromLunarAtOffset(lunar: LunarDate, offsetHours: number): LocalDate {
  const { day, month, year, leap } = lunar;
  assertSupportedYear(year, "solarFromLunar");
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) {
    throw new RangeError(`Not a lunar date: day ${day}, month ${month}`);
  }
  // Months 1–10 of lunar year Y are in the span ending in December Y; months 11–12 in the next.
  const spanYear = month >= 11 ? year + 1 : year;
  const span = monthsEndingInYear(spanYear, offsetHours).find(
    (m) => m.month === month && m.leap === leap && m.year === year,
  );
  if (!span) {
    throw new RangeError(`Lunar year ${year} has no ${leap ? "leap " : ""}month ${month}`);
  }
  if (day > span.length) {
    const name = `Lunar month ${month}${leap ? " (leap)" : ""} of ${year}`;
    throw new RangeError(`${name} has ${span.length} days, not ${day}`);
  }
  return fromEpochDay(span.start + day - 1);
}

/** The lunar date (Vietnamese calendar, UTC+7) of a civil date. */
export function lunarFromSolar(date: LocalDate): LunarDate {
  return lunarFromSolarAtOffset(date, VIETNAM_UTC_OFFSET_HOURS);
}

/** The civil date of a Vietnamese (UTC+7) lunar date; throws a RangeError if there is no such day. */
export function solarFromLunar(lunar: LunarDate): LocalDate {
  return solarFromLunarAtOffset(lunar, VIETNAM_UTC_OFFSET_HOURS);
}

/** Tết: the civil date of the 1st day of the 1st lunar month of `year` (Vietnamese calendar, UTC+7). */
export function lunarNewYear(year: number): LocalDate {
  return solarFromLunar({ day: 1, month: 1, year, leap: false });
}
