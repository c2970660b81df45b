// What recording a reception session or a visit checks and writes, as pure functions over inputs
// already looked up (the body, the leader): ReceptionService runs them per request, and the history
// importer (history/import.ts) runs the same functions for records written in bulk.

import type { ReceptionBodyEntity } from "../admin/entities";
import type { Validator } from "../cases/validation";
import type { Level } from "../config";
import { normalizeText } from "../text";
import type { LeaderEntity, ReceptionSessionEntity, VisitEntity } from "./entities";
import { LeaderRole, MAX_VISIT_PERSONS, ReceptionHost, ReceptionMode, VisitOutcome, hostProblem, leaderProblem, outcomeProblems, representativesProblem } from "./rules";

/** A reception session as recorded. */
export interface RecordSessionInput {
  bodyId: string;
  date: string;
  mode: ReceptionMode | string;
  /** Required for periodic and unscheduled sessions; empty for regular ones (the desk). */
  host?: ReceptionHost | string | null;
  /** Who received; defaults to the leader's name when the leader received in person. */
  hostName?: string | null;
  hostTitle?: string | null;
  leaderId?: string | null;
}

/** The part of a visit that the visit itself decides (the session, case and petition are looked up or registered apart). */
export interface VisitFields {
  persons: number;
  /** Required (1–2) for 5–10 persons, (1–5) for more than 10; 0 or empty below 5. */
  representatives?: number | null;
  /** A repeat visit on the matter (tiếp lần 2 trở lên). */
  repeatVisit?: boolean | null;
  outcome: VisitOutcome | string;
  note?: string | null;
}

const enumValues = new WeakMap<object, ReadonlySet<unknown>>();

/** True when `value` is one of an enum's values. */
export const isOneOf = <T extends string>(values: Record<string, T>, value: unknown): value is T => {
  let known = enumValues.get(values);
  if (!known) {
    known = new Set<unknown>(Object.values(values));
    enumValues.set(values, known);
  }
  return known.has(value);
};

/** A session row without its id and creation time. */
export type SessionRow = Omit<ReceptionSessionEntity, "id" | "createdAt">;

/**
 * Everything a session checks once its body and leader are looked up (null when not found: the
 * caller reports that); returns the row to write, with the host named after the leader when he
 * received himself.
 */
export function checkSession(v: Validator, level: Level, input: RecordSessionInput, body: ReceptionBodyEntity | null, leader: LeaderEntity | null, recordedBy: string | null): SessionRow {
  v.pastDate("date", input.date);
  v.levelExisted("date", level, input.date);
  const mode = input.mode;
  const host = input.host ?? null;
  if (!isOneOf(ReceptionMode, mode)) {
    v.add("mode", `must be one of ${Object.values(ReceptionMode).join(", ")}`);
  } else if (host !== null && !isOneOf(ReceptionHost, host)) {
    v.add("host", `must be one of ${Object.values(ReceptionHost).join(", ")}`);
  } else {
    const problem = hostProblem(mode, host as ReceptionHost | null);
    if (problem) {
      v.add("host", problem);
    }
    if (leader) {
      const mismatch = leaderProblem(mode, host as ReceptionHost | null, leader.role as LeaderRole);
      if (mismatch) {
        v.add("leaderId", mismatch);
      }
    }
  }
  if (leader && body && leader.unitCode !== body.unitCode) {
    v.add("leaderId", `leads a body of unit ${leader.unitCode}, not of ${body.unitCode} where the session is held`);
  }
  v.text("hostName", input.hostName, { max: 100 });
  v.text("hostTitle", input.hostTitle, { max: 200 });
  // The leader's own session names him; a delegated one names the deputy who received.
  const leaderHosted = leader !== null && host !== null && host !== ReceptionHost.DELEGATED;
  const hostName = input.hostName ? normalizeText(input.hostName) : leaderHosted ? leader.name : null;
  const hostTitle = input.hostTitle ? normalizeText(input.hostTitle) : leaderHosted ? leader.title : null;
  if (mode !== ReceptionMode.REGULAR && host !== null && !hostName) {
    v.add("hostName", "is required: who received the citizens (or give leaderId when the leader received)");
  }
  return {
    bodyId: body?.id ?? input.bodyId,
    unitCode: body?.unitCode ?? "",
    date: input.date,
    mode,
    host,
    hostName: hostName || null,
    hostTitle: hostTitle || null,
    leaderId: leader?.id ?? null,
    recordedBy,
  };
}

/** Everything a visit checks about itself; `hasCase` and `hasPetition` say whether it names a known case or registers a petition. */
export function checkVisit(v: Validator, input: VisitFields, refs: { hasCase: boolean; hasPetition: boolean }): void {
  v.int("persons", input.persons, 1, MAX_VISIT_PERSONS);
  if (input.persons === null || input.persons === undefined) {
    v.add("persons", "is required");
  }
  const representativesIssue = representativesProblem(input.persons, input.representatives);
  if (representativesIssue) {
    v.add("representatives", representativesIssue);
  }
  v.text("note", input.note, { max: 4000 });
  const outcome = input.outcome;
  if (!isOneOf(VisitOutcome, outcome)) {
    v.add("outcome", `must be one of ${Object.values(VisitOutcome).join(", ")}`);
  } else {
    for (const problem of outcomeProblems({
      outcome,
      repeatVisit: input.repeatVisit ?? false,
      hasCase: refs.hasCase,
      hasPetition: refs.hasPetition,
      hasNote: Boolean(input.note && input.note.trim()),
    })) {
      v.add(problem.field, problem.message);
    }
  }
}

/** The row of a visit (without id, creation time and the database-generated large-group flag). */
export function visitRow(input: VisitFields, ids: { sessionId: string; caseId: string | null; petitionId: string | null }, recordedBy: string | null): Omit<VisitEntity, "id" | "createdAt" | "largeGroup"> {
  return {
    sessionId: ids.sessionId,
    persons: input.persons,
    representatives: input.representatives ?? 0,
    repeatVisit: input.repeatVisit ?? false,
    caseId: ids.caseId,
    petitionId: ids.petitionId,
    outcome: input.outcome as VisitOutcome,
    note: input.note ? normalizeText(input.note) : null,
    recordedBy,
  };
}
