import {
  addCalendarDays,
  compareDates,
  dateParts,
  dayOfWeek,
  daysBetween,
  fromEpochDay,
  isLocalDate,
  isWeekend,
  localDate,
  parseLocalDate,
  toEpochDay,
  vietnamToday,
} from "./local-date";

describe("isLocalDate / parseLocalDate", () => {
  it("accepts real dates written YYYY-MM-DD, leap days included", () => {
    expect(isLocalDate("2025-01-24")).toBe(true);
    expect(isLocalDate("2024-02-29")).toBe(true);
    expect(isLocalDate("2000-02-29")).toBe(true);
    expect(parseLocalDate("2035-12-31")).toBe("2035-12-31");
  });

  it("rejects days that do not exist and other spellings", () => {
    for (const text of ["2023-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-1-5", "24/01/2025", "2025-01-24T00:00", " 2025-01-24", ""]) {
      expect(isLocalDate(text)).toBe(false);
      expect(() => parseLocalDate(text)).toThrow(RangeError);
    }
    expect(isLocalDate(20250124)).toBe(false);
    expect(isLocalDate(null)).toBe(false);
  });

  it("builds and splits dates", () => {
    expect(localDate(2026, 7, 1)).toBe("2026-07-01");
    expect(dateParts("2026-07-01")).toEqual({ year: 2026, month: 7, day: 1 });
    expect(() => localDate(2026, 2, 29)).toThrow(RangeError);
  });
});

describe("day numbers", () => {
  it("counts from 1970-01-01", () => {
    expect(toEpochDay("1970-01-01")).toBe(0);
    expect(toEpochDay("1969-12-31")).toBe(-1);
    expect(toEpochDay("2000-03-01")).toBe(11_017);
    expect(fromEpochDay(11_016)).toBe("2000-02-29");
  });

  it("agrees with Date.UTC and round-trips for every day of 1900–2100", () => {
    for (let day = toEpochDay("1900-01-01"); day <= toEpochDay("2100-12-31"); day += 1) {
      const date = fromEpochDay(day);
      expect(toEpochDay(date)).toBe(day);
      if (day % 97 === 0) {
        expect(new Date(day * 86_400_000).toISOString().slice(0, 10)).toBe(date);
      }
    }
  });
});

describe("calendar arithmetic", () => {
  it("adds days across months, leap days and years", () => {
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addCalendarDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addCalendarDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addCalendarDays("2025-01-10", 90)).toBe("2025-04-10");
    expect(addCalendarDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addCalendarDays("2026-01-01", 0)).toBe("2026-01-01");
    expect(() => addCalendarDays("2026-01-01", 1.5)).toThrow(RangeError);
  });

  it("compares and measures", () => {
    expect(compareDates("2025-01-24", "2025-02-14")).toBe(-1);
    expect(compareDates("2025-02-14", "2025-01-24")).toBe(1);
    expect(compareDates("2025-02-14", "2025-02-14")).toBe(0);
    expect(daysBetween("2025-01-24", "2025-02-14")).toBe(21);
    expect(daysBetween("2025-02-14", "2025-01-24")).toBe(-21);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
  });

  it("knows the day of the week", () => {
    expect(dayOfWeek("2025-01-24")).toBe(5); // Friday
    expect(dayOfWeek("2026-04-26")).toBe(0); // Sunday
    expect(dayOfWeek("2024-05-04")).toBe(6); // Saturday
    expect(dayOfWeek("1970-01-01")).toBe(4); // Thursday
    expect(dayOfWeek("1969-12-28")).toBe(0); // Sunday, before the epoch
    expect(isWeekend("2024-05-04")).toBe(true);
    expect(isWeekend("2024-05-06")).toBe(false);
  });
});

describe("vietnamToday", () => {
  it("switches date at midnight UTC+7, not at the machine's midnight", () => {
    expect(vietnamToday(new Date("2025-01-24T16:59:59.999Z"))).toBe("2025-01-24");
    expect(vietnamToday(new Date("2025-01-24T17:00:00.000Z"))).toBe("2025-01-25");
    // 23:30 in New York on 31 December is already 11:30 on 1 January in Hà Nội.
    expect(vietnamToday(new Date("2026-01-01T04:30:00Z"))).toBe("2026-01-01");
    expect(vietnamToday(new Date("2025-12-31T16:59:00Z"))).toBe("2025-12-31");
  });

  it("defaults to now and rejects an invalid Date", () => {
    expect(isLocalDate(vietnamToday())).toBe(true);
    expect(() => vietnamToday(new Date(Number.NaN))).toThrow(RangeError);
  });
});
