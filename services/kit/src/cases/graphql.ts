import { GraphQLError } from "graphql";
import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  createUnionType,
} from "type-graphql";

import type { AdministrativeUnitEntity, ReceptionBodyEntity } from "../admin/entities";
import type { LevelModule } from "../admin/graphql";
import { LevelName, Sector, unitTypeName } from "../admin/kinds";
import { LEVELS, type Level } from "../config";
import { type CaseLink, type Hop, currentHolder, originOf } from "../transfers/journey";
import type { RequestContext } from "../context";
import type { CasePage } from "./service";
import { CaseAction, CaseKind, CaseStatus } from "../domain/cases/machine";
import { ProcessingFiguresType, ResolutionFiguresType, withRates } from "../statistics/graphql";
import { DEADLINE_RULES } from "../domain/deadlines/rules";
import { daysLate, daysLeft, dueDate, isOverdue } from "../domain/deadlines/due";
import { notFound } from "../errors";
import type { ReferenceResolvers } from "../schema";
import type { CaseEntity, CaseEventEntity, PetitionEntity, PetitionerEntity } from "./entities";
import {
  Attachment,
  Case,
  CaseActionInputType,
  CaseEvent,
  CaseFilterType,
  CaseStatusCount,
  ClassifyCaseInputType,
  DeadlineRuleInfo,
  Denouncer,
  Enforcement,
  LocalDateScalar,
  PageInfo,
  PetitionMatchInputType,
  Petitioner,
  RegisterPetitionInputType,
  SecondComplaintInputType,
  Suspension,
  TransferFlow,
} from "./types";
import { CaseOrder } from "./order";
import { ContentType, DecisionResult, IneligibilityReason, PetitionField, PetitionSource } from "./kinds";
import { UUID } from "./validation";

const capital = (level: Level): string => unitTypeName(level);
/** The `orderBy` argument of case lists: null is the default order too. */
const ORDER_BY = { nullable: true, defaultValue: CaseOrder.RECEIVED_DESC, description: "A cursor is valid only in the order that returned it" } as const;
const RULES_BY_ID = new Map(DEADLINE_RULES.map((r) => [r.id, r]));

/** Stored field names whose GraphQL name differs (dates are `...At`, the rule is `dueRule`). */
function schemaFieldName(field: string): string {
  if (field === "dueRuleId") {
    return "dueRule";
  }
  return field.endsWith("On") ? `${field.slice(0, -2)}At` : field;
}

/** Renders the stored timeline entry for GraphQL, with the schema's field names in name order. */
function toEvent(e: CaseEventEntity): CaseEvent {
  return {
    at: e.at,
    actor: e.actor,
    action: e.action,
    fromStatus: e.fromStatus as CaseStatus | null,
    toStatus: e.toStatus as CaseStatus,
    effectiveOn: e.effectiveOn,
    note: e.note,
    changes: Object.entries(e.changes)
      .map(([field, [before, after]]) => ({
        field: schemaFieldName(field),
        before: before === undefined ? null : JSON.stringify(before),
        after: after === undefined ? null : JSON.stringify(after),
      }))
      .sort((a, b) => a.field.localeCompare(b.field)),
  };
}

/** The case types and operations a level publishes. */
export interface CaseModule {
  /** The level's case type (`ProvinceCase`, ...), for fields of other modules that point to a case. */
  Case: Function;
  resolvers: Function[];
  referenceResolvers: ReferenceResolvers;
}

/**
 * Defines a level's case types (`<Level>Case` implementing `Case`, `<Level>Petition`, the
 * connection) and its operations, named with the level so that root fields never clash across
 * subgraphs: `<level>RegisterPetition`, `<level>ClassifyCase`, `<level>ActOnCase`, `<level>Case`,
 * `<level>Cases`, `<level>CaseStatusCounts`, `<level>TransferFlows`, `<level>PetitionMatches`,
 * `<level>SearchPetitions`, `<level>SearchPetitioners`, and `<Level>.cases` on the level's unit.
 */
