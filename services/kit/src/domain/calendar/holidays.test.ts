import {
  ANNOUNCED_SCHEDULES,
  type Holiday,
  holidayLawOn,
  holidayOn,
  holidaysOf,
  isWorkingSaturday,
  nationalDayAdjacentDay,
  defaultTetDays,
  workingSaturdaysOf,
} from "./holidays";
import { addCalendarDays, compareDates, dateParts, dayOfWeek, isWeekend, localDate } from "./local-date";
import { lunarNewYear, solarFromLunar } from "./lunar";

const datesOf = (holidays: Holiday[]): string[] => holidays.map((h) => h.date);

describe("announced schedules (DOMAIN.md)", () => {
  it("2024: Tết 8–14/2, 30/4 break 27/4–1/5 with Saturday 4/5 worked, National Day 31/8–3/9", () => {
    expect(datesOf(holidaysOf(2024))).toEqual([
      "2024-01-01",
      // Tết: Thursday 8 to Wednesday 14 February, weekend 10–11 not listed.
      "2024-02-08",
      "2024-02-09",
      "2024-02-12",
      "2024-02-13",
      "2024-02-14",
      "2024-04-18", // Hùng Kings' day, by the rules
      "2024-04-29", // Monday, swapped with Saturday 4 May
      "2024-04-30",
      "2024-05-01",
      "2024-09-02",
      "2024-09-03",
    ]);
    expect(workingSaturdaysOf(2024)).toEqual(["2024-05-04"]);
    expect(holidayOn("2024-04-29")).toMatchObject({ kind: "swap", occasion: "VICTORY_DAY" });
    expect(holidayOn("2024-04-29")?.nameVi).toBe("Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)");
  });

  it("2025: Tết 25/1–2/2, 30/4 break 30/4–4/5 with Saturday 26/4 worked, National Day 30/8–2/9", () => {
    expect(datesOf(holidaysOf(2025))).toEqual([
      "2025-01-01",
      "2025-01-27",
      "2025-01-28",
      "2025-01-29",
      "2025-01-30",
      "2025-01-31",
      "2025-04-07",
      "2025-04-30",
      "2025-05-01",
      "2025-05-02", // Friday, swapped with Saturday 26 April
      "2025-09-01",
      "2025-09-02",
    ]);
    expect(workingSaturdaysOf(2025)).toEqual(["2025-04-26"]);
  });

  it("2026: New Year 1–4/1 with Saturday 10/1 worked, Tết 14–22/2, Hùng Kings' Sunday 26/4 made up Monday 27/4", () => {
    const days = holidaysOf(2026);
    expect(datesOf(days)).toEqual([
      "2026-01-01",
      "2026-01-02", // Friday, swapped with Saturday 10 January
      "2026-02-16",
      "2026-02-17",
      "2026-02-18",
      "2026-02-19",
      "2026-02-20",
      "2026-04-27",
      // Not announced (DOMAIN.md): the rules. 30/4 and 1/5 are Thursday and Friday;
      // 2/9 is a Wednesday and the default adjacent day is Tuesday 1/9.
      "2026-04-30",
      "2026-05-01",
      "2026-09-01",
      "2026-09-02",
    ]);
    expect(workingSaturdaysOf(2026)).toEqual(["2026-01-10"]);
    expect(holidayOn("2026-04-27")).toMatchObject({ kind: "compensation", occasion: "HUNG_KINGS" });
    expect(holidayOn("2026-04-26")).toBeUndefined(); // a Sunday: an ordinary weekend, not listed
  });

  it("is consistent: each break's weekdays off = the law's days for its occasions + its swaps", () => {
    for (const schedule of ANNOUNCED_SCHEDULES) {
      const law = holidayLawOn(localDate(schedule.year, 6, 1));
      for (const announced of schedule.breaks) {
        let weekdays = 0;
        for (let d = announced.from; compareDates(d, announced.to) <= 0; d = addCalendarDays(d, 1)) {
          weekdays += isWeekend(d) ? 0 : 1;
        }
        const lawDays = announced.occasions
          .map((o) => (o === "TET" ? law.tetDays : o === "NATIONAL_DAY" ? law.nationalDayDays : 1))
          .reduce((a, b) => a + b, 0);
        expect(weekdays).toBe(lawDays + (announced.swaps?.length ?? 0));
        for (const swap of announced.swaps ?? []) {
          expect(dayOfWeek(swap.workedSaturday)).toBe(6);
          expect(isWeekend(swap.dayOff)).toBe(false);
        }
      }
    }
  });
});

