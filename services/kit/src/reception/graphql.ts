import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from "type-graphql";

import type { AdministrativeUnitEntity, ReceptionBodyEntity } from "../admin/entities";
import type { LevelModule } from "../admin/graphql";
import { unitTypeName } from "../admin/kinds";
import type { CaseEntity } from "../cases/entities";
import type { CaseModule } from "../cases/graphql";
import { ReceptionFiguresType } from "../statistics/graphql";
import { LocalDateScalar, PetitionContentInput } from "../cases/types";
import type { Level } from "../config";
import type { RequestContext } from "../context";
import { notFound } from "../errors";
import type { LeaderEntity, ReceptionSessionEntity, ScheduledDayEntity, VisitEntity } from "./entities";
import { LeaderRole, ReceptionHost, ReceptionMode, VisitOutcome, isLargeGroup } from "./rules";
import type { ComplianceRow } from "./service";

export { LeaderRole, ReceptionHost, ReceptionMode, VisitOutcome } from "./rules";

registerEnumType(ReceptionMode, {
  name: "ReceptionMode",
  description: "How a reception session is held (hình thức tiếp công dân)",
  valuesConfig: {
    REGULAR: { description: "Thường xuyên: the reception desk" },
    PERIODIC: { description: "Định kỳ: the head's scheduled reception day" },
    UNSCHEDULED: { description: "Đột xuất: called for urgent, heated or many-person matters" },
  },
});
registerEnumType(ReceptionHost, {
  name: "ReceptionHost",
  description: "Who received the citizens in a periodic or unscheduled session (a regular session has none)",
  valuesConfig: {
    IN_PERSON: { description: "The head in person (trực tiếp)" },
    DELEGATED: { description: "A deputy or official the head authorised (ủy quyền)" },
    PARTY_SECRETARY: { description: "The Party committee's secretary (reported separately)" },
  },
});
registerEnumType(VisitOutcome, {
  name: "VisitOutcome",
  description: "What came of a visit",
  valuesConfig: {
    RECEIVED_FOR_PROCESSING: { description: "The petition is received for processing" },
    GUIDED: { description: "The citizen is guided to the competent body" },
    TOLD_RESOLVED: { description: "The citizen is told the matter is already lawfully resolved" },
    REFUSED_WITH_NOTICE: { description: "Refused with a written notice: a persistent re-submission of a resolved matter" },
  },
});
registerEnumType(LeaderRole, {
  name: "LeaderRole",
  description: "Office of a leader who must receive citizens on a minimum number of days",
  valuesConfig: {
    CHAIRMAN: { description: "Chủ tịch Ủy ban nhân dân" },
    PARTY_SECRETARY: { description: "Bí thư cấp ủy" },
    AGENCY_HEAD: { description: "Thủ trưởng cơ quan chuyên môn, Chánh thanh tra" },
  },
});

/** The statutory minimum a compliance row is measured against. */
@Directive("@shareable")
@ObjectType("ReceptionDayRuleInfo", { description: "A legal minimum of reception days (law, article, period of validity)" })
export class ReceptionDayRuleInfo {
  @Field()
  id!: string;

  @Field(() => Int, { description: "Days required per period" })
  days!: number;

  @Field({ description: "MONTH or WEEK (weeks of a month: the Mon–Sun weeks whose Thursday is in it)" })
  period!: string;

  @Field()
  law!: string;

  @Field()
  article!: string;

  @Field()
  description!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  validFrom!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  validTo!: string | null;

  @Field({ description: "A default whose legal text was not fully confirmed" })
  configurable!: boolean;
}

/** One leader's month against the legal minimum of reception days. */
@Directive("@shareable")
@ObjectType("ReceptionComplianceRow", { description: "A leader's reception days in a month against the legal minimum" })
export class ReceptionComplianceRow {
  @Field(() => ID)
  leaderId!: string;

  @Field()
  leaderName!: string;

  @Field()
  leaderTitle!: string;

  @Field(() => LeaderRole)
  role!: LeaderRole;

  @Field(() => ID, { description: "The body the leader heads" })
  bodyId!: string;

  @Field({ description: "YYYY-MM" })
  month!: string;

  @Field(() => Int, { description: "Days the rule requires in the month (0 when no rule applies)" })
  required!: number;

  @Field(() => Int, { description: "Distinct days of periodic or unscheduled sessions the leader hosted himself" })
  held!: number;

  @Field(() => [LocalDateScalar])
  heldDates!: string[];

  @Field(() => Int, { description: "Days on the leader's published schedule" })
  scheduled!: number;

  @Field(() => [LocalDateScalar])
  scheduledDates!: string[];

  @Field({ description: "held < required" })
  belowMinimum!: boolean;

