import {
  allowedActions,
  CaseAction,
  CaseKind,
  CaseStatus,
  type CaseState,
  describeTransitions,
  InvalidTransitionError,
  isFinal,
  isOpen,
  nextState,
  nextStatus,
  STATUS_BEFORE_SUSPENSION,
  TRANSITIONS,
} from "./machine";

const { COMPLAINT, DENUNCIATION, RECOMMENDATION } = CaseKind;
const S = CaseStatus;
const A = CaseAction;

// Written out by hand, from the brief and the law, never derived from the table under test:
// otherwise a wrong table would agree with itself.
type Kind = CaseKind | null;
type Target = CaseStatus | "SAME" | "BACK";
interface Expected {
  kind: Kind;
  from: CaseStatus;
  action: CaseAction;
  to: Target;
}

function allow(kinds: Kind[], from: CaseStatus[], action: CaseAction, to: Target): Expected[] {
  return kinds.flatMap((kind) => from.map((status) => ({ kind, from: status, action, to })));
}

const ALL_KINDS: Kind[] = [null, COMPLAINT, DENUNCIATION, RECOMMENDATION];
const KNOWN: Kind[] = [COMPLAINT, DENUNCIATION, RECOMMENDATION];
const C_OPEN = [S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED];
const D_OPEN = [S.ACCEPTED, S.VERIFYING, S.SUSPENDED];

const EXPECTED: Expected[] = [
  ...allow(ALL_KINDS, [S.RECEIVED, S.CLASSIFIED], A.CLASSIFY, S.CLASSIFIED),
  ...allow(ALL_KINDS, [S.RECEIVED, S.CLASSIFIED], A.ARCHIVE, S.ARCHIVED),
  ...allow(KNOWN, [S.CLASSIFIED], A.TRANSFER, S.TRANSFERRED),
  ...allow(KNOWN, [S.CLASSIFIED], A.GUIDE, S.GUIDED),
  ...allow(KNOWN, [S.CLASSIFIED], A.URGE, S.URGED),
  ...allow(KNOWN, [S.CLASSIFIED], A.REFUSE, S.NOT_ACCEPTED),
  ...allow(KNOWN, [S.CLASSIFIED], A.ACCEPT, S.ACCEPTED),
  ...allow(ALL_KINDS, [S.RECEIVED, S.CLASSIFIED], A.RETURN_TO_SENDER, S.RETURNED),
  ...allow(KNOWN, [S.TRANSFERRED], A.REOPEN_RETURNED, S.CLASSIFIED),

  ...allow([COMPLAINT], [S.ACCEPTED], A.START_VERIFICATION, S.VERIFYING),
  ...allow([COMPLAINT], [S.VERIFYING], A.HOLD_DIALOGUE, S.DIALOGUE),
  ...allow([COMPLAINT], [S.VERIFYING, S.DIALOGUE], A.DECIDE, S.DECIDED),
  ...allow([COMPLAINT], [S.ACCEPTED, S.VERIFYING, S.DIALOGUE], A.SUSPEND, S.SUSPENDED),
  ...allow([COMPLAINT], [S.SUSPENDED], A.RESUME, "BACK"),
  ...allow([COMPLAINT], C_OPEN, A.WITHDRAW, S.WITHDRAWN),
  ...allow([COMPLAINT], C_OPEN, A.WITHDRAW_PARTIALLY, "SAME"),
  ...allow([COMPLAINT], C_OPEN, A.TERMINATE, S.TERMINATED),
  ...allow([COMPLAINT], [S.DECIDED], A.PUBLISH_DECISION, "SAME"),
  ...allow([COMPLAINT], [S.DECIDED], A.RECORD_ENFORCEMENT, "SAME"),
  ...allow([COMPLAINT], [S.DECIDED], A.ESCALATE, "SAME"),

  ...allow([DENUNCIATION], [S.ACCEPTED], A.START_VERIFICATION, S.VERIFYING),
  ...allow([DENUNCIATION], [S.ACCEPTED, S.VERIFYING], A.EXTEND, "SAME"),
  ...allow([DENUNCIATION], [S.VERIFYING], A.CONCLUDE, S.CONCLUDED),
  ...allow([DENUNCIATION], [S.ACCEPTED, S.VERIFYING], A.SUSPEND, S.SUSPENDED),
  ...allow([DENUNCIATION], [S.SUSPENDED], A.RESUME, "BACK"),
  ...allow([DENUNCIATION], D_OPEN, A.WITHDRAW, S.WITHDRAWN),
  ...allow([DENUNCIATION], D_OPEN, A.WITHDRAW_PARTIALLY, "SAME"),
  ...allow([DENUNCIATION], D_OPEN, A.TERMINATE, S.TERMINATED),
  ...allow([DENUNCIATION], [S.CONCLUDED], A.RECORD_ENFORCEMENT, "SAME"),

  ...allow([RECOMMENDATION], [S.ACCEPTED], A.ANSWER, S.RESOLVED),
  ...allow([RECOMMENDATION], [S.ACCEPTED], A.WITHDRAW, S.WITHDRAWN),
];