describe("the rules (years without an announced schedule)", () => {
  it("makes up a weekend holiday on the next working day: 2033, 30/4 Saturday and 1/5 Sunday", () => {
    expect(dayOfWeek("2033-04-30")).toBe(6);
    const spring = holidaysOf(2033).filter((h) => h.date >= "2033-04-01" && h.date <= "2033-05-31");
    expect(spring.map((h) => [h.date, h.kind, h.occasion])).toEqual([
      ["2033-04-11", "compensation", "HUNG_KINGS"], // 10/3 lunar is Saturday 9 April
      ["2033-05-02", "compensation", "VICTORY_DAY"],
      ["2033-05-03", "compensation", "LABOUR_DAY"],
    ]);
    expect(holidayOn("2033-05-02")?.nameVi).toBe("Nghỉ bù Ngày Chiến thắng");
  });

  it("2028: 30/4 on Sunday is made up after 1/5 (Monday), on Tuesday 2/5", () => {
    expect(datesOf(holidaysOf(2028)).filter((d) => d >= "2028-04-29" && d <= "2028-05-05")).toEqual([
      "2028-05-01",
      "2028-05-02",
    ]);
  });

  it("2034: 2/9 on Saturday: adjacent day Friday 1/9, made up on Monday 4/9", () => {
    const autumn = holidaysOf(2034).filter((h) => h.occasion === "NATIONAL_DAY");
    expect(autumn.map((h) => [h.date, h.kind])).toEqual([
      ["2034-09-01", "holiday"],
      ["2034-09-04", "compensation"],
    ]);
  });

  it("2035: 2/9 on Sunday: adjacent day Monday 3/9, 2/9 made up on Tuesday 4/9", () => {
    const autumn = holidaysOf(2035).filter((h) => h.occasion === "NATIONAL_DAY");
    expect(autumn.map((h) => [h.date, h.kind])).toEqual([
      ["2035-09-03", "holiday"],
      ["2035-09-04", "compensation"],
    ]);
  });

  it("chooses the day next to 2/9 that joins a weekend, as the government did in 2021–2025", () => {
    expect(nationalDayAdjacentDay(2021)).toBe("2021-09-03"); // Thursday → Friday
    expect(nationalDayAdjacentDay(2022)).toBe("2022-09-01"); // Friday → Thursday
    expect(nationalDayAdjacentDay(2024)).toBe("2024-09-03"); // Monday → Tuesday (announced 31/8–3/9)
    expect(nationalDayAdjacentDay(2025)).toBe("2025-09-01"); // Tuesday → Monday (announced 30/8–2/9)
    expect(nationalDayAdjacentDay(2023)).toBe("2023-09-01"); // Saturday → Friday
    expect(nationalDayAdjacentDay(2026)).toBe("2026-09-01"); // Wednesday: neither side, 1/9
    expect(nationalDayAdjacentDay(2029)).toBe("2029-09-03"); // Sunday → Monday
  });

  it("gives Tết as the last day of the lunar year and the first four of the new one", () => {
    // Tết 2027 is Saturday 6/2; the 12th month of lunar 2026 has 29 days.
    expect(defaultTetDays(2027)).toEqual(["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09"]);
    expect(datesOf(holidaysOf(2027).filter((h) => h.occasion === "TET"))).toEqual([
      "2027-02-05",
      "2027-02-08",
      "2027-02-09",
      "2027-02-10", // for Saturday 6/2
      "2027-02-11", // for Sunday 7/2
    ]);
  });

  it("applies the Labour Code in force on the day: 4 days of Tết before 2013-05-01, one National Day before 2021", () => {
    expect(holidayLawOn("2013-02-10").law).toBe("Labour Code 1994 (as amended in 2007)");
    expect(holidayLawOn("2013-05-01").law).toBe("Labour Code 10/2012/QH13");
    expect(holidayLawOn("2021-01-01").law).toBe("Labour Code 45/2019/QH14");
    expect(defaultTetDays(2013)).toHaveLength(4);
    expect(defaultTetDays(2014)).toHaveLength(5);
    expect(holidaysOf(2020).filter((h) => h.occasion === "NATIONAL_DAY")).toHaveLength(1);
    expect(holidaysOf(2021).filter((h) => h.occasion === "NATIONAL_DAY")).toHaveLength(2);
  });
});

