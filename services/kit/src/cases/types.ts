import { GraphQLScalarType, Kind } from "graphql";
import { Directive, Field, Float, ID, InputType, Int, InterfaceType, ObjectType, registerEnumType } from "type-graphql";

import { LevelName, ReceptionBodyKind, Sector } from "../admin/kinds";
import { ReceptionUnit } from "../admin/graphql";
import { CaseAction, CaseKind, CaseStatus } from "../domain/cases/machine";
import { ContentType, DecisionResult, IneligibilityReason, PetitionField, PetitionSource } from "./kinds";
import { CaseOrder } from "./order";

registerEnumType(CaseKind, { name: "CaseKind", description: "What a case is about, set at classification" });
registerEnumType(CaseStatus, { name: "CaseStatus", description: "Where a case stands at the body that handles it" });
registerEnumType(CaseOrder, {
  name: "CaseOrder",
  description: "Order of a case list; the id breaks ties, so paging never repeats or skips a case",
  valuesConfig: {
    RECEIVED_DESC: { description: "Newest receipt first (the default)" },
    RECEIVED_ASC: { description: "Oldest receipt first" },
    DAYS_LATE_DESC: { description: "Most days late first: running cases by oldest dueAt, then cases on hold (0 days late), cases without a due date last" },
    DUE_ASC: { description: "Earliest dueAt first, on hold or not; cases without a due date last" },
  },
});
registerEnumType(CaseAction, { name: "CaseAction", description: "A step an official takes on a case; `allowedActions` lists the possible ones" });

/**
 * A civil date in Vietnam, written YYYY-MM-DD. The scalar only requires a string: the services
 * check the date itself, so that a wrong date is a field-level BAD_USER_INPUT naming the input
 * field, like every other input error.
 */
export const LocalDateScalar = new GraphQLScalarType({
  name: "LocalDate",
  description: "A date in Vietnam (no time, no zone), written YYYY-MM-DD",
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== "string") {
      throw new TypeError(`LocalDate must be a string written YYYY-MM-DD, got ${JSON.stringify(value)}`);
    }
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new TypeError("LocalDate must be a string written YYYY-MM-DD");
    }
    return ast.value;
  },
});

/** One field changed by a step: values as JSON text. */
@Directive("@shareable")
@ObjectType("FieldChange")
export class FieldChange {
  @Field()
  field!: string;

  @Field(() => String, { nullable: true })
  before!: string | null;

  @Field(() => String, { nullable: true })
  after!: string | null;
}

/** One entry of a case's timeline (append-only). */
@Directive("@shareable")
@ObjectType("CaseEvent", { description: "One step in a case's life: who, when, what, before and after" })
export class CaseEvent {
  @Field(() => Date, { description: "When it was recorded" })
  at!: Date;

  @Field(() => String, { nullable: true, description: "User id of the official, from the gateway" })
  actor!: string | null;

  @Field({ description: "REGISTER, LINK_REPEAT or a CaseAction" })
  action!: string;

  @Field(() => CaseStatus, { nullable: true })
  fromStatus!: CaseStatus | null;

  @Field(() => CaseStatus)
  toStatus!: CaseStatus;

  @Field(() => LocalDateScalar, { description: "The date the step took effect" })
  effectiveOn!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => [FieldChange])
  changes!: FieldChange[];
}

/** A signer of a petition (not a denouncer). */
@Directive("@shareable")
@ObjectType("Petitioner")
export class Petitioner {
  @Field()
  fullName!: string;

  @Field(() => String, { nullable: true, description: "Citizen ID number (CCCD, 12 digits) or ID card (CMND, 9 digits)" })
  citizenId!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;
}

/** A denouncer's identity: confidential by law. */
@Directive("@shareable")
@ObjectType("Denouncer", { description: "CONFIDENTIAL (Law on Denunciations): visible only to those resolving the case" })
export class Denouncer extends Petitioner {}

