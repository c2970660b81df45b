import { LEVELS } from "../config";
import { ReceptionBodyKind } from "../admin/kinds";
import {
  BODY_KINDS_FOR_ROLE,
  LARGE_GROUP_MIN_PERSONS,
  LeaderRole,
  type Month,
  RECEPTION_DAY_RULES,
  REPRESENTATIVES_SOURCE,
  REPRESENTATIVE_RULES,
  ReceptionHost,
  ReceptionMode,
  VisitOutcome,
  assessMonth,
  countsAsReceptionDay,
  hostProblem,
  isLargeGroup,
  leaderProblem,
  outcomeProblems,
  parseMonth,
  receptionDayRule,
  representativeRule,
  representativesProblem,
  requiredDays,
  weeksInMonth,
} from "./rules";

const month = (text: string): Month => {
  const parsed = parseMonth(text);
  if (!parsed) {
    throw new Error(`bad month ${text}`);
  }
  return parsed;
};

const RECEPTION_LAW = "Law on Citizen Reception 42/2013/QH13";

describe("the minimum reception days, row by row with their source", () => {
  // [level, role, a month in force, days required that month, rule id, law, article]
  const rows: [string, LeaderRole, string, number, string, string, string][] = [
    ["province", LeaderRole.CHAIRMAN, "2025-03", 1, "province-chairman", RECEPTION_LAW, "Art. 12(5)"],
    ["district", LeaderRole.CHAIRMAN, "2025-03", 2, "district-chairman", RECEPTION_LAW, "Art. 13(5)"],
    // March 2025 has 4 Thursdays (6, 13, 20, 27): 1 day a week is 4 days.
    ["commune", LeaderRole.CHAIRMAN, "2025-03", 4, "commune-chairman-weekly", RECEPTION_LAW, "Art. 15(2)"],
    ["commune", LeaderRole.CHAIRMAN, "2026-07", 2, "commune-chairman-2026", "Law 136/2025/QH15", "amending Law 42/2013 Art. 15(2) (article not confirmed)"],
    ["province", LeaderRole.AGENCY_HEAD, "2025-03", 1, "province-agency-head", "Decree 64/2014/ND-CP", "Art. 4(2), detailing Law 42/2013 Art. 18(2)"],
    ["district", LeaderRole.AGENCY_HEAD, "2025-03", 1, "district-agency-head", "Decree 64/2014/ND-CP", "Art. 4(2), detailing Law 42/2013 Art. 18(2)"],
    ["commune", LeaderRole.AGENCY_HEAD, "2025-09", 1, "commune-agency-head", "Decree 64/2014/ND-CP", "Art. 4(2), detailing Law 42/2013 Art. 18(2)"],
    ["province", LeaderRole.PARTY_SECRETARY, "2025-03", 1, "province-party-secretary", "Regulation 11-QĐi/TW (2019)", "article not confirmed"],
    ["district", LeaderRole.PARTY_SECRETARY, "2025-03", 1, "district-party-secretary", "Regulation 11-QĐi/TW (2019)", "article not confirmed"],
    ["commune", LeaderRole.PARTY_SECRETARY, "2025-03", 2, "commune-party-secretary", "Regulation 11-QĐi/TW (2019)", "article not confirmed"],
  ];

  it.each(rows)("%s %s in %s: %i day(s), rule %s (%s, %s)", (level, role, text, days, id, law, article) => {
    const rule = receptionDayRule(level as (typeof LEVELS)[number], role, month(text));
    expect(rule).toMatchObject({ id, law, article });
    expect(requiredDays(rule!, month(text))).toBe(days);
  });

  it("covers every row of the table", () => {
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(RECEPTION_DAY_RULES.map((r) => r.id)));
  });

  it("has at most one row in force for a level and role on any day", () => {
    for (const a of RECEPTION_DAY_RULES) {
      for (const b of RECEPTION_DAY_RULES) {
        if (a === b || a.level !== b.level || a.role !== b.role) {
          continue;
        }
        const overlap = (a.validFrom ?? "0000") <= (b.validTo ?? "9999") && (b.validFrom ?? "0000") <= (a.validTo ?? "9999");
        expect({ a: a.id, b: b.id, overlap }).toEqual({ a: a.id, b: b.id, overlap: false });
      }
    }
  });

  it("marks the rows whose legal text is not confirmed as configurable", () => {
    for (const rule of RECEPTION_DAY_RULES) {
      expect({ id: rule.id, configurable: rule.article.includes("not confirmed") ? rule.configurable === true : true }).toEqual({ id: rule.id, configurable: true });
    }
  });

  it("switches the commune chairman from 1 day a week to 2 days a month on 2026-07-01", () => {
    expect(receptionDayRule("commune", LeaderRole.CHAIRMAN, month("2026-06"))?.id).toBe("commune-chairman-weekly");
    expect(requiredDays(receptionDayRule("commune", LeaderRole.CHAIRMAN, month("2026-06"))!, month("2026-06"))).toBe(4);
    expect(receptionDayRule("commune", LeaderRole.CHAIRMAN, month("2026-07"))?.id).toBe("commune-chairman-2026");
    expect(requiredDays(receptionDayRule("commune", LeaderRole.CHAIRMAN, month("2026-07"))!, month("2026-07"))).toBe(2);
  });

  it("applies nothing before the Law on Citizen Reception (2014-07-01) or Regulation 11 (2019-02-18)", () => {
    expect(receptionDayRule("province", LeaderRole.CHAIRMAN, month("2014-06"))).toBeNull();
    expect(receptionDayRule("province", LeaderRole.CHAIRMAN, month("2014-07"))?.id).toBe("province-chairman");
    // A rule applies to a month when it is in force on the 1st: February 2019 is not covered.
    expect(receptionDayRule("province", LeaderRole.PARTY_SECRETARY, month("2019-02"))).toBeNull();
    expect(receptionDayRule("province", LeaderRole.PARTY_SECRETARY, month("2019-03"))?.id).toBe("province-party-secretary");
  });

  it("ends the district rows when districts were abolished (2025-07-01)", () => {
    for (const role of Object.values(LeaderRole)) {
      expect(receptionDayRule("district", role, month("2025-06"))).not.toBeNull();
      expect(receptionDayRule("district", role, month("2025-07"))).toBeNull();
    }
  });
});

