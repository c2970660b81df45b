// The rules of citizen reception (tiếp công dân), as data and pure functions: session modes and
// hosts, large groups and their representatives, visit outcomes, and the leaders' minimum reception
// days as a rule table citing law and article (DOMAIN.md, "Reception"). Persistence, GraphQL and
// field errors live elsewhere; nothing here reads the clock or the database.

import type { Level } from "../config";
import { type LocalDate, dayOfWeek, daysInMonth, localDate } from "../domain/calendar/local-date";
import { ReceptionBodyKind } from "../admin/kinds";

/** How a session is held (hình thức tiếp). */
export enum ReceptionMode {
  /** Thường xuyên: the reception desk, every working day. */
  REGULAR = "REGULAR",
  /** Định kỳ: the head's scheduled reception day. */
  PERIODIC = "PERIODIC",
  /** Đột xuất: called for urgent, heated or many-person matters. */
  UNSCHEDULED = "UNSCHEDULED",
}

/** Who received the citizens in a periodic or unscheduled session. */
export enum ReceptionHost {
  /** The head (chairman, agency head) in person. */
  IN_PERSON = "IN_PERSON",
  /** A deputy or official the head authorised (ủy quyền). */
  DELEGATED = "DELEGATED",
  /** The Party committee's secretary (reported separately: Directive 35-CT/TW, Regulation 11-QĐi/TW). */
  PARTY_SECRETARY = "PARTY_SECRETARY",
}

/** What came of a visit (kết quả tiếp). */
export enum VisitOutcome {
  /** The petition is received for processing (nhận đơn, tiếp nhận xử lý). */
  RECEIVED_FOR_PROCESSING = "RECEIVED_FOR_PROCESSING",
  /** The citizen is guided to the competent body (hướng dẫn). */
  GUIDED = "GUIDED",
  /** The citizen is told the matter is already lawfully resolved (giải thích, trả lời). */
  TOLD_RESOLVED = "TOLD_RESOLVED",
  /** Refused, with a written notice: a persistent re-submission of a resolved matter (từ chối tiếp). */
  REFUSED_WITH_NOTICE = "REFUSED_WITH_NOTICE",
}

/** The office a leader holds, which decides the minimum number of reception days. */
export enum LeaderRole {
  /** Chủ tịch Ủy ban nhân dân. */
  CHAIRMAN = "CHAIRMAN",
  /** Bí thư cấp ủy (the Party committee's head). */
  PARTY_SECRETARY = "PARTY_SECRETARY",
  /** Thủ trưởng cơ quan chuyên môn / Chánh thanh tra. */
  AGENCY_HEAD = "AGENCY_HEAD",
}

const RECEPTION_LAW = "Law on Citizen Reception 42/2013/QH13";
const RECEPTION_DECREE = "Decree 64/2014/ND-CP";
const RECEPTION_LAW_2025 = "Law 136/2025/QH15";
const PARTY_REGULATION = "Regulation 11-QĐi/TW (2019)";
const ARTICLE_NOT_CONFIRMED = "article not confirmed";

/** Law 42/2013/QH13 took effect on this day. */
export const RECEPTION_LAW_FROM: LocalDate = "2014-07-01";
/** Districts were abolished from this day: the district rows end the day before. */
export { DISTRICTS_ABOLISHED_FROM } from "../config";

// ---------------------------------------------------------------------------------------------
// Sessions

/**
 * Hosts allowed for each mode. A regular session is the reception desk's (its officials receive
 * every working day): it has no host, so that 01/TCD's "head in person / delegated" split counts
 * periodic and unscheduled sessions only. Periodic and unscheduled sessions always name one.
 */
export const HOSTS_BY_MODE: Readonly<Record<ReceptionMode, readonly ReceptionHost[]>> = {
  REGULAR: [],
  PERIODIC: [ReceptionHost.IN_PERSON, ReceptionHost.DELEGATED, ReceptionHost.PARTY_SECRETARY],
  UNSCHEDULED: [ReceptionHost.IN_PERSON, ReceptionHost.DELEGATED, ReceptionHost.PARTY_SECRETARY],
};

