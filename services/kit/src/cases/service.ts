import { randomUUID } from "node:crypto";

import type DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import type { DataSource, EntityManager } from "typeorm";

import type { ReceptionBodyEntity } from "../admin/entities";
import { levelOfCode } from "../admin/kinds";
import type { AdministrativeUnitService } from "../admin/service";
import { DISTRICTS_ABOLISHED_FROM, LEVELS, type Level } from "../config";
import type { Caller } from "../context";
import { CaseAction, CaseKind, CaseStatus, InvalidTransitionError, nextStatus } from "../domain/cases/machine";
import { badInput, conflict, notFound } from "../errors";
import { groupedLoader, keyedLoader } from "../loaders";
import { foldVietnamese } from "../text";
import {
  AttachmentEntity,
  CaseEntity,
  type CaseEventEntity,
  DenouncerEntity,
  PetitionEntity,
  PetitionerEntity,
  SuspensionEntity,
} from "./entities";
import { ContentType, type PetitionField } from "./kinds";
import { type CaseQuery, CaseRepository } from "./repository";
import { CaseOrder, decodeCursor, encodeCursor } from "./order";
import {
  type ActionInput,
  type ClassifyInput,
  type RegisterPetitionInput,
  allowedActionsOf,
  applyAction,
  applyClassification,
  checkAction,
  checkClassification,
  checkPetition,
  REPEAT_LINK,
  linkRepeat,
  newCase,
  petitionRows,
  settleStep,
} from "./steps";
import { UUID, Validator, isValidDate, todayInVietnam } from "./validation";
import { reportUpstream, sendCase } from "../transfers/effects";
import { dueDate } from "../domain/deadlines/due";
import { type RoutingProposal, proposeCompetentBodies } from "../domain/routing/competence";
import type { Sector, UnitKind } from "../admin/kinds";
import { periodOf } from "../statistics/figures";
import { type TransferFlowFigures, transferFlowsOf } from "../transfers/flows";
import { outboxSignal } from "../transfers/outbox";
import { transferSecret } from "../transfers/sealed";

/** How this subgraph takes part in transfers. */
export interface TransferSettings {
  /** Shared secret of the platform's subgraphs (seals denouncers, authenticates messages). */
  secret: string;
  /** The levels this deployment runs: a transfer to a level that does not exist is refused. */
  levels: Level[];
}

/** Statuses in which a transferred case is finished here, so its sender hears the outcome. */
const RESOLVED_STATUSES = new Set<string>([
  CaseStatus.DECIDED,
  CaseStatus.CONCLUDED,
  CaseStatus.RESOLVED,
  CaseStatus.WITHDRAWN,
  CaseStatus.TERMINATED,
  CaseStatus.NOT_ACCEPTED,
  CaseStatus.GUIDED,
  CaseStatus.ARCHIVED,
  CaseStatus.URGED,
]);
// Not TRANSFERRED: sending a case on is progress, not an outcome; the onward hop reaches the
// senders upstream as it is delivered.

/** Steps that only the platform takes (on a transfer's news), or that have their own operation. */
const NOT_BY_ACT = new Set<CaseAction>([CaseAction.CLASSIFY, CaseAction.REOPEN_RETURNED, CaseAction.RETURN_TO_SENDER, CaseAction.ESCALATE]);

/** Filter of a case list as clients send it. */
export interface CaseFilterInput {
  statuses?: string[] | null;
  kinds?: string[] | null;
  overdue?: boolean | null;
  dueBefore?: string | null;
  receivedFrom?: string | null;
  receivedTo?: string | null;
  acceptedFrom?: string | null;
  acceptedTo?: string | null;
  resolvedFrom?: string | null;
  resolvedTo?: string | null;
  withdrawnAfterPersuasion?: boolean | null;
  unitCodes?: string[] | null;
  bodyIds?: string[] | null;
  sectors?: string[] | null;
  fields?: string[] | null;
  citizenId?: string | null;
}

/** A likely repeat of a new petition. */
export interface CaseMatch {
  case: CaseEntity;
  score: number;
  reasons: string[];
}

/** One page of a case list. */
export interface CasePage {
  rows: CaseEntity[];
  total: number;
  hasNextPage: boolean;
  /** The order of the list, which its cursors carry. */
  order: CaseOrder;
}

/** Role that may read denouncers' identities (the access rules of later issues refine it). */
export const DENUNCIATION_RESOLVER_ROLE = "denunciation-resolver";

