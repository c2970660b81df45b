import { deltaTSeconds, newMoonJde, newMoonJulianDayUT, sunApparentLongitude } from "./astronomy";
import { addCalendarDays, fromEpochDay, toEpochDay } from "./local-date";
import {
  lunarFromSolar,
  lunarFromSolarAtOffset,
  lunarNewYear,
  solarFromLunar,
  solarFromLunarAtOffset,
} from "./lunar";

const julianDayOf = (iso: string): number => Date.parse(iso) / 86_400_000 + 2_440_587.5;
const isoOf = (julianDay: number): string => new Date((julianDay - 2_440_587.5) * 86_400_000).toISOString();

describe("astronomy (Meeus)", () => {
  it("reproduces Meeus's example 49.a: the new moon of February 1977", () => {
    expect(newMoonJde(-283)).toBeCloseTo(2_443_192.65118, 4);
  });

  it("reproduces Meeus's example 25.a: the Sun on 1992 October 13.0 TD", () => {
    const julianDayUT = 2_448_908.5 - deltaTSeconds(1992.78) / 86_400;
    expect(sunApparentLongitude(julianDayUT)).toBeCloseTo(199.90895, 3);
  });

  it("puts the Sun at 0° at the March equinox of 2024 (03:06 UTC)", () => {
    const longitude = sunApparentLongitude(julianDayOf("2024-03-20T03:06:00Z"));
    expect(Math.min(longitude, 360 - longitude)).toBeLessThan(0.02);
  });

  it("finds the new moon before Tết 2024 (2024-02-09 22:59 UTC)", () => {
    const k = Math.round((julianDayOf("2024-02-09T00:00:00Z") - 2_451_550.1) / 29.530588861);
    const error = Math.abs(newMoonJulianDayUT(k) - julianDayOf("2024-02-09T22:59:00Z")) * 1440;
    expect(error).toBeLessThan(2);
  });

  it("puts the new moons of Tết 2007 and 2030 between 23:00 and 24:00 in Vietnam", () => {
    // Hence 1/1 lunar is that day in Vietnam (UTC+7) but the next day in China (UTC+8).
    for (const [date, hour] of [
      ["2007-02-17", "16"],
      ["2030-02-02", "16"],
    ] as const) {
      const k = Math.round((julianDayOf(`${date}T00:00:00Z`) - 2_451_550.1) / 29.530588861);
      expect(isoOf(newMoonJulianDayUT(k)).slice(0, 13)).toBe(`${date}T${hour}`);
    }
  });
});

// DOMAIN.md, "Working days and holidays": Tết 2010–2035 in Vietnam.
const TET: [number, string][] = [
  [2010, "2010-02-14"],
  [2011, "2011-02-03"],
  [2012, "2012-01-23"],
  [2013, "2013-02-10"],
  [2014, "2014-01-31"],
  [2015, "2015-02-19"],
  [2016, "2016-02-08"],
  [2017, "2017-01-28"],
  [2018, "2018-02-16"],
  [2019, "2019-02-05"],
  [2020, "2020-01-25"],
  [2021, "2021-02-12"],
  [2022, "2022-02-01"],
  [2023, "2023-01-22"],
  [2024, "2024-02-10"],
  [2025, "2025-01-29"],
  [2026, "2026-02-17"],
  [2027, "2027-02-06"],
  [2028, "2028-01-26"],
  [2029, "2029-02-13"],
  [2030, "2030-02-02"],
  [2031, "2031-01-23"],
  [2032, "2032-02-11"],
  [2033, "2033-01-31"],
  [2034, "2034-02-19"],
  [2035, "2035-02-08"],
];

describe("lunarNewYear (Tết, UTC+7)", () => {
  it("has all 26 years of the table", () => {
    expect(TET).toHaveLength(26);
  });

  it.each(TET)("Tết %i is %s", (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
    expect(lunarFromSolar(date)).toEqual({ day: 1, month: 1, year, leap: false });
    expect(lunarFromSolar(addCalendarDays(date, -1)).month).toBe(12);
  });
});

describe("Hùng Kings' day (10th day of the 3rd lunar month)", () => {
  it.each([
    [2024, "2024-04-18"],
    [2025, "2025-04-07"],
    [2026, "2026-04-26"],
  ])("%i: %s", (year, date) => {
    expect(solarFromLunar({ day: 10, month: 3, year, leap: false })).toBe(date);
    expect(lunarFromSolar(date)).toEqual({ day: 10, month: 3, year, leap: false });
  });
});

