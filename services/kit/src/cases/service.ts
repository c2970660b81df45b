import { randomUUID } from "node:crypto";

import type DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import type { DataSource, EntityManager } from "typeorm";

import type { ReceptionBodyEntity } from "../admin/entities";
import { levelOfCode } from "../admin/kinds";
import type { AdministrativeUnitService } from "../admin/service";
import { DISTRICTS_ABOLISHED_FROM, LEVELS, type Level } from "../config";
import type { Caller } from "../context";
import { CaseAction, CaseKind, CaseStatus, InvalidTransitionError, allowedActions, nextStatus } from "../domain/cases/machine";
import { badInput, conflict, notFound } from "../errors";
import { groupedLoader, keyedLoader } from "../loaders";
import { foldVietnamese, normalizeText } from "../text";
import { deadlineBeforeAcceptance, runningDeadline } from "./due";
import {
  AttachmentEntity,
  CaseEntity,
  type CaseEventEntity,
  DenouncerEntity,
  PetitionEntity,
  PetitionerEntity,
  SuspensionEntity,
} from "./entities";
import { ContentType, DecisionResult, type PetitionField, RESULTS_FOR } from "./kinds";
import { type CaseQuery, CaseRepository } from "./repository";
import { UUID, Validator, isValidDate, normalizePhone, todayInVietnam } from "./validation";
import { reportUpstream, sendCase } from "../transfers/effects";
import { dueDate } from "../domain/deadlines/due";
import { FiguresByPeriod } from "../statistics/figures";
import { type ProcessingFigures, emptyProcessingFigures, processingFigures } from "../statistics/processing";
import { type ResolutionFigures, emptyFigures, resolutionFigures } from "../statistics/resolution";
import { type RoutingProposal, proposeCompetentBodies } from "../domain/routing/competence";
import type { Sector, UnitKind } from "../admin/kinds";
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

/** Statuses in which a resolution period runs. */
const RESOLVING_STATUSES = new Set<string>([CaseStatus.ACCEPTED, CaseStatus.VERIFYING, CaseStatus.DIALOGUE, CaseStatus.SUSPENDED]);

/** Steps that only the platform takes (on a transfer's news), or that have their own operation. */
const NOT_BY_ACT = new Set<CaseAction>([CaseAction.CLASSIFY, CaseAction.REOPEN_RETURNED, CaseAction.RETURN_TO_SENDER, CaseAction.ESCALATE]);

/** A signer of a petition. */
export interface PersonInput {
  fullName: string;
  citizenId?: string | null;
  address?: string | null;
  phone?: string | null;
}

