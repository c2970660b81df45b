import type DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";

import type { AdministrativeUnitEntity, ReceptionBodyEntity } from "../admin/entities";
import { levelOfCode } from "../admin/kinds";
import type { AdministrativeUnitService } from "../admin/service";
import type { CaseEntity } from "../cases/entities";
import { PetitionSource } from "../cases/kinds";
import type { CaseService } from "../cases/service";
import type { RegisterPetitionInput } from "../cases/steps";
import { EARLIEST_DATE, Validator, isValidDate, todayInVietnam } from "../cases/validation";
import type { Level } from "../config";
import type { Caller } from "../context";
import { addCalendarDays } from "../domain/calendar/local-date";
import { type FieldError, invalidInput, notFound } from "../errors";
import { groupedLoader, keyedLoader } from "../loaders";
import { normalizeText } from "../text";
import type { LeaderEntity, ReceptionSessionEntity, ScheduledDayEntity, VisitEntity } from "./entities";
import { ReceptionRepository } from "./repository";
import {
  BODY_KINDS_FOR_ROLE,
  type ComplianceAssessment,
  LeaderRole,
  type ReceptionHost,
  type ReceptionMode,
  assessMonth,
  countsAsReceptionDay,
  isLargeGroup,
  parseMonth,
} from "./rules";
import { type RecordSessionInput, type VisitFields, checkSession, checkVisit, isOneOf, visitRow } from "./steps";

/** A petition registered during a visit: the body, the date and the source come from the session. */
export type VisitPetitionInput = Omit<RegisterPetitionInput, "bodyId" | "receivedOn" | "source">;

/** A visit as recorded in a session. */
export interface RecordVisitInput extends VisitFields {
  sessionId: string;
  /** The matter, when it already has a case at this level. */
  caseId?: string | null;
  /** Registers a petition (source IN_PERSON) in the same request; only when received for processing. */
  petition?: VisitPetitionInput | null;
}

/** A leader who must receive citizens. */
export interface RegisterLeaderInput {
  bodyId: string;
  name: string;
  title: string;
  role: LeaderRole | string;
}

/** A day on a leader's published reception schedule. */
export interface ScheduleDayInput {
  leaderId: string;
  date: string;
}

/** Filter of a session list. */
export interface SessionListInput {
  bodyId?: string | null;
  from?: string | null;
  to?: string | null;
  first: number;
}

/** One leader's month against the legal minimum. */
export interface ComplianceRow extends ComplianceAssessment {
  leader: LeaderEntity;
  month: string;
  /** The month is over in Vietnam: before that, `belowMinimum` is provisional. */
  monthEnded: boolean;
}

/** Largest page of a session list. */
export const MAX_SESSIONS_PAGE = 200;
/** How far ahead a reception day may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROLE_ORDER: readonly string[] = [LeaderRole.CHAIRMAN, LeaderRole.PARTY_SECRETARY, LeaderRole.AGENCY_HEAD];

/**
 * Citizen reception at one level, the same at every level: sessions and their visits (a petition
 * registered through a visit goes through the request's CaseService), leaders, their scheduled days,
 * and the monthly check of leaders' reception days against the legal minimum. Every input is checked
 * completely before anything is written: one BAD_USER_INPUT error lists the rejected fields.
 */
export class ReceptionService {
  private readonly repository: ReceptionRepository;
  readonly sessionById: DataLoader<string, ReceptionSessionEntity | null>;
  readonly visitsBySession: DataLoader<string, VisitEntity[]>;
  readonly leaderById: DataLoader<string, LeaderEntity | null>;
  readonly leadersByBody: DataLoader<string, LeaderEntity[]>;

  constructor(
    dataSource: DataSource,
    private readonly level: Level,
    private readonly caller: Caller,
    private readonly units: AdministrativeUnitService,
    private readonly cases: CaseService,
    private readonly today: () => string = () => todayInVietnam(),
  ) {
    const repo = new ReceptionRepository(dataSource);
    this.repository = repo;
    this.sessionById = keyedLoader((ids) => repo.sessionsByIds(ids), (s) => s.id);
    this.visitsBySession = groupedLoader((ids) => repo.visitsBySessions(ids), (v) => v.sessionId);
    this.leaderById = keyedLoader((ids) => repo.leadersByIds(ids), (l) => l.id);
    this.leadersByBody = groupedLoader((ids) => repo.leadersByBodies(ids), (l) => l.bodyId);
  }

  /** A session of this level by id: NOT_FOUND otherwise. */
  async getSession(id: string): Promise<ReceptionSessionEntity> {
    const found = UUID.test(id) ? await this.sessionById.load(id) : null;
    if (!found) {
      throw notFound("Reception session", id);
    }
    return found;
  }

