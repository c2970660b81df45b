// Public holidays of Vietnam for civil servants (Monday–Friday workers), year by year.
//
// Two layers:
// 1. The rules of the Labour Code in force on the holiday's date (see HOLIDAY_LAWS), with a default
//    for the days the Prime Minister fixes each year (which Tết days, which day next to 2/9), and
//    compensation: a holiday that falls on a Saturday or Sunday (or on another holiday) is made up
//    on the next working day (Labour Code 45/2019/QH14 Art. 111(3); the earlier Codes agree).
// 2. ANNOUNCED_SCHEDULES: the schedules the government actually announced for civil servants,
//    including days off swapped with a Saturday worked. For every occasion a year's schedule
//    covers, it replaces the rules' days (and their compensation days) entirely.

import {
  type LocalDate,
  addCalendarDays,
  compareDates,
  dateParts,
  dayOfWeek,
  isWeekend,
  localDate,
} from "./local-date";
import { lunarNewYear, solarFromLunar } from "./lunar";

/** The occasions of Labour Code 45/2019/QH14 Art. 112(1). */
export type HolidayOccasion =
  | "NEW_YEAR"
  | "TET"
  | "HUNG_KINGS"
  | "VICTORY_DAY"
  | "LABOUR_DAY"
  | "NATIONAL_DAY";

/**
 * Why a day is off: the holiday itself, a compensation day for a holiday on a weekend, or a
 * weekday given off in exchange for a Saturday worked (civil servants' swaps).
 */
export type HolidayKind = "holiday" | "compensation" | "swap";

/** A weekday off for civil servants that is not an ordinary weekend. */
export interface Holiday {
  date: LocalDate;
  name: string;
  nameVi: string;
  occasion: HolidayOccasion;
  kind: HolidayKind;
}

/** One version of the Labour Code's list of public holidays. */
export interface HolidayLaw {
  law: string;
  article: string;
  /** First day the version applies; absent for the version in force before the supported range. */
  validFrom?: LocalDate;
  /** Days of Tết. */
  tetDays: number;
  /** Days of National Day (2/9 alone, or 2/9 and an adjacent day). */
  nationalDayDays: number;
}

/**
 * The versions of the holiday list, oldest first. Cases from ten years back are judged by the
 * calendar of their time: 9 days a year until 30 April 2013, 10 until 2020 (Tết grows to 5 days),
 * 11 from 2021 (a second National Day). Each occasion follows the version in force on its date.
 */
export const HOLIDAY_LAWS: readonly HolidayLaw[] = Object.freeze([
  {
    law: "Labour Code 1994 (as amended in 2007)",
    article: "Art. 73",
    tetDays: 4,
    nationalDayDays: 1,
  },
  {
    law: "Labour Code 10/2012/QH13",
    article: "Art. 115",
    validFrom: "2013-05-01",
    tetDays: 5,
    nationalDayDays: 1,
  },
  {
    law: "Labour Code 45/2019/QH14",
    article: "Art. 112",
    validFrom: "2021-01-01",
    tetDays: 5,
    nationalDayDays: 2,
  },
]);

/** Years for which holidays and working days are known: 2010 to 2035. */
export const CALENDAR_SUPPORTED_RANGE = { from: "2010-01-01", to: "2035-12-31" } as const;

/** A weekday given off in exchange for a Saturday worked. */
export interface DaySwap {
  dayOff: LocalDate;
  workedSaturday: LocalDate;
}

/** One announced break: its first and last day (weekends included) and any swaps it needs. */
export interface AnnouncedBreak {
  occasions: readonly HolidayOccasion[];
  from: LocalDate;
  to: LocalDate;
  swaps?: readonly DaySwap[];
}

/** The schedule announced for civil servants for one year; occasions it leaves out follow the rules. */
export interface AnnouncedSchedule {
  year: number;
  breaks: readonly AnnouncedBreak[];
}

