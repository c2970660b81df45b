// Due dates from the rule table. A period of n days starts the day after the event that opens it
// (receipt, acceptance, decision: Civil Code 2015 Art. 147) and ends at the end of its n-th
// counted day; working-day rules count only civil servants' working days.

import {
  type LocalDate,
  addCalendarDays,
  compareDates,
  daysBetween,
  parseLocalDate,
} from "../calendar/local-date";
import { isWorkingDay } from "../calendar/working-days";
import {
  DEADLINE_RULES,
  type DayKind,
  type DeadlineRule,
  type DeadlineStep,
  MAX_DENUNCIATION_EXTENSIONS,
} from "./rules";

/** Which variant of a rule a case needs, and the date that decides which version of the rule applies. */
export interface RuleQuery {
  /** The case was found complex (a recorded finding, Law on Complaints Art. 3a from 2026-07-01). */
  complex?: boolean;
  /** The case is in a remote area (vùng sâu, vùng xa, đi lại khó khăn). */
  remote?: boolean;
  /** The date of receipt or acceptance that decides which version of the rule applies. */
  on: LocalDate;
}

/** No rule of the table covers the step, variant and date asked for. */
export class NoDeadlineRuleError extends Error {
  override readonly name = "NoDeadlineRuleError";
}

function isValidOn(rule: DeadlineRule, on: LocalDate): boolean {
  return (
    (rule.validFrom === undefined || compareDates(rule.validFrom, on) <= 0) &&
    (rule.validTo === undefined || compareDates(on, rule.validTo) <= 0)
  );
}

function validity(rule: DeadlineRule): string {
  return `${rule.id}: ${rule.validFrom ?? "…"} to ${rule.validTo ?? "…"}`;
}

/**
 * The rule for a step valid on `query.on`, in the variant that best matches the case: the row for
 * exactly its flags if there is one, else the remote row, else the complex row, else the plain row
 * (a flag with no row of its own does not change the limit, e.g. a complex second lodging).
 * A row for a variant never applies to a case without that flag. Throws NoDeadlineRuleError when
 * no row is valid on that date.
 */
export function findRule(step: DeadlineStep, query: RuleQuery): DeadlineRule {
  const on = parseLocalDate(query.on);
  const complex = query.complex === true;
  const remote = query.remote === true;
  const ofStep = DEADLINE_RULES.filter((rule) => rule.step === step);
  if (ofStep.length === 0) {
    throw new NoDeadlineRuleError(`Unknown deadline step ${JSON.stringify(step)}`);
  }
  const valid = ofStep.filter((rule) => isValidOn(rule, on));
  // Variants to try, most specific first: [complex, remote].
  const preferences: [boolean, boolean][] = [];
  if (complex && remote) {
    preferences.push([true, true]);
  }
  if (remote) {
    preferences.push([false, true]);
  }
  if (complex) {
    preferences.push([true, false]);
  }
  preferences.push([false, false]);
  for (const [wantComplex, wantRemote] of preferences) {
    const found = valid.find(
      (rule) => (rule.complex === true) === wantComplex && (rule.remote === true) === wantRemote,
    );
    if (found) {
      return found;
    }
  }
  throw new NoDeadlineRuleError(
    `No ${step} rule is valid on ${on}${complex ? " (complex)" : ""}${remote ? " (remote)" : ""}; ` +
      `rules of this step: ${ofStep.map(validity).join("; ")}`,
  );
}

/**
 * A suspension of resolution (Law 136/2025, from 2026-07-01; Law on Denunciations Art. 34): days
 * from `from` to `to`, both included, do not count. `to` is null while the suspension lasts.
 */
export interface SuspensionPeriod {
  from: LocalDate;
  to: LocalDate | null;
}

/** What `dueDate` needs: the step, the date the period starts from, the case's variant and events. */
export interface DueDateInput {
  step: DeadlineStep;
  /** The event day the period runs from (receipt, acceptance, decision); it does not itself count. */
  start: LocalDate;
  complex?: boolean;
  remote?: boolean;
  /** The date that decides which version of the rule applies; defaults to `start`. */
  on?: LocalDate;
  /** Written extensions of a denunciation's resolution: 0, 1 or 2. */
  extensions?: number;
  suspensions?: readonly SuspensionPeriod[];
}