  /** A leader by id, or null (also for a malformed id). */
  findLeader(id: string): Promise<LeaderEntity | null> {
    return UUID.test(id) ? this.leaderById.load(id) : Promise.resolve(null);
  }

  /** A case of this level by id, or null (also for a malformed id). */
  findCase(id: string): Promise<CaseEntity | null> {
    return UUID.test(id) ? this.cases.caseById.load(id) : Promise.resolve(null);
  }

  private async body(v: Validator, field: string, bodyId: string): Promise<ReceptionBodyEntity | null> {
    const body = await this.units.findBody(bodyId);
    if (!body || body.level !== this.level) {
      v.add(field, `no reception body "${bodyId}" at the ${this.level} level`);
      return null;
    }
    return body;
  }

  private async leader(v: Validator, field: string, leaderId: string): Promise<LeaderEntity | null> {
    const leader = await this.findLeader(leaderId);
    if (!leader) {
      v.add(field, `no leader "${leaderId}" at the ${this.level} level`);
    }
    return leader;
  }

  /** Records a reception session held by a body of this level. */
  async recordSession(input: RecordSessionInput): Promise<ReceptionSessionEntity> {
    const v = new Validator(this.today());
    const [body, leader] = await Promise.all([
      this.body(v, "bodyId", input.bodyId),
      input.leaderId ? this.leader(v, "leaderId", input.leaderId) : Promise.resolve(null),
    ]);
    const row = checkSession(v, this.level, input, body, leader, this.caller.userId);
    v.throwIfAny();
    const session = await this.repository.insertSession(row);
    this.sessionById.prime(session.id, session);
    return session;
  }

  /**
   * Records a visit in a session. With a petition, the petition is registered first through the
   * request's CaseService (its own transaction) and the visit is inserted only after it succeeded,
   * pointing at the petition's case: a rejected petition leaves nothing behind. Everything the visit
   * insert checks is validated before the petition is registered, so the insert can then fail only if
   * the database does; then the petition stays registered without its visit (one transaction for both
   * would need CaseService.registerPetition to accept an EntityManager).
   */
  async recordVisit(input: RecordVisitInput): Promise<VisitEntity> {
    const session = await this.getSession(input.sessionId);
    const v = new Validator(this.today());
    checkVisit(v, input, { hasCase: Boolean(input.caseId), hasPetition: Boolean(input.petition) });
    let known: CaseEntity | null = null;
    if (input.caseId) {
      known = await this.findCase(input.caseId);
      if (!known) {
        v.add("caseId", `no case "${input.caseId}" at the ${this.level} level`);
      }
    }
    v.throwIfAny();

    let caseId = known?.id ?? null;
    let petitionId: string | null = null;
    if (input.petition) {
      const petition = await this.registerPetition(session, input.petition);
      caseId = petition.caseId;
      petitionId = petition.id;
    }
    const visit = await this.repository.insertVisit(
      visitRow(input, { sessionId: session.id, caseId, petitionId }, this.caller.userId),
      isLargeGroup(input.persons),
    );
    this.visitsBySession.clear(session.id);
    return visit;
  }

  /** Registers the visit's petition at the session's body, on its date, in person; field errors under "petition.". */
  private async registerPetition(session: ReceptionSessionEntity, petition: VisitPetitionInput): Promise<{ id: string; caseId: string }> {
    try {
      return await this.cases.registerPetition({
        ...petition,
        bodyId: session.bodyId,
        receivedOn: session.date,
        source: PetitionSource.IN_PERSON,
      });
    } catch (error) {
      const fieldErrors = error instanceof GraphQLError ? (error.extensions.fieldErrors as FieldError[] | undefined) : undefined;
      if (fieldErrors) {
        throw invalidInput(fieldErrors.map((e) => ({ field: `petition.${e.field}`, message: e.message })));
      }
      throw error;
    }
  }

  /** Registers a leader of a body of this level. */
  async registerLeader(input: RegisterLeaderInput): Promise<LeaderEntity> {
    const v = new Validator(this.today());
    const body = await this.body(v, "bodyId", input.bodyId);
    v.text("name", input.name, { required: true, max: 100 });
    v.text("title", input.title, { required: true, max: 200 });
    const role = input.role;
    if (!isOneOf(LeaderRole, role)) {
      v.add("role", `must be one of ${Object.values(LeaderRole).join(", ")}`);
    } else if (body && !(BODY_KINDS_FOR_ROLE[role] as readonly string[]).includes(body.kind)) {
      v.add("role", `a ${role} heads a ${BODY_KINDS_FOR_ROLE[role].join(" or ")}; "${body.id}" is a ${body.kind}`);
    }
    v.throwIfAny();
    const leader = await this.repository.insertLeader({
      bodyId: body!.id,
      unitCode: body!.unitCode,
      name: normalizeText(input.name),
      title: normalizeText(input.title),
      role,
    });
    this.leaderById.prime(leader.id, leader);
    this.leadersByBody.clear(leader.bodyId);
    return leader;
  }

