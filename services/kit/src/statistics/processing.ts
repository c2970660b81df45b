import type { DataSource } from "typeorm";

import { FiguresSplit, type Grouped, groupSql, zeroFigures } from "./grouping";
import type { Period } from "./periods";

/** Figures of form 01/XLD (processing of petitions) for one unit. */
export interface ProcessingFigures {
  unitCode: string;
  /** Petitions received in the period, repeats included. */
  petitionsReceived: number;
  repeatPetitions: number;
  /** Cases opened in the period (first petitions of a matter). */
  newCases: number;
  /** Cases received before the period and not yet processed when it began. */
  carriedOver: number;
  /** Cases to process: carried over and new. */
  toProcess: number;
  /** Of those, by content (kind set at classification; null when not classified yet). */
  complaints: number;
  denunciations: number;
  recommendations: number;
  unclassified: number;
  eligible: number;
  ineligible: number;
  withinCompetence: number;
  outsideCompetence: number;
  /** Processing decisions taken in the period. */
  accepted: number;
  transferred: number;
  guided: number;
  urged: number;
  archived: number;
  refused: number;
  /** To process and still without a decision at the end of the period. */
  pending: number;
}

/** Every figure of the form, in the form's order. */
export const PROCESSING_FIGURE_NAMES = [
  "petitionsReceived", "repeatPetitions", "newCases", "carriedOver", "toProcess", "complaints", "denunciations", "recommendations", "unclassified",
  "eligible", "ineligible", "withinCompetence", "outsideCompetence", "accepted", "transferred", "guided", "urged", "archived", "refused", "pending",
] as const satisfies readonly (keyof ProcessingFigures)[];

/** Zero figures for a unit without petitions. */
export function emptyProcessingFigures(unitCode: string): ProcessingFigures {
  return { unitCode, ...PROCESSING_ZERO };
}

const PROCESSING_ZERO = zeroFigures(PROCESSING_FIGURE_NAMES);

/**
 * The processing figures of several units in one SQL statement: a case's processing decision is
 * the first ACCEPT, TRANSFER, GUIDE, URGE, ARCHIVE or REFUSE of its timeline, with its effective date
 * (kept on the case by a trigger, see ReportFacts1764800000000).
 */
export async function processingFigures(
  dataSource: DataSource,
  period: Period,
  unitCodes: readonly string[],
  split: FiguresSplit = FiguresSplit.UNIT,
): Promise<Grouped<ProcessingFigures>[]> {
  const grp = groupSql(split, "k");
  return (await dataSource.query(
    `WITH c AS (
       -- The first processing decision is kept on the case (processed_on, processing_action): only the
       -- cases not yet processed when the period began are read (idx_case_report_processing).
       SELECT k.unit_code, ${grp} AS grp, k.kind, k.eligible, k.within_competence, k.received_on, k.processing_action AS action, k.processed_on AS decided_on
       FROM kntc_case k
       WHERE k.unit_code = ANY($1::varchar[]) AND k.received_on <= $3 AND (k.processed_on IS NULL OR k.processed_on >= $2)
     ),
     p AS (
       SELECT k.unit_code, ${grp} AS grp, count(*)::int AS received, count(*) FILTER (WHERE p.is_repeat)::int AS repeats
       FROM petition p JOIN kntc_case k ON k.id = p.case_id
       WHERE k.unit_code = ANY($1::varchar[]) AND p.received_on BETWEEN $2 AND $3
       GROUP BY k.unit_code, grp
     ),
     cagg AS (
       SELECT c.unit_code, c.grp,
         count(*) FILTER (WHERE c.received_on >= $2)::int AS "newCases",
         count(*) FILTER (WHERE c.received_on < $2)::int AS "carriedOver",
         count(*)::int AS "toProcess",
         count(*) FILTER (WHERE c.kind = 'COMPLAINT')::int AS "complaints",
         count(*) FILTER (WHERE c.kind = 'DENUNCIATION')::int AS "denunciations",
         count(*) FILTER (WHERE c.kind = 'RECOMMENDATION')::int AS "recommendations",
         count(*) FILTER (WHERE c.kind IS NULL)::int AS "unclassified",
         count(*) FILTER (WHERE c.eligible)::int AS "eligible",
         count(*) FILTER (WHERE c.eligible = false)::int AS "ineligible",
         count(*) FILTER (WHERE c.within_competence)::int AS "withinCompetence",
         count(*) FILTER (WHERE c.within_competence = false)::int AS "outsideCompetence",
         count(*) FILTER (WHERE c.action = 'ACCEPT' AND c.decided_on <= $3)::int AS "accepted",
         count(*) FILTER (WHERE c.action = 'TRANSFER' AND c.decided_on <= $3)::int AS "transferred",
         count(*) FILTER (WHERE c.action = 'GUIDE' AND c.decided_on <= $3)::int AS "guided",
         count(*) FILTER (WHERE c.action = 'URGE' AND c.decided_on <= $3)::int AS "urged",
         count(*) FILTER (WHERE c.action = 'ARCHIVE' AND c.decided_on <= $3)::int AS "archived",
         count(*) FILTER (WHERE c.action = 'REFUSE' AND c.decided_on <= $3)::int AS "refused",
         count(*) FILTER (WHERE c.decided_on IS NULL OR c.decided_on > $3)::int AS "pending"
       FROM c GROUP BY c.unit_code, c.grp
     )
     SELECT coalesce(cagg.unit_code, p.unit_code) AS "unitCode", coalesce(cagg.grp, p.grp) AS "group",
       coalesce(p.received, 0)::int AS "petitionsReceived",
       coalesce(p.repeats, 0)::int AS "repeatPetitions",
       coalesce(cagg."newCases", 0)::int AS "newCases",
       coalesce(cagg."carriedOver", 0)::int AS "carriedOver",
       coalesce(cagg."toProcess", 0)::int AS "toProcess",
       coalesce(cagg."complaints", 0)::int AS "complaints",
       coalesce(cagg."denunciations", 0)::int AS "denunciations",
       coalesce(cagg."recommendations", 0)::int AS "recommendations",
       coalesce(cagg."unclassified", 0)::int AS "unclassified",
       coalesce(cagg."eligible", 0)::int AS "eligible",
       coalesce(cagg."ineligible", 0)::int AS "ineligible",
       coalesce(cagg."withinCompetence", 0)::int AS "withinCompetence",
       coalesce(cagg."outsideCompetence", 0)::int AS "outsideCompetence",
       coalesce(cagg."accepted", 0)::int AS "accepted",
       coalesce(cagg."transferred", 0)::int AS "transferred",
       coalesce(cagg."guided", 0)::int AS "guided",
       coalesce(cagg."urged", 0)::int AS "urged",
       coalesce(cagg."archived", 0)::int AS "archived",
       coalesce(cagg."refused", 0)::int AS "refused",
       coalesce(cagg."pending", 0)::int AS "pending"
     FROM cagg FULL JOIN p ON p.unit_code = cagg.unit_code AND p.grp = cagg.grp`,
    [[...unitCodes], period.from, period.to],
  )) as Grouped<ProcessingFigures>[];
}
