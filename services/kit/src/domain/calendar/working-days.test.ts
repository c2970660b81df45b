import { addCalendarDays, compareDates } from "./local-date";
import { addWorkingDays, isWorkingDay, nextWorkingDay, workingDaysBetween } from "./working-days";

describe("isWorkingDay", () => {
  it("is Monday–Friday except days off, plus Saturdays worked in a swap", () => {
    expect(isWorkingDay("2025-01-24")).toBe(true); // Friday before Tết
    expect(isWorkingDay("2025-01-27")).toBe(false); // Monday, Tết
    expect(isWorkingDay("2025-01-25")).toBe(false); // Saturday
    expect(isWorkingDay("2025-01-26")).toBe(false); // Sunday
    expect(isWorkingDay("2024-04-29")).toBe(false); // Monday swapped for Saturday 4/5
    expect(isWorkingDay("2024-05-04")).toBe(true); // that Saturday
    expect(isWorkingDay("2024-05-11")).toBe(false); // an ordinary Saturday
  });

  it("refuses dates outside 2010-01-01..2035-12-31 with a RangeError that names the range", () => {
    expect(() => isWorkingDay("2009-12-31")).toThrow(RangeError);
    expect(() => isWorkingDay("2036-01-01")).toThrow(/2010-01-01 to 2035-12-31/);
    expect(() => isWorkingDay("2025-02-30")).toThrow(RangeError);
    expect(isWorkingDay("2010-01-04")).toBe(true);
  });
});

describe("addWorkingDays (the period starts the day after `start`)", () => {
  it("10 working days from Friday 24/1/2025, the last working day before Tết 2025", () => {
    // Off: Sat 25/1 – Sun 2/2 (Tết break). Counting: Mon 3/2 (1), Tue 4 (2), Wed 5 (3), Thu 6 (4),
    // Fri 7 (5), [Sat 8, Sun 9], Mon 10 (6), Tue 11 (7), Wed 12 (8), Thu 13 (9), Fri 14/2 (10).
    expect(addWorkingDays("2025-01-24", 10)).toBe("2025-02-14");
    expect(addWorkingDays("2025-01-24", 1)).toBe("2025-02-03");
  });

  it("crosses the 2024 30/4 break and counts the Saturday 4/5 worked", () => {
    // From Thursday 25/4: Fri 26 (1), [Sat 27 – Wed 1/5 off, Mon 29 swapped], Thu 2/5 (2),
    // Fri 3 (3), Sat 4/5 worked (4), [Sun 5], Mon 6 (5), Tue 7 (6), Wed 8 (7), Thu 9 (8), Fri 10 (9),
    // [Sat 11, Sun 12], Mon 13/5 (10).
    expect(addWorkingDays("2024-04-25", 4)).toBe("2024-05-04");
    expect(addWorkingDays("2024-04-25", 5)).toBe("2024-05-06");
    expect(addWorkingDays("2024-04-25", 10)).toBe("2024-05-13");
  });

  it("crosses New Year 2026 and counts the Saturday 10/1 worked", () => {
    // From Wednesday 31/12/2025: [Thu 1/1 holiday, Fri 2/1 swapped, Sat 3, Sun 4], Mon 5 (1),
    // Tue 6 (2), Wed 7 (3), Thu 8 (4), Fri 9 (5), Sat 10 worked (6), [Sun 11], Mon 12 (7).
    expect(addWorkingDays("2025-12-31", 6)).toBe("2026-01-10");
    expect(addWorkingDays("2025-12-31", 7)).toBe("2026-01-12");
  });

  it("crosses National Day 2025 (30/8–2/9)", () => {
    // From Thursday 28/8: Fri 29 (1), [Sat 30/8 – Tue 2/9], Wed 3/9 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5).
    expect(addWorkingDays("2025-08-28", 5)).toBe("2025-09-08");
  });

  it("skips compensation days in a year without an announced schedule (2033: 30/4 Sat, 1/5 Sun)", () => {
    // From Friday 29/4/2033: [Sat 30/4, Sun 1/5, Mon 2/5 and Tue 3/5 made up], Wed 4/5 (1),
    // Thu 5 (2), Fri 6 (3).
    expect(addWorkingDays("2033-04-29", 1)).toBe("2033-05-04");
    expect(addWorkingDays("2033-04-29", 3)).toBe("2033-05-06");
    // 2034: 2/9 is Saturday, adjacent day Fri 1/9, compensation Mon 4/9. From Thu 31/8: Tue 5/9.
    expect(addWorkingDays("2034-08-31", 1)).toBe("2034-09-05");
  });

  it("starts the count the day after a non-working start day too", () => {
    // Received on Sunday 26/1/2025 (inside the Tết break): the 1st working day is Mon 3/2.
    expect(addWorkingDays("2025-01-26", 1)).toBe("2025-02-03");
  });

  it("refuses n < 1, fractions, and periods running past 2035", () => {
    expect(() => addWorkingDays("2025-01-24", 0)).toThrow(RangeError);
    expect(() => addWorkingDays("2025-01-24", 2.5)).toThrow(RangeError);
    expect(() => addWorkingDays("2035-12-27", 10)).toThrow(/2035-12-31/);
    expect(() => addWorkingDays("2009-12-31", 1)).toThrow(RangeError);
  });
});

describe("workingDaysBetween (a, b]", () => {
  it("counts working days after a up to and including b", () => {
    expect(workingDaysBetween("2025-01-24", "2025-02-14")).toBe(10);
    expect(workingDaysBetween("2025-01-24", "2025-01-24")).toBe(0);
    expect(workingDaysBetween("2025-02-14", "2025-01-24")).toBe(-10);
    expect(workingDaysBetween("2025-01-24", "2025-02-02")).toBe(0);
  });

  it("counts the working days of whole years", () => {
    // 2025: 261 weekdays − 12 weekdays off + 1 Saturday worked.
    expect(workingDaysBetween("2024-12-31", "2025-12-31")).toBe(250);
    // 2024: 262 weekdays − 12 weekdays off + 1 Saturday worked.
    expect(workingDaysBetween("2023-12-31", "2024-12-31")).toBe(251);
  });

  it("is the inverse of addWorkingDays over 2010–2035", () => {
    for (let start = "2010-01-01"; compareDates(start, "2035-11-01") < 0; start = addCalendarDays(start, 37)) {
      for (const n of [1, 5, 7, 10, 30]) {
        const end = addWorkingDays(start, n);
        expect(workingDaysBetween(start, end)).toBe(n);
        expect(isWorkingDay(end)).toBe(true);
      }
    }
  });
});

describe("nextWorkingDay", () => {
  it("is the first working day strictly after the date", () => {
    expect(nextWorkingDay("2025-01-24")).toBe("2025-02-03");
    expect(nextWorkingDay("2024-05-03")).toBe("2024-05-04");
    expect(nextWorkingDay("2025-03-03")).toBe("2025-03-04");
    expect(() => nextWorkingDay("2035-12-31")).toThrow(RangeError);
  });
});