describe("the weeks of a month (ISO weeks whose Thursday falls in it)", () => {
  it.each([
    ["2025-01", 5], // Thursdays 2, 9, 16, 23, 30
    ["2025-02", 4],
    ["2025-03", 4],
    ["2025-05", 5], // 1, 8, 15, 22, 29
    ["2026-04", 5], // 2, 9, 16, 23, 30
    ["2026-06", 4],
    ["2024-02", 5], // leap February: 1, 8, 15, 22, 29
  ])("%s has %i", (text, weeks) => {
    expect(weeksInMonth(month(text))).toBe(weeks);
  });

  it("gives every week of a year to exactly one month (52 or 53 in all)", () => {
    const total = (year: number): number =>
      Array.from({ length: 12 }, (_, i) => weeksInMonth(month(`${year}-${String(i + 1).padStart(2, "0")}`))).reduce((a, b) => a + b, 0);
    expect(total(2025)).toBe(52);
    expect(total(2026)).toBe(53); // 2026 starts on a Thursday
  });
});

describe("months", () => {
  it("parses YYYY-MM with its first and last day", () => {
    expect(parseMonth("2024-02")).toEqual({ month: "2024-02", year: 2024, number: 2, first: "2024-02-01", last: "2024-02-29" });
    expect(parseMonth("2025-12")?.last).toBe("2025-12-31");
  });

  it.each(["2025-3", "2025-13", "2025-00", "25-03", "2025-03-01", "March 2025", ""])("refuses %j", (text) => {
    expect(parseMonth(text)).toBeNull();
  });
});

