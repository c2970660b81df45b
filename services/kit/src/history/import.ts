import type { DataSource, EntityManager } from "typeorm";

import { AttachmentEntity, CaseEntity, CaseEventEntity, DenouncerEntity, PetitionEntity, PetitionerEntity, SuspensionEntity } from "../cases/entities";
import { ContentType, PetitionSource } from "../cases/kinds";
import {
  type ActionInput,
  type CaseChanges,
  type ClassifyInput,
  type PetitionRows,
  type RegisterPetitionInput,
  PROCESSING_DECISIONS,
  REPEAT_LINK,
  applyAction,
  applyClassification,
  checkAction,
  checkClassification,
  checkPetition,
  linkRepeat,
  newCase,
  petitionRows,
  settleStep,
} from "../cases/steps";
import { Validator, todayInVietnam } from "../cases/validation";
import { LEVELS, type Level } from "../config";
import { CaseAction, CaseStatus, nextStatus } from "../domain/cases/machine";
import type { ReceptionBodyEntity } from "../admin/entities";
import { AdministrativeUnitRepository } from "../admin/repository";
import { ReceptionSessionEntity, VisitEntity } from "../reception/entities";
import { type SessionRow, checkSession, checkVisit, visitRow } from "../reception/steps";
import { ensureLeaders, importContext } from "./replay";
import { insertMany, orderedUuid } from "./rows";
import { type CaseHistory, type HistoricPetition, HistoryError, type HistoryWriteOptions, type LevelHistory, type WrittenCounts, stepName } from "./types";

/** Steps that write to another subgraph (the outbox) or that only the platform takes: not importable in bulk. */
const NOT_IMPORTABLE = new Set<string>([CaseAction.CLASSIFY, CaseAction.TRANSFER, CaseAction.ESCALATE, CaseAction.RETURN_TO_SENDER, CaseAction.REOPEN_RETURNED]);

type EventRow = Pick<CaseEventEntity, "caseId" | "actor" | "action" | "fromStatus" | "toStatus" | "effectiveOn" | "note" | "changes">;
type SignerRow = PetitionRows["signers"][number] & { confidential: boolean };
type SuspensionRow = Omit<SuspensionEntity, "id">;
type VisitRow = Omit<VisitEntity, "createdAt" | "largeGroup">;

/** Every row one batch writes, built in memory before anything is sent. */
interface BatchRows {
  sessions: (SessionRow & { id: string })[];
  cases: CaseEntity[];
  /** Each case's processing decision (its first), as the database's trigger would record it. */
  processing: ({ on: string; action: string } | null)[];
  petitions: PetitionRows["petition"][];
  signers: SignerRow[];
  attachments: PetitionRows["attachments"];
  suspensions: SuspensionRow[];
  events: EventRow[];
  visits: VisitRow[];
}

/** Sessions already written (by earlier batches), by ref: a later batch's visits and petitions may be received in them. */
export type SessionRefs = Map<string, { id: string; bodyId: string; date: string }>;

/** Options of the bulk writer. */
export interface ImportOptions extends HistoryWriteOptions {
  /** Sessions of earlier batches; the batch's own are added. */
  sessions?: SessionRefs;
  /**
   * Leave the report counters to one `rebuildReportCounters` after the import: parallel batches of
   * the same units would otherwise wait on (and deadlock over) the same counter rows.
   */
  deferReportCounters?: boolean;
}

/** What the in-memory replay needs to know: the level, its bodies, the sessions of the batch and who imports. */
interface ReplayEnv {
  level: Level;
  bodies: Map<string, ReceptionBodyEntity>;
  sessions: SessionRefs;
  actor: string;
  today: string;
  rows: BatchRows;
}

const unknownBody = (v: Validator, field: string, bodyId: string, level: Level): void => v.add(field, `no reception body "${bodyId}" at the ${level} level`);

/**
 * One case replayed in memory through the same step functions CaseService runs in its
 * transactions (cases/steps.ts) and the same state machine, so the rows match what the services
 * would have written: the case as it ends, its petitions and signers, its suspensions and one
 * timeline entry per step.
 */
class CaseReplay {
  private c!: CaseEntity;
  private readonly signers: SignerRow[] = [];
  private readonly suspensions: SuspensionRow[] = [];
  private processing: { on: string; action: string } | null = null;

  constructor(private readonly env: ReplayEnv) {}