/** Metadata of a file attached to a petition. */
@Directive("@shareable")
@ObjectType("Attachment")
export class Attachment {
  @Field()
  name!: string;

  @Field()
  mediaType!: string;

  @Field(() => Float, { description: "Size in bytes" })
  sizeBytes!: number;

  @Field({ description: "SHA-256 of the content, lower-case hex" })
  sha256!: string;
}

/** A suspension of the resolution period. */
@Directive("@shareable")
@ObjectType("Suspension")
export class Suspension {
  @Field(() => LocalDateScalar)
  from!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "Null while still suspended" })
  to!: string | null;

  @Field()
  reason!: string;
}

/** The statutory rule a due date comes from. */
@Directive("@shareable")
@ObjectType("DeadlineRuleInfo")
export class DeadlineRuleInfo {
  @Field()
  id!: string;

  @Field()
  step!: string;

  @Field()
  law!: string;

  @Field()
  article!: string;

  @Field(() => Int)
  days!: number;

  @Field({ description: "calendar or working" })
  dayKind!: string;

  @Field()
  description!: string;
}

/** Enforcement figures of a decision or conclusion. */
@Directive("@shareable")
@ObjectType("Enforcement")
export class Enforcement {
  @Field(() => Float, { description: "Money to recover for the State (VND)" })
  moneyToRecoverVnd!: number;

  @Field(() => Float, { description: "Money to return to citizens and organisations (VND)" })
  moneyToReturnVnd!: number;

  @Field(() => Float, { description: "Land to recover for the State (m²)" })
  landToRecoverM2!: number;

  @Field(() => Float, { description: "Land to return (m²)" })
  landToReturnM2!: number;

  @Field(() => Int)
  peopleDisciplined!: number;

  @Field(() => Int, { description: "Cases sent to the investigation agency" })
  sentToInvestigation!: number;
}

/** Relay page information. */
@Directive("@shareable")
@ObjectType("PageInfo")
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** What every case has, whichever level holds it: dashboards select these without caring where. */
@InterfaceType("Case", {
  description: "A matter (hồ sơ vụ việc) at the body handling it; one type per level implements it",
  // One process may define every level's types: each subgraph registers only its own.
  autoRegisterImplementations: false,
  resolveType: (c: { level: string }) => `${c.level[0]!.toUpperCase()}${c.level.slice(1)}Case`,
})
export abstract class Case {
  @Field(() => ID)
  id!: string;

  @Field(() => LevelName)
  level!: LevelName;

  @Field(() => ReceptionUnit, { description: "The body handling the case" })
  unit!: ReceptionUnit;

  @Field(() => CaseKind, { nullable: true })
  kind!: CaseKind | null;

  @Field(() => CaseStatus)
  status!: CaseStatus;

  @Field(() => LocalDateScalar)
  receivedAt!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "Last day of the step in progress; null when nothing runs" })
  dueAt!: string | null;

  @Field({ description: "The step in progress is past its due date (not while suspended)" })
  overdue!: boolean;

  @Field(() => Int, { nullable: true, description: "Calendar days until dueAt (negative when late)" })
  daysLeft!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Calendar days past dueAt: 0 when on time or on hold, null without a due date; overdue exactly when above 0",
  })
  daysLate!: number | null;

  @Field(() => [CaseEvent])
  timeline!: CaseEvent[];
}

/** How many cases of a list have one status and kind (the kind is null until classified). */
@Directive("@shareable")
@ObjectType("CaseStatusCount", { description: "Cases with one status and kind; kind is null until a case is classified" })
export class CaseStatusCount {
  @Field(() => CaseStatus)
  status!: CaseStatus;

  @Field(() => CaseKind, { nullable: true })
  kind!: CaseKind | null;

  @Field(() => Int)
  count!: number;
}

/**
 * Cases sent by one level's bodies to one level and kind of body, as far as the senders have heard:
 * the state parts are the hops' latest states and add up to `count`.
 */