/** Turns a state machine refusal into the GraphQL error clients see. */
function transitionError(error: InvalidTransitionError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, currentStatus: error.current, kind: error.kind, action: error.action, allowedActions: error.allowed },
  });
}

/**
 * The work every body does on petitions and cases, the same at every level: registration,
 * classification, the processing decision and the resolution steps, each checked against the state
 * machine and the deadline rules, written in one transaction with its timeline entry.
 */
export class CaseService {
  private readonly repository: CaseRepository;
  readonly caseById: DataLoader<string, CaseEntity | null>;
  readonly petitionsByCase: DataLoader<string, PetitionEntity[]>;
  readonly petitionById: DataLoader<string, PetitionEntity | null>;
  readonly petitionersByPetition: DataLoader<string, PetitionerEntity[]>;
  readonly denouncersByPetition: DataLoader<string, DenouncerEntity[]>;
  readonly attachmentsByPetition: DataLoader<string, AttachmentEntity[]>;
  readonly eventsByCase: DataLoader<string, CaseEventEntity[]>;
  readonly suspensionsByCase: DataLoader<string, SuspensionEntity[]>;
  private readonly outboxByCase: DataLoader<string, { id: string; case_id: string; status: string; attempts: number; last_error: string | null; created_at: Date; delivered_at: Date | null }[]>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly level: Level,
    private readonly caller: Caller,
    private readonly units: AdministrativeUnitService,
    private readonly transfers: TransferSettings = { secret: transferSecret(), levels: [...LEVELS] },
    private readonly today: () => string = () => todayInVietnam(),
  ) {
    const repo = new CaseRepository(dataSource);
    this.repository = repo;
    this.caseById = keyedLoader((ids) => repo.casesByIds(ids), (c) => c.id);
    this.petitionsByCase = groupedLoader((ids) => repo.petitionsByCases(ids), (p) => p.caseId);
    this.petitionById = keyedLoader((ids) => repo.petitionsByIds(ids), (p) => p.id);
    this.petitionersByPetition = groupedLoader((ids) => repo.petitionersByPetitions(ids), (p) => p.petitionId);
    this.denouncersByPetition = groupedLoader((ids) => repo.denouncersByPetitions(ids), (p) => p.petitionId);
    this.attachmentsByPetition = groupedLoader((ids) => repo.attachmentsByPetitions(ids), (a) => a.petitionId);
    this.eventsByCase = groupedLoader((ids) => repo.eventsByCases(ids), (e) => e.caseId);
    this.suspensionsByCase = groupedLoader((ids) => repo.suspensionsByCases(ids), (s) => s.caseId);
    this.outboxByCase = groupedLoader((ids) => repo.outboxByCases(ids), (o) => o.case_id);
  }

  /** Whether the caller may see denouncers' identities. */
  canSeeDenouncers(): boolean {
    return this.caller.roles.includes(DENUNCIATION_RESOLVER_ROLE);
  }

  /** A case of this level by id: NOT_FOUND otherwise. */
  async get(id: string): Promise<CaseEntity> {
    const found = UUID.test(id) ? await this.caseById.load(id) : null;
    if (!found) {
      throw notFound("Case", id);
    }
    return found;
  }

  private async bodyOfThisLevel(v: Validator, field: string, bodyId: string): Promise<ReceptionBodyEntity | null> {
    const body = await this.units.findBody(bodyId);
    if (!body) {
      v.add(field, `no reception body "${bodyId}" at the ${this.level} level`);
      return null;
    }
    return body;
  }

  /** Registers a petition: a new case, or a repeat linked to an existing case of the same matter. */
  async registerPetition(input: RegisterPetitionInput): Promise<PetitionEntity> {
    const v = new Validator(this.today());
    const body = await this.bodyOfThisLevel(v, "bodyId", input.bodyId);
    checkPetition(v, this.level, input);
    let repeatOf: CaseEntity | null = null;
    if (input.repeatOfCaseId) {
      repeatOf = UUID.test(input.repeatOfCaseId) ? await this.caseById.load(input.repeatOfCaseId) : null;
      if (!repeatOf) {
        v.add("repeatOfCaseId", `no case "${input.repeatOfCaseId}" at the ${this.level} level`);
      }
    }
    v.throwIfAny();

    const petition = await this.dataSource.transaction(async (m) => {
      let caseId: string;
      if (repeatOf) {
        caseId = repeatOf.id;
        const updated = await m.query(`UPDATE kntc_case SET repeat_count = repeat_count + 1, version = version + 1 WHERE id = $1 RETURNING status`, [caseId]);
        await this.appendEvent(m, caseId, REPEAT_LINK, repeatOf.status, (updated[0][0] as { status: string }).status, input.receivedOn, null, linkRepeat({ ...repeatOf }));
      } else {
        caseId = randomUUID();
        await m.getRepository(CaseEntity).insert(newCase(input, caseId, this.level, body!));
        await this.appendEvent(m, caseId, "REGISTER", null, CaseStatus.RECEIVED, input.receivedOn, null, {});
      }
      const rows = petitionRows(input, { petitionId: randomUUID(), caseId }, body!, repeatOf, this.caller.userId);
      await m.getRepository(PetitionEntity).insert(rows.petition);
      if (rows.signers.length > 0) {
        await m.getRepository(rows.confidential ? DenouncerEntity : PetitionerEntity).insert(rows.signers);
      }
      if (rows.attachments.length > 0) {
        await m.getRepository(AttachmentEntity).insert(rows.attachments);
      }
      return m.getRepository(PetitionEntity).findOneByOrFail({ id: rows.petition.id });
    });
    this.caseById.clear(petition.caseId);
    this.petitionsByCase.clear(petition.caseId);
    return petition;
  }

  /** Likely existing cases of the same matter, for the officer to check before registering. */
  async matches(input: { citizenIds?: string[] | null; respondent?: string | null; content?: string | null }): Promise<CaseMatch[]> {
    const v = new Validator(this.today());
    (input.citizenIds ?? []).forEach((id, i) => v.citizenId(`citizenIds[${i}]`, id));
    v.text("respondent", input.respondent, { max: 500 });
    v.text("content", input.content, { max: 20000 });
    if (!input.citizenIds?.length && !input.respondent && !input.content) {
      v.add("citizenIds", "give at least a citizen ID, a respondent or some content to match");
    }
    v.throwIfAny();
    const found = await this.repository.findMatches({
      citizenIds: input.citizenIds ?? [],
      respondent: input.respondent ? foldVietnamese(input.respondent) : "",
      content: input.content ? foldVietnamese(input.content).slice(0, 2000) : "",
      limit: 10,
    });
    const cases = await this.caseById.loadMany(found.map((f) => f.caseId));
    return found.map((f, i) => {
      const reasons: string[] = [];
      if (f.sameCitizen) {
        reasons.push("SAME_CITIZEN_ID");
      }
      if (f.respondentSimilarity >= 0.4) {
        reasons.push("SIMILAR_RESPONDENT");
      }
      if (f.contentSimilarity >= 0.3) {
        reasons.push("SIMILAR_CONTENT");
      }
      const score = Math.min(1, (f.sameCitizen ? 0.6 : 0) + 0.25 * f.respondentSimilarity + 0.4 * f.contentSimilarity);
      return { case: cases[i] as CaseEntity, score: Math.round(score * 100) / 100, reasons };
    });
  }

  /** Classifies a case on every axis; moves identities into the confidential table when it is a denunciation. */
  async classify(id: string, input: ClassifyInput, expectedVersion?: number | null): Promise<CaseEntity> {
    const current = await this.get(id);
    const v = new Validator(this.today());
    checkClassification(v, current, input);
    v.throwIfAny();
    return this.change(current, CaseAction.CLASSIFY, input.on ?? this.today(), input.note ?? null, expectedVersion, async (c, m) => {
      if (applyClassification(c, input)) {
        await this.moveIdentities(m, c.id, c.contentTypes.includes(ContentType.DENUNCIATION));
      }
    });
  }

  /** Moves the signers of a case's petitions to (or back from) the confidential denouncer table. */
  private async moveIdentities(m: EntityManager, caseId: string, toConfidential: boolean): Promise<void> {
    const [from, to] = toConfidential ? ["petitioner", "denouncer_identity"] : ["denouncer_identity", "petitioner"];
    await m.query(
      `WITH moved AS (DELETE FROM ${from} WHERE petition_id IN (SELECT id FROM petition WHERE case_id = $1)
                      RETURNING petition_id, full_name, search_name, citizen_id, address, phone, position)
       INSERT INTO ${to} (petition_id, full_name, search_name, citizen_id, address, phone, position) SELECT * FROM moved`,
      [caseId],
    );
  }

  /** Performs one step of the case's life (see CaseAction); the input fields it needs depend on it. */
  async act(id: string, action: CaseAction, input: ActionInput, expectedVersion?: number | null): Promise<CaseEntity> {
    if (NOT_BY_ACT.has(action)) {
      throw badInput("action", `${action} has its own operation (classify, accept or return a transfer, lodge a 2nd-instance complaint)`);
    }
    const current = await this.get(id);
    this.check(current, action);
    const v = new Validator(this.today());
    const on = input.on ?? this.today();
    const openSuspension = action === CaseAction.RESUME ? (await this.suspensionsByCase.load(id)).find((s) => s.toOn === null) : null;
    checkAction(v, current, action, input, on, { levels: this.transfers.levels, openSuspension });
    v.throwIfAny();

    return this.change(current, action, on, input.note ?? input.reason ?? null, expectedVersion, async (c, m) => {
      const effect = applyAction(c, action, input, on, current.status);
      if (action === CaseAction.TRANSFER) {
        await sendCase(m, c, { level: this.level, secret: this.transfers.secret }, {
          kind: "TRANSFER",
          targetBodyId: input.targetBodyId!,
          targetLevel: levelOfCode(input.targetBodyId!.split(".")[0]!)!,
          reason: input.reason ?? "",
          legalBasis: input.legalBasis ?? null,
          on,
          firstInstance: null,
        });
      } else if (effect && "suspend" in effect) {
        await m.getRepository(SuspensionEntity).insert({ caseId: c.id, fromOn: effect.suspend.fromOn, toOn: null, reason: effect.suspend.reason });
      } else if (effect && "resume" in effect) {
        await m.query(`UPDATE case_suspension SET to_on = $2 WHERE case_id = $1 AND to_on IS NULL`, [c.id, effect.resume.toOn]);
      }
    });
  }

  /** The state machine's verdict, as a GraphQL error with the allowed next steps. */
  private check(c: CaseEntity, action: CaseAction): CaseStatus {
    try {
      return nextStatus({ kind: c.kind as CaseKind | null, status: c.status as CaseStatus, suspendedFrom: c.suspendedFrom as CaseStatus | null }, action);
    } catch (error) {
      if (error instanceof InvalidTransitionError) {
        throw transitionError(error);
      }
      throw error;
    }
  }

  /** The actions allowed now for a case (a decision is published once). */
  allowed(c: CaseEntity): CaseAction[] {
    return allowedActionsOf(c);
  }

  /**
   * Applies one action: re-reads the case under a row lock, checks the version the officer saw,
   * moves the status, recomputes the running deadline, writes the case and appends the timeline
   * entry with every changed field — all in one transaction.
   */
  private async change(
    seen: CaseEntity,
    action: CaseAction | "ACCEPT_TRANSFER",
    on: string,
    note: string | null,
    expectedVersion: number | null | undefined,
    apply: (c: CaseEntity, m: EntityManager) => Promise<void>,
  ): Promise<CaseEntity> {
    const updated = await this.dataSource.transaction(async (m) => {
      const c = await m.getRepository(CaseEntity).findOne({ where: { id: seen.id }, lock: { mode: "pessimistic_write" } });
      if (!c) {
        throw notFound("Case", seen.id);
      }
      const version = expectedVersion ?? seen.version;
      if (c.version !== version) {
        throw conflict(`The case was changed by someone else (version ${c.version}, you saw ${version}): reload it and try again`, {
          currentVersion: c.version,
          currentStatus: c.status,
        });
      }
      const before = { ...c, journey: [...(c.journey ?? [])] };
      // Accepting a transfer into one's own processing changes no status: the machine is not asked.
      const to = action === "ACCEPT_TRANSFER" ? (c.status as CaseStatus) : this.check(c, action);
      await apply(c, m);
      const suspensions = await this.repository.suspensionsByCases([c.id], m);
      const changes = settleStep(before, c, to, on, suspensions.map((s) => ({ from: s.fromOn, to: s.toOn })));
      // After the changes are listed: the journey is not part of them.
      if (c.transferredFrom && RESOLVED_STATUSES.has(c.status) && !RESOLVED_STATUSES.has(before.status)) {
        await reportUpstream(m, c, "RESOLVED", { on });
      }
      const { version: _v, createdAt: _c, id: _id, ...fields } = c;
      const result = await m.getRepository(CaseEntity).update({ id: c.id, version: c.version }, { ...fields, version: c.version + 1 });
      if (result.affected !== 1) {
        throw conflict("The case was changed by someone else: reload it and try again");
      }
      await this.appendEvent(m, c.id, action, before.status, c.status, on, note, changes);
      return m.getRepository(CaseEntity).findOneByOrFail({ id: c.id });
    });
    this.caseById.clear(updated.id).prime(updated.id, updated);
    this.eventsByCase.clear(updated.id);
    this.suspensionsByCase.clear(updated.id);
    // Anything the step put in the outbox is committed now: deliver it without waiting for a poll.
    outboxSignal.emit("enqueued");
    return updated;
  }

  private async appendEvent(
    m: EntityManager,
    caseId: string,
    action: string,
    from: string | null,
    to: string,
    on: string,
    note: string | null,
    changes: Record<string, [unknown, unknown]>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO case_event (case_id, at, actor, action, from_status, to_status, effective_on, note, changes)
       VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [caseId, this.caller.userId, action, from, to, on, note, JSON.stringify(changes)],
    );
  }

  /** A transferred case waiting in this body's inbox: take it up into the body's own processing. */
  async acceptTransfer(id: string, expectedVersion?: number | null): Promise<CaseEntity> {
    const current = await this.get(id);
    if (current.inboxState !== "PENDING") {
      throw badInput("id", `case ${id} is not waiting in an inbox (${current.inboxState ?? "not a transfer"})`);
    }
    return this.change(current, "ACCEPT_TRANSFER", this.today(), null, expectedVersion, async (c, m) => {
      c.inboxState = "ACCEPTED";
      await reportUpstream(m, c, "ACCEPTED");
    });
  }

  /** A transferred case waiting in this body's inbox: send it back, with the reason. */
  async returnTransfer(id: string, reason: string, expectedVersion?: number | null): Promise<CaseEntity> {
    const current = await this.get(id);
    const v = new Validator(this.today());
    v.text("reason", reason, { required: true, max: 2000 });
    if (current.inboxState !== "PENDING") {
      v.add("id", `case ${id} is not waiting in an inbox (${current.inboxState ?? "not a transfer"})`);
    }
    v.throwIfAny();
    return this.change(current, CaseAction.RETURN_TO_SENDER, this.today(), reason, expectedVersion, async (c, m) => {
      c.inboxState = "RETURNED";
      c.decisionReason = reason;
      await reportUpstream(m, c, "RETURNED", { returnReason: reason });
    });
  }

  /**
   * The complainant rejects a 1st-instance decision: the complaint goes to the head one level up
   * (Law on Complaints Art. 33), a new case there linked to this one and its decision.
   */
  async lodgeSecondComplaint(id: string, input: { targetBodyId?: string | null; on?: string | null; reason?: string | null }, expectedVersion?: number | null): Promise<CaseEntity> {
    const current = await this.get(id);
    this.check(current, CaseAction.ESCALATE);
    const v = new Validator(this.today());
    const on = input.on ?? this.today();
    v.pastDate("on", input.on, false);
    if (current.instance !== 1) {
      v.add("id", "only a 1st-instance complaint goes to the 2nd instance");
    }
    if (current.decidedOn && on < current.decidedOn) {
      v.add("on", `must not be before the decision (${current.decidedOn})`);
    } else if (current.decidedOn) {
      // Law on Complaints Art. 33: 30 days after the decision (45 in remote areas).
      const limit = dueDate({ step: "COMPLAINT_SECOND_LODGING", start: current.decidedOn, remote: current.remoteArea });
      if (on > limit.dueAt) {
        v.add("on", `a 2nd complaint must be lodged by ${limit.dueAt} (${limit.rule.law}, ${limit.rule.article})`);
      }
    }
    if (current.journey.some((h) => h.kind === "SECOND_INSTANCE" && h.fromCaseId === current.id)) {
      v.add("id", "a 2nd-instance complaint was already lodged for this decision");
    }
    const target = input.targetBodyId ?? (await this.secondInstanceBody(current, on));
    const targetLevel = target ? levelOfCode(target.split(".")[0] ?? "") : null;
    if (!target || !targetLevel) {
      v.add("targetBodyId", "no competent body above this one in the platform (a province chairman's decision goes to the ministry)");
    } else if (!this.transfers.levels.includes(targetLevel)) {
      v.add("targetBodyId", `the ${targetLevel} level is not part of this deployment`);
    } else {
      v.levelExisted("targetBodyId", targetLevel, on);
    }
    v.throwIfAny();
    return this.change(current, CaseAction.ESCALATE, on, input.reason ?? null, expectedVersion, async (c, m) => {
      await sendCase(m, c, { level: this.level, secret: this.transfers.secret }, {
        kind: "SECOND_INSTANCE",
        targetBodyId: target!,
        targetLevel: targetLevel!,
        reason: input.reason ?? "The complainant does not agree with the 1st-instance decision",
        legalBasis: "Law on Complaints 02/2011/QH13, Art. 33",
        on,
        firstInstance: { caseId: c.id, level: this.level, bodyId: c.bodyId, decisionNumber: c.decisionNumber, result: c.result, decidedOn: c.decidedOn },
      });
    });
  }

  /**
   * The People's Committee one level up: a commune's goes to its district while districts exist
   * (decisions before 2025-07-01, district level deployed), otherwise to the province.
   */
  private async secondInstanceBody(c: CaseEntity, on: string): Promise<string | null> {
    if (this.level === "province") {
      return null;
    }
    const unit = await this.units.find(c.unitCode);
    if (!unit) {
      return null;
    }
    const district = this.level === "commune" && unit.parentCode && levelOfCode(unit.parentCode) === "district" ? unit.parentCode : null;
    const decided = c.decidedOn ?? on;
    if (district && this.transfers.levels.includes("district") && decided < DISTRICTS_ABOLISHED_FROM) {
      return `${district}.ubnd`;
    }
    return `${unit.provinceCode}.ubnd`;
  }

  /**
   * Routing help: the bodies competent for a classified case (content, field, the respondent's
   * level, role and sector), best first, so the officer need not know the map.
   */
  async proposeCompetentBodies(id: string, input: { respondentRole?: string | null; respondentSector?: string | null }): Promise<RoutingProposal[]> {
    const c = await this.get(id);
    if (!c.kind) {
      throw badInput("id", "classify the case first: routing depends on its kind and field");
    }
    const unit = await this.units.find(c.unitCode);
    if (!unit) {
      throw notFound("Administrative unit", c.unitCode);
    }
    const district = this.level === "commune" && unit.parentCode && levelOfCode(unit.parentCode) === "district" ? unit.parentCode : this.level === "district" ? unit.code : null;
    return proposeCompetentBodies({
      kind: c.kind as CaseKind,
      field: c.field as PetitionField | null,
      instance: c.instance === 2 ? 2 : 1,
      respondentUnit: { code: unit.code, level: this.level, kind: unit.kind as UnitKind },
      parents: { district, province: unit.provinceCode },
      respondentRole: (input.respondentRole as "HEAD" | "AGENCY" | "OFFICIAL" | null | undefined) ?? null,
      respondentSector: (input.respondentSector as Sector | null | undefined) ?? null,
      on: c.receivedOn,
      districtLevelActive: this.transfers.levels.includes("district"),
    });
  }

  /** Cases waiting in this level's inboxes (optionally one body's), oldest first. */
  incomingTransfers(bodyId: string | null | undefined, first: number): Promise<CaseEntity[]> {
    const v = new Validator(this.today());
    v.int("first", first, 1, 200);
    v.throwIfAny();
    return this.repository.incoming(bodyId ?? null, first);
  }

  /** Outbox messages of cases (attempts, last error) for their `transfer` field. */
  outboxOf(caseId: string): Promise<{ id: string; status: string; attempts: number; last_error: string | null; created_at: Date; delivered_at: Date | null }[]> {
    return this.outboxByCase.load(caseId);
  }

  /**
   * One page of cases, filtered, in the asked order; Relay cursors over the order's key (keyset
   * paging: a page costs the same wherever it is in the list).
   */
  async list(filter: CaseFilterInput, first: number, after?: string | null, order: CaseOrder = CaseOrder.RECEIVED_DESC, scope: { unitCodes?: string[] } = {}): Promise<CasePage> {
    const v = new Validator(this.today());
    v.int("first", first, 1, 200);
    const query = this.caseQuery(v, filter, scope);
    const { rows, total } = await this.repository.findCases({
      ...query,
      order,
      after: after ? decodeCursor(order, after) : undefined,
      limit: first + 1,
    });
    for (const row of rows) {
      this.caseById.prime(row.id, row);
    }
    return { rows: rows.slice(0, first), total, hasNextPage: rows.length > first, order };
  }

  /** Cases matching the filter (as `list` reads it), counted by status and kind in one statement. */
  async statusCounts(filter: CaseFilterInput): Promise<{ status: string; kind: string | null; count: number }[]> {
    return this.repository.countByStatus(this.caseQuery(new Validator(this.today()), filter, {}));
  }

  /**
   * Checks a list filter (all problems at once, with what `v` already holds) and turns it into the
   * repository's query; `scope` (a unit's own list) overrides the filter's units.
   */
  private caseQuery(v: Validator, filter: CaseFilterInput, scope: { unitCodes?: string[] }): CaseQuery {
    if (filter.dueBefore && !isValidDate(filter.dueBefore)) {
      v.add("filter.dueBefore", `"${filter.dueBefore}" is not a date (YYYY-MM-DD)`);
    }
    for (const dates of ["received", "accepted", "resolved"] as const) {
      const from = filter[`${dates}From` as const];
      const to = filter[`${dates}To` as const];
      for (const [field, value] of [[`${dates}From`, from], [`${dates}To`, to]] as const) {
        if (value && !isValidDate(value)) {
          v.add(`filter.${field}`, `"${value}" is not a date (YYYY-MM-DD)`);
        }
      }
      if (from && to && isValidDate(from) && isValidDate(to) && from > to) {
        v.add(`filter.${dates}To`, `must not be before ${dates}From (${from})`);
      }
    }
    v.citizenId("filter.citizenId", filter.citizenId);
    v.throwIfAny();
    return {
      statuses: filter.statuses ?? undefined,
      kinds: filter.kinds ?? undefined,
      overdueOn: filter.overdue ? this.today() : undefined,
      dueBefore: filter.dueBefore ?? undefined,
      receivedFrom: filter.receivedFrom ?? undefined,
      receivedTo: filter.receivedTo ?? undefined,
      acceptedFrom: filter.acceptedFrom ?? undefined,
      acceptedTo: filter.acceptedTo ?? undefined,
      resolvedFrom: filter.resolvedFrom ?? undefined,
      resolvedTo: filter.resolvedTo ?? undefined,
      withdrawnAfterPersuasion: filter.withdrawnAfterPersuasion ?? undefined,
      unitCodes: scope.unitCodes ?? filter.unitCodes ?? undefined,
      bodyIds: filter.bodyIds ?? undefined,
      sectors: filter.sectors ?? undefined,
      fields: filter.fields ?? undefined,
      citizenId: filter.citizenId ?? undefined,
    };
  }

  /** Cursor of a case in a list of the given order. */
  cursorOf(c: CaseEntity, order: CaseOrder): string {
    return encodeCursor(order, c);
  }

  /**
   * Cases this level's bodies sent (transfers and 2nd-instance complaints) with a sending date in
   * the period, optionally from some units, by target level, kind of receiving body and kind of hop,
   * each counted by where it stands as far as the sender has heard. One statement.
   */
  async transferFlows(periodText: string, unitCodes: readonly string[] | null | undefined): Promise<TransferFlowFigures[]> {
    const period = periodOf(periodText);
    const v = new Validator(this.today());
    (unitCodes ?? []).forEach((code, i) => {
      if (!levelOfCode(code)) {
        v.add(`unitCodes[${i}]`, `"${code}" is not an administrative unit code (2, 3 or 5 digits)`);
      }
    });
    v.throwIfAny();
    return transferFlowsOf(this.level, await this.repository.countSentHops(period, unitCodes?.length ? unitCodes : null));
  }

  /** Petitions by petitioner name or content, without diacritics. */
  searchPetitions(search: string, first: number): Promise<PetitionEntity[]> {
    return this.repository.searchPetitions(this.searchWords(search, first), first);
  }

  /** Petitioners (never denouncers) by name, without diacritics. */
  searchPetitioners(search: string, first: number): Promise<PetitionerEntity[]> {
    return this.repository.searchPetitioners(this.searchWords(search, first), first);
  }

  private searchWords(search: string, first: number): string[] {
    const v = new Validator(this.today());
    v.text("search", search, { required: true, max: 100 });
    v.int("first", first, 1, 200);
    v.throwIfAny();
    return foldVietnamese(search).split(" ").filter(Boolean);
  }

  /** Today in Vietnam, for `overdue` and `daysLeft`. */
  todayDate(): string {
    return this.today();
  }
}