describe("every year 2010–2035", () => {
  // Labour Code 45/2019/QH14 Art. 112 gives 11 days from 2021. Earlier years follow the Codes then
  // in force: 9 days until 2013 (Tết 4 days, National Day 1; Tết 2013 fell before the 2012 Code
  // took effect on 2013-05-01), 10 days 2014–2020 (Tết 5). Every holiday on a weekend gives one
  // compensation day, so the weekdays off minus the Saturdays worked always equal the law's count;
  // announced years give more weekdays off exactly by their swaps (2024, 2025, 2026: one each).
  const lawDays = (year: number): number => (year <= 2013 ? 9 : year <= 2020 ? 10 : 11);

  it.each(Array.from({ length: 26 }, (_, i) => 2010 + i))("%i", (year) => {
    const days = holidaysOf(year);
    const saturdays = workingSaturdaysOf(year);
    expect(days.length - saturdays.length).toBe(lawDays(year));
    expect(new Set(datesOf(days)).size).toBe(days.length);
    expect(datesOf(days)).toEqual([...datesOf(days)].sort());
    for (const day of days) {
      expect(isWeekend(day.date)).toBe(false);
      expect(dateParts(day.date).year).toBe(year);
      expect(day.name).not.toBe("");
      expect(day.nameVi).not.toBe("");
    }
    for (const saturday of saturdays) {
      expect(dayOfWeek(saturday)).toBe(6);
      expect(isWorkingSaturday(saturday)).toBe(true);
    }
    // Compensation days, where the rules apply, make up for exactly the holidays on weekends.
    if (!ANNOUNCED_SCHEDULES.some((s) => s.year === year)) {
      const statutory = [
        localDate(year, 1, 1),
        ...defaultTetDays(year),
        solarFromLunar({ day: 10, month: 3, year, leap: false }),
        localDate(year, 4, 30),
        localDate(year, 5, 1),
        localDate(year, 9, 2),
        ...(year >= 2021 ? [nationalDayAdjacentDay(year)] : []),
      ];
      const onWeekends = statutory.filter(isWeekend).length;
      expect(days.filter((d) => d.kind === "compensation")).toHaveLength(onWeekends);
      expect(days.filter((d) => d.kind === "holiday")).toHaveLength(statutory.length - onWeekends);
      expect(saturdays).toEqual([]);
    }
  });

  it("has Tết inside the Tết days of each year", () => {
    for (let year = 2010; year <= 2035; year += 1) {
      const tet = lunarNewYear(year);
      expect(defaultTetDays(year)[1]).toBe(tet);
    }
  });
});

describe("limits", () => {
  it("refuses years outside 2010–2035 with a RangeError that names the range", () => {
    expect(() => holidaysOf(2009)).toThrow(RangeError);
    expect(() => holidaysOf(2036)).toThrow(/2010-01-01 to 2035-12-31/);
    expect(() => holidayOn("2036-01-01")).toThrow(RangeError);
  });

  it("returns copies: callers cannot change the calendar", () => {
    const days = holidaysOf(2025);
    days[0]!.date = "2025-03-03";
    days.pop();
    expect(holidaysOf(2025)[0]!.date).toBe("2025-01-01");
    expect(holidaysOf(2025)).toHaveLength(12);
  });
});