describe("large groups and their representatives", () => {
  it(`is a large group from ${LARGE_GROUP_MIN_PERSONS} persons`, () => {
    expect(isLargeGroup(4)).toBe(false);
    expect(isLargeGroup(5)).toBe(true);
    expect(isLargeGroup(300)).toBe(true);
  });

  it("names its source", () => {
    expect(REPRESENTATIVES_SOURCE.law).toBe(RECEPTION_LAW);
    expect(REPRESENTATIVES_SOURCE.article).toMatch(/Decree 124\/2020/);
  });

  it("covers every group size once", () => {
    for (let persons = 1; persons <= 200; persons++) {
      expect(REPRESENTATIVE_RULES.filter((r) => persons >= r.minPersons && (r.maxPersons === null || persons <= r.maxPersons))).toHaveLength(1);
    }
  });

  // [persons, representatives, accepted]
  const cases: [number, number | null, boolean][] = [
    [1, null, true],
    [1, 0, true],
    [4, 0, true],
    [4, 1, false],
    [5, 0, false],
    [5, 1, true],
    [7, 0, false],
    [7, 2, true],
    [7, 3, false],
    [10, 2, true],
    [10, 3, false],
    [11, 0, false],
    [11, 1, true],
    [11, 5, true],
    [11, 6, false],
    [500, 5, true],
    [7, null, false],
  ];
  it.each(cases)("%i persons with %p representatives: accepted %p", (persons, representatives, accepted) => {
    expect(representativesProblem(persons, representatives) === null).toBe(accepted);
  });

  it("explains the range", () => {
    expect(representativesProblem(7, 3)).toBe("a group of 5–10 persons names 1 to 2 representatives (got 3)");
    expect(representativesProblem(12, 0)).toBe("a group of more than 10 persons names 1 to 5 representatives (got 0)");
    expect(representativesProblem(3, 1)).toMatch(/must be 0 or empty/);
    expect(representativeRule(10)).toMatchObject({ minRepresentatives: 1, maxRepresentatives: 2 });
  });

  it("leaves an invalid number of persons to the persons check", () => {
    expect(representativesProblem(0, 2)).toBeNull();
    expect(representativesProblem(2.5, 0)).toBeNull();
  });
});

describe("sessions: modes, hosts and leaders", () => {
  it("gives a regular session (the desk) no host, and the others one", () => {
    expect(hostProblem(ReceptionMode.REGULAR, null)).toBeNull();
    expect(hostProblem(ReceptionMode.REGULAR, ReceptionHost.DELEGATED)).toMatch(/leave host empty/);
    expect(hostProblem(ReceptionMode.PERIODIC, null)).toMatch(/is required/);
    expect(hostProblem(ReceptionMode.UNSCHEDULED, ReceptionHost.PARTY_SECRETARY)).toBeNull();
  });

  it("matches the leader's role to the host", () => {
    expect(leaderProblem(ReceptionMode.REGULAR, null, LeaderRole.CHAIRMAN)).toMatch(/leave leaderId empty/);
    expect(leaderProblem(ReceptionMode.PERIODIC, ReceptionHost.IN_PERSON, LeaderRole.CHAIRMAN)).toBeNull();
    expect(leaderProblem(ReceptionMode.PERIODIC, ReceptionHost.DELEGATED, LeaderRole.CHAIRMAN)).toBeNull();
    expect(leaderProblem(ReceptionMode.PERIODIC, ReceptionHost.PARTY_SECRETARY, LeaderRole.CHAIRMAN)).toMatch(/only a Party secretary/);
    expect(leaderProblem(ReceptionMode.PERIODIC, ReceptionHost.IN_PERSON, LeaderRole.PARTY_SECRETARY)).toMatch(/host PARTY_SECRETARY/);
    expect(leaderProblem(ReceptionMode.UNSCHEDULED, ReceptionHost.PARTY_SECRETARY, LeaderRole.PARTY_SECRETARY)).toBeNull();
  });

  it("counts only the sessions a leader hosted himself", () => {
    expect(countsAsReceptionDay(LeaderRole.CHAIRMAN, ReceptionMode.PERIODIC, ReceptionHost.IN_PERSON)).toBe(true);
    expect(countsAsReceptionDay(LeaderRole.CHAIRMAN, ReceptionMode.UNSCHEDULED, ReceptionHost.IN_PERSON)).toBe(true);
    expect(countsAsReceptionDay(LeaderRole.CHAIRMAN, ReceptionMode.PERIODIC, ReceptionHost.DELEGATED)).toBe(false);
    expect(countsAsReceptionDay(LeaderRole.CHAIRMAN, ReceptionMode.REGULAR, null)).toBe(false);
    expect(countsAsReceptionDay(LeaderRole.AGENCY_HEAD, ReceptionMode.PERIODIC, ReceptionHost.IN_PERSON)).toBe(true);
    expect(countsAsReceptionDay(LeaderRole.PARTY_SECRETARY, ReceptionMode.PERIODIC, ReceptionHost.PARTY_SECRETARY)).toBe(true);
    expect(countsAsReceptionDay(LeaderRole.PARTY_SECRETARY, ReceptionMode.PERIODIC, ReceptionHost.IN_PERSON)).toBe(false);
    expect(countsAsReceptionDay(LeaderRole.PARTY_SECRETARY, ReceptionMode.UNSCHEDULED, ReceptionHost.DELEGATED)).toBe(false);
  });

  it("lets each role head only its kind of body", () => {
    expect(BODY_KINDS_FOR_ROLE.CHAIRMAN).toEqual([ReceptionBodyKind.PEOPLES_COMMITTEE]);
    expect(BODY_KINDS_FOR_ROLE.PARTY_SECRETARY).toEqual([ReceptionBodyKind.PARTY_COMMITTEE]);
    expect(BODY_KINDS_FOR_ROLE.AGENCY_HEAD).not.toContain(ReceptionBodyKind.RECEPTION_BOARD);
  });
});