/** Metadata of an attached file. */
export interface AttachmentInput {
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

/** A petition as registered at a body. */
export interface RegisterPetitionInput {
  bodyId: string;
  source: string;
  receivedOn: string;
  content: string;
  summary?: string | null;
  respondent?: string | null;
  /** Known at the desk: decides where identities are kept (denouncers apart, confidential). */
  contentTypes?: string[] | null;
  anonymous?: boolean | null;
  petitioners?: PersonInput[] | null;
  attachments?: AttachmentInput[] | null;
  /** Link the petition to this existing case as a repeat instead of opening a new case. */
  repeatOfCaseId?: string | null;
}

/** Classification on every axis of Circular 05/2021. */
export interface ClassifyInput {
  contentTypes: string[];
  eligible: boolean;
  ineligibilityReason?: string | null;
  withinCompetence: boolean;
  field: string;
  complex?: boolean | null;
  complexityReason?: string | null;
  remoteArea?: boolean | null;
  instance?: number | null;
  on?: string | null;
  note?: string | null;
}

/** Data of a step; which fields are needed depends on the action. */
export interface ActionInput {
  on?: string | null;
  note?: string | null;
  reason?: string | null;
  /** TRANSFER: the legal basis cited. */
  legalBasis?: string | null;
  targetBodyId?: string | null;
  result?: string | null;
  decisionNumber?: string | null;
  afterPersuasion?: boolean | null;
  moneyToRecoverVnd?: number | null;
  moneyToReturnVnd?: number | null;
  landToRecoverM2?: number | null;
  landToReturnM2?: number | null;
  peopleDisciplined?: number | null;
  sentToInvestigation?: number | null;
}

/** Filter of a case list as clients send it. */
export interface CaseFilterInput {
  statuses?: string[] | null;
  kinds?: string[] | null;
  overdue?: boolean | null;
  dueBefore?: string | null;
  receivedFrom?: string | null;
  receivedTo?: string | null;
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
}

/** Role that may read denouncers' identities (the access rules of later issues refine it). */
export const DENUNCIATION_RESOLVER_ROLE = "denunciation-resolver";

const MAX_SIGNERS = 1000;
const MAX_ATTACHMENTS = 50;
const MAX_ATTACHMENT_BYTES = 1024 ** 3;
const MAX_MONEY_VND = 1e15;
const MAX_LAND_M2 = 1e11;
const PARTIAL_WITHDRAWAL_FROM = "2026-07-01";
const SUSPENSION_FROM = "2026-07-01";

const encodeCursor = (c: CaseEntity): string => Buffer.from(`${c.receivedOn}|${c.id}`, "utf8").toString("base64url");

function decodeCursor(cursor: string): { receivedOn: string; id: string } {
  const [receivedOn, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!receivedOn || !id || !/^\d{4}-\d{2}-\d{2}$/.test(receivedOn) || !UUID.test(id)) {
    throw badInput("after", "is not a cursor returned by this list");
  }
  return { receivedOn, id };
}

/** The kind a case takes from its contents: a complaint first, then a denunciation, else a recommendation. */
export function kindOf(contentTypes: string[]): CaseKind {
  if (contentTypes.includes(ContentType.COMPLAINT)) {
    return CaseKind.COMPLAINT;
  }
  if (contentTypes.includes(ContentType.DENUNCIATION)) {
    return CaseKind.DENUNCIATION;
  }
  return CaseKind.RECOMMENDATION;
}

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

  private validatePeople(v: Validator, field: string, people: PersonInput[]): void {
    people.forEach((p, i) => {
      v.text(`${field}[${i}].fullName`, p.fullName, { required: true, max: 100 });
      if (p.fullName && /^[\d\s]+$/.test(p.fullName)) {
        v.add(`${field}[${i}].fullName`, "must be a name");
      }
      v.citizenId(`${field}[${i}].citizenId`, p.citizenId);
      v.text(`${field}[${i}].address`, p.address, { max: 300 });
      v.phone(`${field}[${i}].phone`, p.phone);
    });
  }