// The lists the combinations are generated from, also by hand: a new status or action must be
// added here, and so to EXPECTED, before the suite passes again.
const STATUSES = [
  "RECEIVED", "CLASSIFIED", "TRANSFERRED", "GUIDED", "URGED", "ARCHIVED", "NOT_ACCEPTED",
  "ACCEPTED", "VERIFYING", "DIALOGUE", "SUSPENDED", "DECIDED", "CONCLUDED", "RESOLVED",
  "WITHDRAWN", "TERMINATED", "RETURNED",
] as CaseStatus[];
const ACTIONS = [
  "CLASSIFY", "ARCHIVE", "TRANSFER", "GUIDE", "URGE", "REFUSE", "ACCEPT", "START_VERIFICATION",
  "EXTEND", "HOLD_DIALOGUE", "DECIDE", "CONCLUDE", "ANSWER", "SUSPEND", "RESUME", "WITHDRAW",
  "WITHDRAW_PARTIALLY", "TERMINATE", "PUBLISH_DECISION", "RECORD_ENFORCEMENT", "RETURN_TO_SENDER",
  "REOPEN_RETURNED", "ESCALATE",
] as CaseAction[];
const FINAL = [
  S.TRANSFERRED, S.GUIDED, S.URGED, S.ARCHIVED, S.NOT_ACCEPTED, S.DECIDED, S.CONCLUDED,
  S.RESOLVED, S.WITHDRAWN, S.TERMINATED, S.RETURNED,
];
const OPEN = [S.RECEIVED, S.CLASSIFIED, S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED];

// Generated states in SUSPENDED need a way back; ACCEPTED is one for both kinds that suspend.
const SUSPENDED_FROM = S.ACCEPTED;

function stateOf(kind: Kind, status: CaseStatus): CaseState {
  return { kind, status, suspendedFrom: status === S.SUSPENDED ? SUSPENDED_FROM : null };
}

function label(kind: Kind): string {
  return kind ?? "UNCLASSIFIED";
}

function resolveTarget(row: Expected): CaseStatus {
  if (row.to === "SAME") {
    return row.from;
  }
  return row.to === "BACK" ? SUSPENDED_FROM : row.to;
}

function expectedAllowed(kind: Kind, status: CaseStatus): CaseAction[] {
  const actions = EXPECTED.filter((row) => row.kind === kind && row.from === status).map(
    (row) => row.action,
  );
  return ACTIONS.filter((action) => actions.includes(action));
}

function isExpected(kind: Kind, status: CaseStatus, action: CaseAction): boolean {
  return EXPECTED.some((row) => row.kind === kind && row.from === status && row.action === action);
}

function caught(run: () => unknown): InvalidTransitionError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidTransitionError) {
      return error;
    }
    throw error;
  }
  throw new Error("expected an InvalidTransitionError, nothing was thrown");
}

function walk(start: CaseState, actions: CaseAction[]): CaseStatus[] {
  const seen: CaseStatus[] = [];
  let state = start;
  for (const action of actions) {
    state = nextState(state, action);
    seen.push(state.status);
  }
  return seen;
}

const INVALID = ALL_KINDS.flatMap((kind) =>
  STATUSES.flatMap((status) =>
    ACTIONS.filter((action) => !isExpected(kind, status, action)).map(
      (action) => [label(kind), status, action, kind] as const,
    ),
  ),
);

describe("the enums", () => {
  it("hold exactly the listed statuses and actions, each value equal to its name", () => {
    expect(Object.values(CaseStatus)).toEqual(STATUSES);
    expect(Object.values(CaseAction)).toEqual(ACTIONS);
    expect(Object.values(CaseKind)).toEqual(["COMPLAINT", "DENUNCIATION", "RECOMMENDATION"]);
    for (const e of [CaseStatus, CaseAction, CaseKind]) {
      for (const [name, value] of Object.entries(e)) {
        expect(value).toBe(name);
      }
    }
  });

  it("covers every combination: allowed + invalid = kinds × statuses × actions", () => {
    expect(EXPECTED.length + INVALID.length).toBe(4 * 17 * 23);
    expect(EXPECTED).toHaveLength(84);
    expect(INVALID).toHaveLength(1480);
  });
});

