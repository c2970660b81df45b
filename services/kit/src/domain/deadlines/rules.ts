// The statutory time limits, as data: one row per rule and variant, citing the law and article
// (DOMAIN.md). Where a law says only "ngày" the rule counts calendar days; "ngày làm việc" counts
// working days. Rows marked configurable are defaults whose legal text was not fully confirmed.

import type { LocalDate } from "../calendar/local-date";

/** The steps of reception, petition processing, complaints and denunciations that have a time limit. */
export const DeadlineStep = {
  /** Reply to the citizen after reception: accepted, extended, refused or transferred. */
  RECEPTION_REPLY: "RECEPTION_REPLY",
  /** A body that resolved a transferred case informs the sender. */
  TRANSFER_RESULT_REPORT: "TRANSFER_RESULT_REPORT",
  /** The sender of a transfer informs the citizen of the result. */
  CITIZEN_INFORMED_OF_RESULT: "CITIZEN_INFORMED_OF_RESULT",
  /** Classifying and processing a petition (đơn). */
  PETITION_PROCESSING: "PETITION_PROCESSING",
  /** Lodging a complaint after the decision or act became known. */
  COMPLAINT_LODGING: "COMPLAINT_LODGING",
  /** Accepting (thụ lý) a complaint after receipt, 1st or 2nd instance. */
  COMPLAINT_ACCEPTANCE: "COMPLAINT_ACCEPTANCE",
  /** Resolving a complaint at first instance, from acceptance. */
  COMPLAINT_FIRST_INSTANCE: "COMPLAINT_FIRST_INSTANCE",
  /** Lodging a second complaint after the first decision (or the first deadline passed). */
  COMPLAINT_SECOND_LODGING: "COMPLAINT_SECOND_LODGING",
  /** Resolving a complaint at second instance, from acceptance. */
  COMPLAINT_SECOND_INSTANCE: "COMPLAINT_SECOND_INSTANCE",
  /** Publishing a complaint decision. */
  COMPLAINT_DECISION_PUBLICATION: "COMPLAINT_DECISION_PUBLICATION",
  /** Sending the decision to suspend, terminate or continue resolution to the parties. */
  COMPLAINT_SUSPENSION_NOTICE: "COMPLAINT_SUSPENSION_NOTICE",
  /** Registering, classifying and checking a denunciation after receipt. */
  DENUNCIATION_INITIAL_HANDLING: "DENUNCIATION_INITIAL_HANDLING",
  /** Transferring a denunciation outside competence and notifying the denouncer. */
  DENUNCIATION_TRANSFER: "DENUNCIATION_TRANSFER",
  /** Notifying the acceptance decision to the denouncer and the denounced. */
  DENUNCIATION_ACCEPTANCE_NOTICE: "DENUNCIATION_ACCEPTANCE_NOTICE",
  /** Resolving a denunciation, from acceptance. */
  DENUNCIATION_RESOLUTION: "DENUNCIATION_RESOLUTION",
  /** One extension of a denunciation's resolution. */
  DENUNCIATION_EXTENSION: "DENUNCIATION_EXTENSION",
  /** Sending the decision to suspend or continue a denunciation's resolution. */
  DENUNCIATION_SUSPENSION_NOTICE: "DENUNCIATION_SUSPENSION_NOTICE",
  /** Reporting to the superior on an overdue denunciation. */
  DENUNCIATION_OVERDUE_REPORT: "DENUNCIATION_OVERDUE_REPORT",
} as const;

/** One of the steps in `DeadlineStep`. */
export type DeadlineStep = (typeof DeadlineStep)[keyof typeof DeadlineStep];

/** How a rule counts: every day ("ngày") or only working days ("ngày làm việc"). */
export type DayKind = "calendar" | "working";

/** One statutory time limit for one step and variant, valid for a span of dates. */
export interface DeadlineRule {
  /** Stable identifier, stored with a case's due date. */
  readonly id: string;
  readonly step: DeadlineStep;
  readonly law: string;
  readonly article: string;
  readonly description: string;
  readonly days: number;
  readonly dayKind: DayKind;
  /** The rule applies to complex cases; absent for the plain case. */
  readonly complex?: boolean;
  /** The rule applies to remote areas (vùng sâu, vùng xa, đi lại khó khăn); absent for the plain case. */
  readonly remote?: boolean;
  /** First date (of receipt or acceptance) the rule applies to; absent = no lower bound. */
  readonly validFrom?: LocalDate;
  /** Last date (of receipt or acceptance) the rule applies to; absent = no upper bound. */
  readonly validTo?: LocalDate;
  /** A default whose legal text was not fully confirmed: deployments may change it. */
  readonly configurable?: boolean;
}

/** Most extensions a denunciation's resolution may get (particularly complex cases). */
export const MAX_DENUNCIATION_EXTENSIONS = 2;