/**
 * Schedules announced for civil servants (on the Prime Minister's decision, notified each year by
 * the ministry in charge of labour/home affairs), as listed in the project's DOMAIN.md. They must be
 * updated every year when the schedule is announced (usually in the autumn of the year before):
 * until then the rules' defaults apply. Only entries confirmed by DOMAIN.md are in the table.
 */
export const ANNOUNCED_SCHEDULES: readonly AnnouncedSchedule[] = Object.freeze([
  {
    year: 2024,
    breaks: [
      { occasions: ["TET"], from: "2024-02-08", to: "2024-02-14" },
      {
        occasions: ["VICTORY_DAY", "LABOUR_DAY"],
        from: "2024-04-27",
        to: "2024-05-01",
        swaps: [{ dayOff: "2024-04-29", workedSaturday: "2024-05-04" }],
      },
      { occasions: ["NATIONAL_DAY"], from: "2024-08-31", to: "2024-09-03" },
    ],
  },
  {
    year: 2025,
    breaks: [
      { occasions: ["TET"], from: "2025-01-25", to: "2025-02-02" },
      {
        occasions: ["VICTORY_DAY", "LABOUR_DAY"],
        from: "2025-04-30",
        to: "2025-05-04",
        swaps: [{ dayOff: "2025-05-02", workedSaturday: "2025-04-26" }],
      },
      { occasions: ["NATIONAL_DAY"], from: "2025-08-30", to: "2025-09-02" },
    ],
  },
  {
    year: 2026,
    breaks: [
      {
        occasions: ["NEW_YEAR"],
        from: "2026-01-01",
        to: "2026-01-04",
        swaps: [{ dayOff: "2026-01-02", workedSaturday: "2026-01-10" }],
      },
      { occasions: ["TET"], from: "2026-02-14", to: "2026-02-22" },
      { occasions: ["HUNG_KINGS"], from: "2026-04-26", to: "2026-04-27" },
    ],
  },
]);

const NAMES: Record<HolidayOccasion, { name: string; nameVi: string }> = {
  NEW_YEAR: { name: "New Year's Day", nameVi: "Tết Dương lịch" },
  TET: { name: "Lunar New Year (Tết)", nameVi: "Tết Âm lịch" },
  HUNG_KINGS: { name: "Hùng Kings' Commemoration Day", nameVi: "Giỗ Tổ Hùng Vương" },
  VICTORY_DAY: { name: "Victory Day (30 April)", nameVi: "Ngày Chiến thắng" },
  LABOUR_DAY: { name: "International Labour Day", nameVi: "Ngày Quốc tế lao động" },
  NATIONAL_DAY: { name: "National Day", nameVi: "Quốc khánh" },
};

/** The version of the holiday list in force on a date. */
export function holidayLawOn(date: LocalDate): HolidayLaw {
  let inForce = HOLIDAY_LAWS[0]!;
  for (const law of HOLIDAY_LAWS) {
    if (!law.validFrom || compareDates(law.validFrom, date) <= 0) {
      inForce = law;
    }
  }
  return inForce;
}

/**
 * The day next to 2/9 that the rules give when the year's schedule is not announced. The Prime
 * Minister picks it each year; this default joins the break to a weekend when one side allows it,
 * which reproduces every choice made since the second day was introduced (2021 Thursday → 3/9,
 * 2022 Friday → 1/9, 2024 Monday → 3/9, 2025 Tuesday → 1/9): 3/9 when 2/9 is a Sunday, Monday or
 * Thursday, otherwise 1/9 (for a Wednesday neither side reaches a weekend and 1/9 is kept).
 */
export function nationalDayAdjacentDay(year: number): LocalDate {
  const weekday = dayOfWeek(localDate(year, 9, 2));
  return weekday === 0 || weekday === 1 || weekday === 4 ? localDate(year, 9, 3) : localDate(year, 9, 1);
}

/**
 * The Tết days the rules give when the year's schedule is not announced: the last day of the old
 * lunar year (29th or 30th of the 12th month) and the first days of the new one, as many as the law
 * allows (5 in all since the 2012 Code, 4 before). This is the customary split; the Prime Minister's
 * decision for the year overrides it (e.g. 2024 and 2025 both started on the 29th/28th of the 12th month).
 */
