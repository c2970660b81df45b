// The steps of a case's life as pure functions over the case row: what each step checks, what it
// changes, and what follows from it (status, closing date, running deadline, the timeline's list of
// changed fields). CaseService runs them inside its transactions; the history importer
// (history/import.ts) runs the very same functions in memory for records written in bulk, so both
// paths write the same rows.

import { levelOfCode } from "../admin/kinds";
import type { ReceptionBodyEntity } from "../admin/entities";
import type { Level } from "../config";
import { CaseAction, CaseKind, CaseStatus, allowedActions } from "../domain/cases/machine";
import { foldVietnamese, normalizeText } from "../text";
import { deadlineBeforeAcceptance, runningDeadline } from "./due";
import type { CaseEntity, PetitionEntity } from "./entities";
import { ContentType, type DecisionResult, RESULTS_FOR } from "./kinds";
import { type Validator, normalizePhone } from "./validation";

/** A signer of a petition. */
export interface PersonInput {
  fullName: string;
  citizenId?: string | null;
  address?: string | null;
  phone?: string | null;
}

/** Metadata of an attached file. */
export interface AttachmentInput {
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

/** A petition as registered at a body. */
export interface RegisterPetitionInput {
  bodyId: string;
  source: string;
  receivedOn: string;
  content: string;
  summary?: string | null;
  respondent?: string | null;
  /** Known at the desk: decides where identities are kept (denouncers apart, confidential). */
  contentTypes?: string[] | null;
  anonymous?: boolean | null;
  petitioners?: PersonInput[] | null;
  attachments?: AttachmentInput[] | null;
  /** Link the petition to this existing case as a repeat instead of opening a new case. */
  repeatOfCaseId?: string | null;
}

/** Classification on every axis of Circular 05/2021. */
export interface ClassifyInput {
  contentTypes: string[];
  eligible: boolean;
  ineligibilityReason?: string | null;
  withinCompetence: boolean;
  field: string;
  complex?: boolean | null;
  complexityReason?: string | null;
  remoteArea?: boolean | null;
  instance?: number | null;
  on?: string | null;
  note?: string | null;
}

/** Data of a step; which fields are needed depends on the action. */
export interface ActionInput {
  on?: string | null;
  note?: string | null;
  reason?: string | null;
  /** TRANSFER: the legal basis cited. */
  legalBasis?: string | null;
  targetBodyId?: string | null;
  result?: string | null;
  decisionNumber?: string | null;
  afterPersuasion?: boolean | null;
  moneyToRecoverVnd?: number | null;
  moneyToReturnVnd?: number | null;
  landToRecoverM2?: number | null;
  landToReturnM2?: number | null;
  peopleDisciplined?: number | null;
  sentToInvestigation?: number | null;
}

/** Fields that changed in a step: { field: [before, after] }, as the timeline keeps them. */
export type CaseChanges = Record<string, [unknown, unknown]>;

/** A suspension period as the deadline computation needs it. */
export interface SuspensionSpan {
  from: string;
  to: string | null;
}

const MAX_SIGNERS = 1000;
const MAX_ATTACHMENTS = 50;
const MAX_ATTACHMENT_BYTES = 1024 ** 3;
const MAX_MONEY_VND = 1e15;
const MAX_LAND_M2 = 1e11;
const PARTIAL_WITHDRAWAL_FROM = "2026-07-01";
const SUSPENSION_FROM = "2026-07-01";

/**
 * The processing decisions of form 01/XLD: a case's first of these steps is its processing
 * decision (the database keeps it on the case row, `processed_on` and `processing_action`).
 */
export const PROCESSING_DECISIONS: ReadonlySet<string> = new Set<string>([CaseAction.ACCEPT, CaseAction.TRANSFER, CaseAction.GUIDE, CaseAction.URGE, CaseAction.ARCHIVE, CaseAction.REFUSE]);

/** Statuses in which a resolution period runs. */
const RESOLVING_STATUSES = new Set<string>([CaseStatus.ACCEPTED, CaseStatus.VERIFYING, CaseStatus.DIALOGUE, CaseStatus.SUSPENDED]);

/** The kind a case takes from its contents: a complaint first, then a denunciation, else a recommendation. */
export function kindOf(contentTypes: string[]): CaseKind {
  if (contentTypes.includes(ContentType.COMPLAINT)) {
    return CaseKind.COMPLAINT;
  }
  if (contentTypes.includes(ContentType.DENUNCIATION)) {
    return CaseKind.DENUNCIATION;
  }
  return CaseKind.RECOMMENDATION;
}

/** Checks the signers of a petition field by field. */
function checkPeople(v: Validator, field: string, people: PersonInput[]): void {
  people.forEach((p, i) => {
    v.text(`${field}[${i}].fullName`, p.fullName, { required: true, max: 100 });
    if (p.fullName && /^[\d\s]+$/.test(p.fullName)) {
      v.add(`${field}[${i}].fullName`, "must be a name");
    }
    v.citizenId(`${field}[${i}].citizenId`, p.citizenId);
    v.text(`${field}[${i}].address`, p.address, { max: 300 });
    v.phone(`${field}[${i}].phone`, p.phone);
  });
}

/** Everything a petition's registration checks that needs no lookup (the body and the repeated case are looked up by the caller). */
export function checkPetition(v: Validator, level: Level, input: RegisterPetitionInput): void {
  v.pastDate("receivedOn", input.receivedOn);
  v.levelExisted("receivedOn", level, input.receivedOn);
  v.text("content", input.content, { required: true, max: 20000 });
  v.text("summary", input.summary, { max: 2000 });
  v.text("respondent", input.respondent, { max: 500 });
  const people = input.petitioners ?? [];
  const anonymous = input.anonymous ?? false;
  const contentTypes = [...new Set(input.contentTypes ?? [])];
  if (anonymous && people.length > 0) {
    v.add("petitioners", "must be empty for an anonymous petition");
  }
  if (!anonymous && people.length === 0) {
    v.add("petitioners", "at least one petitioner is required (or mark the petition anonymous)");
  }
  if (anonymous && contentTypes.length > 0 && !contentTypes.every((t) => t === ContentType.DENUNCIATION)) {
    v.add("anonymous", "only denunciations may be anonymous");
  }
  if (people.length > MAX_SIGNERS) {
    v.add("petitioners", `at most ${MAX_SIGNERS} signers`);
  }
  checkPeople(v, "petitioners", people);
  const attachments = input.attachments ?? [];
  if (attachments.length > MAX_ATTACHMENTS) {
    v.add("attachments", `at most ${MAX_ATTACHMENTS} attachments`);
  }
  attachments.forEach((a, i) => {
    v.text(`attachments[${i}].name`, a.name, { required: true, max: 255 });
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(a.mediaType)) {
      v.add(`attachments[${i}].mediaType`, "must be a media type such as application/pdf");
    }
    v.int(`attachments[${i}].sizeBytes`, a.sizeBytes, 0, MAX_ATTACHMENT_BYTES);
    if (!/^[0-9a-f]{64}$/.test(a.sha256)) {
      v.add(`attachments[${i}].sha256`, "must be 64 lower-case hexadecimal characters");
    }
  });
}