describe("the time zone: Vietnam (UTC+7) against China (UTC+8)", () => {
  const tetAt = (year: number, offsetHours: number): string =>
    solarFromLunarAtOffset({ day: 1, month: 1, year, leap: false }, offsetHours);

  it("2030: Tết is 2 February in Vietnam, 3 February in China", () => {
    expect(lunarNewYear(2030)).toBe("2030-02-02");
    expect(tetAt(2030, 8)).toBe("2030-02-03");
  });

  it("2007: Tết is 17 February in Vietnam, 18 February in China", () => {
    expect(lunarNewYear(2007)).toBe("2007-02-17");
    expect(tetAt(2007, 8)).toBe("2007-02-18");
  });

  it("1985: Tết is 21 January in Vietnam, a whole month before China's 20 February", () => {
    // The 11th month starts on different days, so the leap month and month 1 fall differently.
    expect(lunarNewYear(1985)).toBe("1985-01-21");
    expect(tetAt(1985, 8)).toBe("1985-02-20");
  });

  it("1968: Tết is 29 January at UTC+7 (the North), 30 January at UTC+8 (the South then)", () => {
    expect(lunarNewYear(1968)).toBe("1968-01-29");
    expect(tetAt(1968, 8)).toBe("1968-01-30");
  });

  it("agrees with China's calendar in years where no new moon is near midnight", () => {
    for (const year of [2020, 2021, 2022, 2023, 2024, 2025, 2026]) {
      expect(tetAt(year, 8)).toBe(lunarNewYear(year));
    }
  });

  it("reads a date the same way at UTC+7 through the default API", () => {
    expect(lunarFromSolar("2030-02-02")).toEqual(lunarFromSolarAtOffset("2030-02-02", 7));
    expect(lunarFromSolarAtOffset("2030-02-02", 8)).toEqual({ day: 30, month: 12, year: 2029, leap: false });
  });
});

describe("leap months and month lengths", () => {
  it.each([
    [2012, 4],
    [2014, 9],
    [2017, 6],
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2033, 11],
  ])("lunar year %i has a leap month %i", (year, month) => {
    const first = solarFromLunar({ day: 1, month, year, leap: true });
    const plain = solarFromLunar({ day: 1, month, year, leap: false });
    expect(toEpochDay(first) - toEpochDay(plain)).toBeGreaterThanOrEqual(29);
    expect(lunarFromSolar(first)).toEqual({ day: 1, month, year, leap: true });
  });

  it("has no leap month in 2024, 2026 or 2027", () => {
    for (const year of [2024, 2026, 2027]) {
      for (let month = 1; month <= 12; month += 1) {
        expect(() => solarFromLunar({ day: 1, month, year, leap: true })).toThrow(RangeError);
      }
    }
  });

  it("knows other well-known dates (Mid-Autumn 2024 and 2025, the last day of lunar 2023)", () => {
    expect(solarFromLunar({ day: 15, month: 8, year: 2024, leap: false })).toBe("2024-09-17");
    expect(solarFromLunar({ day: 15, month: 8, year: 2025, leap: false })).toBe("2025-10-06");
    expect(lunarFromSolar("2024-02-09")).toEqual({ day: 30, month: 12, year: 2023, leap: false });
  });

  it("steps one day at a time through 1900–2100 with months of 29 or 30 days and 12 or 13 months a year", () => {
    let previous = lunarFromSolar("1900-01-31");
    expect(previous).toEqual({ day: 1, month: 1, year: 1900, leap: false });
    let monthLength = 1;
    let monthsInYear = 1;
    for (let day = toEpochDay("1900-02-01"); day <= toEpochDay("2100-12-31"); day += 1) {
      const date = fromEpochDay(day);
      const lunar = lunarFromSolar(date);
      if (lunar.day === 1) {
        expect([29, 30]).toContain(monthLength);
        // A leap month repeats the number of the month before it.
        expect(lunar.month).toBe(lunar.leap ? previous.month : (previous.month % 12) + 1);
        if (lunar.month === 1 && !lunar.leap) {
          expect(lunar.year).toBe(previous.year + 1);
          expect([12, 13]).toContain(monthsInYear);
          monthsInYear = 0;
        }
        monthsInYear += 1;
        monthLength = 1;
      } else {
        expect(lunar).toEqual({ ...previous, day: previous.day + 1 });
        monthLength += 1;
      }
      if (day % 11 === 0) {
        expect(solarFromLunar(lunar)).toBe(date);
      }
      previous = lunar;
    }
  });
});

describe("limits", () => {
  it("refuses years outside 1900–2100 with a RangeError that names the range", () => {
    expect(() => lunarNewYear(1899)).toThrow(/1900–2100/);
    expect(() => lunarNewYear(2101)).toThrow(RangeError);
    expect(() => lunarFromSolar("1899-12-31")).toThrow(RangeError);
  });

  it("refuses lunar dates that do not exist", () => {
    // The 12th month of lunar 2024 has 29 days (Tết 2025 follows 28 January).
    expect(solarFromLunar({ day: 29, month: 12, year: 2024, leap: false })).toBe("2025-01-28");
    expect(() => solarFromLunar({ day: 30, month: 12, year: 2024, leap: false })).toThrow(RangeError);
    expect(() => solarFromLunar({ day: 1, month: 13, year: 2024, leap: false })).toThrow(RangeError);
    expect(() => solarFromLunar({ day: 0, month: 1, year: 2024, leap: false })).toThrow(RangeError);
  });
});
