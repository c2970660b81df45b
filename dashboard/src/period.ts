// Reporting periods as the API reads them: 2024, 2024-Q3, 2024-6M, 2024-9M, 2024-03-01..2024-05-31.

/** The sub-periods of a year offered by the selector. */
export const PERIOD_KINDS = ["year", "Q1", "Q2", "Q3", "Q4", "6M", "9M"] as const;
/** One of PERIOD_KINDS. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const pad = (n: number): string => String(n).padStart(2, "0");
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period string of a year and kind: (2024, "Q3") → "2024-Q3". */
export function periodOf(year: number, kind: PeriodKind): string {
  return kind === "year" ? String(year) : `${year}-${kind}`;
}

/** The year and kind of a period string; a range gives its first year and "year". */
export function parsePeriod(period: string): { year: number; kind: PeriodKind } {
  const m = /^(\d{4})(?:-(Q[1-4]|6M|9M))?$/.exec(period);
  if (m) {
    return { year: Number(m[1]), kind: (m[2] as PeriodKind | undefined) ?? "year" };
  }
  return { year: Number(period.slice(0, 4)) || new Date().getFullYear(), kind: "year" };
}

/** First and last day of a period (YYYY-MM-DD), for the case lists' receivedFrom / receivedTo. */
export function periodRange(period: string): { from: string; to: string } {
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (range) {
    return { from: range[1]!, to: range[2]! };
  }
  const { year, kind } = parsePeriod(period);
  const [first, last] =
    kind === "year" ? [1, 12] : kind === "6M" ? [1, 6] : kind === "9M" ? [1, 9] : [(Number(kind[1]) - 1) * 3 + 1, Number(kind[1]) * 3];
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}

/** The twelve months of the period's year as range periods, for the monthly chart. */
export function monthsOf(period: string): { m1: string; m2: string; m3: string; m4: string; m5: string; m6: string; m7: string; m8: string; m9: string; m10: string; m11: string; m12: string } {
  const { year } = parsePeriod(period);
  const month = (m: number): string => `${year}-${pad(m)}-01..${year}-${pad(m)}-${pad(lastDay(year, m))}`;
  return { m1: month(1), m2: month(2), m3: month(3), m4: month(4), m5: month(5), m6: month(6), m7: month(7), m8: month(8), m9: month(9), m10: month(10), m11: month(11), m12: month(12) };
}

/** The months (1–12) a period covers, to highlight them on the monthly chart. */
export function monthSpan(period: string): [number, number] {
  const { from, to } = periodRange(period);
  return [Number(from.slice(5, 7)), Number(to.slice(5, 7))];
}

/** The current year in Vietnam: the default period. */
export function currentYear(): number {
  return new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
}