export function defaultTetDays(year: number): LocalDate[] {
  const newYearsDay = lunarNewYear(year);
  const count = holidayLawOn(newYearsDay).tetDays;
  return Array.from({ length: count }, (_, i) => addCalendarDays(newYearsDay, i - 1));
}

function holiday(date: LocalDate, occasion: HolidayOccasion, kind: HolidayKind = "holiday"): Holiday {
  return { date, occasion, kind, ...NAMES[occasion] };
}

/** The holidays the law gives for a year, on their own dates (some may fall on a weekend). */
function statutoryHolidays(year: number): Holiday[] {
  const days: Holiday[] = [
    holiday(localDate(year, 1, 1), "NEW_YEAR"),
    ...defaultTetDays(year).map((date) => holiday(date, "TET")),
    holiday(solarFromLunar({ day: 10, month: 3, year, leap: false }), "HUNG_KINGS"),
    holiday(localDate(year, 4, 30), "VICTORY_DAY"),
    holiday(localDate(year, 5, 1), "LABOUR_DAY"),
    holiday(localDate(year, 9, 2), "NATIONAL_DAY"),
  ];
  if (holidayLawOn(localDate(year, 9, 2)).nationalDayDays === 2) {
    days.push({
      ...holiday(nationalDayAdjacentDay(year), "NATIONAL_DAY"),
      name: "National Day (adjacent day)",
      nameVi: "Quốc khánh (ngày liền kề)",
    });
  }
  return days.sort((a, b) => compareDates(a.date, b.date));
}

/** Weekdays off by the rules alone: holidays on weekdays plus compensation days. */
function ruleDaysOff(statutory: readonly Holiday[], alreadyOff: ReadonlySet<LocalDate>): Holiday[] {
  const taken = new Set<LocalDate>(alreadyOff);
  const result: Holiday[] = [];
  const needCompensation: Holiday[] = [];
  for (const day of statutory) {
    if (isWeekend(day.date) || taken.has(day.date)) {
      needCompensation.push(day);
    } else {
      taken.add(day.date);
      result.push(day);
    }
  }
  for (const day of needCompensation) {
    let date = addCalendarDays(day.date, 1);
    while (isWeekend(date) || taken.has(date)) {
      date = addCalendarDays(date, 1);
    }
    taken.add(date);
    result.push({
      date,
      occasion: day.occasion,
      kind: "compensation",
      name: `Compensation day for ${day.name}`,
      nameVi: `Nghỉ bù ${day.nameVi}`,
    });
  }
  return result;
}