  run(history: CaseHistory): CaseEntity {
    let where = "first petition";
    try {
      this.lodge(history.petition, null);
      for (const [i, step] of history.steps.entries()) {
        where = `step ${i + 1} (${stepName(step)})`;
        if (step.step === "CLASSIFY") {
          this.classify(step.input);
        } else if (step.step === "ACT") {
          this.act(step.action, step.input);
        } else {
          this.lodge(step.petition, this.c);
        }
      }
    } catch (error) {
      throw new HistoryError(history.ref, where, error);
    }
    const { rows } = this.env;
    rows.cases.push(this.c);
    rows.processing.push(this.processing);
    rows.signers.push(...this.signers);
    rows.suspensions.push(...this.suspensions);
    return this.c;
  }

  private event(action: string, from: string | null, to: string, on: string, note: string | null, changes: CaseChanges): void {
    if (!this.processing && PROCESSING_DECISIONS.has(action)) {
      this.processing = { on, action };
    }
    this.env.rows.events.push({ caseId: this.c.id, actor: this.env.actor, action, fromStatus: from, toStatus: to, effectiveOn: on, note, changes });
  }

  /** registerPetition (at a body) or recordVisit with a petition (at a visit): the same checks, in the same order. */
  private lodge(petition: HistoricPetition, repeatOf: CaseEntity | null): void {
    const { level, bodies, sessions, rows } = this.env;
    let input: RegisterPetitionInput;
    let visit: { sessionId: string } | null = null;
    if (petition.lodged === "AT_VISIT") {
      const session = sessions.get(petition.sessionRef);
      if (!session) {
        throw new Error(`session "${petition.sessionRef}" is not part of this import`);
      }
      const v = new Validator(this.env.today);
      checkVisit(v, petition.visit, { hasCase: false, hasPetition: true });
      v.throwIfAny();
      input = { ...petition.input, bodyId: session.bodyId, receivedOn: session.date, source: PetitionSource.IN_PERSON };
      visit = { sessionId: session.id };
    } else {
      input = petition.input;
    }
    const v = new Validator(this.env.today);
    const body = bodies.get(input.bodyId) ?? null;
    if (!body) {
      unknownBody(v, "bodyId", input.bodyId, level);
    }
    checkPetition(v, level, input);
    v.throwIfAny();
    if (repeatOf) {
      const status = repeatOf.status;
      this.event(REPEAT_LINK, status, status, input.receivedOn, null, linkRepeat(repeatOf));
    } else {
      this.c = { ...newCase(input, orderedUuid(), level, body!), createdAt: new Date() };
      this.event("REGISTER", null, CaseStatus.RECEIVED, input.receivedOn, null, {});
    }
    const written = petitionRows(input, { petitionId: orderedUuid(), caseId: this.c.id }, body!, repeatOf, this.env.actor);
    rows.petitions.push(written.petition);
    this.signers.push(...written.signers.map((s) => ({ ...s, confidential: written.confidential })));
    rows.attachments.push(...written.attachments);
    if (visit && petition.lodged === "AT_VISIT") {
      rows.visits.push({ id: orderedUuid(), ...visitRow(petition.visit, { sessionId: visit.sessionId, caseId: this.c.id, petitionId: written.petition.id }, this.env.actor) });
    }
  }

  /** CaseService.classify: checks, then the step. */
  private classify(input: ClassifyInput & { on: string }): void {
    const v = new Validator(this.env.today);
    checkClassification(v, this.c, input);
    v.throwIfAny();
    this.change(CaseAction.CLASSIFY, input.on, input.note ?? null, (c) => {
      // As CaseService.moveIdentities: every signer of the case ends up in the table its kind calls for.
      if (applyClassification(c, input)) {
        const confidential = c.contentTypes.includes(ContentType.DENUNCIATION);
        for (const s of this.signers) {
          s.confidential = confidential;
        }
      }
    });
  }