/** Why `host` does not fit `mode`, or null when it does. */
export function hostProblem(mode: ReceptionMode, host: ReceptionHost | null | undefined): string | null {
  const allowed = HOSTS_BY_MODE[mode];
  if (allowed.length === 0) {
    return host ? "a regular session is held by the reception desk: leave host empty" : null;
  }
  if (!host) {
    return `is required for a ${mode.toLowerCase()} session (${allowed.join(", ")})`;
  }
  return null;
}

/**
 * Why a session's leader does not fit its mode and host, or null when it does. A regular session
 * has no leader; only a Party secretary hosts as PARTY_SECRETARY, and a Party secretary's own
 * sessions are recorded as PARTY_SECRETARY (or DELEGATED), never IN_PERSON, because they are reported
 * apart from the State heads' sessions.
 */
export function leaderProblem(mode: ReceptionMode, host: ReceptionHost | null | undefined, role: LeaderRole): string | null {
  if (mode === ReceptionMode.REGULAR) {
    return "a regular session is held by the reception desk: leave leaderId empty";
  }
  if (host === ReceptionHost.PARTY_SECRETARY && role !== LeaderRole.PARTY_SECRETARY) {
    return `is a ${role}: only a Party secretary hosts as PARTY_SECRETARY`;
  }
  if (host === ReceptionHost.IN_PERSON && role === LeaderRole.PARTY_SECRETARY) {
    return "is a Party secretary: record the session with host PARTY_SECRETARY";
  }
  return null;
}

/** Kinds of body a leader of each role heads. */
export const BODY_KINDS_FOR_ROLE: Readonly<Record<LeaderRole, readonly ReceptionBodyKind[]>> = {
  CHAIRMAN: [ReceptionBodyKind.PEOPLES_COMMITTEE],
  PARTY_SECRETARY: [ReceptionBodyKind.PARTY_COMMITTEE],
  AGENCY_HEAD: [ReceptionBodyKind.SPECIALISED_AGENCY, ReceptionBodyKind.INSPECTORATE],
};

/**
 * Whether a session counts as one of the leader's reception days: a periodic or unscheduled
 * session he hosted himself (IN_PERSON; PARTY_SECRETARY for a Party secretary). Delegated
 * sessions and the desk's regular sessions do not count.
 */
export function countsAsReceptionDay(role: LeaderRole, mode: ReceptionMode, host: ReceptionHost | null): boolean {
  if (mode === ReceptionMode.REGULAR) {
    return false;
  }
  return role === LeaderRole.PARTY_SECRETARY ? host === ReceptionHost.PARTY_SECRETARY : host === ReceptionHost.IN_PERSON;
}

// ---------------------------------------------------------------------------------------------
// Visits and large groups

/** A large group (đoàn đông người) is this many persons or more. */
export const LARGE_GROUP_MIN_PERSONS = 5;
/** Most persons one visit records. */
export const MAX_VISIT_PERSONS = 10_000;

/** True for a large group (đoàn đông người): 5 persons or more. Derived, never stored by a client. */
export function isLargeGroup(persons: number): boolean {
  return persons >= LARGE_GROUP_MIN_PERSONS;
}

/** How many representatives a group of a size names. */
export interface RepresentativeRule {
  readonly minPersons: number;
  /** Inclusive; null = no upper bound. */
  readonly maxPersons: number | null;
  readonly minRepresentatives: number;
  readonly maxRepresentatives: number;
}

/**
 * Representatives of many persons coming on one matter: 5–10 persons name 1 or 2, more than 10 up
 * to 5 (DOMAIN.md). The figures are those of the complaints rules (Decree 75/2012 Art. 5, carried
 * into Decree 124/2020) applied at reception; the article of the current text is not confirmed.
 */