describe("allowed transitions", () => {
  it.each(EXPECTED.map((row) => [label(row.kind), row.from, row.action, row.to, row] as const))(
    "%s %s --%s--> %s",
    (_kind, _from, _action, _to, row) => {
      expect(nextStatus(stateOf(row.kind, row.from), row.action)).toBe(resolveTarget(row));
    },
  );

  it("describeTransitions lists exactly the expected rows, in kind, status, action order", () => {
    const rows = describeTransitions();
    const expected = EXPECTED.map((row) => ({
      kind: row.kind,
      from: row.from,
      action: row.action,
      to:
        row.to === "BACK" ? STATUS_BEFORE_SUSPENSION : row.to === "SAME" ? row.from : row.to,
    }));
    expect(rows).toHaveLength(expected.length);
    expect(rows).toEqual(expect.arrayContaining(expected));
    const order = (row: { kind: Kind; from: CaseStatus; action: CaseAction }): number =>
      ALL_KINDS.indexOf(row.kind) * 1000 +
      STATUSES.indexOf(row.from) * 50 +
      ACTIONS.indexOf(row.action);
    const positions = rows.map(order);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("the table is frozen data", () => {
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
    for (const row of TRANSITIONS) {
      expect(Object.isFrozen(row)).toBe(true);
      expect(Object.isFrozen(row.from)).toBe(true);
      expect(Object.isFrozen(row.kinds)).toBe(true);
    }
  });
});

describe("every invalid (kind, status, action)", () => {
  it.each(INVALID)("%s %s refuses %s", (_label, status, action, kind) => {
    const state = stateOf(kind, status);
    const error = caught(() => nextStatus(state, action));
    expect(error.code).toBe("INVALID_TRANSITION");
    expect(error.current).toBe(status);
    expect(error.kind).toBe(kind);
    expect(error.action).toBe(action);
    expect(error.allowed).toEqual(expectedAllowed(kind, status));
    expect(allowedActions(state)).toEqual(expectedAllowed(kind, status));
  });
});

describe("happy paths", () => {
  const received: CaseState = { kind: null, status: S.RECEIVED };

  function classifiedAs(kind: CaseKind): CaseState {
    // The kind is the outcome of classification: the caller records it with the new status.
    return { ...nextState(received, A.CLASSIFY), kind };
  }

  it("complaint: accepted, verified, dialogue, decided, published, enforced", () => {
    const statuses = walk(classifiedAs(COMPLAINT), [
      A.ACCEPT,
      A.START_VERIFICATION,
      A.HOLD_DIALOGUE,
      A.DECIDE,
      A.PUBLISH_DECISION,
      A.RECORD_ENFORCEMENT,
    ]);
    expect(statuses).toEqual([
      S.ACCEPTED,
      S.VERIFYING,
      S.DIALOGUE,
      S.DECIDED,
      S.DECIDED,
      S.DECIDED,
    ]);
  });

  it("denunciation: two extensions, then a conclusion and its enforcement", () => {
    const statuses = walk(classifiedAs(DENUNCIATION), [
      A.ACCEPT,
      A.START_VERIFICATION,
      A.EXTEND,
      A.EXTEND,
      A.CONCLUDE,
      A.RECORD_ENFORCEMENT,
    ]);
    expect(statuses).toEqual([
      S.ACCEPTED,
      S.VERIFYING,
      S.VERIFYING,
      S.VERIFYING,
      S.CONCLUDED,
      S.CONCLUDED,
    ]);
  });

  it("recommendation: accepted and answered", () => {
    expect(walk(classifiedAs(RECOMMENDATION), [A.ACCEPT, A.ANSWER])).toEqual([
      S.ACCEPTED,
      S.RESOLVED,
    ]);
  });

  it("reclassification keeps the case CLASSIFIED and may change its kind", () => {
    const state = classifiedAs(COMPLAINT);
    expect(nextStatus(state, A.CLASSIFY)).toBe(S.CLASSIFIED);
    expect(nextStatus({ ...state, kind: DENUNCIATION }, A.ACCEPT)).toBe(S.ACCEPTED);
  });

  it("an ineligible petition is archived before or after classification, kind unknown", () => {
    expect(nextStatus(received, A.ARCHIVE)).toBe(S.ARCHIVED);
    expect(nextStatus({ kind: null, status: S.CLASSIFIED }, A.ARCHIVE)).toBe(S.ARCHIVED);
  });
});

describe("suspension and resumption", () => {
  it.each([
    [COMPLAINT, S.ACCEPTED],
    [COMPLAINT, S.VERIFYING],
    [COMPLAINT, S.DIALOGUE],
    [DENUNCIATION, S.ACCEPTED],
    [DENUNCIATION, S.VERIFYING],
  ])("%s suspended from %s resumes there", (kind, from) => {
    const suspended = nextState({ kind, status: from }, A.SUSPEND);
    expect(suspended).toEqual({ kind, status: S.SUSPENDED, suspendedFrom: from });
    expect(nextState(suspended, A.RESUME)).toEqual({ kind, status: from, suspendedFrom: null });
  });

  it("a partial withdrawal while suspended keeps the way back", () => {
    const suspended = nextState({ kind: COMPLAINT, status: S.DIALOGUE }, A.SUSPEND);
    const after = nextState(suspended, A.WITHDRAW_PARTIALLY);
    expect(after).toEqual({ kind: COMPLAINT, status: S.SUSPENDED, suspendedFrom: S.DIALOGUE });
    expect(nextStatus(after, A.RESUME)).toBe(S.DIALOGUE);
  });

  it("leaving SUSPENDED by withdrawal or termination clears suspendedFrom", () => {
    const suspended = nextState({ kind: DENUNCIATION, status: S.VERIFYING }, A.SUSPEND);
    expect(nextState(suspended, A.WITHDRAW).suspendedFrom).toBeNull();
    expect(nextState(suspended, A.TERMINATE).suspendedFrom).toBeNull();
  });

  it.each([undefined, null])("RESUME without suspendedFrom (%s) is refused, not offered", (v) => {
    const state: CaseState = { kind: COMPLAINT, status: S.SUSPENDED, suspendedFrom: v };
    const error = caught(() => nextStatus(state, A.RESUME));
    expect(error.message).toBe(
      "Cannot RESUME a complaint that is SUSPENDED: the status it was suspended from is not " +
        "recorded; allowed now: WITHDRAW, WITHDRAW_PARTIALLY, TERMINATE",
    );
    expect(allowedActions(state)).not.toContain(A.RESUME);
  });

  it("RESUME to a status the kind cannot be suspended from is refused", () => {
    const state: CaseState = {
      kind: DENUNCIATION,
      status: S.SUSPENDED,
      suspendedFrom: S.DIALOGUE,
    };
    expect(caught(() => nextStatus(state, A.RESUME)).message).toBe(
      "Cannot RESUME a denunciation that is SUSPENDED: it is recorded as suspended from " +
        "DIALOGUE, from which a denunciation cannot be suspended; allowed now: WITHDRAW, " +
        "WITHDRAW_PARTIALLY, TERMINATE",
    );
    const decided: CaseState = { kind: COMPLAINT, status: S.SUSPENDED, suspendedFrom: S.DECIDED };
    expect(() => nextStatus(decided, A.RESUME)).toThrow(InvalidTransitionError);
  });
});

describe("withdrawal", () => {
  it.each([
    ...C_OPEN.map((status) => [COMPLAINT, status] as const),
    ...D_OPEN.map((status) => [DENUNCIATION, status] as const),
    [RECOMMENDATION, S.ACCEPTED] as const,
  ])("%s withdrawn while %s ends WITHDRAWN and then allows nothing", (kind, status) => {
    const withdrawn = nextState(stateOf(kind, status), A.WITHDRAW);
    expect(withdrawn.status).toBe(S.WITHDRAWN);
    expect(isFinal(withdrawn)).toBe(true);
    expect(allowedActions(withdrawn)).toEqual([]);
  });

  it.each([
    ...C_OPEN.map((status) => [COMPLAINT, status] as const),
    ...D_OPEN.map((status) => [DENUNCIATION, status] as const),
  ])("%s partly withdrawn while %s goes on in the same status", (kind, status) => {
    expect(nextStatus(stateOf(kind, status), A.WITHDRAW_PARTIALLY)).toBe(status);
  });
});

describe("final and open statuses", () => {
  const selfActions: Partial<Record<string, CaseAction[]>> = {
    [`${COMPLAINT}/${S.DECIDED}`]: [A.PUBLISH_DECISION, A.RECORD_ENFORCEMENT, A.ESCALATE],
    [`${DENUNCIATION}/${S.CONCLUDED}`]: [A.RECORD_ENFORCEMENT],
  };

  // A transferred case is closed at this body, but may come back if the receiver returns it.
  it.each(KNOWN.map((kind) => [label(kind), kind] as const))("%s TRANSFERRED only reopens when returned", (_label, kind) => {
    const state = stateOf(kind, S.TRANSFERRED);
    expect(isFinal(state)).toBe(true);
    expect(allowedActions(state)).toEqual([A.REOPEN_RETURNED]);
    expect(nextStatus(state, A.REOPEN_RETURNED)).toBe(S.CLASSIFIED);
  });

  it.each(ALL_KINDS.flatMap((kind) => FINAL.filter((s) => s !== S.TRANSFERRED || kind === null).map((status) => [label(kind), status, kind] as const)))(
    "%s %s is final and allows nothing but its self-actions",
    (_label, status, kind) => {
      const state = stateOf(kind, status);
      expect(isFinal(state)).toBe(true);
      expect(isOpen(status)).toBe(false);
      const allowed = allowedActions(state);
      expect(allowed).toEqual(selfActions[`${kind}/${status}`] ?? []);
      for (const action of allowed) {
        expect(nextStatus(state, action)).toBe(status);
      }
    },
  );

  it.each(OPEN)("%s is open", (status) => {
    expect(isOpen(status)).toBe(true);
    expect(isFinal({ kind: COMPLAINT, status })).toBe(false);
  });

  it("every status is either open or final", () => {
    expect([...OPEN, ...FINAL].sort()).toEqual([...STATUSES].sort());
  });
});

describe("error messages", () => {
  function messageOf(state: CaseState, action: CaseAction): string {
    return caught(() => nextStatus(state, action)).message;
  }

  it("names the action, the kind, the status and what is allowed now", () => {
    expect(messageOf({ kind: COMPLAINT, status: S.ACCEPTED }, A.DECIDE)).toBe(
      "Cannot DECIDE a complaint that is ACCEPTED: allowed now: START_VERIFICATION, SUSPEND, " +
        "WITHDRAW, WITHDRAW_PARTIALLY, TERMINATE",
    );
  });

  it("says when the action belongs to another kind", () => {
    expect(messageOf({ kind: DENUNCIATION, status: S.VERIFYING }, A.HOLD_DIALOGUE)).toBe(
      "Cannot HOLD_DIALOGUE a denunciation that is VERIFYING: HOLD_DIALOGUE applies only to " +
        "complaints; allowed now: EXTEND, CONCLUDE, SUSPEND, WITHDRAW, WITHDRAW_PARTIALLY, " +
        "TERMINATE",
    );
    expect(messageOf({ kind: RECOMMENDATION, status: S.ACCEPTED }, A.SUSPEND)).toBe(
      "Cannot SUSPEND a recommendation that is ACCEPTED: SUSPEND applies only to complaints and " +
        "denunciations; allowed now: ANSWER, WITHDRAW",
    );
  });

  it("says when the kind is not set yet", () => {
    expect(messageOf({ kind: null, status: S.CLASSIFIED }, A.ACCEPT)).toBe(
      "Cannot ACCEPT a case of unknown kind that is CLASSIFIED: ACCEPT applies only to " +
        "complaints, denunciations and recommendations; allowed now: CLASSIFY, ARCHIVE, RETURN_TO_SENDER",
    );
  });

  it("says when the status is final", () => {
    expect(messageOf({ kind: COMPLAINT, status: S.GUIDED }, A.ACCEPT)).toBe(
      "Cannot ACCEPT a complaint that is GUIDED: GUIDED is final at this body; " +
        "nothing is allowed now",
    );
    expect(messageOf({ kind: COMPLAINT, status: S.DECIDED }, A.WITHDRAW)).toBe(
      "Cannot WITHDRAW a complaint that is DECIDED: DECIDED is final at this body; " +
        "allowed now: PUBLISH_DECISION, RECORD_ENFORCEMENT, ESCALATE",
    );
  });

  it("is an Error with a name and a stable code", () => {
    const error = caught(() => nextStatus({ kind: null, status: S.RECEIVED }, A.ACCEPT));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("InvalidTransitionError");
    expect(error.code).toBe("INVALID_TRANSITION");
    expect(error.reason).toBe(
      "ACCEPT applies only to complaints, denunciations and recommendations",
    );
  });
});