  /** CaseService.act: the machine, the checks, then the step. */
  private act(action: CaseAction, input: ActionInput & { on: string }): void {
    if (NOT_IMPORTABLE.has(action)) {
      throw new Error(`${action} cannot be imported in bulk: it sends the case to another body (use the service writer) or is the platform's own step`);
    }
    nextStatus(this.state(), action);
    const v = new Validator(this.env.today);
    const openSuspension = this.suspensions.find((s) => s.toOn === null) ?? null;
    checkAction(v, this.c, action, input, input.on, { levels: LEVELS, openSuspension });
    v.throwIfAny();
    const statusBefore = this.c.status;
    this.change(action, input.on, input.note ?? input.reason ?? null, (c) => {
      const effect = applyAction(c, action, input, input.on, statusBefore);
      if (effect && "suspend" in effect) {
        this.suspensions.push({ caseId: c.id, fromOn: effect.suspend.fromOn, toOn: null, reason: effect.suspend.reason });
      } else if (effect && "resume" in effect) {
        for (const s of this.suspensions.filter((s) => s.toOn === null)) {
          s.toOn = effect.resume.toOn;
        }
      }
    });
  }

  private state(): Parameters<typeof nextStatus>[0] {
    return { kind: this.c.kind as never, status: this.c.status as CaseStatus, suspendedFrom: this.c.suspendedFrom as CaseStatus | null };
  }

  /** CaseService's `change`: the transition, the step's fields, what follows, one timeline entry. */
  private change(action: CaseAction, on: string, note: string | null, apply: (c: CaseEntity) => void): void {
    const before = { ...this.c, journey: [...this.c.journey] };
    const to = nextStatus(this.state(), action);
    apply(this.c);
    const changes = settleStep(before, this.c, to, on, this.suspensions.map((s) => ({ from: s.fromOn, to: s.toOn })));
    this.c.version += 1;
    this.event(action, before.status, this.c.status, on, note, changes);
  }
}

/** The bodies a history names, from the level's database: a record at an unknown body is refused as the services refuse it. */
async function bodiesOf(dataSource: DataSource, history: LevelHistory, earlier: SessionRefs): Promise<Map<string, ReceptionBodyEntity>> {
  const ids = new Set<string>(history.sessions.map((s) => s.bodyId));
  for (const c of history.cases) {
    for (const p of [c.petition, ...c.steps.flatMap((s) => (s.step === "REPEAT" ? [s.petition] : []))]) {
      const bodyId = p.lodged === "AT_BODY" ? p.input.bodyId : earlier.get(p.sessionRef)?.bodyId;
      if (bodyId) {
        ids.add(bodyId);
      }
    }
  }
  const bodies = await new AdministrativeUnitRepository(dataSource).bodiesByIds([...ids]);
  return new Map(bodies.map((b) => [b.id, b]));
}

/** Writes a batch's rows in dependency order, in one transaction. */
async function writeRows(m: EntityManager, rows: BatchRows, deferReportCounters: boolean): Promise<void> {
  // A batch is written whole or not at all; losing its last commit in a crash loses only the batch.
  await m.query("SET LOCAL synchronous_commit = off");
  if (deferReportCounters) {
    await m.query("SET LOCAL tiepdan.report_counters = 'deferred'");
  }
  await insertMany(m, ReceptionSessionEntity, rows.sessions);
  // The processing decision goes in with the case: the timeline's trigger then finds it recorded
  // and has nothing to update (one row version per case instead of two).
  await insertMany(m, CaseEntity, rows.cases.map(({ createdAt: _c, ...c }) => c), [
    { column: "processed_on", type: "date", value: (i) => rows.processing[i]?.on },
    { column: "processing_action", type: "varchar", value: (i) => rows.processing[i]?.action },
  ]);
  await insertMany(m, PetitionEntity, rows.petitions);
  await insertMany(m, PetitionerEntity, rows.signers.filter((s) => !s.confidential).map(({ confidential: _c, ...s }) => s));
  await insertMany(m, DenouncerEntity, rows.signers.filter((s) => s.confidential).map(({ confidential: _c, ...s }) => s));
  await insertMany(m, AttachmentEntity, rows.attachments);
  await insertMany(m, SuspensionEntity, rows.suspensions);
  await insertMany(m, CaseEventEntity, rows.events);
  await insertMany(m, VisitEntity, rows.visits);
}

/**
 * The bulk writer: imports a level's historical records (from a legacy provincial system, or the
 * generator's plan) by replaying every case in memory through the domain's own step functions,
 * state machine, deadline rules and checks — the ones CaseService and ReceptionService use — and
 * writing the resulting rows (sessions, cases, petitions, signers, timeline, visits) with
 * multi-row statements in one transaction per call. A history that the services would refuse is
 * refused here too, naming the record and step, and nothing of the call is written.
 *
 * Steps that send a case to another subgraph (TRANSFER, ESCALATE) are refused: they go through the
 * outbox, and only the service writer (`replayThroughServices`) takes them.
 */
