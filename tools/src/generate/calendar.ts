import { addCalendarDays, addWorkingDays, fromEpochDay, isWorkingDay, toEpochDay } from "@tiepdan/kit";

import type { Random } from "./random";

/** The civil servants' working days of a period, to draw dates from, years weighted. */
export class WorkingDays {
  private readonly days: string[] = [];
  private readonly yearStart = new Map<number, number>();

  constructor(
    readonly first: string,
    readonly last: string,
    /** Relative weight of each year (how busy the offices were). */
    private readonly yearWeight: (year: number) => number,
  ) {
    for (let d = toEpochDay(first); d <= toEpochDay(last); d++) {
      const date = fromEpochDay(d);
      if (isWorkingDay(date)) {
        const year = Number(date.slice(0, 4));
        if (!this.yearStart.has(year)) {
          this.yearStart.set(year, this.days.length);
        }
        this.days.push(date);
      }
    }
  }

  /** Index of the first working day on or after `date`. */
  private lowerBound(date: string): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid]! < date) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A working day in [from, to] (null when there is none): a year by weight, then a day of it. */
  draw(random: Random, from: string, to: string): string | null {
    const a = this.lowerBound(from);
    const b = this.lowerBound(addCalendarDays(to, 1));
    if (a >= b) {
      return null;
    }
    const years: [number, number][] = [];
    for (const [year, start] of this.yearStart) {
      const end = this.yearStart.get(year + 1) ?? this.days.length;
      const inside = Math.min(end, b) - Math.max(start, a);
      if (inside > 0) {
        years.push([year, inside * this.yearWeight(year)]);
      }
    }
    const year = random.weighted(years);
    const start = Math.max(this.yearStart.get(year)!, a);
    const end = Math.min(this.yearStart.get(year + 1) ?? this.days.length, b);
    return this.days[random.int(start, end - 1)]!;
  }

  /** The working days of a month ("2019-03"), within the period. */
  ofMonth(month: string): string[] {
    const a = this.lowerBound(`${month}-01`);
    const b = this.lowerBound(`${month}-32`);
    return this.days.slice(a, b);
  }

  /** The months of the period ("2014-01" …) up to `until` (inclusive). */
  months(until = this.last): string[] {
    const out: string[] = [];
    for (let y = Number(this.first.slice(0, 4)); y <= Number(until.slice(0, 4)); y++) {
      for (let m = 1; m <= 12; m++) {
        const month = `${y}-${String(m).padStart(2, "0")}`;
        if (`${month}-31` >= this.first && `${month}-01` <= until) {
          out.push(month);
        }
      }
    }
    return out;
  }
}

/** `date` plus n working days. */
export const workingDaysAfter = (date: string, n: number): string => (n <= 0 ? date : addWorkingDays(date, n));

/** `date` plus n calendar days. */
export const daysAfter = (date: string, n: number): string => addCalendarDays(date, n);

/** Calendar days from a to b. */
export const daysFrom = (a: string, b: string): number => toEpochDay(b) - toEpochDay(a);

/** The later of two dates. */
export const later = (a: string, b: string): string => (a > b ? a : b);

/** The earlier of two dates. */
export const earlier = (a: string, b: string): string => (a < b ? a : b);