/** The rows a registered petition writes: the petition, its signers (in the confidential table for a denunciation), its attachments. */
export interface PetitionRows {
  petition: Omit<PetitionEntity, "createdAt">;
  /** Signers; `confidential` says which table they go to. */
  signers: { petitionId: string; fullName: string; searchName: string; citizenId: string | null; address: string | null; phone: string | null; position: number }[];
  confidential: boolean;
  attachments: (AttachmentInput & { petitionId: string })[];
}

/**
 * The rows of a petition as registered (normalised text, folded search text, signers in order);
 * `repeatOf` is the case it is linked to as a repeat, if any.
 */
export function petitionRows(input: RegisterPetitionInput, ids: { petitionId: string; caseId: string }, body: Pick<ReceptionBodyEntity, "id">, repeatOf: Pick<CaseEntity, "contentTypes"> | null, registeredBy: string | null): PetitionRows {
  const content = normalizeText(input.content);
  const respondent = input.respondent ? normalizeText(input.respondent) : null;
  const people = input.petitioners ?? [];
  const contentTypes = input.contentTypes ?? [];
  return {
    petition: {
      id: ids.petitionId,
      caseId: ids.caseId,
      bodyId: body.id,
      source: input.source,
      receivedOn: input.receivedOn,
      content,
      respondent,
      isRepeat: repeatOf !== null,
      signerCount: people.length,
      anonymous: input.anonymous ?? false,
      searchText: foldVietnamese(`${content} ${respondent ?? ""}`),
      registeredBy,
    },
    signers: people.map((p, position) => ({
      petitionId: ids.petitionId,
      fullName: normalizeText(p.fullName),
      searchName: foldVietnamese(p.fullName),
      citizenId: p.citizenId ?? null,
      address: p.address ? normalizeText(p.address) : null,
      phone: p.phone ? normalizePhone(p.phone) : null,
      position,
    })),
    // A denouncer's identity goes to its own confidential table, never beside the case.
    confidential: contentTypes.includes(ContentType.DENUNCIATION) || (repeatOf?.contentTypes ?? []).includes(ContentType.DENUNCIATION),
    attachments: (input.attachments ?? []).map((a) => ({ ...a, name: normalizeText(a.name), petitionId: ids.petitionId })),
  };
}