@Directive("@shareable")
@ObjectType("TransferFlow", {
  description: "Cases sent from one level to bodies of one level and kind in a period, by where each stands as the sender last heard; inTransit + pending + accepted + returned + resolved = count",
})
export class TransferFlow {
  @Field(() => LevelName)
  fromLevel!: LevelName;

  @Field(() => LevelName)
  toLevel!: LevelName;

  @Field(() => ReceptionBodyKind, { nullable: true, description: "Kind of the receiving bodies; null for a body id that is none of the platform's" })
  toBodyKind!: ReceptionBodyKind | null;

  @Field({ description: "TRANSFER (to the competent body) or SECOND_INSTANCE (a complaint to the 2nd instance)" })
  kind!: string;

  @Field(() => Int, { description: "Cases sent" })
  count!: number;

  @Field(() => Int, { description: "Not delivered yet" })
  inTransit!: number;

  @Field(() => Int, { description: "Delivered, waiting in the receiver's inbox" })
  pending!: number;

  @Field(() => Int, { description: "Taken up by the receiver, not resolved yet" })
  accepted!: number;

  @Field(() => Int, { description: "Sent back by the receiver, or refused at delivery" })
  returned!: number;

  @Field(() => Int, { description: "Resolved by the receiver (decided, concluded, answered, withdrawn, guided, archived...)" })
  resolved!: number;
}

/** A signer, as entered. */
@InputType("PersonInput")
export class PersonInputType {
  @Field()
  fullName!: string;

  @Field(() => String, { nullable: true })
  citizenId?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

/** Attachment metadata, as entered. */
@InputType("AttachmentInput")
export class AttachmentInputType {
  @Field()
  name!: string;

  @Field()
  mediaType!: string;

  @Field(() => Float)
  sizeBytes!: number;

  @Field()
  sha256!: string;
}

/**
 * What a citizen lodges, wherever it is registered (at a desk, or during a visit). The input types
 * below inherit its fields; no field takes it directly, so it is not emitted itself.
 */
@InputType("PetitionContentInput")
export class PetitionContentInput {
  @Field()
  content!: string;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: "Who the petition is against (bị khiếu nại / bị tố cáo)" })
  respondent?: string | null;

  @Field(() => [ContentType], { nullable: true, description: "Contents known at the desk; a denunciation's signers are kept confidential" })
  contentTypes?: ContentType[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  anonymous?: boolean | null;

  @Field(() => [PersonInputType], { nullable: true })
  petitioners?: PersonInputType[] | null;

  @Field(() => [AttachmentInputType], { nullable: true })
  attachments?: AttachmentInputType[] | null;

  @Field(() => ID, { nullable: true, description: "Link to this existing case as a repeat (one file per matter)" })
  repeatOfCaseId?: string | null;
}

/** A petition to register. */
@InputType("RegisterPetitionInput")
export class RegisterPetitionInputType extends PetitionContentInput {
  @Field(() => ID, { description: "The reception body receiving it (this level)" })
  bodyId!: string;

  @Field(() => PetitionSource)
  source!: PetitionSource;

  @Field(() => LocalDateScalar)
  receivedOn!: string;
}

/** Classification of a case. */
@InputType("ClassifyCaseInput")
export class ClassifyCaseInputType {
  @Field(() => [ContentType])
  contentTypes!: ContentType[];

  @Field()
  eligible!: boolean;

  @Field(() => IneligibilityReason, { nullable: true })
  ineligibilityReason?: IneligibilityReason | null;

  @Field()
  withinCompetence!: boolean;

  @Field(() => PetitionField)
  field!: PetitionField;

  @Field(() => Boolean, { nullable: true })
  complex?: boolean | null;

  @Field(() => String, { nullable: true, description: "Why the case is complex (required when complex)" })
  complexityReason?: string | null;

