import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from "typeorm";

import type { Level } from "../config";

/** Numeric columns come back from pg as strings: read them as numbers. */
const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * One matter (hồ sơ vụ việc) at the body that handles it: created with its first petition, its kind
 * set at classification, its status moved only through the case state machine.
 */
@Entity("kntc_case")
export class CaseEntity {
  @PrimaryColumn({ type: "uuid" })
  id!: string;

  @Column({ type: "varchar", length: 10 })
  level!: Level;

  /** The reception body handling the case. */
  @Column({ name: "body_id", type: "varchar", length: 60 })
  bodyId!: string;

  @Column({ name: "unit_code", type: "varchar", length: 10 })
  unitCode!: string;

  /** Sector of the handling body (null for general bodies). */
  @Column({ type: "varchar", length: 40, nullable: true })
  sector!: string | null;

  /** A CaseKind, null until classified. */
  @Column({ type: "varchar", length: 20, nullable: true })
  kind!: string | null;

  @Column({ name: "content_types", type: "text", array: true, default: () => "'{}'" })
  contentTypes!: string[];

  @Column({ type: "varchar", length: 20 })
  status!: string;

  @Column({ name: "suspended_from", type: "varchar", length: 20, nullable: true })
  suspendedFrom!: string | null;

  @Column({ type: "text" })
  summary!: string;

  @Column({ type: "text", nullable: true })
  respondent!: string | null;

  /** `respondent` folded, for similarity matching. */
  @Column({ name: "respondent_search", type: "text", nullable: true })
  respondentSearch!: string | null;

  @Column({ name: "search_text", type: "text" })
  searchText!: string;

  /** A PetitionField (lĩnh vực), set at classification. */
  @Column({ type: "varchar", length: 40, nullable: true })
  field!: string | null;

  @Column({ type: "boolean", nullable: true })
  eligible!: boolean | null;

  @Column({ name: "ineligibility_reason", type: "varchar", length: 40, nullable: true })
  ineligibilityReason!: string | null;

  @Column({ name: "within_competence", type: "boolean", nullable: true })
  withinCompetence!: boolean | null;

  @Column({ name: "signer_count", type: "int", default: 1 })
  signerCount!: number;

  @Column({ type: "boolean", default: false })
  anonymous!: boolean;

  @Column({ type: "boolean", default: false })
  complex!: boolean;

  /** Why the case is complex (Law Art. 3a from 2026-07-01): the recorded finding. */
  @Column({ name: "complexity_reason", type: "text", nullable: true })
  complexityReason!: string | null;

  @Column({ name: "remote_area", type: "boolean", default: false })
  remoteArea!: boolean;

  /** 1 or 2 for complaints. */
  @Column({ type: "smallint", nullable: true })
  instance!: number | null;

  @Column({ name: "received_on", type: "date" })
  receivedOn!: string;

  @Column({ name: "accepted_on", type: "date", nullable: true })
  acceptedOn!: string | null;

  @Column({ name: "closed_on", type: "date", nullable: true })
  closedOn!: string | null;

  /** Due date of the step in progress, null when nothing is running. */
  @Column({ name: "due_on", type: "date", nullable: true })
  dueOn!: string | null;

  @Column({ name: "due_step", type: "varchar", length: 40, nullable: true })
  dueStep!: string | null;

  @Column({ name: "due_rule_id", type: "varchar", length: 60, nullable: true })
  dueRuleId!: string | null;

  /** The resolution deadline when the case was resolved: on time or late is judged against it. */
  @Column({ name: "resolution_due_on", type: "date", nullable: true })
  resolutionDueOn!: string | null;

  /** True while suspended: the period does not run. */
  @Column({ name: "on_hold", type: "boolean", default: false })
  onHold!: boolean;

  @Column({ type: "smallint", default: 0 })
  extensions!: number;

  @Column({ name: "repeat_count", type: "int", default: 0 })
  repeatCount!: number;

  /** Processing decision: the body a case is transferred to or a late body urged. */
  @Column({ name: "target_body_id", type: "varchar", length: 60, nullable: true })
  targetBodyId!: string | null;

  @Column({ name: "decision_reason", type: "text", nullable: true })
  decisionReason!: string | null;

  /** Complaint decision or denunciation conclusion result. */
  @Column({ type: "varchar", length: 30, nullable: true })
  result!: string | null;

  @Column({ name: "decision_number", type: "varchar", length: 60, nullable: true })
  decisionNumber!: string | null;

  @Column({ name: "decided_on", type: "date", nullable: true })
  decidedOn!: string | null;

  @Column({ name: "dialogue_on", type: "date", nullable: true })
  dialogueOn!: string | null;

  @Column({ name: "published_on", type: "date", nullable: true })
  publishedOn!: string | null;

  @Column({ name: "withdrawn_on", type: "date", nullable: true })
  withdrawnOn!: string | null;

  @Column({ name: "withdrawn_after_persuasion", type: "boolean", default: false })
  withdrawnAfterPersuasion!: boolean;

  @Column({ name: "partial_withdrawals", type: "int", default: 0 })
  partialWithdrawals!: number;

  @Column({ name: "money_to_recover_vnd", type: "bigint", default: 0, transformer: numeric })
  moneyToRecoverVnd!: number;

  @Column({ name: "money_to_return_vnd", type: "bigint", default: 0, transformer: numeric })
  moneyToReturnVnd!: number;

  @Column({ name: "land_to_recover_m2", type: "numeric", precision: 14, scale: 2, default: 0, transformer: numeric })
  landToRecoverM2!: number;

  @Column({ name: "land_to_return_m2", type: "numeric", precision: 14, scale: 2, default: 0, transformer: numeric })
  landToReturnM2!: number;

