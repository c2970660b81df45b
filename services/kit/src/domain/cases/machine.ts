// The life of a case (one matter, one electronic file) at the body that handles it, as a table:
// which action an official may take, for which kind of case, from which status, and where it leads.
// Pure data and pure functions: persistence, deadlines and permissions live elsewhere.

/** What a case is about, set when its first petition is classified (null before). */
export enum CaseKind {
  COMPLAINT = "COMPLAINT",
  DENUNCIATION = "DENUNCIATION",
  RECOMMENDATION = "RECOMMENDATION",
}

/** Where a case stands at the body that handles it. */
export enum CaseStatus {
  RECEIVED = "RECEIVED",
  CLASSIFIED = "CLASSIFIED",
  TRANSFERRED = "TRANSFERRED",
  GUIDED = "GUIDED",
  URGED = "URGED",
  ARCHIVED = "ARCHIVED",
  NOT_ACCEPTED = "NOT_ACCEPTED",
  ACCEPTED = "ACCEPTED",
  VERIFYING = "VERIFYING",
  DIALOGUE = "DIALOGUE",
  SUSPENDED = "SUSPENDED",
  DECIDED = "DECIDED",
  CONCLUDED = "CONCLUDED",
  RESOLVED = "RESOLVED",
  WITHDRAWN = "WITHDRAWN",
  TERMINATED = "TERMINATED",
  RETURNED = "RETURNED",
}

/** What an official does to a case; the declaration order is the order of `allowedActions`. */
export enum CaseAction {
  CLASSIFY = "CLASSIFY",
  ARCHIVE = "ARCHIVE",
  TRANSFER = "TRANSFER",
  GUIDE = "GUIDE",
  URGE = "URGE",
  REFUSE = "REFUSE",
  ACCEPT = "ACCEPT",
  START_VERIFICATION = "START_VERIFICATION",
  EXTEND = "EXTEND",
  HOLD_DIALOGUE = "HOLD_DIALOGUE",
  DECIDE = "DECIDE",
  CONCLUDE = "CONCLUDE",
  ANSWER = "ANSWER",
  SUSPEND = "SUSPEND",
  RESUME = "RESUME",
  WITHDRAW = "WITHDRAW",
  WITHDRAW_PARTIALLY = "WITHDRAW_PARTIALLY",
  TERMINATE = "TERMINATE",
  PUBLISH_DECISION = "PUBLISH_DECISION",
  RECORD_ENFORCEMENT = "RECORD_ENFORCEMENT",
  RETURN_TO_SENDER = "RETURN_TO_SENDER",
  REOPEN_RETURNED = "REOPEN_RETURNED",
  ESCALATE = "ESCALATE",
}

/** What the machine needs to know of a case; `suspendedFrom` is set only while SUSPENDED. */
export interface CaseState {
  kind: CaseKind | null;
  status: CaseStatus;
  suspendedFrom?: CaseStatus | null;
}

/** Table target: the case keeps its status (extension, partial withdrawal, publication, ...). */
export const SAME_STATUS = "SAME_STATUS";

/** Table target: the case returns to the status recorded in `suspendedFrom`. */
export const STATUS_BEFORE_SUSPENSION = "STATUS_BEFORE_SUSPENSION";

/** Where a table row leads: a status, or a marker resolved against the case. */
export type TransitionTarget =
  | CaseStatus
  | typeof SAME_STATUS
  | typeof STATUS_BEFORE_SUSPENSION;

/** A table row: for these kinds (null: unclassified), from these statuses, `action` goes `to`. */
export interface TransitionRule {
  readonly kinds: readonly (CaseKind | null)[];
  readonly action: CaseAction;
  readonly from: readonly CaseStatus[];
  readonly to: TransitionTarget;
}

/** One allowed (kind, from, action) and where it leads, for documentation. */
export interface TransitionRow {
  readonly kind: CaseKind | null;
  readonly from: CaseStatus;
  readonly action: CaseAction;
  readonly to: CaseStatus | typeof STATUS_BEFORE_SUSPENSION;
}

const { COMPLAINT, DENUNCIATION, RECOMMENDATION } = CaseKind;
const S = CaseStatus;
const A = CaseAction;