  @Field(() => Boolean, { nullable: true })
  remoteArea?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Complaints: 1st or 2nd instance" })
  instance?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date of the classification (default today)" })
  on?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

/** Data of a step (which fields are required depends on the action). */
@InputType("CaseActionInput")
export class CaseActionInputType {
  @Field(() => LocalDateScalar, { nullable: true, description: "Date the step took effect (default today)" })
  on?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: "Required for ARCHIVE, REFUSE, GUIDE, TRANSFER, URGE, EXTEND, SUSPEND, TERMINATE, WITHDRAW_PARTIALLY" })
  reason?: string | null;

  @Field(() => ID, { nullable: true, description: "TRANSFER, URGE: the other body (any level)" })
  targetBodyId?: string | null;

  @Field(() => String, { nullable: true, description: "TRANSFER: the legal basis cited" })
  legalBasis?: string | null;

  @Field(() => DecisionResult, { nullable: true, description: "DECIDE, CONCLUDE" })
  result?: DecisionResult | null;

  @Field(() => String, { nullable: true, description: "DECIDE: number of the decision" })
  decisionNumber?: string | null;

  @Field(() => Boolean, { nullable: true, description: "WITHDRAW: after explanation and persuasion" })
  afterPersuasion?: boolean | null;

  @Field(() => Float, { nullable: true })
  moneyToRecoverVnd?: number | null;

  @Field(() => Float, { nullable: true })
  moneyToReturnVnd?: number | null;

  @Field(() => Float, { nullable: true })
  landToRecoverM2?: number | null;

  @Field(() => Float, { nullable: true })
  landToReturnM2?: number | null;

  @Field(() => Int, { nullable: true })
  peopleDisciplined?: number | null;

  @Field(() => Int, { nullable: true })
  sentToInvestigation?: number | null;
}

/** Filter of a case list. */
@InputType("CaseFilter")
export class CaseFilterType {
  @Field(() => [CaseStatus], { nullable: true })
  statuses?: CaseStatus[] | null;

  @Field(() => [CaseKind], { nullable: true })
  kinds?: CaseKind[] | null;

  @Field(() => Boolean, { nullable: true, description: "Only cases past their due date" })
  overdue?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true })
  dueBefore?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Received on or after" })
  receivedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Received on or before" })
  receivedTo?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Accepted (thụ lý) on or after. With acceptedTo and a kind: the cases of the resolution forms' newlyAccepted",
  })
  acceptedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Accepted (thụ lý) on or before" })
  acceptedTo?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Resolved on or after, once accepted (decided, concluded, answered, withdrawn or terminated). With resolvedTo and a kind: the cases of the resolution forms' resolved",
  })
  resolvedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Resolved on or before, once accepted" })
  resolvedTo?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Only cases withdrawn after explanation and persuasion (status WITHDRAWN); false or absent: not filtered, like overdue. With resolvedFrom/resolvedTo and a kind: the forms' withdrawnAfterPersuasion",
  })
  withdrawnAfterPersuasion?: boolean | null;

  @Field(() => [ID], { nullable: true, description: "Administrative unit codes" })
  unitCodes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Reception body ids" })
  bodyIds?: string[] | null;

  @Field(() => [Sector], { nullable: true, description: "Sectors of the handling bodies" })
  sectors?: Sector[] | null;

  @Field(() => [PetitionField], { nullable: true })
  fields?: PetitionField[] | null;

  @Field(() => String, { nullable: true, description: "Cases with a petitioner of this citizen ID" })
  citizenId?: string | null;
}

/** What to match a new petition against. */
@InputType("PetitionMatchInput")
export class PetitionMatchInputType {
  @Field(() => [String], { nullable: true })
  citizenIds?: string[] | null;

  @Field(() => String, { nullable: true })
  respondent?: string | null;

  @Field(() => String, { nullable: true })
  content?: string | null;
}

/** A 2nd-instance complaint to lodge on a 1st-instance decision. */
@InputType("SecondComplaintInput")
export class SecondComplaintInputType {
  @Field(() => ID, { nullable: true, description: "The competent body; default: the People's Committee one level up" })
  targetBodyId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date the 2nd complaint was lodged (default today)" })
  on?: string | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}