const RECEPTION_LAW = "Law on Citizen Reception 42/2013/QH13";
const PETITION_CIRCULAR = "Circular 05/2021/TT-TTCP";
const COMPLAINTS_LAW = "Law on Complaints 02/2011/QH13";
const COMPLAINTS_DECREE = "Decree 124/2020/ND-CP";
const COMPLAINTS_DECREE_2026 = "Decree 155/2026";
const DENUNCIATIONS_LAW = "Law on Denunciations 25/2018/QH14";
// No article was confirmed for these rows: say so rather than invent one.
const ARTICLE_NOT_GIVEN = "article not confirmed";
const ARTICLE_NOT_CONFIRMED = "article not confirmed";

/** Every statutory time limit TiepDan computes, one row per step, variant and period of validity. */
export const DEADLINE_RULES: readonly DeadlineRule[] = Object.freeze(
  (
    [
      {
        id: "reception-reply",
        step: "RECEPTION_REPLY",
        law: RECEPTION_LAW,
        article: "Art. 28(1)",
        description:
          "Reply to the citizen after reception: accepted, extended for verification, refused or transferred",
        days: 10,
        dayKind: "working",
      },
      {
        id: "transfer-result-report",
        step: "TRANSFER_RESULT_REPORT",
        law: RECEPTION_LAW,
        article: "Art. 27(2)",
        description: "The body that resolved a transferred case informs the sender, from the resolution",
        days: 7,
        dayKind: "working",
      },
      {
        id: "citizen-informed-of-result",
        step: "CITIZEN_INFORMED_OF_RESULT",
        law: RECEPTION_LAW,
        article: "Art. 28(2)",
        description: "The sender informs the citizen of the result of a transferred case",
        days: 5,
        dayKind: "working",
      },
      {
        id: "petition-processing",
        step: "PETITION_PROCESSING",
        law: PETITION_CIRCULAR,
        article: ARTICLE_NOT_CONFIRMED,
        description: "Classify and process a petition: accept, transfer, guide, urge or archive",
        days: 10,
        dayKind: "working",
        configurable: true,
      },
      {
        id: "complaint-lodging",
        step: "COMPLAINT_LODGING",
        law: COMPLAINTS_LAW,
        article: "Art. 9",
        description:
          "Lodge a complaint after the decision or act became known " +
          "(time lost to illness, disaster, travel not counted)",
        days: 90,
        dayKind: "calendar",
      },
      {
        id: "complaint-acceptance",
        step: "COMPLAINT_ACCEPTANCE",
        law: COMPLAINTS_DECREE,
        article: "Art. 16(1)",
        description: "Accept a complaint (1st or 2nd instance, Law Arts. 27 and 36) after receipt",
        days: 10,
        dayKind: "working",
        validTo: "2026-06-30",
      },
      {
        id: "complaint-acceptance-2026",
        step: "COMPLAINT_ACCEPTANCE",
        law: COMPLAINTS_DECREE_2026,
        article: "amending Art. 16(1)",
        description: "Accept a complaint (1st or 2nd instance) received from 2026-07-01",
        days: 7,
        dayKind: "working",
        validFrom: "2026-07-01",
        configurable: true,
      },
      {
        id: "complaint-first-instance",
        step: "COMPLAINT_FIRST_INSTANCE",
        law: COMPLAINTS_LAW,
        article: "Art. 28",
        description: "Resolve a complaint at first instance, from acceptance",
        days: 30,
        dayKind: "calendar",
      },
      {
        id: "complaint-first-instance-complex",
        step: "COMPLAINT_FIRST_INSTANCE",
        law: COMPLAINTS_LAW,
        article: "Art. 28",
        description: "Resolve a complex complaint at first instance, from acceptance",
        days: 45,
        dayKind: "calendar",
        complex: true,
      },
      {
        id: "complaint-first-instance-remote",
        step: "COMPLAINT_FIRST_INSTANCE",
        law: COMPLAINTS_LAW,
        article: "Art. 28",
        description: "Resolve a complaint at first instance in a remote area, from acceptance",
        days: 45,
        dayKind: "calendar",
        remote: true,
      },
      {
        id: "complaint-first-instance-remote-complex",
        step: "COMPLAINT_FIRST_INSTANCE",
        law: COMPLAINTS_LAW,
        article: "Art. 28",
        description: "Resolve a complex complaint at first instance in a remote area, from acceptance",
        days: 60,
        dayKind: "calendar",
        complex: true,
        remote: true,
      },
      {
        id: "complaint-second-lodging",
        step: "COMPLAINT_SECOND_LODGING",
        law: COMPLAINTS_LAW,
        article: "Art. 33",
        description:
          "Lodge a second complaint after the first decision, or after the first deadline passed unanswered",
        days: 30,
        dayKind: "calendar",
      },
      {
        id: "complaint-second-lodging-remote",
        step: "COMPLAINT_SECOND_LODGING",
        law: COMPLAINTS_LAW,
        article: "Art. 33",
        description: "Lodge a second complaint from a remote area",
        days: 45,
        dayKind: "calendar",
        remote: true,
      },
      {
        id: "complaint-second-instance",
        step: "COMPLAINT_SECOND_INSTANCE",
        law: COMPLAINTS_LAW,
        article: "Art. 37",
        description: "Resolve a complaint at second instance, from acceptance",
        days: 45,
        dayKind: "calendar",
      },
      {
        id: "complaint-second-instance-complex",
        step: "COMPLAINT_SECOND_INSTANCE",
        law: COMPLAINTS_LAW,
        article: "Art. 37",
        description: "Resolve a complex complaint at second instance, from acceptance",
        days: 60,
        dayKind: "calendar",
        complex: true,
      },
      {
        id: "complaint-second-instance-remote",
        step: "COMPLAINT_SECOND_INSTANCE",
        law: COMPLAINTS_LAW,
        article: "Art. 37",
        description: "Resolve a complaint at second instance in a remote area, from acceptance",
        days: 60,
        dayKind: "calendar",
        remote: true,
      },
      {
        id: "complaint-second-instance-remote-complex",
        step: "COMPLAINT_SECOND_INSTANCE",
        law: COMPLAINTS_LAW,
        article: "Art. 37",
        description: "Resolve a complex complaint at second instance in a remote area, from acceptance",
        days: 70,
        dayKind: "calendar",
        complex: true,
        remote: true,
      },
      {
        id: "complaint-decision-publication",
        step: "COMPLAINT_DECISION_PUBLICATION",
        law: COMPLAINTS_DECREE,
        article: ARTICLE_NOT_GIVEN,
        description: "Publish the complaint decision",
        days: 15,
        dayKind: "calendar",
      },
      {
        id: "complaint-suspension-notice",
        step: "COMPLAINT_SUSPENSION_NOTICE",
        law: COMPLAINTS_DECREE_2026,
        article: ARTICLE_NOT_GIVEN,
        description: "Send the decision to suspend, terminate or continue resolution to the parties",
        days: 3,
        dayKind: "working",
        validFrom: "2026-07-01",
      },
      {
        id: "denunciation-initial-handling",
        step: "DENUNCIATION_INITIAL_HANDLING",
        law: DENUNCIATIONS_LAW,
        article: "Art. 24(1)",
        description: "Register, classify and check a denunciation, from receipt",
        days: 7,
        dayKind: "working",
      },
      {
        id: "denunciation-initial-handling-complex",
        step: "DENUNCIATION_INITIAL_HANDLING",
        law: DENUNCIATIONS_LAW,
        article: "Art. 24(1)",
        description:
          "Register, classify and check a denunciation needing verification at several places, from receipt",
        days: 10,
        dayKind: "working",
        complex: true,
      },
      {
        id: "denunciation-transfer",
        step: "DENUNCIATION_TRANSFER",
        law: DENUNCIATIONS_LAW,
        article: "Art. 24(2)",
        description: "Transfer a denunciation outside competence and notify the denouncer",
        days: 5,
        dayKind: "working",
      },
      {
        id: "denunciation-acceptance-notice",
        step: "DENUNCIATION_ACCEPTANCE_NOTICE",
        law: DENUNCIATIONS_LAW,
        article: "Art. 29",
        description: "Notify the acceptance decision to the denouncer and the denounced",
        days: 5,
        dayKind: "working",
      },
      {
        id: "denunciation-resolution",
        step: "DENUNCIATION_RESOLUTION",
        law: DENUNCIATIONS_LAW,
        article: "Art. 30(1)",
        description: "Resolve a denunciation, from acceptance",
        days: 30,
        dayKind: "calendar",
      },
      {
        id: "denunciation-extension",
        step: "DENUNCIATION_EXTENSION",
        law: DENUNCIATIONS_LAW,
        article: "Art. 30(2)",
        description:
          "One written extension of a denunciation's resolution (at most 2: complex 1, particularly complex 2)",
        days: 30,
        dayKind: "calendar",
      },
      {
        id: "denunciation-suspension-notice",
        step: "DENUNCIATION_SUSPENSION_NOTICE",
        law: DENUNCIATIONS_LAW,
        article: "Art. 34",
        description: "Send the decision to suspend or continue a denunciation's resolution",
        days: 5,
        dayKind: "working",
      },
      {
        id: "denunciation-overdue-report",
        step: "DENUNCIATION_OVERDUE_REPORT",
        law: DENUNCIATIONS_LAW,
        article: "Art. 38",
        description: "Report to the superior on an overdue denunciation, from the superior's request",
        days: 5,
        dayKind: "working",
      },
    ] satisfies DeadlineRule[]
  ).map((rule) => Object.freeze(rule)),
);