// Classification and archiving do not need the kind; the other petition outcomes do, because the
// competent body, the deadlines and the reports all depend on it.
const ANY_KIND = [null, COMPLAINT, DENUNCIATION, RECOMMENDATION] as const;
const KNOWN_KIND = [COMPLAINT, DENUNCIATION, RECOMMENDATION] as const;

const COMPLAINT_OPEN = [S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED] as const;
const DENUNCIATION_OPEN = [S.ACCEPTED, S.VERIFYING, S.SUSPENDED] as const;

function rule(
  kinds: readonly (CaseKind | null)[],
  action: CaseAction,
  from: readonly CaseStatus[],
  to: TransitionTarget,
): TransitionRule {
  return Object.freeze({
    kinds: Object.freeze([...kinds]),
    action,
    from: Object.freeze([...from]),
    to,
  });
}

/** The transition table: every allowed move of a case, by kind. Anything not listed is refused. */
export const TRANSITIONS: readonly TransitionRule[] = Object.freeze([
  // Petition phase (Circular 05/2021): classify, then one processing outcome.
  rule(ANY_KIND, A.CLASSIFY, [S.RECEIVED, S.CLASSIFIED], S.CLASSIFIED),
  rule(ANY_KIND, A.ARCHIVE, [S.RECEIVED, S.CLASSIFIED], S.ARCHIVED),
  rule(KNOWN_KIND, A.TRANSFER, [S.CLASSIFIED], S.TRANSFERRED),
  rule(KNOWN_KIND, A.GUIDE, [S.CLASSIFIED], S.GUIDED),
  rule(KNOWN_KIND, A.URGE, [S.CLASSIFIED], S.URGED),
  rule(KNOWN_KIND, A.REFUSE, [S.CLASSIFIED], S.NOT_ACCEPTED),
  rule(KNOWN_KIND, A.ACCEPT, [S.CLASSIFIED], S.ACCEPTED),

  // Transfers between bodies (Circular 05/2021 Art. 14): the receiver may send a case back with a
  // reason instead of taking it up; the sender then takes it up again.
  rule(ANY_KIND, A.RETURN_TO_SENDER, [S.RECEIVED, S.CLASSIFIED], S.RETURNED),
  rule(KNOWN_KIND, A.REOPEN_RETURNED, [S.TRANSFERRED], S.CLASSIFIED),

  // Complaint (Law 02/2011, Decree 124/2020); suspension, termination and partial withdrawal come
  // from Law 136/2025.
  rule([COMPLAINT], A.START_VERIFICATION, [S.ACCEPTED], S.VERIFYING),
  rule([COMPLAINT], A.HOLD_DIALOGUE, [S.VERIFYING], S.DIALOGUE),
  rule([COMPLAINT], A.DECIDE, [S.VERIFYING, S.DIALOGUE], S.DECIDED),
  rule([COMPLAINT], A.SUSPEND, [S.ACCEPTED, S.VERIFYING, S.DIALOGUE], S.SUSPENDED),
  rule([COMPLAINT], A.RESUME, [S.SUSPENDED], STATUS_BEFORE_SUSPENSION),
  rule([COMPLAINT], A.WITHDRAW, COMPLAINT_OPEN, S.WITHDRAWN),
  rule([COMPLAINT], A.WITHDRAW_PARTIALLY, COMPLAINT_OPEN, SAME_STATUS),
  rule([COMPLAINT], A.TERMINATE, COMPLAINT_OPEN, S.TERMINATED),
  rule([COMPLAINT], A.PUBLISH_DECISION, [S.DECIDED], SAME_STATUS),
  rule([COMPLAINT], A.RECORD_ENFORCEMENT, [S.DECIDED], SAME_STATUS),
  // The complainant rejects the 1st-instance decision and complains to the body above (Art. 33).
  rule([COMPLAINT], A.ESCALATE, [S.DECIDED], SAME_STATUS),

  // Denunciation (Law 25/2018): extensions Art. 30, withdrawal Art. 33, suspension and
  // termination Art. 34.
  rule([DENUNCIATION], A.START_VERIFICATION, [S.ACCEPTED], S.VERIFYING),
  rule([DENUNCIATION], A.EXTEND, [S.ACCEPTED, S.VERIFYING], SAME_STATUS),
  rule([DENUNCIATION], A.CONCLUDE, [S.VERIFYING], S.CONCLUDED),
  rule([DENUNCIATION], A.SUSPEND, [S.ACCEPTED, S.VERIFYING], S.SUSPENDED),
  rule([DENUNCIATION], A.RESUME, [S.SUSPENDED], STATUS_BEFORE_SUSPENSION),
  rule([DENUNCIATION], A.WITHDRAW, DENUNCIATION_OPEN, S.WITHDRAWN),
  rule([DENUNCIATION], A.WITHDRAW_PARTIALLY, DENUNCIATION_OPEN, SAME_STATUS),
  rule([DENUNCIATION], A.TERMINATE, DENUNCIATION_OPEN, S.TERMINATED),
  rule([DENUNCIATION], A.RECORD_ENFORCEMENT, [S.CONCLUDED], SAME_STATUS),

  // Recommendation / reflection: answered, or withdrawn before the answer.
  rule([RECOMMENDATION], A.ANSWER, [S.ACCEPTED], S.RESOLVED),
  rule([RECOMMENDATION], A.WITHDRAW, [S.ACCEPTED], S.WITHDRAWN),
]);

