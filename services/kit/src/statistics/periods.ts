import { isValidDate } from "../cases/validation";

/** A reporting period: both days included. */
export interface Period {
  from: string;
  to: string;
  /** How it was written: "2024", "2024-Q3", "2024-6M", "2024-9M", or "from..to". */
  label: string;
}

const pad = (n: number): string => String(n).padStart(2, "0");
/** The last day of a month (YYYY-MM-DD). */
export const lastDay = (year: number, month: number): string => `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;

/**
 * Reads a period of the statutory reports (Circular 01/2024/TT-TTCP): a year ("2024"), a quarter
 * ("2024-Q3"), six or nine months from January ("2024-6M", "2024-9M"), or any range
 * ("2024-03-01..2024-05-31"). Returns null when the text is none of these.
 */
export function parsePeriod(text: string): Period | null {
  const value = text.trim();
  let m = /^(\d{4})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    return { from: `${y}-01-01`, to: `${y}-12-31`, label: value };
  }
  m = /^(\d{4})-Q([1-4])$/i.exec(value);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { from: `${y}-${pad(q * 3 - 2)}-01`, to: lastDay(y, q * 3), label: value.toUpperCase() };
  }
  m = /^(\d{4})-(6|9)M$/i.exec(value);
  if (m) {
    const y = Number(m[1]);
    return { from: `${y}-01-01`, to: lastDay(y, Number(m[2])), label: value.toUpperCase() };
  }
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (m && isValidDate(m[1]!) && isValidDate(m[2]!) && m[1]! <= m[2]!) {
    return { from: m[1]!, to: m[2]!, label: value };
  }
  return null;
}