export async function importCaseHistories(dataSource: DataSource, level: Level, history: LevelHistory, options: ImportOptions): Promise<WrittenCounts> {
  const refs = options.refs ?? new Map<string, string>();
  const progress = options.onProgress ?? (() => undefined);
  const ctx = importContext(dataSource, level, options.actor);
  const leaders = await ensureLeaders(ctx, history.leaders, refs);
  const sessions = options.sessions ?? new Map();
  const env: ReplayEnv = {
    level,
    bodies: await bodiesOf(dataSource, history, sessions),
    sessions,
    actor: options.actor,
    today: todayInVietnam(),
    rows: { sessions: [], cases: [], processing: [], petitions: [], signers: [], attachments: [], suspensions: [], events: [], visits: [] },
  };
  // The sessions' leaders (of this batch or earlier ones), to check each session against its leader's role and unit.
  const leaderById = new Map([...leaders.values()].map((l) => [l.id, l]));
  const earlierLeaders = [...new Set(history.sessions.flatMap((s) => (s.leaderRef && refs.has(s.leaderRef) ? [refs.get(s.leaderRef)!] : [])))].filter((id) => !leaderById.has(id));
  // One statement for all of them (the request loader batches the lookups of one tick).
  for (const leader of await Promise.all(earlierLeaders.map((id) => ctx.reception.findLeader(id)))) {
    if (leader) {
      leaderById.set(leader.id, leader);
    }
  }

  for (const s of history.sessions) {
    const { ref, leaderRef, ...input } = s;
    try {
      const v = new Validator(env.today);
      const body = env.bodies.get(input.bodyId) ?? null;
      if (!body || body.level !== level) {
        unknownBody(v, "bodyId", input.bodyId, level);
      }
      const leaderId = leaderRef ? refs.get(leaderRef) : null;
      if (leaderRef && !leaderId) {
        throw new Error(`leader "${leaderRef}" is not part of this import (or of an earlier batch)`);
      }
      const leader = leaderId ? (leaderById.get(leaderId) ?? null) : null;
      const row = checkSession(v, level, { ...input, leaderId }, body, leader, options.actor);
      if (leaderId && !leader) {
        v.add("leaderId", `no leader "${leaderId}" at the ${level} level`);
      }
      v.throwIfAny();
      const id = orderedUuid();
      env.rows.sessions.push({ ...row, id });
      env.sessions.set(ref, { id, bodyId: row.bodyId, date: row.date });
      refs.set(ref, id);
    } catch (error) {
      throw new HistoryError(ref, "session", error);
    }
  }
  progress("sessions", env.rows.sessions.length, history.sessions.length);

  for (const [i, c] of history.cases.entries()) {
    refs.set(c.ref, new CaseReplay(env).run(c).id);
    if ((i + 1) % 1000 === 0 || i + 1 === history.cases.length) {
      progress("cases", i + 1, history.cases.length);
    }
  }

  for (const [i, visit] of history.visits.entries()) {
    const { sessionRef, caseRef, ...fields } = visit;
    try {
      const session = env.sessions.get(sessionRef);
      if (!session) {
        throw new Error(`session "${sessionRef}" is not part of this import`);
      }
      const caseId = caseRef ? refs.get(caseRef) : null;
      const v = new Validator(env.today);
      checkVisit(v, fields, { hasCase: Boolean(caseRef), hasPetition: false });
      if (caseRef && !caseId) {
        v.add("caseId", `no case "${caseRef}" at the ${level} level`);
      }
      v.throwIfAny();
      env.rows.visits.push({ id: orderedUuid(), ...visitRow(fields, { sessionId: session.id, caseId: caseId ?? null, petitionId: null }, options.actor) });
    } catch (error) {
      throw new HistoryError(`visit ${i + 1}`, `session ${sessionRef}`, error);
    }
  }

  const { rows } = env;
  await dataSource.transaction((m) => writeRows(m, rows, options.deferReportCounters ?? false));
  progress("written", rows.cases.length, history.cases.length);
  return {
    leaders: history.leaders.length,
    sessions: rows.sessions.length,
    cases: rows.cases.length,
    petitions: rows.petitions.length,
    visits: rows.visits.length,
    events: rows.events.length,
  };
}