/**
 * A case opened by its first petition, with every column as the database returns it (defaults
 * included), RECEIVED and with the petition-processing deadline running.
 */
export function newCase(input: RegisterPetitionInput, id: string, level: Level, body: Pick<ReceptionBodyEntity, "id" | "unitCode" | "sector">): Omit<CaseEntity, "createdAt"> {
  const content = normalizeText(input.content);
  const summary = normalizeText(input.summary ?? content.slice(0, 300));
  const respondent = input.respondent ? normalizeText(input.respondent) : null;
  const due = deadlineBeforeAcceptance({ kind: null, status: CaseStatus.RECEIVED, receivedOn: input.receivedOn });
  return {
    id,
    level,
    bodyId: body.id,
    unitCode: body.unitCode,
    sector: body.sector,
    kind: null,
    contentTypes: [...new Set(input.contentTypes ?? [])],
    status: CaseStatus.RECEIVED,
    suspendedFrom: null,
    summary,
    respondent,
    respondentSearch: respondent ? foldVietnamese(respondent) : null,
    searchText: foldVietnamese(`${summary} ${respondent ?? ""}`),
    field: null,
    eligible: null,
    ineligibilityReason: null,
    withinCompetence: null,
    signerCount: (input.petitioners ?? []).length,
    anonymous: input.anonymous ?? false,
    complex: false,
    complexityReason: null,
    remoteArea: false,
    instance: null,
    receivedOn: input.receivedOn,
    acceptedOn: null,
    closedOn: null,
    dueOn: due?.dueAt ?? null,
    dueStep: due?.step ?? null,
    dueRuleId: due?.rule.id ?? null,
    resolutionDueOn: null,
    onHold: false,
    extensions: 0,
    repeatCount: 0,
    targetBodyId: null,
    decisionReason: null,
    result: null,
    decisionNumber: null,
    decidedOn: null,
    dialogueOn: null,
    publishedOn: null,
    withdrawnOn: null,
    withdrawnAfterPersuasion: false,
    partialWithdrawals: 0,
    moneyToRecoverVnd: 0,
    moneyToReturnVnd: 0,
    landToRecoverM2: 0,
    landToReturnM2: 0,
    peopleDisciplined: 0,
    sentToInvestigation: 0,
    journey: [],
    transferredFrom: null,
    originMessageId: null,
    inboxState: null,
    firstInstance: null,
    version: 1,
  };
}

/** Everything a classification checks. */
export function checkClassification(v: Validator, current: CaseEntity, input: ClassifyInput): void {
  const contentTypes = [...new Set(input.contentTypes)];
  if (contentTypes.length === 0) {
    v.add("contentTypes", "at least one content type is required");
  }
  if (!input.eligible && !input.ineligibilityReason) {
    v.add("ineligibilityReason", "is required when the petition is not eligible");
  }
  if (input.eligible && input.ineligibilityReason) {
    v.add("ineligibilityReason", "must be empty for an eligible petition");
  }
  const kind = contentTypes.length ? kindOf(contentTypes) : null;
  if (kind === CaseKind.COMPLAINT) {
    if (input.instance !== 1 && input.instance !== 2) {
      v.add("instance", "a complaint is 1st (1) or 2nd (2) instance");
    }
  } else if (input.instance !== undefined && input.instance !== null) {
    v.add("instance", "only complaints have an instance");
  }
  if (input.complex && !input.complexityReason) {
    v.add("complexityReason", "a complex case records why (Law Art. 3a): several places or contents, several complainants, a foreign element, ...");
  }
  v.text("complexityReason", input.complexityReason, { max: 1000 });
  v.pastDate("on", input.on, false);
  if (input.on && input.on < current.receivedOn) {
    v.add("on", `must not be before the case was received (${current.receivedOn})`);
  }
  if (current.anonymous && kind && kind !== CaseKind.DENUNCIATION) {
    v.add("contentTypes", "an anonymous petition can only be a denunciation");
  }
}