  @Field({ description: "The month is over in Vietnam; before that belowMinimum is provisional" })
  monthEnded!: boolean;

  @Field(() => ReceptionDayRuleInfo, { nullable: true, description: "The rule in force on the 1st of the month; null when none" })
  rule!: ReceptionDayRuleInfo | null;
}

/** A reception session to record. */
@InputType("RecordReceptionSessionInput")
export class RecordReceptionSessionInputType {
  @Field(() => ID, { description: 'The body holding the session, of this level ("37.ban-tcd")' })
  bodyId!: string;

  @Field(() => LocalDateScalar, { description: "Not in the future" })
  date!: string;

  @Field(() => ReceptionMode)
  mode!: ReceptionMode;

  @Field(() => ReceptionHost, { nullable: true, description: "Required for PERIODIC and UNSCHEDULED; empty for REGULAR (the desk)" })
  host?: ReceptionHost | null;

  @Field(() => String, { nullable: true, description: "Who received; defaults to the leader's name when the leader hosted" })
  hostName?: string | null;

  @Field(() => String, { nullable: true, description: "Defaults to the leader's title when the leader hosted" })
  hostTitle?: string | null;

  @Field(() => ID, { nullable: true, description: "The leader whose reception day it is (who received, or who delegated)" })
  leaderId?: string | null;
}

/** A petition lodged during a visit: body, date and source (IN_PERSON) come from the session. */
@InputType("VisitPetitionInput")
export class VisitPetitionInputType extends PetitionContentInput {}

/** A visit to record in a session. */
@InputType("RecordVisitInput")
export class RecordVisitInputType {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => Int, { description: "Persons received together (1 or more; 5 or more is a large group)" })
  persons!: number;

  @Field(() => Int, { nullable: true, description: "Representatives named: 1–2 for 5–10 persons, 1–5 for more than 10, none below 5" })
  representatives?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "A repeat visit on the matter (not the first)" })
  repeatVisit?: boolean | null;

  @Field(() => ID, { nullable: true, description: "The matter's existing case at this level" })
  caseId?: string | null;

  @Field(() => VisitOutcome)
  outcome!: VisitOutcome;

  @Field(() => String, { nullable: true, description: "Required for REFUSED_WITH_NOTICE: the notice's number and date" })
  note?: string | null;

  @Field(() => VisitPetitionInputType, {
    nullable: true,
    description: "RECEIVED_FOR_PROCESSING without caseId: registers the petition in the same request; the visit then points at its case",
  })
  petition?: VisitPetitionInputType | null;
}

/** A leader to register. */
@InputType("RegisterLeaderInput")
export class RegisterLeaderInputType {
  @Field(() => ID, { description: 'The body the leader heads ("37.ubnd", "37.cap-uy", "37.so-tnmt")' })
  bodyId!: string;

  @Field()
  name!: string;

  @Field()
  title!: string;

  @Field(() => LeaderRole)
  role!: LeaderRole;
}

/** A day on a leader's reception schedule. */
@InputType("ScheduleReceptionDayInput")
export class ScheduleReceptionDayInputType {
  @Field(() => ID)
  leaderId!: string;

  @Field(() => LocalDateScalar, { description: "At most a year ahead" })
  date!: string;
}

function toComplianceRow(row: ComplianceRow): ReceptionComplianceRow {
  const rule = row.rule;
  return {
    leaderId: row.leader.id,
    leaderName: row.leader.name,
    leaderTitle: row.leader.title,
    role: row.leader.role as LeaderRole,
    bodyId: row.leader.bodyId,
    month: row.month,
    required: row.required,
    held: row.heldDates.length,
    heldDates: row.heldDates,
    scheduled: row.scheduledDates.length,
    scheduledDates: row.scheduledDates,
    belowMinimum: row.belowMinimum,
    monthEnded: row.monthEnded,
    rule: rule
      ? {
          id: rule.id,
          days: rule.days,
          period: rule.period,
          law: rule.law,
          article: rule.article,
          description: rule.description,
          validFrom: rule.validFrom ?? null,
          validTo: rule.validTo ?? null,
          configurable: rule.configurable ?? false,
        }
      : null,
  };
}

/** The reception types and operations a level publishes. */
export interface ReceptionModule {
  resolvers: Function[];
}

/**
 * Defines a level's reception types (`<Level>ReceptionSession`, `<Level>Visit`, `<Level>Leader`,
 * `<Level>ReceptionDay`) and operations, named with the level so that root fields never clash
 * across subgraphs: mutations `<level>RecordReceptionSession`, `<level>RecordVisit`,
 * `<level>RegisterLeader`, `<level>ScheduleReceptionDay`; queries `<level>ReceptionSession`,
 * `<level>ReceptionSessions`, `<level>ReceptionCompliance`; and `<Level>Body.leaders`.
 * `<Level>Visit.case` is the level's case type, from the level's `defineCases`.
 */
