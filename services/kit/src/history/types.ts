import type { CaseAction } from "../domain/cases/machine";
import type { ActionInput, ClassifyInput, RegisterPetitionInput } from "../cases/steps";
import type { RegisterLeaderInput, VisitPetitionInput } from "../reception/service";
import type { RecordSessionInput, VisitFields } from "../reception/steps";

/**
 * A petition of a historic case: lodged at a body (by post, online, forwarded, ...), or handed in
 * at a reception visit, in which case the session gives the body and the date and the source is
 * IN_PERSON, exactly as `recordVisit` registers it.
 */
export type HistoricPetition =
  | { lodged: "AT_BODY"; input: Omit<RegisterPetitionInput, "repeatOfCaseId"> }
  | { lodged: "AT_VISIT"; sessionRef: string; visit: VisitFields; input: Omit<VisitPetitionInput, "repeatOfCaseId"> };

/** One step of a case after its first petition, dated by its input's `on` (or the repeat petition's date). */
export type HistoricStep =
  | { step: "CLASSIFY"; input: ClassifyInput & { on: string } }
  | { step: "ACT"; action: CaseAction; input: ActionInput & { on: string } }
  | { step: "REPEAT"; petition: HistoricPetition };

/** The life of one matter at one body, in the order it happened. */
export interface CaseHistory {
  /** Key of the case inside an import: visits name it, the ids map gives its id. */
  ref: string;
  petition: HistoricPetition;
  steps: HistoricStep[];
}

/** A leader who received citizens. */
export interface LeaderHistory extends RegisterLeaderInput {
  ref: string;
}

/** A reception session; its leader by ref. */
export interface SessionHistory extends Omit<RecordSessionInput, "leaderId"> {
  ref: string;
  leaderRef?: string | null;
}

/** A visit that registers no petition (visits that do are steps of their case), optionally on a known case. */
export interface VisitHistory extends VisitFields {
  sessionRef: string;
  caseRef?: string | null;
}

/** One level's records of a legacy system (or of the generator), to be written through one of the two writers. */
export interface LevelHistory {
  leaders: LeaderHistory[];
  sessions: SessionHistory[];
  cases: CaseHistory[];
  visits: VisitHistory[];
}

/** Ids given to the refs of earlier batches (leaders are shared by later batches). */
export type RefIds = Map<string, string>;

/** How a writer records a history. */
export interface HistoryWriteOptions {
  /** The user id the records are written by: timeline actor, `registered_by`, `recorded_by`. */
  actor: string;
  /** Ids of refs written by earlier batches; the writer adds the ones it writes. */
  refs?: RefIds;
  /** Called as parts are written: a phase name, done and total in that phase. */
  onProgress?: (phase: string, done: number, total: number) => void;
}

/** What a writer wrote. */
export interface WrittenCounts {
  leaders: number;
  sessions: number;
  cases: number;
  petitions: number;
  visits: number;
  events: number;
}

/** The name of a step, for error messages ("case C-12, step 3 (DECIDE)"). */
export function stepName(step: HistoricStep): string {
  return step.step === "ACT" ? step.action : step.step;
}

/** Where a history went wrong: the ref and step of the record refused, with the domain's own reason. */
export class HistoryError extends Error {
  constructor(
    readonly ref: string,
    readonly where: string,
    cause: unknown,
  ) {
    super(`${ref}, ${where}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "HistoryError";
  }
}