describe("visit outcomes", () => {
  const base = { repeatVisit: false, hasCase: false, hasPetition: false, hasNote: false };

  it("registers a petition only when received for processing and not on a known case", () => {
    expect(outcomeProblems({ ...base, outcome: VisitOutcome.RECEIVED_FOR_PROCESSING, hasPetition: true })).toEqual([]);
    expect(outcomeProblems({ ...base, outcome: VisitOutcome.GUIDED, hasPetition: true }).map((p) => p.field)).toEqual(["petition"]);
    expect(outcomeProblems({ ...base, outcome: VisitOutcome.RECEIVED_FOR_PROCESSING, hasPetition: true, hasCase: true }).map((p) => p.field)).toEqual(["petition"]);
  });

  it("refuses only a repeat visit, with a written notice", () => {
    expect(outcomeProblems({ ...base, outcome: VisitOutcome.REFUSED_WITH_NOTICE }).map((p) => p.field)).toEqual(["repeatVisit", "note"]);
    expect(outcomeProblems({ ...base, outcome: VisitOutcome.REFUSED_WITH_NOTICE, repeatVisit: true, hasNote: true })).toEqual([]);
    expect(outcomeProblems({ ...base, outcome: VisitOutcome.TOLD_RESOLVED })).toEqual([]);
  });
});

describe("a leader's month", () => {
  it("counts distinct dates inside the month against the minimum", () => {
    const march = month("2025-03");
    const one = assessMonth({ level: "district", role: LeaderRole.CHAIRMAN, month: march, heldDates: ["2025-03-05", "2025-03-05", "2025-02-28"], scheduledDates: ["2025-03-05", "2025-03-19"] });
    expect(one).toMatchObject({ required: 2, heldDates: ["2025-03-05"], scheduledDates: ["2025-03-05", "2025-03-19"], belowMinimum: true });
    const two = assessMonth({ level: "district", role: LeaderRole.CHAIRMAN, month: march, heldDates: ["2025-03-19", "2025-03-05"], scheduledDates: [] });
    expect(two).toMatchObject({ required: 2, heldDates: ["2025-03-05", "2025-03-19"], belowMinimum: false });
  });

  it("requires nothing when no rule is in force", () => {
    expect(assessMonth({ level: "district", role: LeaderRole.CHAIRMAN, month: month("2025-08"), heldDates: [], scheduledDates: [] })).toMatchObject({
      rule: null,
      required: 0,
      belowMinimum: false,
    });
  });
});