/** Sets the classification on the case; true when the signers must move to (or back from) the confidential table. */
export function applyClassification(c: CaseEntity, input: ClassifyInput): boolean {
  const contentTypes = [...new Set(input.contentTypes)];
  const wasConfidential = c.contentTypes.includes(ContentType.DENUNCIATION);
  const kind = contentTypes.length ? kindOf(contentTypes) : null;
  c.kind = kind;
  c.contentTypes = contentTypes;
  c.eligible = input.eligible;
  c.ineligibilityReason = input.ineligibilityReason ?? null;
  c.withinCompetence = input.withinCompetence;
  c.field = input.field;
  c.complex = input.complex ?? false;
  c.complexityReason = input.complexityReason ?? null;
  c.remoteArea = input.remoteArea ?? false;
  c.instance = kind === CaseKind.COMPLAINT ? (input.instance ?? 1) : null;
  return contentTypes.includes(ContentType.DENUNCIATION) !== wasConfidential;
}

/** What `checkAction` needs beyond the case: the deployment's levels and an open suspension, if any. */
export interface ActionContext {
  levels: readonly Level[];
  /** The suspension not yet ended (read only for RESUME). */
  openSuspension?: { fromOn: string } | null;
}

/** Everything a step (ACCEPT, DECIDE, ...) checks about its input and the case; `on` is the step's date. */
export function checkAction(v: Validator, current: CaseEntity, action: CaseAction, input: ActionInput, on: string, ctx: ActionContext): void {
  v.pastDate("on", input.on, false);
  const notBefore = (date: string | null, what: string): void => {
    if (date && on < date) {
      v.add("on", `must not be before ${what} (${date})`);
    }
  };
  notBefore(current.receivedOn, "the receipt");
  notBefore(current.acceptedOn, "the acceptance");
  v.text("note", input.note, { max: 4000 });
  v.text("reason", input.reason, { max: 2000 });
  const needReason = (): void => {
    if (!input.reason) {
      v.add("reason", `is required to ${action}`);
    }
  };
  const enforcement = (): void => {
    v.amount("moneyToRecoverVnd", input.moneyToRecoverVnd, MAX_MONEY_VND);
    v.amount("moneyToReturnVnd", input.moneyToReturnVnd, MAX_MONEY_VND);
    v.amount("landToRecoverM2", input.landToRecoverM2, MAX_LAND_M2);
    v.amount("landToReturnM2", input.landToReturnM2, MAX_LAND_M2);
    v.int("peopleDisciplined", input.peopleDisciplined, 0, 100000);
    v.int("sentToInvestigation", input.sentToInvestigation, 0, 100000);
  };
  switch (action) {
    case CaseAction.ACCEPT:
      if (current.eligible !== true) {
        v.add("action", "only an eligible petition can be accepted (classify it as eligible first)");
      }
      if (current.withinCompetence !== true) {
        v.add("action", "a petition outside this body's competence is transferred, not accepted");
      }
      break;
    case CaseAction.TRANSFER:
    case CaseAction.URGE: {
      const target = input.targetBodyId;
      const targetLevel = target ? levelOfCode(target.split(".")[0]!) : null;
      if (!target) {
        v.add("targetBodyId", `is required to ${action}`);
      } else if (!/^\d+\.[a-z0-9-]{1,40}$/.test(target) || !targetLevel) {
        v.add("targetBodyId", `"${target}" is not a reception unit id ("<unit code>.<body>", e.g. "37.ubnd")`);
      } else if (target === current.bodyId) {
        v.add("targetBodyId", "must be another body");
      } else if (!ctx.levels.includes(targetLevel)) {
        v.add("targetBodyId", `the ${targetLevel} level is not part of this deployment`);
      } else {
        v.levelExisted("targetBodyId", targetLevel, on);
      }
      v.text("legalBasis", input.legalBasis, { max: 500 });
      needReason();
      break;
    }
    case CaseAction.ARCHIVE:
    case CaseAction.REFUSE:
    case CaseAction.GUIDE:
    case CaseAction.TERMINATE:
    case CaseAction.EXTEND:
      needReason();
      if (action === CaseAction.EXTEND && !current.complex) {
        v.add("action", "only a complex denunciation may be extended (Law on Denunciations Art. 30(2)): record the complexity at classification");
      }
      if (action === CaseAction.EXTEND && current.extensions >= 2) {
        v.add("action", "a denunciation can be extended at most twice (Art. 30(2))");
      }
      break;
    case CaseAction.DECIDE:
    case CaseAction.CONCLUDE: {
      const allowed = current.kind === CaseKind.DENUNCIATION ? RESULTS_FOR.DENUNCIATION : current.instance === 2 ? RESULTS_FOR.COMPLAINT_2 : RESULTS_FOR.COMPLAINT_1;
      if (!input.result) {
        v.add("result", `is required (${allowed.join(", ")})`);
      } else if (!allowed.includes(input.result as DecisionResult)) {
        v.add("result", `must be one of ${allowed.join(", ")} for this case`);
      }
      if (action === CaseAction.DECIDE && !input.decisionNumber) {
        v.add("decisionNumber", "is required (số quyết định)");
      }
      v.text("decisionNumber", input.decisionNumber, { max: 60 });
      if (action === CaseAction.DECIDE && current.instance === 2 && !current.dialogueOn) {
        v.add("action", "a 2nd-instance complaint is decided only after a dialogue (HOLD_DIALOGUE)");
      }
      enforcement();
      break;
    }
    case CaseAction.RECORD_ENFORCEMENT:
      enforcement();
      break;
    case CaseAction.SUSPEND:
      needReason();
      if (current.kind === CaseKind.COMPLAINT && (current.acceptedOn ?? "") < SUSPENSION_FROM) {
        v.add("action", `suspension of a complaint applies to complaints accepted from ${SUSPENSION_FROM} (Law 136/2025, Art. 11a)`);
      }
      break;
    case CaseAction.RESUME:
      if (ctx.openSuspension && on < ctx.openSuspension.fromOn) {
        v.add("on", `must not be before the suspension began (${ctx.openSuspension.fromOn})`);
      }
      break;
    case CaseAction.WITHDRAW_PARTIALLY:
      needReason();
      if (current.kind === CaseKind.COMPLAINT && (current.acceptedOn ?? "") < PARTIAL_WITHDRAWAL_FROM) {
        v.add("action", `partial withdrawal applies to complaints accepted from ${PARTIAL_WITHDRAWAL_FROM} (Law 136/2025, Art. 7a)`);
      }
      break;
    case CaseAction.PUBLISH_DECISION:
      notBefore(current.decidedOn, "the decision");
      if (current.publishedOn) {
        v.add("action", `the decision was published on ${current.publishedOn}`);
      }
      break;
    default:
      break;
  }
}

