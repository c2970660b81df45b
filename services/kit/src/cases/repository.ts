import { type DataSource, type EntityManager, In, type SelectQueryBuilder } from "typeorm";

import type { Level } from "../config";
import { escapeLike } from "../text";
import type { SentHopCount } from "../transfers/flows";
import {
  AttachmentEntity,
  CaseEntity,
  CaseEventEntity,
  DenouncerEntity,
  PetitionEntity,
  PetitionerEntity,
  SuspensionEntity,
} from "./entities";
import { type CaseOrder, type CursorKey, keysetAfter, orderTerms } from "./order";

/** Filter of a case list; every field narrows the list. */
export interface CaseQuery {
  statuses?: string[];
  kinds?: string[];
  overdueOn?: string;
  dueBefore?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Accepted (thụ lý) in these dates: the forms' newlyAccepted. */
  acceptedFrom?: string;
  acceptedTo?: string;
  /** Accepted and resolved in these dates: the forms' resolved. */
  resolvedFrom?: string;
  resolvedTo?: string;
  /** Only cases withdrawn after persuasion (false or absent: not filtered). */
  withdrawnAfterPersuasion?: boolean;
  unitCodes?: string[];
  bodyIds?: string[];
  sectors?: string[];
  fields?: string[];
  citizenId?: string;
}

/** One page of a case list: its filter, its order, where it starts and how many cases. */
export interface CasePageQuery extends CaseQuery {
  order: CaseOrder;
  /** Cursor: cases strictly after this key in the order. */
  after?: CursorKey;
  limit: number;
}