export const REPRESENTATIVE_RULES: readonly RepresentativeRule[] = Object.freeze([
  { minPersons: 1, maxPersons: LARGE_GROUP_MIN_PERSONS - 1, minRepresentatives: 0, maxRepresentatives: 0 },
  { minPersons: LARGE_GROUP_MIN_PERSONS, maxPersons: 10, minRepresentatives: 1, maxRepresentatives: 2 },
  { minPersons: 11, maxPersons: null, minRepresentatives: 1, maxRepresentatives: 5 },
]);

/** Where the representative figures come from. */
export const REPRESENTATIVES_SOURCE = {
  law: RECEPTION_LAW,
  article: `Art. 30 (figures of Decree 124/2020/ND-CP, formerly Decree 75/2012 Art. 5; ${ARTICLE_NOT_CONFIRMED})`,
} as const;

/** The representative rule for a group of `persons` (≥ 1). */
export function representativeRule(persons: number): RepresentativeRule {
  const rule = REPRESENTATIVE_RULES.find((r) => persons >= r.minPersons && (r.maxPersons === null || persons <= r.maxPersons));
  if (!rule) {
    throw new RangeError(`No representative rule for ${persons} persons`);
  }
  return rule;
}

/** Why `representatives` does not fit a group of `persons`, or null when it does (null/undefined counts as 0). */
export function representativesProblem(persons: number, representatives: number | null | undefined): string | null {
  if (!Number.isInteger(persons) || persons < 1) {
    return null; // `persons` itself is reported.
  }
  const given = representatives ?? 0;
  const rule = representativeRule(persons);
  if (!Number.isInteger(given) || given < rule.minRepresentatives || given > rule.maxRepresentatives) {
    if (rule.maxRepresentatives === 0) {
      return `must be 0 or empty: ${persons} person(s) are not a large group (${LARGE_GROUP_MIN_PERSONS} or more)`;
    }
    const size = rule.maxPersons === null ? `more than ${rule.minPersons - 1}` : `${rule.minPersons}–${rule.maxPersons}`;
    return `a group of ${size} persons names ${rule.minRepresentatives} to ${rule.maxRepresentatives} representatives (got ${given})`;
  }
  return null;
}

/** A problem with one field of an input. */
export interface RuleProblem {
  field: string;
  message: string;
}

/**
 * What does not fit in a visit's outcome and the rest of it. A petition is registered through the
 * visit only when it is received for processing and the visit is not on a known case already; a
 * refusal is for a persistent re-submission of a resolved matter, so only on a repeat visit, and it
 * is made with a written notice that the note identifies.
 */
