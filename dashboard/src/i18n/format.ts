// Numbers the Vietnamese way in both languages (1.234,5: "." groups thousands, "," marks decimals),
// as the statutory forms print them; dates dd/MM/yyyy.

const integer = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A count: 38445 → "38.445"; null → "–". */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : integer.format(value);
}

/** A number with one decimal: 1234.5 → "1.234,5". */
export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : oneDecimal.format(value);
}

/** A rate given as a fraction: 0.8 → "80,0%"; null (nothing to divide) → "–". */
export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : `${oneDecimal.format(value * 100)}%`;
}

/** A LocalDate "2024-03-07" → "07/03/2024". */
export function formatDate(value: string | null | undefined): string {
  if (!value) {
    return "–";
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** An instant (DateTimeISO) in Vietnam's time: "07/03/2024 14:05". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) {
    return "–";
  }
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).formatToParts(new Date(value));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}`;
}

/** Today in Vietnam (UTC+7) as YYYY-MM-DD, the day the API counts deadlines against. */
export function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Calendar days from a to b (LocalDates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