/** A computed due date and the rules it comes from. */
export interface DueDate {
  /** The last day of the period: done on this day is on time. */
  dueAt: LocalDate;
  rule: DeadlineRule;
  /** The extension rule, when extensions were counted. */
  extensionRule?: DeadlineRule;
  /**
   * A suspension with no end yet started on or before `dueAt`: the period is not running. `dueAt`
   * is then computed from the closed suspensions only, and moves once the open one ends.
   */
  onHold: boolean;
}

/** Counts `n` days of a kind after `from`, skipping suspended days; returns the n-th counted day. */
function countDays(
  from: LocalDate,
  n: number,
  dayKind: DayKind,
  isSuspended: (date: LocalDate) => boolean,
): LocalDate {
  let date = from;
  let counted = 0;
  while (counted < n) {
    date = addCalendarDays(date, 1);
    if (isSuspended(date) || (dayKind === "working" && !isWorkingDay(date))) {
      continue;
    }
    counted += 1;
  }
  return date;
}

function checkSuspension(suspension: SuspensionPeriod): void {
  parseLocalDate(suspension.from);
  if (suspension.to !== null) {
    parseLocalDate(suspension.to);
    if (compareDates(suspension.to, suspension.from) < 0) {
      throw new RangeError(
        `A suspension cannot end (${suspension.to}) before it starts (${suspension.from})`,
      );
    }
  }
}

/**
 * The due date of a step for a case. The period runs from the day after `start`; extensions (a
 * denunciation's resolution only) add DENUNCIATION_EXTENSION's days each, after the base period.
 * Suspended days inside the running period do not count, so the due date moves by the suspended
 * days (calendar days for calendar rules, working days for working-day rules) that fall between
 * `start` and the moved due date; overlapping suspensions count each day once, and days before
 * `start` or after the period ended do not count.
 */
export function dueDate(input: DueDateInput): DueDate {
  const start = parseLocalDate(input.start);
  const on = input.on ?? start;
  const rule = findRule(input.step, { on, complex: input.complex, remote: input.remote });

  const extensions = input.extensions ?? 0;
  if (!Number.isInteger(extensions) || extensions < 0) {
    throw new RangeError(`Extensions must be a whole number ≥ 0, got ${extensions}`);
  }
  if (extensions > 0 && input.step !== "DENUNCIATION_RESOLUTION") {
    throw new RangeError(`Only a denunciation's resolution can be extended, not ${input.step}`);
  }
  if (extensions > MAX_DENUNCIATION_EXTENSIONS) {
    throw new RangeError(
      `A denunciation's resolution can be extended at most ${MAX_DENUNCIATION_EXTENSIONS} times ` +
        `(Law on Denunciations 25/2018/QH14 Art. 30(2)), got ${extensions}`,
    );
  }
  const extensionRule = extensions > 0 ? findRule("DENUNCIATION_EXTENSION", { on }) : undefined;

  const suspensions = input.suspensions ?? [];
  suspensions.forEach(checkSuspension);
  const closed = suspensions.filter((s): s is { from: LocalDate; to: LocalDate } => s.to !== null);
  const isSuspended = (date: LocalDate): boolean =>
    closed.some((s) => compareDates(s.from, date) <= 0 && compareDates(date, s.to) <= 0);

  let dueAt = countDays(start, rule.days, rule.dayKind, isSuspended);
  for (let i = 0; i < extensions && extensionRule; i += 1) {
    dueAt = countDays(dueAt, extensionRule.days, extensionRule.dayKind, isSuspended);
  }
  const onHold = suspensions.some((s) => s.to === null && compareDates(s.from, dueAt) <= 0);
  return { dueAt, rule, ...(extensionRule ? { extensionRule } : {}), onHold };
}

/** Calendar days from `today` to `dueAt`: 0 on the due day, negative when late. */
export function daysLeft(dueAt: LocalDate, today: LocalDate): number {
  return daysBetween(today, dueAt);
}

/**
 * Calendar days past `dueAt` (0 on time or on the due day), the unit of `daysLeft` so that the two
 * never disagree. While the period is on hold (an open suspension) nothing is late: 0, as
 * `overdue` is false then. `daysLate > 0` exactly when the case is overdue.
 */
export function daysLate(dueAt: LocalDate, today: LocalDate, onHold = false): number {
  return onHold ? 0 : Math.max(0, -daysLeft(dueAt, today));
}

/** True once `today` is after `dueAt` (the due day itself is still on time). */
export function isOverdue(dueAt: LocalDate, today: LocalDate): boolean {
  return compareDates(today, dueAt) > 0;
}