/** Reads and writes cases, petitions and their parts. Every method is one SQL statement (a page of cases: two, the page and its total). */
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  casesByIds(ids: readonly string[]): Promise<CaseEntity[]> {
    return this.dataSource.getRepository(CaseEntity).find({ where: { id: In([...ids]) } });
  }

  petitionsByCases(caseIds: readonly string[]): Promise<PetitionEntity[]> {
    return this.dataSource.getRepository(PetitionEntity).find({ where: { caseId: In([...caseIds]) }, order: { receivedOn: "ASC", createdAt: "ASC" } });
  }

  petitionsByIds(ids: readonly string[]): Promise<PetitionEntity[]> {
    return this.dataSource.getRepository(PetitionEntity).find({ where: { id: In([...ids]) } });
  }

  petitionersByPetitions(petitionIds: readonly string[]): Promise<PetitionerEntity[]> {
    return this.dataSource.getRepository(PetitionerEntity).find({ where: { petitionId: In([...petitionIds]) }, order: { position: "ASC" } });
  }

  denouncersByPetitions(petitionIds: readonly string[]): Promise<DenouncerEntity[]> {
    return this.dataSource.getRepository(DenouncerEntity).find({ where: { petitionId: In([...petitionIds]) }, order: { position: "ASC" } });
  }

  attachmentsByPetitions(petitionIds: readonly string[]): Promise<AttachmentEntity[]> {
    return this.dataSource.getRepository(AttachmentEntity).find({ where: { petitionId: In([...petitionIds]) }, order: { name: "ASC" } });
  }

  eventsByCases(caseIds: readonly string[]): Promise<CaseEventEntity[]> {
    return this.dataSource.getRepository(CaseEventEntity).find({ where: { caseId: In([...caseIds]) }, order: { id: "ASC" } });
  }

  suspensionsByCases(caseIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<SuspensionEntity[]> {
    return manager.getRepository(SuspensionEntity).find({ where: { caseId: In([...caseIds]) }, order: { fromOn: "ASC" } });
  }

  /** Cases waiting in an inbox, oldest first. */
  incoming(bodyId: string | null, limit: number): Promise<CaseEntity[]> {
    const qb = this.dataSource.getRepository(CaseEntity).createQueryBuilder("c").where("c.inbox_state = 'PENDING'");
    if (bodyId) {
      qb.andWhere("c.body_id = :bodyId", { bodyId });
    }
    return qb.orderBy("c.received_on", "ASC").addOrderBy("c.id", "ASC").limit(limit).getMany();
  }

  /** Outbox messages of cases, oldest first. */
  outboxByCases(caseIds: readonly string[]): Promise<{ id: string; case_id: string; status: string; attempts: number; last_error: string | null; created_at: Date; delivered_at: Date | null }[]> {
    return this.dataSource.query(
      `SELECT id, case_id, status, attempts, last_error, created_at, delivered_at FROM outbox_message WHERE case_id = ANY($1::uuid[]) AND kind = 'TRANSFER' ORDER BY created_at`,
      [[...caseIds]],
    );
  }

  /** Cases matching a filter, as a query to finish (page, count, group). The one place filters become SQL. */
  private filtered(query: CaseQuery): SelectQueryBuilder<CaseEntity> {
    const qb = this.dataSource.getRepository(CaseEntity).createQueryBuilder("c");
    if (query.statuses?.length) {
      qb.andWhere("c.status IN (:...statuses)", { statuses: query.statuses });
    }
    if (query.kinds?.length) {
      qb.andWhere("c.kind IN (:...kinds)", { kinds: query.kinds });
    }
    if (query.overdueOn) {
      qb.andWhere("c.due_on < :today AND NOT c.on_hold", { today: query.overdueOn });
    }
    if (query.dueBefore) {
      qb.andWhere("c.due_on < :dueBefore", { dueBefore: query.dueBefore });
    }
    if (query.receivedFrom) {
      qb.andWhere("c.received_on >= :from", { from: query.receivedFrom });
    }
    if (query.receivedTo) {
      qb.andWhere("c.received_on <= :to", { to: query.receivedTo });
    }
    // The resolution forms' own conditions (statistics/resolution.ts, the report counters), written
    // the same way so that a list's totalCount is the figure: newlyAccepted is accepted_on in the
    // period; resolved is resolved_on (the generated column) in the period, of an accepted case.
    if (query.acceptedFrom) {
      qb.andWhere("c.accepted_on >= :acceptedFrom", { acceptedFrom: query.acceptedFrom });
    }
    if (query.acceptedTo) {
      qb.andWhere("c.accepted_on <= :acceptedTo", { acceptedTo: query.acceptedTo });
    }
    if (query.resolvedFrom || query.resolvedTo) {
      qb.andWhere("c.accepted_on IS NOT NULL");
    }
    if (query.resolvedFrom) {
      qb.andWhere("c.resolved_on >= :resolvedFrom", { resolvedFrom: query.resolvedFrom });
    }
    if (query.resolvedTo) {
      qb.andWhere("c.resolved_on <= :resolvedTo", { resolvedTo: query.resolvedTo });
    }
    if (query.withdrawnAfterPersuasion) {
      qb.andWhere("c.status = 'WITHDRAWN' AND c.withdrawn_after_persuasion");
    }
    if (query.unitCodes?.length) {
      qb.andWhere("c.unit_code IN (:...units)", { units: query.unitCodes });
    }
    if (query.bodyIds?.length) {
      qb.andWhere("c.body_id IN (:...bodies)", { bodies: query.bodyIds });
    }
    if (query.sectors?.length) {
      qb.andWhere("c.sector IN (:...sectors)", { sectors: query.sectors });
    }
    if (query.fields?.length) {
      qb.andWhere("c.field IN (:...fields)", { fields: query.fields });
    }
    if (query.citizenId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM petition p JOIN petitioner x ON x.petition_id = p.id WHERE p.case_id = c.id AND x.citizen_id = :citizenId)`,
        { citizenId: query.citizenId },
      );
    }
    return qb;
  }

  /** One page of cases in the asked order (keyset after the cursor) and the total matching the filter. */
  async findCases(query: CasePageQuery): Promise<{ rows: CaseEntity[]; total: number }> {
    const qb = this.filtered(query);
    const total = await qb.clone().getCount();
    if (query.after) {
      const after = keysetAfter(query.after);
      qb.andWhere(after.where, after.params);
    }
    for (const term of orderTerms(query.order)) {
      qb.addOrderBy(term.sql, term.direction);
    }
    const rows = await qb.limit(query.limit).getMany();
    return { rows, total };
  }

  /** Cases matching a filter, counted by status and kind: one grouped statement. */
  async countByStatus(query: CaseQuery): Promise<{ status: string; kind: string | null; count: number }[]> {
    const rows: { status: string; kind: string | null; count: string }[] = await this.filtered(query)
      .select("c.status", "status")
      .addSelect("c.kind", "kind")
      .addSelect("count(*)", "count")
      .groupBy("c.status")
      .addGroupBy("c.kind")
      .orderBy("c.status", "ASC")
      .addOrderBy("c.kind", "ASC", "NULLS FIRST")
      .getRawMany();
    return rows.map((r) => ({ status: r.status, kind: r.kind, count: Number(r.count) }));
  }

  /**
   * Hops sent by this level's cases (`fromCaseId` is the case itself: a journey also holds the hops
   * before and after it) with `sentOn` in a period, optionally from some units, grouped by target
   * and counted by latest state. Read from the journeys, the sender's lasting record of each hop
   * (outbox rows may one day be purged); the partial index keeps it to cases that have one.
   */
  async countSentHops(period: { from: string; to: string }, unitCodes: readonly string[] | null): Promise<SentHopCount[]> {
    const units = unitCodes ? `AND c.unit_code = ANY($3::varchar[])` : "";
    const rows: Record<string, string>[] = await this.dataSource.query(
      `SELECT h->>'toLevel' AS to_level, split_part(h->>'toBodyId', '.', 2) AS to_slug, h->>'kind' AS kind,
              count(*) AS count,
              count(*) FILTER (WHERE h->>'status' = 'IN_TRANSIT') AS in_transit,
              count(*) FILTER (WHERE h->>'status' = 'DELIVERED') AS delivered,
              count(*) FILTER (WHERE h->>'status' = 'ACCEPTED') AS accepted,
              count(*) FILTER (WHERE h->>'status' = 'RETURNED') AS returned,
              count(*) FILTER (WHERE h->>'status' = 'RESOLVED') AS resolved
       FROM kntc_case c CROSS JOIN LATERAL jsonb_array_elements(c.journey) AS h
       WHERE jsonb_array_length(c.journey) > 0
         AND h->>'fromCaseId' = c.id::text
         AND h->>'sentOn' BETWEEN $1 AND $2 ${units}
       GROUP BY 1, 2, 3
       ORDER BY 1, 2, 3`,
      unitCodes ? [period.from, period.to, [...unitCodes]] : [period.from, period.to],
    );
    return rows.map((r) => ({
      toLevel: r.to_level as Level,
      toBodySlug: r.to_slug ?? "",
      kind: r.kind as SentHopCount["kind"],
      count: Number(r.count),
      inTransit: Number(r.in_transit),
      delivered: Number(r.delivered),
      accepted: Number(r.accepted),
      returned: Number(r.returned),
      resolved: Number(r.resolved),
    }));
  }

  /**
   * Cases that may be the same matter: the same citizen ID among their petitioners, or a similar
   * respondent or content (trigram similarity on folded text). Best first.
   */
  async findMatches(input: { citizenIds: string[]; respondent: string; content: string; limit: number }): Promise<{ caseId: string; sameCitizen: boolean; respondentSimilarity: number; contentSimilarity: number }[]> {
    const rows: { case_id: string; same_citizen: boolean; respondent_similarity: number; content_similarity: number }[] = await this.dataSource.query(
      `WITH by_citizen AS (
         SELECT DISTINCT p.case_id FROM petition p JOIN petitioner x ON x.petition_id = p.id WHERE x.citizen_id = ANY($1::varchar[])
         UNION
         SELECT DISTINCT p.case_id FROM petition p JOIN denouncer_identity x ON x.petition_id = p.id WHERE x.citizen_id = ANY($1::varchar[])
       )
       SELECT * FROM (
         SELECT c.id AS case_id,
                (c.id IN (SELECT case_id FROM by_citizen)) AS same_citizen,
                CASE WHEN $2 = '' OR c.respondent IS NULL THEN 0 ELSE similarity(c.respondent_search, $2) END AS respondent_similarity,
                CASE WHEN $3 = '' THEN 0 ELSE similarity(c.search_text, $3) END AS content_similarity
         FROM kntc_case c
         WHERE c.id IN (SELECT case_id FROM by_citizen)
            OR ($3 <> '' AND c.search_text % $3)
            OR ($2 <> '' AND c.respondent IS NOT NULL AND similarity(c.respondent_search, $2) > 0.4)
       ) m
       ORDER BY same_citizen DESC, content_similarity + respondent_similarity DESC
       LIMIT $4`,
      [input.citizenIds, input.respondent, input.content, input.limit],
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      sameCitizen: r.same_citizen,
      respondentSimilarity: Number(r.respondent_similarity),
      contentSimilarity: Number(r.content_similarity),
    }));
  }

  /** Petitions whose petitioners' names (not denouncers': confidential) or content match all words. */
  searchPetitions(words: string[], limit: number): Promise<PetitionEntity[]> {
    const qb = this.dataSource.getRepository(PetitionEntity).createQueryBuilder("p");
    words.forEach((word, i) => {
      qb.andWhere(
        `(p.search_text LIKE :w${i} ESCAPE '\\' OR EXISTS (SELECT 1 FROM petitioner x WHERE x.petition_id = p.id AND x.search_name LIKE :w${i} ESCAPE '\\'))`,
        { [`w${i}`]: `%${escapeLike(word)}%` },
      );
    });
    return qb.orderBy("p.received_on", "DESC").addOrderBy("p.id", "DESC").limit(limit).getMany();
  }

  /** Petitioners (not denouncers) whose names contain all words, with their petitions. */
  searchPetitioners(words: string[], limit: number): Promise<PetitionerEntity[]> {
    const qb = this.dataSource.getRepository(PetitionerEntity).createQueryBuilder("x");
    words.forEach((word, i) => {
      qb.andWhere(`x.search_name LIKE :w${i} ESCAPE '\\'`, { [`w${i}`]: `%${escapeLike(word)}%` });
    });
    return qb.orderBy("x.search_name", "ASC").addOrderBy("x.id", "ASC").limit(limit).getMany();
  }
}