export function defineCases(level: Level, units: LevelModule): CaseModule {
  const L = capital(level);
  const Body = units.Body;

  @Directive(`@key(fields: "id")`)
  @ObjectType(`${L}Case`, { implements: Case, description: `A case held by a ${level} body` })
  class LevelCase extends Case {}

  // The other levels' case types, by key only: the gateway fetches their fields from their owners.
  const refs = LEVELS.map((other) => {
    if (other === level) {
      return LevelCase;
    }
    @Directive(`@key(fields: "id", resolvable: false)`)
    @ObjectType(`${capital(other)}Case`)
    class OtherCase {
      @Field(() => ID)
      id!: string;
    }
    return OtherCase;
  });
  const CaseRef = createUnionType({
    name: "CaseRef",
    description: "A case at any level; select its fields with `... on Case { ... }`",
    types: () => refs as unknown as [typeof LevelCase],
    resolveType: (value) => (value as { __typename?: string }).__typename ?? `${L}Case`,
  });
  /** A link to a case: loaded here when it is this level's, a reference for the gateway otherwise. */
  const refTo = (ctx: RequestContext, link: CaseLink | null): Promise<object | null> | object | null => {
    if (!link) {
      return null;
    }
    return link.level === level ? ctx.cases.caseById.load(link.caseId) : { __typename: `${capital(link.level)}Case`, id: link.caseId };
  };

  @Directive("@shareable")
  @ObjectType("JourneyHop", { description: "One move of a case between bodies" })
  class JourneyHop {
    @Field(() => ID, { description: "Also the idempotency key of its delivery" })
    id!: string;

    @Field({ description: "TRANSFER or SECOND_INSTANCE" })
    kind!: string;

    @Field(() => LevelName)
    fromLevel!: string;

    @Field(() => ID)
    fromBodyId!: string;

    @Field(() => CaseRef)
    fromCase!: object;

    @Field(() => LevelName)
    toLevel!: string;

    @Field(() => ID)
    toBodyId!: string;

    @Field(() => CaseRef, { nullable: true, description: "Null until delivered" })
    toCase!: object | null;

    @Field()
    reason!: string;

    @Field(() => String, { nullable: true })
    legalBasis!: string | null;

    @Field(() => LocalDateScalar)
    sentOn!: string;

    @Field(() => String, { nullable: true, description: "When the receiver's subgraph recorded it (ISO time)" })
    deliveredAt!: string | null;

    @Field({ description: "IN_TRANSIT, DELIVERED, ACCEPTED, RETURNED or RESOLVED" })
    status!: string;

    @Field(() => String, { nullable: true })
    returnReason!: string | null;

    @Field(() => String, { nullable: true, description: "The receiver's final status, once resolved" })
    outcomeStatus!: string | null;

    @Field(() => String, { nullable: true })
    outcomeResult!: string | null;
  }

  @Directive("@shareable")
  @ObjectType("Journey", { description: "The whole chain of a matter: origin, every hop, who holds it now" })
  class Journey {
    @Field(() => CaseRef)
    origin!: object;

    @Field(() => [JourneyHop])
    hops!: JourneyHop[];

    @Field(() => CaseRef, { nullable: true })
    currentHolder!: object | null;

    @Field({ description: "A hop is on its way and not yet delivered" })
    inTransit!: boolean;
  }

  @Directive("@shareable")
  @ObjectType("OutgoingTransfer", { description: "The delivery of a case sent on from here" })
  class OutgoingTransfer {
    @Field(() => ID)
    id!: string;

    @Field(() => ID)
    toBodyId!: string;

    @Field({ description: "IN_TRANSIT until the receiver has it, then as the hop" })
    status!: string;

    @Field(() => Int, { description: "Delivery attempts so far" })
    attempts!: number;

    @Field(() => String, { nullable: true, description: "Why the last attempt failed" })
    lastError!: string | null;
  }

  @Directive("@shareable")
  @ObjectType("FirstInstanceInfo", { description: "The 1st-instance decision a 2nd-instance complaint is about" })
  class FirstInstanceInfo {
    @Field(() => CaseRef)
    case!: object;

    @Field(() => String, { nullable: true })
    decisionNumber!: string | null;

    @Field(() => DecisionResult, { nullable: true })
    result!: string | null;

    @Field(() => LocalDateScalar, { nullable: true })
    decidedAt!: string | null;
  }

  @Directive("@shareable")
  @ObjectType("RoutingProposal", { description: "A body proposed as competent for a case, best first" })
  class RoutingProposalType {
    @Field(() => ID, { description: "Look it up with receptionUnit(id)" })
    bodyId!: string;

    @Field(() => LevelName)
    level!: string;

    @Field()
    reason!: string;

    @Field()
    legalBasis!: string;

    @Field(() => Int)
    rank!: number;
  }

  @ObjectType(`${L}Petition`, { description: `A petition registered at a ${level} body` })
  class LevelPetition {
    @Field(() => ID)
    id!: string;

    @Field(() => PetitionSource)
    source!: PetitionSource;

    @Field(() => LocalDateScalar)
    receivedOn!: string;

    @Field()
    content!: string;

    @Field(() => String, { nullable: true })
    respondent!: string | null;

    @Field({ description: "A repeat petition on a matter that already has a case" })
    isRepeat!: boolean;

    @Field(() => Int)
    signerCount!: number;

    @Field()
    anonymous!: boolean;
  }

  @ObjectType(`${L}CaseEdge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => LevelCase)
    node!: CaseEntity;
  }

  @ObjectType(`${L}CaseConnection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "Cases matching the filter, all pages" })
    totalCount!: number;
  }

  @ObjectType(`${L}CaseMatch`, { description: "An existing case that may be the same matter" })
  class Match {
    @Field(() => LevelCase)
    case!: CaseEntity;

    @Field(() => Float, { description: "0 to 1" })
    score!: number;

    @Field(() => [String], { description: "SAME_CITIZEN_ID, SIMILAR_RESPONDENT, SIMILAR_CONTENT" })
    reasons!: string[];
  }

  @ObjectType(`${L}PetitionerHit`)
  class PetitionerHit extends Petitioner {
    @Field(() => LevelPetition)
    petition!: PetitionEntity;
  }

  @Resolver(() => LevelCase)
  class CaseResolver {
    @Query(() => LevelCase, { name: `${level}Case`, description: `A case of a ${level} body` })
    one(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CaseEntity> {
      return ctx.cases.get(id);
    }

    @Query(() => Connection, { name: `${level}Cases`, description: `Cases of ${level} bodies, in the order asked (newest receipt first by default)` })
    async list(
      @Ctx() ctx: RequestContext,
      // type-graphql prints arguments in reverse: the SDL reads (after, first, filter, orderBy).
      @Arg("orderBy", () => CaseOrder, ORDER_BY) orderBy: CaseOrder | null | undefined,
      @Arg("filter", () => CaseFilterType, { nullable: true }) filter?: CaseFilterType,
      @Arg("first", () => Int, { defaultValue: 20 }) first?: number,
      @Arg("after", () => String, { nullable: true }) after?: string,
    ): Promise<Connection> {
      return page(ctx, await ctx.cases.list(filter ?? {}, first ?? 20, after, orderBy ?? undefined));
    }

    @Query(() => [CaseStatusCount], {
      name: `${level}CaseStatusCounts`,
      description: `Cases of ${level} bodies matching the filter (as ${level}Cases reads it), counted by status and kind`,
    })
    statusCounts(@Ctx() ctx: RequestContext, @Arg("filter", () => CaseFilterType, { nullable: true }) filter?: CaseFilterType): Promise<CaseStatusCount[]> {
      return ctx.cases.statusCounts(filter ?? {}) as Promise<CaseStatusCount[]>;
    }

    @Query(() => [TransferFlow], {
      name: `${level}TransferFlows`,
      description: `Cases that ${level} bodies sent to other bodies (transfers, 2nd-instance complaints) in a period, by target level and kind of body, with where they stand as the senders last heard`,
    })
    transferFlows(
      @Ctx() ctx: RequestContext,
      @Arg("unitCodes", () => [ID], { nullable: true, description: "Only cases sent by the bodies of these administrative units" }) unitCodes: string[] | null | undefined,
      @Arg("period", { description: "Sent in: 2024, 2024-Q3, 2024-6M, 2024-9M or 2024-03-01..2024-05-31" }) period: string,
    ): Promise<TransferFlow[]> {
      return ctx.cases.transferFlows(period, unitCodes) as Promise<TransferFlow[]>;
    }

    @Query(() => [Match], { name: `${level}PetitionMatches`, description: "Existing cases that may be the same matter as a new petition" })
    matches(@Arg("input", () => PetitionMatchInputType) input: PetitionMatchInputType, @Ctx() ctx: RequestContext): Promise<Match[]> {
      return ctx.cases.matches(input) as Promise<Match[]>;
    }

    @Mutation(() => LevelCase, { name: `${level}ClassifyCase`, description: "Classifies a case on every axis (Circular 05/2021)" })
    classify(
      @Arg("id", () => ID) id: string,
      @Arg("input", () => ClassifyCaseInputType) input: ClassifyCaseInputType,
      @Ctx() ctx: RequestContext,
      @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion?: number,
    ): Promise<CaseEntity> {
      return ctx.cases.classify(id, input, expectedVersion);
    }

    @Mutation(() => LevelCase, { name: `${level}ActOnCase`, description: "One step of a case's life; refused with INVALID_TRANSITION and the allowed steps when not possible now" })
    act(
      @Arg("id", () => ID) id: string,
      @Arg("action", () => CaseAction) action: CaseAction,
      @Ctx() ctx: RequestContext,
      @Arg("input", () => CaseActionInputType, { nullable: true }) input?: CaseActionInputType,
      @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion?: number,
    ): Promise<CaseEntity> {
      if (action === CaseAction.CLASSIFY) {
        throw new GraphQLError(`Use ${level}ClassifyCase to classify`, { extensions: { code: "BAD_USER_INPUT", field: "action" } });
      }
      return ctx.cases.act(id, action, input ?? {}, expectedVersion);
    }

    @FieldResolver(() => Body)
    async unit(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<ReceptionBodyEntity> {
      const body = await ctx.units.findBody(c.bodyId);
      if (!body) {
        throw notFound("Reception body", c.bodyId);
      }
      return body;
    }

    @FieldResolver(() => LocalDateScalar)
    receivedAt(@Root() c: CaseEntity): string {
      return c.receivedOn;
    }

    @FieldResolver(() => LocalDateScalar, { nullable: true })
    dueAt(@Root() c: CaseEntity): string | null {
      return c.dueOn;
    }

    @FieldResolver(() => Boolean)
    overdue(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): boolean {
      return c.dueOn !== null && !c.onHold && isOverdue(c.dueOn, ctx.cases.todayDate());
    }

    @FieldResolver(() => Int, { nullable: true })
    daysLeft(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): number | null {
      return c.dueOn === null ? null : daysLeft(c.dueOn, ctx.cases.todayDate());
    }

    @FieldResolver(() => Int, { nullable: true })
    daysLate(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): number | null {
      return c.dueOn === null ? null : daysLate(c.dueOn, ctx.cases.todayDate(), c.onHold);
    }

    @FieldResolver(() => [CaseEvent])
    async timeline(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<CaseEvent[]> {
      return (await ctx.cases.eventsByCase.load(c.id)).map(toEvent);
    }

    @FieldResolver(() => [ContentType])
    contentTypes(@Root() c: CaseEntity): string[] {
      return c.contentTypes;
    }

    @FieldResolver(() => String)
    summary(@Root() c: CaseEntity): string {
      return c.summary;
    }

    @FieldResolver(() => String, { nullable: true })
    respondent(@Root() c: CaseEntity): string | null {
      return c.respondent;
    }

    @FieldResolver(() => PetitionField, { nullable: true })
    field(@Root() c: CaseEntity): string | null {
      return c.field;
    }

    @FieldResolver(() => Boolean, { nullable: true })
    eligible(@Root() c: CaseEntity): boolean | null {
      return c.eligible;
    }

    @FieldResolver(() => IneligibilityReason, { nullable: true })
    ineligibilityReason(@Root() c: CaseEntity): string | null {
      return c.ineligibilityReason;
    }

    @FieldResolver(() => Boolean, { nullable: true })
    withinCompetence(@Root() c: CaseEntity): boolean | null {
      return c.withinCompetence;
    }

    @FieldResolver(() => Int, { description: "Signers of the first petition" })
    signerCount(@Root() c: CaseEntity): number {
      return c.signerCount;
    }

    @FieldResolver(() => Boolean, { description: "Five signers or more" })
    manySigners(@Root() c: CaseEntity): boolean {
      return c.signerCount >= 5;
    }

    @FieldResolver(() => Boolean)
    anonymous(@Root() c: CaseEntity): boolean {
      return c.anonymous;
    }

    @FieldResolver(() => Boolean)
    complex(@Root() c: CaseEntity): boolean {
      return c.complex;
    }

    @FieldResolver(() => String, { nullable: true })
    complexityReason(@Root() c: CaseEntity): string | null {
      return c.complexityReason;
    }

    @FieldResolver(() => Boolean)
    remoteArea(@Root() c: CaseEntity): boolean {
      return c.remoteArea;
    }

    @FieldResolver(() => Int, { nullable: true, description: "Complaints: 1st or 2nd instance" })
    instance(@Root() c: CaseEntity): number | null {
      return c.instance;
    }

    @FieldResolver(() => LocalDateScalar, { nullable: true })
    acceptedAt(@Root() c: CaseEntity): string | null {
      return c.acceptedOn;
    }

    @FieldResolver(() => LocalDateScalar, { nullable: true })
    dialogueAt(@Root() c: CaseEntity): string | null {
      return c.dialogueOn;
    }

    @FieldResolver(() => LocalDateScalar, { nullable: true })
    decidedAt(@Root() c: CaseEntity): string | null {
      return c.decidedOn;
    }

    @FieldResolver(() => LocalDateScalar, { nullable: true })
    publishedAt(@Root() c: CaseEntity): string | null {
      return c.publishedOn;
    }

    @FieldResolver(() => LocalDateScalar, { nullable: true })
    withdrawnAt(@Root() c: CaseEntity): string | null {
      return c.withdrawnOn;
    }

    @FieldResolver(() => LocalDateScalar, { nullable: true })
    closedAt(@Root() c: CaseEntity): string | null {
      return c.closedOn;
    }

    @FieldResolver(() => Boolean)
    withdrawnAfterPersuasion(@Root() c: CaseEntity): boolean {
      return c.withdrawnAfterPersuasion;
    }

    @FieldResolver(() => Int)
    partialWithdrawals(@Root() c: CaseEntity): number {
      return c.partialWithdrawals;
    }

    @FieldResolver(() => DecisionResult, { nullable: true })
    result(@Root() c: CaseEntity): string | null {
      return c.result;
    }

    @FieldResolver(() => String, { nullable: true })
    decisionNumber(@Root() c: CaseEntity): string | null {
      return c.decisionNumber;
    }

    @FieldResolver(() => Int, { description: "Extensions of a denunciation's resolution (0-2)" })
    extensions(@Root() c: CaseEntity): number {
      return c.extensions;
    }

    @FieldResolver(() => Int, { description: "Repeat petitions linked to this case" })
    repeatCount(@Root() c: CaseEntity): number {
      return c.repeatCount;
    }

    @FieldResolver(() => ID, { nullable: true, description: "TRANSFER / URGE decision: the other body" })
    targetBodyId(@Root() c: CaseEntity): string | null {
      return c.targetBodyId;
    }

    @FieldResolver(() => LocalDateScalar, {
      nullable: true,
      description: "TRANSFER decision: the date by which the case must reach the competent body (denunciations: 5 working days, Art. 24(2); others: the processing period)",
    })
    transferDueAt(@Root() c: CaseEntity): string | null {
      if (c.status !== CaseStatus.TRANSFERRED) {
        return null;
      }
      const step = c.kind === "DENUNCIATION" ? "DENUNCIATION_TRANSFER" : "PETITION_PROCESSING";
      return dueDate({ step, start: c.receivedOn }).dueAt;
    }

    @FieldResolver(() => String, { nullable: true })
    decisionReason(@Root() c: CaseEntity): string | null {
      return c.decisionReason;
    }

    @FieldResolver(() => String, { nullable: true, description: "The deadline step running now" })
    dueStep(@Root() c: CaseEntity): string | null {
      return c.dueStep;
    }

    @FieldResolver(() => DeadlineRuleInfo, { nullable: true, description: "The rule dueAt comes from (law, article, days)" })
    dueRule(@Root() c: CaseEntity): DeadlineRuleInfo | null {
      const rule = c.dueRuleId ? RULES_BY_ID.get(c.dueRuleId) : undefined;
      return rule ? { ...rule, step: String(rule.step) } : null;
    }

    @FieldResolver(() => Boolean, { description: "Suspended: the period does not run" })
    onHold(@Root() c: CaseEntity): boolean {
      return c.onHold;
    }

    @FieldResolver(() => Enforcement)
    enforcement(@Root() c: CaseEntity): Enforcement {
      return c;
    }

    @FieldResolver(() => [Suspension])
    async suspensions(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<Suspension[]> {
      return (await ctx.cases.suspensionsByCase.load(c.id)).map((s) => ({ from: s.fromOn, to: s.toOn, reason: s.reason }));
    }

    @FieldResolver(() => [LevelPetition])
    petitions(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<PetitionEntity[]> {
      return ctx.cases.petitionsByCase.load(c.id);
    }

    @FieldResolver(() => [CaseAction], { description: "Steps possible now" })
    allowedActions(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): CaseAction[] {
      return ctx.cases.allowed(c);
    }

    @FieldResolver(() => Journey, { description: "Origin, every hop across bodies and levels, and the current holder" })
    journey(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Journey {
      const self: CaseLink = { caseId: c.id, bodyId: c.bodyId, level };
      const hops: Hop[] = c.journey ?? [];
      const origin = originOf(self, hops);
      const now = currentHolder(origin, hops);
      return {
        origin: refTo(ctx, origin) as object,
        hops: hops.map((h) => ({
          ...h,
          fromCase: refTo(ctx, { caseId: h.fromCaseId, bodyId: h.fromBodyId, level: h.fromLevel }) as object,
          toCase: h.toCaseId ? (refTo(ctx, { caseId: h.toCaseId, bodyId: h.toBodyId, level: h.toLevel }) as object) : null,
          outcomeStatus: h.outcome?.status ?? null,
          outcomeResult: h.outcome?.result ?? null,
        })),
        currentHolder: refTo(ctx, now.holder) as object,
        inTransit: now.inTransit,
      };
    }

    @FieldResolver(() => OutgoingTransfer, { nullable: true, description: "The latest transfer sent from this case, with its delivery state" })
    async transfer(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<OutgoingTransfer | null> {
      const last = (await ctx.cases.outboxOf(c.id)).at(-1);
      if (!last) {
        return null;
      }
      const hop = (c.journey ?? []).find((h) => h.id === last.id);
      return { id: last.id, toBodyId: hop?.toBodyId ?? "", status: hop?.status ?? "IN_TRANSIT", attempts: last.attempts, lastError: last.last_error };
    }

    @FieldResolver(() => String, { nullable: true, description: "A transferred case: PENDING in the inbox, ACCEPTED or RETURNED" })
    inboxState(@Root() c: CaseEntity): string | null {
      return c.inboxState;
    }

    @FieldResolver(() => CaseRef, { nullable: true, description: "The case this one was transferred from" })
    transferredFrom(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<object | null> | object | null {
      return refTo(ctx, c.transferredFrom);
    }

    @FieldResolver(() => FirstInstanceInfo, { nullable: true, description: "2nd-instance complaints: the 1st-instance case and decision" })
    firstInstance(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): FirstInstanceInfo | null {
      const f = c.firstInstance;
      return f ? { case: refTo(ctx, { caseId: f.caseId, bodyId: f.bodyId, level: f.level }) as object, decisionNumber: f.decisionNumber, result: f.result, decidedAt: f.decidedOn } : null;
    }

    @Query(() => [RoutingProposalType], {
      name: `${level}ProposeCompetentBodies`,
      description: "Routing help: the bodies competent for a classified case (by content, field, the respondent's role and sector), best first",
    })
    propose(
      @Arg("id", () => ID) id: string,
      @Ctx() ctx: RequestContext,
      @Arg("respondentRole", () => String, { nullable: true, description: "HEAD, AGENCY or OFFICIAL" }) respondentRole?: string,
      @Arg("respondentSector", () => Sector, { nullable: true }) respondentSector?: Sector,
    ): Promise<RoutingProposalType[]> {
      return ctx.cases.proposeCompetentBodies(id, { respondentRole, respondentSector });
    }

    @Query(() => [LevelCase], { name: `${level}IncomingTransfers`, description: "Cases transferred to this level's bodies, waiting to be accepted or returned" })
    incoming(
      @Ctx() ctx: RequestContext,
      @Arg("bodyId", () => ID, { nullable: true }) bodyId?: string,
      @Arg("first", () => Int, { defaultValue: 50 }) first?: number,
    ): Promise<CaseEntity[]> {
      return ctx.cases.incomingTransfers(bodyId, first ?? 50);
    }

    @Mutation(() => LevelCase, { name: `${level}AcceptTransfer`, description: "Takes a transferred case up into this body's own processing; the sender is told" })
    acceptTransfer(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext, @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion?: number): Promise<CaseEntity> {
      return ctx.cases.acceptTransfer(id, expectedVersion);
    }

    @Mutation(() => LevelCase, { name: `${level}ReturnTransfer`, description: "Sends a transferred case back with the reason; the sender takes it up again" })
    returnTransfer(
      @Arg("id", () => ID) id: string,
      @Arg("reason") reason: string,
      @Ctx() ctx: RequestContext,
      @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion?: number,
    ): Promise<CaseEntity> {
      return ctx.cases.returnTransfer(id, reason, expectedVersion);
    }

    @Mutation(() => LevelCase, { name: `${level}LodgeSecondComplaint`, description: "The complainant rejects the 1st-instance decision: a 2nd-instance complaint at the body one level up (Law on Complaints Art. 33)" })
    lodgeSecondComplaint(
      @Arg("id", () => ID) id: string,
      @Ctx() ctx: RequestContext,
      @Arg("input", () => SecondComplaintInputType, { nullable: true }) input?: SecondComplaintInputType,
      @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion?: number,
    ): Promise<CaseEntity> {
      return ctx.cases.lodgeSecondComplaint(id, input ?? {}, expectedVersion);
    }

    @FieldResolver(() => Int, { description: "Pass back as expectedVersion to detect concurrent changes" })
    version(@Root() c: CaseEntity): number {
      return c.version;
    }
  }

  @Resolver(() => LevelPetition)
  class PetitionResolver {
    @Mutation(() => LevelPetition, { name: `${level}RegisterPetition`, description: "Registers a petition: a new case, or a repeat linked to its case" })
    register(@Arg("input", () => RegisterPetitionInputType) input: RegisterPetitionInputType, @Ctx() ctx: RequestContext): Promise<PetitionEntity> {
      return ctx.cases.registerPetition(input);
    }

    @Query(() => [LevelPetition], { name: `${level}SearchPetitions`, description: "Petitions by petitioner name or content, with or without diacritics" })
    search(@Arg("search") search: string, @Ctx() ctx: RequestContext, @Arg("first", () => Int, { defaultValue: 20 }) first?: number): Promise<PetitionEntity[]> {
      return ctx.cases.searchPetitions(search, first ?? 20);
    }

    @FieldResolver(() => LevelCase, { name: "case" })
    async caseOf(@Root() p: PetitionEntity, @Ctx() ctx: RequestContext): Promise<CaseEntity> {
      return ctx.cases.get(p.caseId);
    }

    @FieldResolver(() => [Petitioner])
    petitioners(@Root() p: PetitionEntity, @Ctx() ctx: RequestContext): Promise<PetitionerEntity[]> {
      return ctx.cases.petitionersByPetition.load(p.id);
    }

    @FieldResolver(() => [Denouncer], {
      nullable: true,
      description: "CONFIDENTIAL: denouncers' identities, only for callers resolving denunciations (role denunciation-resolver); null otherwise",
    })
    async denouncers(@Root() p: PetitionEntity, @Ctx() ctx: RequestContext): Promise<PetitionerEntity[] | null> {
      return ctx.cases.canSeeDenouncers() ? ctx.cases.denouncersByPetition.load(p.id) : null;
    }

    @FieldResolver(() => [Attachment])
    attachments(@Root() p: PetitionEntity, @Ctx() ctx: RequestContext): Promise<Attachment[]> {
      return ctx.cases.attachmentsByPetition.load(p.id);
    }
  }

  @Resolver(() => PetitionerHit)
  class PetitionerResolver {
    @Query(() => [PetitionerHit], { name: `${level}SearchPetitioners`, description: "Citizens who lodged petitions, by name with or without diacritics (denouncers excluded)" })
    async search(@Arg("search") search: string, @Ctx() ctx: RequestContext, @Arg("first", () => Int, { defaultValue: 20 }) first?: number): Promise<PetitionerEntity[]> {
      return ctx.cases.searchPetitioners(search, first ?? 20);
    }

    @FieldResolver(() => LevelPetition)
    async petition(@Root() p: PetitionerEntity, @Ctx() ctx: RequestContext): Promise<PetitionEntity> {
      const found = await ctx.cases.petitionById.load(p.petitionId);
      if (!found) {
        throw notFound("Petition", p.petitionId);
      }
      return found;
    }
  }

  @Resolver(() => units.Unit)
  class UnitCasesResolver {
    @FieldResolver(() => Connection, { description: `Cases held by this ${level}'s bodies` })
    async cases(
      @Root() unit: AdministrativeUnitEntity,
      @Ctx() ctx: RequestContext,
      @Arg("orderBy", () => CaseOrder, ORDER_BY) orderBy: CaseOrder | null | undefined,
      @Arg("filter", () => CaseFilterType, { nullable: true }) filter?: CaseFilterType,
      @Arg("first", () => Int, { defaultValue: 20 }) first?: number,
      @Arg("after", () => String, { nullable: true }) after?: string,
    ): Promise<Connection> {
      return page(ctx, await ctx.cases.list(filter ?? {}, first ?? 20, after, orderBy ?? undefined, { unitCodes: [unit.code] }));
    }

    @FieldResolver(() => ProcessingFiguresType, { description: "Petition processing figures of this unit's bodies for a period (form 01/XLD), from the records" })
    processingStatistics(
      @Root() unit: AdministrativeUnitEntity,
      @Arg("period", { description: "2024, 2024-Q3, 2024-6M, 2024-9M or 2024-03-01..2024-05-31" }) period: string,
      @Ctx() ctx: RequestContext,
    ): Promise<ProcessingFiguresType> {
      return ctx.statistics.processingFigures(unit.code, period);
    }

    @FieldResolver(() => ResolutionFiguresType, {
      description: "Resolution figures of this unit's bodies for a period (forms 01/KQGQ for COMPLAINT, 03/KQGQ for DENUNCIATION), computed from the case records",
    })
    resolutionStatistics(
      @Root() unit: AdministrativeUnitEntity,
      @Arg("kind", () => CaseKind) kind: CaseKind,
      @Arg("period", { description: "2024, 2024-Q3, 2024-6M, 2024-9M or 2024-03-01..2024-05-31" }) period: string,
      @Ctx() ctx: RequestContext,
    ): Promise<ResolutionFiguresType> {
      return ctx.statistics.resolutionFigures(unit.code, kind, period).then(withRates);
    }
  }

  function page(ctx: RequestContext, result: CasePage): Connection {
    const edges = result.rows.map((node) => ({ cursor: ctx.cases.cursorOf(node, result.order), node }));
    return {
      edges,
      pageInfo: { hasNextPage: result.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: result.total,
    };
  }

  return {
    Case: LevelCase,
    resolvers: [CaseResolver, PetitionResolver, PetitionerResolver, UnitCasesResolver],
    referenceResolvers: {
      [`${L}Case`]: {
        __resolveReference: (ref: { id: string }, ctx: RequestContext) => (UUID.test(ref.id) ? ctx.cases.caseById.load(ref.id) : null),
      },
    },
  };
}