  /** Registers a petition: a new case, or a repeat linked to an existing case of the same matter. */
  async registerPetition(input: RegisterPetitionInput): Promise<PetitionEntity> {
    const v = new Validator(this.today());
    const body = await this.bodyOfThisLevel(v, "bodyId", input.bodyId);
    v.pastDate("receivedOn", input.receivedOn);
    v.levelExisted("receivedOn", this.level, input.receivedOn);
    v.text("content", input.content, { required: true, max: 20000 });
    v.text("summary", input.summary, { max: 2000 });
    v.text("respondent", input.respondent, { max: 500 });
    const people = input.petitioners ?? [];
    const anonymous = input.anonymous ?? false;
    const contentTypes = [...new Set(input.contentTypes ?? [])];
    if (anonymous && people.length > 0) {
      v.add("petitioners", "must be empty for an anonymous petition");
    }
    if (!anonymous && people.length === 0) {
      v.add("petitioners", "at least one petitioner is required (or mark the petition anonymous)");
    }
    if (anonymous && contentTypes.length > 0 && !contentTypes.every((t) => t === ContentType.DENUNCIATION)) {
      v.add("anonymous", "only denunciations may be anonymous");
    }
    if (people.length > MAX_SIGNERS) {
      v.add("petitioners", `at most ${MAX_SIGNERS} signers`);
    }
    this.validatePeople(v, "petitioners", people);
    const attachments = input.attachments ?? [];
    if (attachments.length > MAX_ATTACHMENTS) {
      v.add("attachments", `at most ${MAX_ATTACHMENTS} attachments`);
    }
    attachments.forEach((a, i) => {
      v.text(`attachments[${i}].name`, a.name, { required: true, max: 255 });
      if (!/^[\w.+-]+\/[\w.+-]+$/.test(a.mediaType)) {
        v.add(`attachments[${i}].mediaType`, "must be a media type such as application/pdf");
      }
      v.int(`attachments[${i}].sizeBytes`, a.sizeBytes, 0, MAX_ATTACHMENT_BYTES);
      if (!/^[0-9a-f]{64}$/.test(a.sha256)) {
        v.add(`attachments[${i}].sha256`, "must be 64 lower-case hexadecimal characters");
      }
    });
    let repeatOf: CaseEntity | null = null;
    if (input.repeatOfCaseId) {
      repeatOf = UUID.test(input.repeatOfCaseId) ? await this.caseById.load(input.repeatOfCaseId) : null;
      if (!repeatOf) {
        v.add("repeatOfCaseId", `no case "${input.repeatOfCaseId}" at the ${this.level} level`);
      }
    }
    v.throwIfAny();

    const content = normalizeText(input.content);
    const summary = normalizeText(input.summary ?? content.slice(0, 300));
    const respondent = input.respondent ? normalizeText(input.respondent) : null;
    const confidential = contentTypes.includes(ContentType.DENUNCIATION) || (repeatOf?.contentTypes ?? []).includes(ContentType.DENUNCIATION);
    const petition = await this.dataSource.transaction(async (m) => {
      let caseId: string;
      if (repeatOf) {
        caseId = repeatOf.id;
        const updated = await m.query(`UPDATE kntc_case SET repeat_count = repeat_count + 1, version = version + 1 WHERE id = $1 RETURNING status`, [caseId]);
        await this.appendEvent(m, caseId, "LINK_REPEAT", repeatOf.status, (updated[0][0] as { status: string }).status, input.receivedOn, null, {
          repeatCount: [repeatOf.repeatCount, repeatOf.repeatCount + 1],
        });
      } else {
        caseId = randomUUID();
        const due = deadlineBeforeAcceptance({ kind: null, status: CaseStatus.RECEIVED, receivedOn: input.receivedOn });
        await m.getRepository(CaseEntity).insert({
          id: caseId,
          level: this.level,
          bodyId: body!.id,
          unitCode: body!.unitCode,
          sector: body!.sector,
          kind: null,
          contentTypes,
          status: CaseStatus.RECEIVED,
          summary,
          respondent,
          respondentSearch: respondent ? foldVietnamese(respondent) : null,
          searchText: foldVietnamese(`${summary} ${respondent ?? ""}`),
          signerCount: people.length,
          anonymous,
          receivedOn: input.receivedOn,
          dueOn: due?.dueAt ?? null,
          dueStep: due?.step ?? null,
          dueRuleId: due?.rule.id ?? null,
        });
        await this.appendEvent(m, caseId, "REGISTER", null, CaseStatus.RECEIVED, input.receivedOn, null, {});
      }
      const petitionId = randomUUID();
      await m.getRepository(PetitionEntity).insert({
        id: petitionId,
        caseId,
        bodyId: body!.id,
        source: input.source,
        receivedOn: input.receivedOn,
        content,
        respondent,
        isRepeat: repeatOf !== null,
        signerCount: people.length,
        anonymous,
        searchText: foldVietnamese(`${content} ${respondent ?? ""}`),
        registeredBy: this.caller.userId,
      });
      const rows = people.map((p, position) => ({
        petitionId,
        fullName: normalizeText(p.fullName),
        searchName: foldVietnamese(p.fullName),
        citizenId: p.citizenId ?? null,
        address: p.address ? normalizeText(p.address) : null,
        phone: p.phone ? normalizePhone(p.phone) : null,
        position,
      }));
      if (rows.length > 0) {
        // A denouncer's identity goes to its own confidential table, never beside the case.
        await m.getRepository(confidential ? DenouncerEntity : PetitionerEntity).insert(rows);
      }
      if (attachments.length > 0) {
        await m.getRepository(AttachmentEntity).insert(attachments.map((a) => ({ ...a, name: normalizeText(a.name), petitionId })));
      }
      return m.getRepository(PetitionEntity).findOneByOrFail({ id: petitionId });
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
    const contentTypes = [...new Set(input.contentTypes)];
    if (contentTypes.length === 0) {
      v.add("contentTypes", "at least one content type is required");
    }
    if (!input.eligible && !input.ineligibilityReason) {
      v.add("ineligibilityReason", "is required when the petition is not eligible");
    }
    if (input.eligible && input.ineligibilityReason) {
      v.add("ineligibilityReason", "must be empty for an eligible petition");
    }
    const kind = contentTypes.length ? kindOf(contentTypes) : null;
    if (kind === CaseKind.COMPLAINT) {
      if (input.instance !== 1 && input.instance !== 2) {
        v.add("instance", "a complaint is 1st (1) or 2nd (2) instance");
      }
    } else if (input.instance !== undefined && input.instance !== null) {
      v.add("instance", "only complaints have an instance");
    }
    if (input.complex && !input.complexityReason) {
      v.add("complexityReason", "a complex case records why (Law Art. 3a): several places or contents, several complainants, a foreign element, ...");
    }
    v.text("complexityReason", input.complexityReason, { max: 1000 });
    v.pastDate("on", input.on, false);
    if (input.on && input.on < current.receivedOn) {
      v.add("on", `must not be before the case was received (${current.receivedOn})`);
    }
    if (current.anonymous && kind && kind !== CaseKind.DENUNCIATION) {
      v.add("contentTypes", "an anonymous petition can only be a denunciation");
    }
    v.throwIfAny();
    const wasConfidential = current.contentTypes.includes(ContentType.DENUNCIATION);
    const confidential = contentTypes.includes(ContentType.DENUNCIATION);
    return this.change(current, CaseAction.CLASSIFY, input.on ?? this.today(), input.note ?? null, expectedVersion, async (c, m) => {
      c.kind = kind;
      c.contentTypes = contentTypes;
      c.eligible = input.eligible;
      c.ineligibilityReason = input.ineligibilityReason ?? null;
      c.withinCompetence = input.withinCompetence;
      c.field = input.field;
      c.complex = input.complex ?? false;
      c.complexityReason = input.complexityReason ?? null;
      c.remoteArea = input.remoteArea ?? false;
      c.instance = kind === CaseKind.COMPLAINT ? (input.instance ?? 1) : null;
      if (confidential !== wasConfidential) {
        await this.moveIdentities(m, c.id, confidential);
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
    v.pastDate("on", input.on, false);
    const notBefore = (date: string | null, what: string): void => {
      if (date && on < date) {
        v.add("on", `must not be before ${what} (${date})`);
      }
    };
    notBefore(current.receivedOn, "the receipt");
    notBefore(current.acceptedOn, "the acceptance");
    v.text("note", input.note, { max: 4000 });
    v.text("reason", input.reason, { max: 2000 });
    const needReason = (): void => {
      if (!input.reason) {
        v.add("reason", `is required to ${action}`);
      }
    };
    const enforcement = (): void => {
      v.amount("moneyToRecoverVnd", input.moneyToRecoverVnd, MAX_MONEY_VND);
      v.amount("moneyToReturnVnd", input.moneyToReturnVnd, MAX_MONEY_VND);
      v.amount("landToRecoverM2", input.landToRecoverM2, MAX_LAND_M2);
      v.amount("landToReturnM2", input.landToReturnM2, MAX_LAND_M2);
      v.int("peopleDisciplined", input.peopleDisciplined, 0, 100000);
      v.int("sentToInvestigation", input.sentToInvestigation, 0, 100000);
    };
    switch (action) {
      case CaseAction.ACCEPT:
        if (current.eligible !== true) {
          v.add("action", "only an eligible petition can be accepted (classify it as eligible first)");
        }
        if (current.withinCompetence !== true) {
          v.add("action", "a petition outside this body's competence is transferred, not accepted");
        }
        break;
      case CaseAction.TRANSFER:
      case CaseAction.URGE:
        if (!input.targetBodyId) {
          v.add("targetBodyId", `is required to ${action}`);
        } else if (!/^\d+\.[a-z0-9-]{1,40}$/.test(input.targetBodyId) || !levelOfCode(input.targetBodyId.split(".")[0]!)) {
          v.add("targetBodyId", `"${input.targetBodyId}" is not a reception unit id ("<unit code>.<body>", e.g. "37.ubnd")`);
        } else if (input.targetBodyId === current.bodyId) {
          v.add("targetBodyId", "must be another body");
        } else if (!this.transfers.levels.includes(levelOfCode(input.targetBodyId.split(".")[0]!)!)) {
          v.add("targetBodyId", `the ${levelOfCode(input.targetBodyId.split(".")[0]!)} level is not part of this deployment`);
        } else {
          v.levelExisted("targetBodyId", levelOfCode(input.targetBodyId.split(".")[0]!)!, on);
        }
        v.text("legalBasis", input.legalBasis, { max: 500 });
        needReason();
        break;
      case CaseAction.ARCHIVE:
      case CaseAction.REFUSE:
      case CaseAction.GUIDE:
      case CaseAction.TERMINATE:
      case CaseAction.EXTEND:
        needReason();
        if (action === CaseAction.EXTEND && !current.complex) {
          v.add("action", "only a complex denunciation may be extended (Law on Denunciations Art. 30(2)): record the complexity at classification");
        }
        if (action === CaseAction.EXTEND && current.extensions >= 2) {
          v.add("action", "a denunciation can be extended at most twice (Art. 30(2))");
        }
        break;
      case CaseAction.DECIDE:
      case CaseAction.CONCLUDE: {
        const allowed = current.kind === CaseKind.DENUNCIATION ? RESULTS_FOR.DENUNCIATION : current.instance === 2 ? RESULTS_FOR.COMPLAINT_2 : RESULTS_FOR.COMPLAINT_1;
        if (!input.result) {
          v.add("result", `is required (${allowed.join(", ")})`);
        } else if (!allowed.includes(input.result as DecisionResult)) {
          v.add("result", `must be one of ${allowed.join(", ")} for this case`);
        }
        if (action === CaseAction.DECIDE && !input.decisionNumber) {
          v.add("decisionNumber", "is required (số quyết định)");
        }
        v.text("decisionNumber", input.decisionNumber, { max: 60 });
        if (action === CaseAction.DECIDE && current.instance === 2 && !current.dialogueOn) {
          v.add("action", "a 2nd-instance complaint is decided only after a dialogue (HOLD_DIALOGUE)");
        }
        enforcement();
        break;
      }
      case CaseAction.RECORD_ENFORCEMENT:
        enforcement();
        break;
      case CaseAction.SUSPEND:
        needReason();
        if (current.kind === CaseKind.COMPLAINT && (current.acceptedOn ?? "") < SUSPENSION_FROM) {
          v.add("action", `suspension of a complaint applies to complaints accepted from ${SUSPENSION_FROM} (Law 136/2025, Art. 11a)`);
        }
        break;
      case CaseAction.RESUME: {
        const openSuspension = (await this.suspensionsByCase.load(id)).find((s) => s.toOn === null);
        if (openSuspension && on < openSuspension.fromOn) {
          v.add("on", `must not be before the suspension began (${openSuspension.fromOn})`);
        }
        break;
      }
      case CaseAction.WITHDRAW_PARTIALLY:
        needReason();
        if (current.kind === CaseKind.COMPLAINT && (current.acceptedOn ?? "") < PARTIAL_WITHDRAWAL_FROM) {
          v.add("action", `partial withdrawal applies to complaints accepted from ${PARTIAL_WITHDRAWAL_FROM} (Law 136/2025, Art. 7a)`);
        }
        break;
      case CaseAction.PUBLISH_DECISION:
        notBefore(current.decidedOn, "the decision");
        if (current.publishedOn) {
          v.add("action", `the decision was published on ${current.publishedOn}`);
        }
        break;
      default:
        break;
    }
    v.throwIfAny();

    return this.change(current, action, on, input.note ?? input.reason ?? null, expectedVersion, async (c, m) => {
      switch (action) {
        case CaseAction.ACCEPT:
          c.acceptedOn = on;
          break;
        case CaseAction.TRANSFER:
          c.targetBodyId = input.targetBodyId ?? null;
          c.decisionReason = input.reason ?? null;
          await sendCase(m, c, { level: this.level, secret: this.transfers.secret }, {
            kind: "TRANSFER",
            targetBodyId: input.targetBodyId!,
            targetLevel: levelOfCode(input.targetBodyId!.split(".")[0]!)!,
            reason: input.reason ?? "",
            legalBasis: input.legalBasis ?? null,
            on,
            firstInstance: null,
          });
          break;
        case CaseAction.URGE:
          c.targetBodyId = input.targetBodyId ?? null;
          c.decisionReason = input.reason ?? null;
          break;
        case CaseAction.ARCHIVE:
        case CaseAction.REFUSE:
        case CaseAction.GUIDE:
        case CaseAction.TERMINATE:
          c.decisionReason = input.reason ?? null;
          break;
        case CaseAction.HOLD_DIALOGUE:
          c.dialogueOn = on;
          break;
        case CaseAction.DECIDE:
        case CaseAction.CONCLUDE:
          c.result = input.result ?? null;
          c.decisionNumber = input.decisionNumber ?? null;
          c.decidedOn = on;
          this.applyEnforcement(c, input);
          break;
        case CaseAction.RECORD_ENFORCEMENT:
          this.applyEnforcement(c, input);
          break;
        case CaseAction.PUBLISH_DECISION:
          c.publishedOn = on;
          break;
        case CaseAction.EXTEND:
          c.extensions += 1;
          break;
        case CaseAction.SUSPEND:
          c.suspendedFrom = current.status;
          await m.getRepository(SuspensionEntity).insert({ caseId: c.id, fromOn: on, toOn: null, reason: input.reason ?? "" });
          break;
        case CaseAction.RESUME:
          c.suspendedFrom = null;
          await m.query(`UPDATE case_suspension SET to_on = $2 WHERE case_id = $1 AND to_on IS NULL`, [c.id, on]);
          break;
        case CaseAction.WITHDRAW:
          c.withdrawnOn = on;
          c.withdrawnAfterPersuasion = input.afterPersuasion ?? false;
          break;
        case CaseAction.WITHDRAW_PARTIALLY:
          c.partialWithdrawals += 1;
          break;
        default:
          break;
      }
    });
  }

  private applyEnforcement(c: CaseEntity, input: ActionInput): void {
    c.moneyToRecoverVnd = input.moneyToRecoverVnd ?? c.moneyToRecoverVnd;
    c.moneyToReturnVnd = input.moneyToReturnVnd ?? c.moneyToReturnVnd;
    c.landToRecoverM2 = input.landToRecoverM2 ?? c.landToRecoverM2;
    c.landToReturnM2 = input.landToReturnM2 ?? c.landToReturnM2;
    c.peopleDisciplined = input.peopleDisciplined ?? c.peopleDisciplined;
    c.sentToInvestigation = input.sentToInvestigation ?? c.sentToInvestigation;
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
    const actions = allowedActions({ kind: c.kind as CaseKind | null, status: c.status as CaseStatus, suspendedFrom: c.suspendedFrom as CaseStatus | null });
    return actions.filter(
      (a) =>
        !(a === CaseAction.PUBLISH_DECISION && c.publishedOn) &&
        a !== CaseAction.REOPEN_RETURNED &&
        !(a === CaseAction.RETURN_TO_SENDER && c.inboxState !== "PENDING") &&
        !(a === CaseAction.ESCALATE && (c.instance !== 1 || c.journey.some((h) => h.kind === "SECOND_INSTANCE" && h.fromCaseId === c.id))),
    );
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
      c.status = to;
      // Keep the deadline the resolution was due by, for the reports' on time / late figures.
      if (RESOLVING_STATUSES.has(before.status) && !RESOLVING_STATUSES.has(c.status) && c.status !== CaseStatus.SUSPENDED) {
        c.resolutionDueOn = before.dueOn;
      }
      if (c.transferredFrom && RESOLVED_STATUSES.has(c.status) && !RESOLVED_STATUSES.has(before.status)) {
        await reportUpstream(m, c, "RESOLVED", { on });
      }
      if (!this.allowed(c).length && c.closedOn === null) {
        c.closedOn = on;
      }
      const suspensions = await this.repository.suspensionsByCases([c.id], m);
      const due = runningDeadline({
        kind: c.kind as CaseKind | null,
        status: c.status as CaseStatus,
        suspendedFrom: c.suspendedFrom as CaseStatus | null,
        instance: c.instance,
        complex: c.complex,
        remoteArea: c.remoteArea,
        receivedOn: c.receivedOn,
        acceptedOn: c.acceptedOn,
        decidedOn: c.decidedOn,
        publishedOn: c.publishedOn,
        extensions: c.extensions,
        suspensions: suspensions.map((s) => ({ from: s.fromOn, to: s.toOn })),
      });
      c.dueOn = due?.dueAt ?? null;
      c.dueStep = due?.step ?? null;
      c.dueRuleId = due?.rule.id ?? null;
      c.onHold = due?.onHold ?? false;
      const changes: Record<string, [unknown, unknown]> = {};
      for (const key of Object.keys(c) as (keyof CaseEntity)[]) {
        if (key !== "version" && key !== "journey" && JSON.stringify(before[key]) !== JSON.stringify(c[key])) {
          changes[key] = [before[key], c[key]];
        }
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

  private readonly resolution = new FiguresByPeriod<ResolutionFigures>((period, codes, kind) => resolutionFigures(this.dataSource, kind, period, codes), emptyFigures);
  private readonly processing = new FiguresByPeriod<ProcessingFigures>((period, codes) => processingFigures(this.dataSource, period, codes), emptyProcessingFigures);

  /** Resolution figures (01/KQGQ, 03/KQGQ) of one unit for a period; one statement for all the units of a request. */
  resolutionFigures(unitCode: string, kind: CaseKind, periodText: string): Promise<ResolutionFigures> {
    return this.resolution.load(unitCode, periodText, kind);
  }

  /** Processing figures (01/XLD) of one unit for a period; one statement for all the units of a request. */
  processingFigures(unitCode: string, periodText: string): Promise<ProcessingFigures> {
    return this.processing.load(unitCode, periodText);
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

  /** One page of cases, filtered; Relay cursors over (received date, id). */
  async list(filter: CaseFilterInput, first: number, after?: string | null, scope: { unitCodes?: string[] } = {}): Promise<CasePage> {
    const v = new Validator(this.today());
    v.int("first", first, 1, 200);
    for (const [field, value] of [["dueBefore", filter.dueBefore], ["receivedFrom", filter.receivedFrom], ["receivedTo", filter.receivedTo]] as const) {
      if (value && !isValidDate(value)) {
        v.add(`filter.${field}`, `"${value}" is not a date (YYYY-MM-DD)`);
      }
    }
    v.citizenId("filter.citizenId", filter.citizenId);
    v.throwIfAny();
    const query: CaseQuery = {
      statuses: filter.statuses ?? undefined,
      kinds: filter.kinds ?? undefined,
      overdueOn: filter.overdue ? this.today() : undefined,
      dueBefore: filter.dueBefore ?? undefined,
      receivedFrom: filter.receivedFrom ?? undefined,
      receivedTo: filter.receivedTo ?? undefined,
      unitCodes: scope.unitCodes ?? filter.unitCodes ?? undefined,
      bodyIds: filter.bodyIds ?? undefined,
      sectors: filter.sectors ?? undefined,
      fields: filter.fields ?? undefined,
      citizenId: filter.citizenId ?? undefined,
      after: after ? decodeCursor(after) : undefined,
      limit: first + 1,
    };
    const { rows, total } = await this.repository.findCases(query);
    for (const row of rows) {
      this.caseById.prime(row.id, row);
    }
    return { rows: rows.slice(0, first), total, hasNextPage: rows.length > first };
  }

  /** Cursor of a case in a list. */
  cursorOf(c: CaseEntity): string {
    return encodeCursor(c);
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