const FINAL_STATUSES: ReadonlySet<CaseStatus> = new Set([
  S.TRANSFERRED,
  S.GUIDED,
  S.URGED,
  S.ARCHIVED,
  S.NOT_ACCEPTED,
  S.DECIDED,
  S.CONCLUDED,
  S.RESOLVED,
  S.WITHDRAWN,
  S.TERMINATED,
  S.RETURNED,
]);

const KIND_ORDER: readonly (CaseKind | null)[] = ANY_KIND;
const STATUS_ORDER: readonly CaseStatus[] = Object.values(CaseStatus);
const ACTION_ORDER: readonly CaseAction[] = Object.values(CaseAction);

function key(kind: CaseKind | null, status: CaseStatus, action: CaseAction): string {
  return `${kind ?? "-"}/${status}/${action}`;
}

// One lookup per question instead of a scan; a duplicate row would make the table ambiguous, so it
// fails at load rather than letting the first row win silently.
const INDEX: ReadonlyMap<string, TransitionRule> = (() => {
  const index = new Map<string, TransitionRule>();
  for (const row of TRANSITIONS) {
    for (const kind of row.kinds) {
      for (const from of row.from) {
        const k = key(kind, from, row.action);
        if (index.has(k)) {
          throw new Error(`Duplicate case transition ${k}`);
        }
        index.set(k, row);
      }
    }
  }
  return index;
})();

const KIND_NOUN: Readonly<Record<CaseKind, { one: string; many: string }>> = {
  COMPLAINT: { one: "a complaint", many: "complaints" },
  DENUNCIATION: { one: "a denunciation", many: "denunciations" },
  RECOMMENDATION: { one: "a recommendation", many: "recommendations" },
};

function describeCase(kind: CaseKind | null): string {
  return kind === null ? "a case of unknown kind" : KIND_NOUN[kind].one;
}