/** What a step does beyond the case row: a suspension opened or closed (the caller writes it). */
export type StepEffect = { suspend: { fromOn: string; reason: string } } | { resume: { toOn: string } } | null;

/**
 * Sets what a step records on the case (dates, result, enforcement, reasons). `statusBefore` is
 * the status the step starts from (kept as `suspendedFrom` by SUSPEND). Sending a transferred case
 * is the caller's (it writes to the outbox).
 */
export function applyAction(c: CaseEntity, action: CaseAction, input: ActionInput, on: string, statusBefore: string): StepEffect {
  switch (action) {
    case CaseAction.ACCEPT:
      c.acceptedOn = on;
      break;
    case CaseAction.TRANSFER:
    case CaseAction.URGE:
      c.targetBodyId = input.targetBodyId ?? null;
      c.decisionReason = input.reason ?? null;
      break;
    case CaseAction.ARCHIVE:
    case CaseAction.REFUSE:
    case CaseAction.GUIDE:
    case CaseAction.TERMINATE:
      c.decisionReason = input.reason ?? null;
      break;
    case CaseAction.HOLD_DIALOGUE:
      c.dialogueOn = on;
      break;
    case CaseAction.DECIDE:
    case CaseAction.CONCLUDE:
      c.result = input.result ?? null;
      c.decisionNumber = input.decisionNumber ?? null;
      c.decidedOn = on;
      applyEnforcement(c, input);
      break;
    case CaseAction.RECORD_ENFORCEMENT:
      applyEnforcement(c, input);
      break;
    case CaseAction.PUBLISH_DECISION:
      c.publishedOn = on;
      break;
    case CaseAction.EXTEND:
      c.extensions += 1;
      break;
    case CaseAction.SUSPEND:
      c.suspendedFrom = statusBefore;
      return { suspend: { fromOn: on, reason: input.reason ?? "" } };
    case CaseAction.RESUME:
      c.suspendedFrom = null;
      return { resume: { toOn: on } };
    case CaseAction.WITHDRAW:
      c.withdrawnOn = on;
      c.withdrawnAfterPersuasion = input.afterPersuasion ?? false;
      break;
    case CaseAction.WITHDRAW_PARTIALLY:
      c.partialWithdrawals += 1;
      break;
    default:
      break;
  }
  return null;
}