export function outcomeProblems(visit: {
  outcome: VisitOutcome;
  repeatVisit: boolean;
  hasCase: boolean;
  hasPetition: boolean;
  hasNote: boolean;
}): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (visit.hasPetition && visit.outcome !== VisitOutcome.RECEIVED_FOR_PROCESSING) {
    problems.push({ field: "petition", message: "a petition is registered only when the outcome is RECEIVED_FOR_PROCESSING" });
  }
  if (visit.hasPetition && visit.hasCase) {
    problems.push({ field: "petition", message: "not with caseId: to add a repeat petition to a known case, leave caseId empty and set petition.repeatOfCaseId" });
  }
  if (visit.outcome === VisitOutcome.REFUSED_WITH_NOTICE) {
    if (!visit.repeatVisit) {
      problems.push({ field: "repeatVisit", message: "a refusal with notice is for a persistent re-submission: only on a repeat visit" });
    }
    if (!visit.hasNote) {
      problems.push({ field: "note", message: "a refusal is made with a written notice: give its number and date" });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Leaders' minimum reception days

/** The span a minimum counts over. */
export type RulePeriod = "MONTH" | "WEEK";

/** One statutory minimum of reception days, for one role at one level, valid for a span of dates. */
export interface ReceptionDayRule {
  /** Stable identifier. */
  readonly id: string;
  readonly level: Level;
  readonly role: LeaderRole;
  /** Days required per `period`. */
  readonly days: number;
  readonly period: RulePeriod;
  readonly law: string;
  readonly article: string;
  readonly description: string;
  /** First day the rule applies; absent = no lower bound. */
  readonly validFrom?: LocalDate;
  /** Last day the rule applies; absent = no upper bound. */
  readonly validTo?: LocalDate;
  /** A default whose legal text was not fully confirmed: deployments may change it. */
  readonly configurable?: boolean;
}

/**
 * Every minimum of reception days TiepDan checks (DOMAIN.md): the State heads by the Law on Citizen
 * Reception, the Party secretaries by Regulation 11-QĐi/TW. District rows end on 2025-06-30, when
 * districts were abolished. A month is checked against the rows in force on its first day.
 */
export const RECEPTION_DAY_RULES: readonly ReceptionDayRule[] = Object.freeze(
  (
    [
      {
        id: "province-chairman",
        level: "province",
        role: LeaderRole.CHAIRMAN,
        days: 1,
        period: "MONTH",
        law: RECEPTION_LAW,
        article: "Art. 12(5)",
        description: "The province People's Committee chairman receives citizens at least 1 day a month",
        validFrom: RECEPTION_LAW_FROM,
      },
      {
        id: "district-chairman",
        level: "district",
        role: LeaderRole.CHAIRMAN,
        days: 2,
        period: "MONTH",
        law: RECEPTION_LAW,
        article: "Art. 13(5)",
        description: "The district People's Committee chairman receives citizens at least 2 days a month",
        validFrom: RECEPTION_LAW_FROM,
        validTo: "2025-06-30",
      },
      {
        id: "commune-chairman-weekly",
        level: "commune",
        role: LeaderRole.CHAIRMAN,
        days: 1,
        period: "WEEK",
        law: RECEPTION_LAW,
        article: "Art. 15(2)",
        description: "The commune People's Committee chairman receives citizens at least 1 day a week",
        validFrom: RECEPTION_LAW_FROM,
        validTo: "2026-06-30",
      },
      {
        id: "commune-chairman-2026",
        level: "commune",
        role: LeaderRole.CHAIRMAN,
        days: 2,
        period: "MONTH",
        law: RECEPTION_LAW_2025,
        article: `amending Law 42/2013 Art. 15(2) (${ARTICLE_NOT_CONFIRMED})`,
        description: "The commune People's Committee chairman receives citizens at least 2 days a month, from 2026-07-01",
        validFrom: "2026-07-01",
        configurable: true,
      },
      ...(["province", "district", "commune"] as const).map((level) => ({
        id: `${level}-agency-head`,
        level,
        role: LeaderRole.AGENCY_HEAD,
        days: 1,
        period: "MONTH" as const,
        law: RECEPTION_DECREE,
        article: "Art. 4(2), detailing Law 42/2013 Art. 18(2)",
        description: `The head of a ${level} agency receives citizens at least 1 day a month`,
        validFrom: RECEPTION_LAW_FROM,
        ...(level === "district" ? { validTo: "2025-06-30" } : {}),
      })),
      {
        id: "province-party-secretary",
        level: "province",
        role: LeaderRole.PARTY_SECRETARY,
        days: 1,
        period: "MONTH",
        law: PARTY_REGULATION,
        article: ARTICLE_NOT_CONFIRMED,
        description: "The province Party committee's secretary receives citizens at least 1 day a month",
        validFrom: "2019-02-18",
        configurable: true,
      },
      {
        id: "district-party-secretary",
        level: "district",
        role: LeaderRole.PARTY_SECRETARY,
        days: 1,
        period: "MONTH",
        law: PARTY_REGULATION,
        article: ARTICLE_NOT_CONFIRMED,
        description: "The district Party committee's secretary receives citizens at least 1 day a month",
        validFrom: "2019-02-18",
        validTo: "2025-06-30",
        configurable: true,
      },
      {
        id: "commune-party-secretary",
        level: "commune",
        role: LeaderRole.PARTY_SECRETARY,
        days: 2,
        period: "MONTH",
        law: PARTY_REGULATION,
        article: ARTICLE_NOT_CONFIRMED,
        description: "The commune Party committee's secretary receives citizens at least 2 days a month",
        validFrom: "2019-02-18",
        configurable: true,
      },
    ] satisfies ReceptionDayRule[]
  ).map((rule) => Object.freeze(rule)),
);

/** A calendar month, "2025-03", with its first and last day. */
export interface Month {
  month: string;
  year: number;
  /** 1–12. */
  number: number;
  first: LocalDate;
  last: LocalDate;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Parses "YYYY-MM"; null when it is not a month written so. */
export function parseMonth(text: string): Month | null {
  const match = MONTH_PATTERN.exec(text);
  if (!match) {
    return null;
  }
  const year = Number(match[1]);
  const number = Number(match[2]);
  return { month: text, year, number, first: localDate(year, number, 1), last: localDate(year, number, daysInMonth(year, number)) };
}

/**
 * The weeks of a month, for "at least 1 day a week": the Monday-to-Sunday weeks whose Thursday
 * falls in the month (the ISO 8601 convention, so every week belongs to exactly one month and a
 * year has 52 or 53), i.e. the number of Thursdays in the month: 4 or 5.
 */
export function weeksInMonth(month: Month): number {
  let thursdays = 0;
  for (let day = 1; day <= daysInMonth(month.year, month.number); day++) {
    if (dayOfWeek(localDate(month.year, month.number, day)) === 4) {
      thursdays++;
    }
  }
  return thursdays;
}

/** The rule for a role at a level in force on the first day of the month, or null when none is. */
export function receptionDayRule(level: Level, role: LeaderRole, month: Month): ReceptionDayRule | null {
  const on = month.first;
  return (
    RECEPTION_DAY_RULES.find(
      (r) => r.level === level && r.role === role && (r.validFrom === undefined || r.validFrom <= on) && (r.validTo === undefined || on <= r.validTo),
    ) ?? null
  );
}

/** Days a rule requires in a month: `days` for a monthly rule, `days` × the weeks of the month for a weekly one. */
export function requiredDays(rule: ReceptionDayRule, month: Month): number {
  return rule.period === "WEEK" ? rule.days * weeksInMonth(month) : rule.days;
}

/** A leader's reception days in a month measured against the rule. */
export interface ComplianceAssessment {
  rule: ReceptionDayRule | null;
  /** 0 when no rule applies. */
  required: number;
  /** Distinct dates in the month the leader received citizens himself (see `countsAsReceptionDay`). */
  heldDates: LocalDate[];
  /** Distinct scheduled dates in the month. */
  scheduledDates: LocalDate[];
  belowMinimum: boolean;
}

/** Measures a leader's month: dates outside the month are ignored, duplicates counted once. */
export function assessMonth(input: {
  level: Level;
  role: LeaderRole;
  month: Month;
  heldDates: readonly LocalDate[];
  scheduledDates: readonly LocalDate[];
}): ComplianceAssessment {
  const inMonth = (dates: readonly LocalDate[]): LocalDate[] =>
    [...new Set(dates.filter((d) => d >= input.month.first && d <= input.month.last))].sort();
  const rule = receptionDayRule(input.level, input.role, input.month);
  const required = rule ? requiredDays(rule, input.month) : 0;
  const heldDates = inMonth(input.heldDates);
  return { rule, required, heldDates, scheduledDates: inMonth(input.scheduledDates), belowMinimum: heldDates.length < required };
}