function joinWithAnd(words: readonly string[]): string {
  if (words.length <= 1) {
    return words.join("");
  }
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** An action was asked for that the case's kind and status do not allow. */
export class InvalidTransitionError extends Error {
  /** Stable code for clients and logs. */
  readonly code = "INVALID_TRANSITION";
  /** The status the case is in. */
  readonly current: CaseStatus;
  /** The case's kind (null: not yet classified). */
  readonly kind: CaseKind | null;
  /** The refused action. */
  readonly action: CaseAction;
  /** What the case allows now, in `CaseAction` order. */
  readonly allowed: CaseAction[];
  /** Why, when more than "not from this status" can be said (wrong kind, final status, ...). */
  readonly reason: string | null;

  constructor(state: CaseState, action: CaseAction, allowed: CaseAction[], reason: string | null) {
    const head = `Cannot ${action} ${describeCase(state.kind)} that is ${state.status}`;
    const options =
      allowed.length > 0 ? `allowed now: ${allowed.join(", ")}` : "nothing is allowed now";
    super(reason === null ? `${head}: ${options}` : `${head}: ${reason}; ${options}`);
    this.name = "InvalidTransitionError";
    this.current = state.status;
    this.kind = state.kind;
    this.action = action;
    this.allowed = allowed;
    this.reason = reason;
  }
}

type Outcome = { ok: true; to: CaseStatus } | { ok: false; reason: string | null };

function resumeTarget(state: CaseState): Outcome {
  const back = state.suspendedFrom ?? null;
  if (back === null) {
    return { ok: false, reason: "the status it was suspended from is not recorded" };
  }
  // Only a status the kind can be suspended from is a valid way back; anything else is bad data.
  if (!INDEX.has(key(state.kind, back, CaseAction.SUSPEND))) {
    const noun = state.kind === null ? "such a case" : KIND_NOUN[state.kind].one;
    return {
      ok: false,
      reason: `it is recorded as suspended from ${back}, from which ${noun} cannot be suspended`,
    };
  }
  return { ok: true, to: back };
}

function whyNot(state: CaseState, action: CaseAction): string | null {
  const kinds = new Set(
    TRANSITIONS.filter((row) => row.action === action).flatMap((row) => row.kinds),
  );
  if (!kinds.has(state.kind)) {
    const nouns = KNOWN_KIND.filter((kind) => kinds.has(kind)).map((kind) => KIND_NOUN[kind].many);
    return `${action} applies only to ${joinWithAnd(nouns)}`;
  }
  if (!isOpen(state.status)) {
    return `${state.status} is final at this body`;
  }
  return null;
}

/** Where an action leads; the reason for a refusal is worked out only when `explain` (it scans the table). */
function attempt(state: CaseState, action: CaseAction, explain = true): Outcome {
  const row = INDEX.get(key(state.kind, state.status, action));
  if (row === undefined) {
    return { ok: false, reason: explain ? whyNot(state, action) : null };
  }
  if (row.to === SAME_STATUS) {
    return { ok: true, to: state.status };
  }
  if (row.to === STATUS_BEFORE_SUSPENSION) {
    return resumeTarget(state);
  }
  return { ok: true, to: row.to };
}

/** The actions allowed now, in `CaseAction` order (for error messages and UIs). */
export function allowedActions(state: CaseState): CaseAction[] {
  return ACTION_ORDER.filter((action) => attempt(state, action, false).ok);
}

/** The status an action leads to, or throws InvalidTransitionError. */
export function nextStatus(state: CaseState, action: CaseAction): CaseStatus {
  const outcome = attempt(state, action);
  if (!outcome.ok) {
    throw new InvalidTransitionError(state, action, allowedActions(state), outcome.reason);
  }
  return outcome.to;
}

/**
 * The state after an action: `nextStatus`, with `suspendedFrom` recorded on SUSPEND and cleared
 * when the case leaves SUSPENDED. The kind is unchanged: the caller sets it on CLASSIFY.
 */
export function nextState(state: CaseState, action: CaseAction): CaseState {
  const status = nextStatus(state, action);
  let suspendedFrom: CaseStatus | null = null;
  if (status === CaseStatus.SUSPENDED) {
    suspendedFrom = action === CaseAction.SUSPEND ? state.status : (state.suspendedFrom ?? null);
  }
  return { kind: state.kind, status, suspendedFrom };
}

/** Whether a status is still running at this body (not final). */
export function isOpen(status: CaseStatus): boolean {
  return !FINAL_STATUSES.has(status);
}

/** Whether the case is closed at this body (only DECIDED and CONCLUDED keep follow-up actions). */
export function isFinal(state: CaseState): boolean {
  return FINAL_STATUSES.has(state.status);
}

/** Every allowed (kind, from, action) with its target, sorted by kind, status, action: for docs. */
export function describeTransitions(): TransitionRow[] {
  const rows: TransitionRow[] = [];
  for (const row of TRANSITIONS) {
    for (const kind of row.kinds) {
      for (const from of row.from) {
        const to = row.to === SAME_STATUS ? from : row.to;
        rows.push({ kind, from, action: row.action, to });
      }
    }
  }
  return rows.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      STATUS_ORDER.indexOf(a.from) - STATUS_ORDER.indexOf(b.from) ||
      ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action),
  );
}
