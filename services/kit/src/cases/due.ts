import { CaseKind, CaseStatus } from "../domain/cases/machine";
import { type DeadlineRule, type DeadlineStep } from "../domain/deadlines/rules";
import { dueDate } from "../domain/deadlines/due";

/** What decides which deadline is running: the case's stored state. */
export interface DueInput {
  kind: CaseKind | null;
  status: CaseStatus;
  suspendedFrom: CaseStatus | null;
  instance: number | null;
  complex: boolean;
  remoteArea: boolean;
  receivedOn: string;
  acceptedOn: string | null;
  decidedOn: string | null;
  publishedOn: string | null;
  extensions: number;
  suspensions: { from: string; to: string | null }[];
}

/** The step running now and its due date; null when nothing is running at this body. */
export interface RunningDeadline {
  step: DeadlineStep;
  dueAt: string;
  rule: DeadlineRule;
  onHold: boolean;
}

const RESOLVING = new Set<CaseStatus>([CaseStatus.ACCEPTED, CaseStatus.VERIFYING, CaseStatus.DIALOGUE, CaseStatus.SUSPENDED]);

/**
 * Which statutory period runs for a case in its current state (DOMAIN.md): petition processing
 * after receipt; acceptance of a complaint or initial handling of a denunciation once classified;
 * resolution (1st or 2nd instance, extensions, suspensions) once accepted; publication of a
 * complaint decision. Suspended days never count.
 */
export function runningDeadline(c: DueInput): RunningDeadline | null {
  const status = c.status === CaseStatus.SUSPENDED ? (c.suspendedFrom ?? c.status) : c.status;
  const variant = { complex: c.complex, remote: c.remoteArea };
  const run = (step: DeadlineStep, start: string, extra: { extensions?: number; suspensions?: DueInput["suspensions"] } = {}): RunningDeadline => {
    const due = dueDate({ step, start, ...variant, ...extra });
    return { step, dueAt: due.dueAt, rule: due.rule, onHold: Boolean(due.onHold) };
  };
  if (status === CaseStatus.RECEIVED) {
    return run("PETITION_PROCESSING", c.receivedOn);
  }
  if (status === CaseStatus.CLASSIFIED) {
    if (c.kind === CaseKind.COMPLAINT) {
      return run("COMPLAINT_ACCEPTANCE", c.receivedOn);
    }
    if (c.kind === CaseKind.DENUNCIATION) {
      return run("DENUNCIATION_INITIAL_HANDLING", c.receivedOn);
    }
    return run("PETITION_PROCESSING", c.receivedOn);
  }
  if (RESOLVING.has(status) && c.acceptedOn) {
    if (c.kind === CaseKind.COMPLAINT) {
      const step = c.instance === 2 ? "COMPLAINT_SECOND_INSTANCE" : "COMPLAINT_FIRST_INSTANCE";
      return run(step, c.acceptedOn, { suspensions: c.suspensions });
    }
    if (c.kind === CaseKind.DENUNCIATION) {
      return run("DENUNCIATION_RESOLUTION", c.acceptedOn, { extensions: c.extensions, suspensions: c.suspensions });
    }
    return null;
  }
  if (status === CaseStatus.DECIDED && c.decidedOn && !c.publishedOn) {
    return run("COMPLAINT_DECISION_PUBLICATION", c.decidedOn);
  }
  return null;
}

/** The deadline of a case not yet accepted (just received, classified, or taken back after a return). */
export function deadlineBeforeAcceptance(c: {
  kind: CaseKind | null;
  status: CaseStatus;
  receivedOn: string;
  instance?: number | null;
  complex?: boolean;
  remoteArea?: boolean;
}): RunningDeadline | null {
  return runningDeadline({
    kind: c.kind,
    status: c.status,
    suspendedFrom: null,
    instance: c.instance ?? null,
    complex: c.complex ?? false,
    remoteArea: c.remoteArea ?? false,
    receivedOn: c.receivedOn,
    acceptedOn: null,
    decidedOn: null,
    publishedOn: null,
    extensions: 0,
    suspensions: [],
  });
}