export function defineReception(level: Level, units: LevelModule, cases: CaseModule): ReceptionModule {
  const L = unitTypeName(level);
  const Body = units.Body;

  @ObjectType(`${L}Leader`, { description: `A leader of a ${level} body who must receive citizens` })
  class Leader {
    @Field(() => ID)
    id!: string;

    @Field()
    name!: string;

    @Field()
    title!: string;

    @Field(() => LeaderRole)
    role!: LeaderRole;
  }

  @ObjectType(`${L}ReceptionSession`, { description: `A reception session (kỳ tiếp) of a ${level} body` })
  class Session {
    @Field(() => ID)
    id!: string;

    @Field(() => LocalDateScalar)
    date!: string;

    @Field(() => ReceptionMode)
    mode!: ReceptionMode;

    @Field(() => ReceptionHost, { nullable: true, description: "Null for a regular session (the desk)" })
    host!: ReceptionHost | null;

    @Field(() => String, { nullable: true })
    hostName!: string | null;

    @Field(() => String, { nullable: true })
    hostTitle!: string | null;
  }

  @ObjectType(`${L}Visit`, { description: `A visit (lượt tiếp) in a ${level} reception session` })
  class Visit {
    @Field(() => ID)
    id!: string;

    @Field(() => Int)
    persons!: number;

    @Field(() => Int, { description: "Representatives the group named (0 below 5 persons)" })
    representatives!: number;

    @Field({ description: "A repeat visit on the matter (not the first)" })
    repeatVisit!: boolean;

    @Field(() => VisitOutcome)
    outcome!: VisitOutcome;

    @Field(() => String, { nullable: true })
    note!: string | null;

    @Field(() => ID, { nullable: true, description: "The matter's case at this level" })
    caseId!: string | null;

    @Field(() => ID, { nullable: true, description: "The petition registered through this visit" })
    petitionId!: string | null;
  }

  @ObjectType(`${L}ReceptionDay`, { description: `A day on a ${level} leader's reception schedule` })
  class Day {
    @Field(() => ID)
    id!: string;

    @Field(() => LocalDateScalar)
    date!: string;
  }

  const bodyOf = async (bodyId: string, ctx: RequestContext): Promise<ReceptionBodyEntity> => {
    const body = await ctx.units.findBody(bodyId);
    if (!body) {
      throw notFound("Reception body", bodyId);
    }
    return body;
  };

  const leaderOf = async (leaderId: string, ctx: RequestContext): Promise<LeaderEntity> => {
    const leader = await ctx.reception.findLeader(leaderId);
    if (!leader) {
      throw notFound("Leader", leaderId);
    }
    return leader;
  };

  @Resolver(() => Session)
  class SessionResolver {
    @Mutation(() => Session, { name: `${level}RecordReceptionSession`, description: `Records a reception session of a ${level} body` })
    record(@Arg("input", () => RecordReceptionSessionInputType) input: RecordReceptionSessionInputType, @Ctx() ctx: RequestContext): Promise<ReceptionSessionEntity> {
      return ctx.reception.recordSession(input);
    }

    @Query(() => Session, { name: `${level}ReceptionSession`, description: `A reception session of a ${level} body, by id` })
    one(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ReceptionSessionEntity> {
      return ctx.reception.getSession(id);
    }

    @Query(() => [Session], { name: `${level}ReceptionSessions`, description: `Reception sessions of ${level} bodies, newest first` })
    list(
      @Ctx() ctx: RequestContext,
      @Arg("bodyId", () => ID, { nullable: true }) bodyId?: string,
      @Arg("from", () => LocalDateScalar, { nullable: true }) from?: string,
      @Arg("to", () => LocalDateScalar, { nullable: true }) to?: string,
      @Arg("first", () => Int, { defaultValue: 50, description: "1 to 200" }) first?: number,
    ): Promise<ReceptionSessionEntity[]> {
      return ctx.reception.sessions({ bodyId, from, to, first: first ?? 50 });
    }

    @FieldResolver(() => Body, { description: "The body holding the session" })
    body(@Root() s: ReceptionSessionEntity, @Ctx() ctx: RequestContext): Promise<ReceptionBodyEntity> {
      return bodyOf(s.bodyId, ctx);
    }

    @FieldResolver(() => Leader, { nullable: true, description: "The leader whose reception day it is" })
    leader(@Root() s: ReceptionSessionEntity, @Ctx() ctx: RequestContext): Promise<LeaderEntity | null> | null {
      return s.leaderId ? leaderOf(s.leaderId, ctx) : null;
    }

    @FieldResolver(() => [Visit])
    visits(@Root() s: ReceptionSessionEntity, @Ctx() ctx: RequestContext): Promise<VisitEntity[]> {
      return ctx.reception.visits(s.id);
    }
  }

  @Resolver(() => Visit)
  class VisitResolver {
    @Mutation(() => Visit, {
      name: `${level}RecordVisit`,
      description: "Records a visit in a session; with `petition`, registers it (source IN_PERSON) and links the visit to its case",
    })
    record(@Arg("input", () => RecordVisitInputType) input: RecordVisitInputType, @Ctx() ctx: RequestContext): Promise<VisitEntity> {
      return ctx.reception.recordVisit(input);
    }

    @FieldResolver(() => Boolean, { description: "A large group (đoàn đông người): 5 persons or more" })
    largeGroup(@Root() v: VisitEntity): boolean {
      return isLargeGroup(v.persons);
    }

    @FieldResolver(() => Session)
    session(@Root() v: VisitEntity, @Ctx() ctx: RequestContext): Promise<ReceptionSessionEntity> {
      return ctx.reception.getSession(v.sessionId);
    }

    @FieldResolver(() => cases.Case, { name: "case", nullable: true, description: "The matter's case at this level" })
    caseOf(@Root() v: VisitEntity, @Ctx() ctx: RequestContext): Promise<CaseEntity | null> | null {
      return v.caseId ? ctx.cases.caseById.load(v.caseId) : null;
    }
  }

  @Resolver(() => Leader)
  class LeaderResolver {
    @Mutation(() => Leader, { name: `${level}RegisterLeader`, description: `Registers a leader of a ${level} body who must receive citizens` })
    register(@Arg("input", () => RegisterLeaderInputType) input: RegisterLeaderInputType, @Ctx() ctx: RequestContext): Promise<LeaderEntity> {
      return ctx.reception.registerLeader(input);
    }

    @Query(() => [ReceptionComplianceRow], {
      name: `${level}ReceptionCompliance`,
      description: `Every leader of a ${level}'s bodies in a month (YYYY-MM): the legal minimum of reception days, the days held and scheduled`,
    })
    async compliance(@Arg("unitCode", () => ID) unitCode: string, @Arg("month") month: string, @Ctx() ctx: RequestContext): Promise<ReceptionComplianceRow[]> {
      return (await ctx.reception.compliance(unitCode, month)).map(toComplianceRow);
    }

    @FieldResolver(() => Body, { description: "The body the leader heads" })
    body(@Root() l: LeaderEntity, @Ctx() ctx: RequestContext): Promise<ReceptionBodyEntity> {
      return bodyOf(l.bodyId, ctx);
    }
  }

  @Resolver(() => Day)
  class DayResolver {
    @Mutation(() => Day, { name: `${level}ScheduleReceptionDay`, description: "Puts a day on a leader's reception schedule (idempotent)" })
    schedule(@Arg("input", () => ScheduleReceptionDayInputType) input: ScheduleReceptionDayInputType, @Ctx() ctx: RequestContext): Promise<ScheduledDayEntity> {
      return ctx.reception.scheduleDay(input);
    }

    @FieldResolver(() => Leader)
    leader(@Root() d: ScheduledDayEntity, @Ctx() ctx: RequestContext): Promise<LeaderEntity> {
      return leaderOf(d.leaderId, ctx);
    }
  }

  @Resolver(() => units.Unit)
  class UnitReceptionResolver {
    @FieldResolver(() => ReceptionFiguresType, {
      description: "Reception figures of this unit's bodies for a period (form 01/TCD and the Party secretaries' reception), from the records",
    })
    receptionStatistics(
      @Root() unit: AdministrativeUnitEntity,
      @Arg("period", { description: "2024, 2024-Q3, 2024-6M, 2024-9M or 2024-03-01..2024-05-31" }) period: string,
      @Ctx() ctx: RequestContext,
    ): Promise<ReceptionFiguresType> {
      return ctx.statistics.receptionFigures(unit.code, period);
    }
  }

  @Resolver(() => Body)
  class BodyLeadersResolver {
    @FieldResolver(() => [Leader], { description: "Leaders heading this body who must receive citizens" })
    leaders(@Root() body: ReceptionBodyEntity, @Ctx() ctx: RequestContext): Promise<LeaderEntity[]> {
      return ctx.reception.leadersOf(body.id);
    }
  }

  return { resolvers: [SessionResolver, VisitResolver, LeaderResolver, DayResolver, BodyLeadersResolver, UnitReceptionResolver] };
}