  @Column({ name: "people_disciplined", type: "int", default: 0 })
  peopleDisciplined!: number;

  @Column({ name: "sent_to_investigation", type: "int", default: 0 })
  sentToInvestigation!: number;

  /** The hops this case has made or come through, as far as this body knows (see transfers/journey.ts). */
  @Column({ type: "jsonb", default: () => "'[]'" })
  journey!: import("../transfers/journey").Hop[];

  /** Where a transferred case came from. */
  @Column({ name: "transferred_from", type: "jsonb", nullable: true })
  transferredFrom!: import("../transfers/journey").CaseLink | null;

  /** Idempotency key of the transfer that created this case. */
  @Column({ name: "origin_message_id", type: "uuid", nullable: true })
  originMessageId!: string | null;

  /** PENDING while a transferred case waits in the receiver's inbox; ACCEPTED or RETURNED after. */
  @Column({ name: "inbox_state", type: "varchar", length: 12, nullable: true })
  inboxState!: "PENDING" | "ACCEPTED" | "RETURNED" | null;

  /** For a 2nd-instance complaint: the 1st-instance case and decision. */
  @Column({ name: "first_instance", type: "jsonb", nullable: true })
  firstInstance!: import("../transfers/outbox").FirstInstance | null;

  /** Optimistic lock: two officers acting on one case at once cannot both win. */
  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}

/** A petition (đơn): the document a citizen lodges; several may belong to one case (repeats). */
@Entity("petition")
export class PetitionEntity {
  @PrimaryColumn({ type: "uuid" })
  id!: string;

  @Column({ name: "case_id", type: "uuid" })
  caseId!: string;

  @Column({ name: "body_id", type: "varchar", length: 60 })
  bodyId!: string;

  @Column({ type: "varchar", length: 30 })
  source!: string;

  @Column({ name: "received_on", type: "date" })
  receivedOn!: string;

  @Column({ type: "text" })
  content!: string;

  @Column({ type: "text", nullable: true })
  respondent!: string | null;

  @Column({ name: "is_repeat", type: "boolean", default: false })
  isRepeat!: boolean;

  @Column({ name: "signer_count", type: "int" })
  signerCount!: number;

  @Column({ type: "boolean", default: false })
  anonymous!: boolean;

  @Column({ name: "search_text", type: "text" })
  searchText!: string;

  @Column({ name: "registered_by", type: "varchar", length: 100, nullable: true })
  registeredBy!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}

/** The columns of a signer, kept in one of two tables (petitioners, confidential denouncers). */
abstract class SignerColumns {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "petition_id", type: "uuid" })
  petitionId!: string;

  @Column({ name: "full_name", type: "text" })
  fullName!: string;

  @Column({ name: "search_name", type: "text" })
  searchName!: string;

  @Column({ name: "citizen_id", type: "varchar", length: 12, nullable: true })
  citizenId!: string | null;

  @Column({ type: "text", nullable: true })
  address!: string | null;

  @Column({ type: "varchar", length: 20, nullable: true })
  phone!: string | null;

  @Column({ type: "smallint" })
  position!: number;
}

/** A signer of a petition that is not a denunciation. */
@Entity("petitioner")
export class PetitionerEntity extends SignerColumns {}

/**
 * A denouncer's identity, kept apart from the case and marked confidential by law (Law on
 * Denunciations 25/2018/QH14): only the people resolving the case may see it.
 */
@Entity("denouncer_identity")
export class DenouncerEntity extends SignerColumns {
  @Column({ type: "boolean", default: true })
  confidential!: boolean;
}

/** Metadata of a file attached to a petition (the file itself lives in document storage). */
@Entity("petition_attachment")
export class AttachmentEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "petition_id", type: "uuid" })
  petitionId!: string;

  @Column({ type: "text" })
  name!: string;

  @Column({ name: "media_type", type: "varchar", length: 100 })
  mediaType!: string;

  @Column({ name: "size_bytes", type: "bigint", transformer: numeric })
  sizeBytes!: number;

  @Column({ type: "char", length: 64 })
  sha256!: string;
}

/** One entry of a case's timeline: append-only (a trigger refuses UPDATE and DELETE). */
@Entity("case_event")
export class CaseEventEntity {
  @PrimaryGeneratedColumn({ type: "bigint" })
  id!: string;

  @Column({ name: "case_id", type: "uuid" })
  caseId!: string;

  @Column({ type: "timestamptz" })
  at!: Date;

  /** The user id from the gateway, or null when unknown. */
  @Column({ type: "varchar", length: 100, nullable: true })
  actor!: string | null;

  @Column({ type: "varchar", length: 40 })
  action!: string;

  @Column({ name: "from_status", type: "varchar", length: 20, nullable: true })
  fromStatus!: string | null;

  @Column({ name: "to_status", type: "varchar", length: 20 })
  toStatus!: string;

  /** The date the step happened on (may precede `at`: paper recorded later). */
  @Column({ name: "effective_on", type: "date" })
  effectiveOn!: string;

  @Column({ type: "text", nullable: true })
  note!: string | null;

  /** Fields that changed: { field: [before, after] }. */
  @Column({ type: "jsonb", default: () => "'{}'" })
  changes!: Record<string, [unknown, unknown]>;
}

/** A suspension of resolution; suspended days do not count towards the deadline. */
@Entity("case_suspension")
export class SuspensionEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "case_id", type: "uuid" })
  caseId!: string;

  @Column({ name: "from_on", type: "date" })
  fromOn!: string;

  @Column({ name: "to_on", type: "date", nullable: true })
  toOn!: string | null;

  @Column({ type: "text" })
  reason!: string;
}