function formatVi(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

interface YearCalendar {
  holidays: Holiday[];
  byDate: Map<LocalDate, Holiday>;
  workingSaturdays: Set<LocalDate>;
}

const yearCache = new Map<number, YearCalendar>();

function assertSupportedYear(year: number): void {
  const first = dateParts(CALENDAR_SUPPORTED_RANGE.from).year;
  const last = dateParts(CALENDAR_SUPPORTED_RANGE.to).year;
  if (!Number.isInteger(year) || year < first || year > last) {
    throw new RangeError(
      `Holidays are known from ${CALENDAR_SUPPORTED_RANGE.from} to ` +
        `${CALENDAR_SUPPORTED_RANGE.to}; got year ${year}`,
    );
  }
}

function announcedDaysOff(schedule: AnnouncedSchedule, rules: readonly Holiday[]): Holiday[] {
  const ruleByDate = new Map(rules.map((h) => [h.date, h]));
  const result: Holiday[] = [];
  for (const announced of schedule.breaks) {
    const swaps = new Map((announced.swaps ?? []).map((s) => [s.dayOff, s]));
    for (const swap of swaps.values()) {
      if (dayOfWeek(swap.workedSaturday) !== 6) {
        throw new Error(`Announced schedule ${schedule.year}: ${swap.workedSaturday} is not a Saturday`);
      }
    }
    for (let date = announced.from; compareDates(date, announced.to) <= 0; date = addCalendarDays(date, 1)) {
      if (isWeekend(date)) {
        continue;
      }
      const swap = swaps.get(date);
      const rule = ruleByDate.get(date);
      const occasion = announced.occasions[0]!;
      if (swap) {
        result.push({
          date,
          occasion,
          kind: "swap",
          name: `Day off swapped with Saturday ${swap.workedSaturday}`,
          nameVi: `Nghỉ hoán đổi (làm bù thứ Bảy ${formatVi(swap.workedSaturday)})`,
        });
      } else if (rule && announced.occasions.includes(rule.occasion)) {
        result.push(rule);
      } else {
        result.push(holiday(date, occasion));
      }
    }
    for (const swap of swaps.keys()) {
      if (!result.some((h) => h.date === swap && h.kind === "swap")) {
        throw new Error(
          `Announced schedule ${schedule.year}: swapped day ${swap} is not a weekday of its break`,
        );
      }
    }
  }
  return result;
}

/** Days off decided for a year: its announced schedule and the rules for the occasions it leaves out. */
function daysOffDecidedFor(year: number): Holiday[] {
  const statutory = statutoryHolidays(year);
  const schedule = ANNOUNCED_SCHEDULES.find((s) => s.year === year);
  if (!schedule) {
    return ruleDaysOff(statutory, new Set());
  }
  const announcedOccasions = new Set(schedule.breaks.flatMap((b) => b.occasions));
  // The rules' own result for the announced occasions serves only to name the announced days.
  const announced = announcedDaysOff(schedule, ruleDaysOff(statutory, new Set()));
  const others = ruleDaysOff(
    statutory.filter((h) => !announcedOccasions.has(h.occasion)),
    new Set(announced.map((h) => h.date)),
  );
  return [...announced, ...others];
}

function calendarOf(year: number): YearCalendar {
  assertSupportedYear(year);
  const cached = yearCache.get(year);
  if (cached) {
    return cached;
  }
  // An announced break may cross New Year (e.g. a Monday 31 December swapped for a January
  // Saturday), so neighbouring years' schedules can contribute days; the rules never do.
  const neighbours = ANNOUNCED_SCHEDULES.filter((s) => s.year === year - 1 || s.year === year + 1);
  const holidays = [year, ...neighbours.map((s) => s.year)]
    .flatMap(daysOffDecidedFor)
    .filter((h) => dateParts(h.date).year === year)
    .sort((a, b) => compareDates(a.date, b.date));
  const workingSaturdays = new Set(
    ANNOUNCED_SCHEDULES.flatMap((s) => s.breaks)
      .flatMap((b) => b.swaps ?? [])
      .map((swap) => swap.workedSaturday)
      .filter((date) => dateParts(date).year === year),
  );
  const byDate = new Map(holidays.map((h) => [h.date, h]));
  const calendar: YearCalendar = { holidays, byDate, workingSaturdays };
  yearCache.set(year, calendar);
  return calendar;
}

/**
 * The days off of a year that are not ordinary weekends (holidays, compensation and swapped days),
 * sorted by date: the announced schedule where there is one, the rules elsewhere.
 */
export function holidaysOf(year: number): Holiday[] {
  return calendarOf(year).holidays.map((h) => ({ ...h }));
}

/** The Saturdays civil servants work in exchange for a weekday off, sorted by date. */
export function workingSaturdaysOf(year: number): LocalDate[] {
  return [...calendarOf(year).workingSaturdays].sort(compareDates);
}

/** The holiday, compensation or swapped day off on a date, if any (weekends are not listed). */
export function holidayOn(date: LocalDate): Holiday | undefined {
  const found = calendarOf(dateParts(date).year).byDate.get(date);
  return found ? { ...found } : undefined;
}

/** True for a Saturday that civil servants work in exchange for a weekday off. */
export function isWorkingSaturday(date: LocalDate): boolean {
  return calendarOf(dateParts(date).year).workingSaturdays.has(date);
}