function applyEnforcement(c: CaseEntity, input: ActionInput): void {
  c.moneyToRecoverVnd = input.moneyToRecoverVnd ?? c.moneyToRecoverVnd;
  c.moneyToReturnVnd = input.moneyToReturnVnd ?? c.moneyToReturnVnd;
  c.landToRecoverM2 = input.landToRecoverM2 ?? c.landToRecoverM2;
  c.landToReturnM2 = input.landToReturnM2 ?? c.landToReturnM2;
  c.peopleDisciplined = input.peopleDisciplined ?? c.peopleDisciplined;
  c.sentToInvestigation = input.sentToInvestigation ?? c.sentToInvestigation;
}

/** The actions allowed now for a case (a decision is published once, a decision escalated once). */
export function allowedActionsOf(c: CaseEntity): CaseAction[] {
  const actions = allowedActions({ kind: c.kind as CaseKind | null, status: c.status as CaseStatus, suspendedFrom: c.suspendedFrom as CaseStatus | null });
  return actions.filter(
    (a) =>
      !(a === CaseAction.PUBLISH_DECISION && c.publishedOn) &&
      a !== CaseAction.REOPEN_RETURNED &&
      !(a === CaseAction.RETURN_TO_SENDER && c.inboxState !== "PENDING") &&
      !(a === CaseAction.ESCALATE && (c.instance !== 1 || c.journey.some((h) => h.kind === "SECOND_INSTANCE" && h.fromCaseId === c.id))),
  );
}

/**
 * Whether two field values have the same JSON text (how the timeline tells a change), without
 * writing it for the usual cases: plain values, dates, lists of plain values.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (a instanceof Date && b instanceof Date) {
    return a.getTime() === b.getTime();
  }
  const plain = (x: unknown): boolean => x === null || typeof x !== "object";
  if (Array.isArray(a) && Array.isArray(b) && a.every(plain) && b.every(plain)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if ((typeof a !== "object" || a === null) && (typeof b !== "object" || b === null)) {
    return false;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What follows from a step once its own fields are set: the new status, the resolution deadline
 * kept when resolution ends (for the reports' on time / late), the closing date when nothing more
 * can be done, and the deadline running now. Returns every changed field for the timeline.
 */
export function settleStep(before: CaseEntity, c: CaseEntity, to: CaseStatus, on: string, suspensions: readonly SuspensionSpan[]): CaseChanges {
  c.status = to;
  // Keep the deadline the resolution was due by, for the reports' on time / late figures.
  if (RESOLVING_STATUSES.has(before.status) && !RESOLVING_STATUSES.has(c.status) && c.status !== CaseStatus.SUSPENDED) {
    c.resolutionDueOn = before.dueOn;
  }
  if (!allowedActionsOf(c).length && c.closedOn === null) {
    c.closedOn = on;
  }
  const due = runningDeadline({
    kind: c.kind as CaseKind | null,
    status: c.status as CaseStatus,
    suspendedFrom: c.suspendedFrom as CaseStatus | null,
    instance: c.instance,
    complex: c.complex,
    remoteArea: c.remoteArea,
    receivedOn: c.receivedOn,
    acceptedOn: c.acceptedOn,
    decidedOn: c.decidedOn,
    publishedOn: c.publishedOn,
    extensions: c.extensions,
    suspensions: [...suspensions],
  });
  c.dueOn = due?.dueAt ?? null;
  c.dueStep = due?.step ?? null;
  c.dueRuleId = due?.rule.id ?? null;
  c.onHold = due?.onHold ?? false;
  const changes: CaseChanges = {};
  for (const key of Object.keys(c) as (keyof CaseEntity)[]) {
    if (key !== "version" && key !== "journey" && !sameJson(before[key], c[key])) {
      changes[key] = [before[key], c[key]];
    }
  }
  return changes;
}

/** The timeline action of a repeat petition linked to its case. */
export const REPEAT_LINK = "LINK_REPEAT";

/** A repeat petition on the matter: the case counts it (its status does not change); returns the change for the timeline. */
export function linkRepeat(c: CaseEntity): CaseChanges {
  const changes: CaseChanges = { repeatCount: [c.repeatCount, c.repeatCount + 1] };
  c.repeatCount += 1;
  c.version += 1;
  return changes;
}