  /** Puts a day on a leader's reception schedule (once: scheduling it again returns the same day). */
  async scheduleDay(input: ScheduleDayInput): Promise<ScheduledDayEntity> {
    const v = new Validator(this.today());
    await this.leader(v, "leaderId", input.leaderId);
    const latest = addCalendarDays(this.today(), MAX_SCHEDULE_AHEAD_DAYS);
    if (!isValidDate(input.date)) {
      v.add("date", `"${input.date}" is not a date (YYYY-MM-DD)`);
    } else if (input.date < EARLIEST_DATE) {
      v.add("date", `must be on or after ${EARLIEST_DATE}`);
    } else if (input.date > latest) {
      v.add("date", `must be at most ${MAX_SCHEDULE_AHEAD_DAYS} days ahead (until ${latest})`);
    }
    v.throwIfAny();
    return this.repository.scheduleDay(input.leaderId, input.date);
  }

  /** Sessions of this level, newest first, optionally of one body and between two dates. */
  async sessions(input: SessionListInput): Promise<ReceptionSessionEntity[]> {
    const v = new Validator(this.today());
    if (input.bodyId) {
      await this.body(v, "bodyId", input.bodyId);
    }
    for (const field of ["from", "to"] as const) {
      const value = input[field];
      if (value && !isValidDate(value)) {
        v.add(field, `"${value}" is not a date (YYYY-MM-DD)`);
      }
    }
    if (input.from && input.to && isValidDate(input.from) && isValidDate(input.to) && input.from > input.to) {
      v.add("to", `must not be before from (${input.from})`);
    }
    v.int("first", input.first, 1, MAX_SESSIONS_PAGE);
    v.throwIfAny();
    const rows = await this.repository.findSessions({
      bodyId: input.bodyId ?? undefined,
      from: input.from ?? undefined,
      to: input.to ?? undefined,
      limit: input.first,
    });
    for (const row of rows) {
      this.sessionById.prime(row.id, row);
    }
    return rows;
  }

  /** Visits of a session, in the order recorded. */
  visits(sessionId: string): Promise<VisitEntity[]> {
    return this.visitsBySession.load(sessionId);
  }

  /** Leaders heading a body. */
  leadersOf(bodyId: string): Promise<LeaderEntity[]> {
    return this.leadersByBody.load(bodyId);
  }

  /**
   * Every leader of a unit's bodies in a month ("2025-03"): the legal minimum of reception days,
   * the days he received citizens himself, the days on his schedule, and whether he is below the
   * minimum. Chairmen first, then Party secretaries, then agency heads.
   */
  async compliance(unitCode: string, month: string): Promise<ComplianceRow[]> {
    const v = new Validator(this.today());
    if (levelOfCode(unitCode) !== this.level) {
      v.add("unitCode", `"${unitCode}" is not a ${this.level} code`);
    }
    const parsed = parseMonth(month);
    if (!parsed) {
      v.add("month", `"${month}" is not a month written YYYY-MM (e.g. 2025-03)`);
    } else if (parsed.first < EARLIEST_DATE) {
      v.add("month", `must be ${EARLIEST_DATE.slice(0, 7)} or later`);
    }
    v.throwIfAny();
    const unit: AdministrativeUnitEntity = await this.units.get(this.level, unitCode);
    const leaders = await this.repository.leadersOfUnit(unit.code);
    const ids = leaders.map((l) => l.id);
    const [days, scheduled] = await Promise.all([
      this.repository.leaderDays(ids, parsed!.first, parsed!.last),
      this.repository.scheduledDays(ids, parsed!.first, parsed!.last),
    ]);
    const monthEnded = parsed!.last < this.today();
    return leaders
      .map((leader): ComplianceRow => {
        const role = leader.role as LeaderRole;
        const heldDates = days
          .filter((d) => d.leaderId === leader.id && countsAsReceptionDay(role, d.mode as ReceptionMode, d.host as ReceptionHost | null))
          .map((d) => d.date);
        const scheduledDates = scheduled.filter((d) => d.leaderId === leader.id).map((d) => d.date);
        return { leader, month: parsed!.month, monthEnded, ...assessMonth({ level: this.level, role, month: parsed!, heldDates, scheduledDates }) };
      })
      .sort(
        (a, b) =>
          ROLE_ORDER.indexOf(a.leader.role) - ROLE_ORDER.indexOf(b.leader.role) ||
          a.leader.bodyId.localeCompare(b.leader.bodyId) ||
          a.leader.name.localeCompare(b.leader.name, "vi"),
      );
  }

}
