import type { DataSource } from "typeorm";

import { FiguresSplit, type Grouped, groupSql, zeroFigures } from "./grouping";
import type { Period } from "./periods";

/** Figures of the resolution forms (01/KQGQ complaints, 03/KQGQ denunciations) for one unit. */
export interface ResolutionFigures {
  unitCode: string;
  /** Accepted before the period and not resolved before it. */
  carriedOver: number;
  /** Accepted (thụ lý) during the period. */
  newlyAccepted: number;
  /** carriedOver + newlyAccepted: the cases within competence to resolve. */
  toResolve: number;
  /** Resolved during the period, by decision or conclusion, withdrawal or termination. */
  resolved: number;
  resolvedByDecision: number;
  withdrawn: number;
  withdrawnAfterPersuasion: number;
  terminated: number;
  right: number;
  wrong: number;
  partlyRight: number;
  upheld: number;
  annulledOrAmended: number;
  /** Decided or concluded by the resolution deadline (suspensions and extensions counted). */
  onTime: number;
  late: number;
  /** Still unresolved at the end of the period. */
  unresolved: number;
  /** Unresolved at the end of the period and already past their deadline then. */
  overdueAtEnd: number;
  moneyToRecoverVnd: number;
  moneyToReturnVnd: number;
  landToRecoverM2: number;
  landToReturnM2: number;
  peopleDisciplined: number;
  sentToInvestigation: number;
}

const INT_FIELDS = [
  "carriedOver", "newlyAccepted", "resolved", "resolvedByDecision", "withdrawn", "withdrawnAfterPersuasion", "terminated",
  "right", "wrong", "partlyRight", "upheld", "annulledOrAmended", "onTime", "late", "unresolved", "overdueAtEnd",
  "peopleDisciplined", "sentToInvestigation",
] as const;
const AMOUNT_FIELDS = ["moneyToRecoverVnd", "moneyToReturnVnd", "landToRecoverM2", "landToReturnM2"] as const;

/** Every counted figure of the resolution forms (the rates are derived from them). */
export const RESOLUTION_FIGURE_NAMES: readonly (keyof ResolutionFigures)[] = [...INT_FIELDS, "toResolve", ...AMOUNT_FIELDS];

/** Zero figures for a unit without cases. */
export function emptyFigures(unitCode: string): ResolutionFigures {
  return { unitCode, ...RESOLUTION_ZERO };
}

const RESOLUTION_ZERO = zeroFigures(RESOLUTION_FIGURE_NAMES as readonly Exclude<keyof ResolutionFigures, "unitCode">[]);

/**
 * The resolution figures of several units in one SQL statement (an aggregate over the case rows,
 * grouped by unit): every figure comes from the records, none from a stored total.
 */
export async function resolutionFigures(
  dataSource: DataSource,
  kind: string,
  period: Period,
  unitCodes: readonly string[],
  split: FiguresSplit = FiguresSplit.UNIT,
): Promise<Grouped<ResolutionFigures>[]> {
  const rows = (await dataSource.query(
    `WITH c AS (
       SELECT unit_code, ${groupSql(split, "kntc_case")} AS grp, status, result, accepted_on, decided_on, withdrawn_on, withdrawn_after_persuasion,
              coalesce(resolution_due_on, due_on) AS resolution_due,
              resolution_due_on, resolved_on,
              money_to_recover_vnd, money_to_return_vnd, land_to_recover_m2, land_to_return_m2, people_disciplined, sent_to_investigation
       FROM kntc_case
       -- Only the cases that overlap the period (idx_case_report_resolution): resolved in or after it, or not yet.
       WHERE unit_code = ANY($1::varchar[]) AND kind = $2 AND accepted_on IS NOT NULL AND accepted_on <= $4
         AND (resolved_on IS NULL OR resolved_on >= $3)
     )
     SELECT unit_code AS "unitCode", grp AS "group",
       count(*) FILTER (WHERE accepted_on < $3 AND (resolved_on IS NULL OR resolved_on >= $3))::int AS "carriedOver",
       count(*) FILTER (WHERE accepted_on >= $3)::int AS "newlyAccepted",
       count(*) FILTER (WHERE resolved_on BETWEEN $3 AND $4)::int AS "resolved",
       count(*) FILTER (WHERE status IN ('DECIDED', 'CONCLUDED', 'RESOLVED') AND resolved_on BETWEEN $3 AND $4)::int AS "resolvedByDecision",
       count(*) FILTER (WHERE status = 'WITHDRAWN' AND resolved_on BETWEEN $3 AND $4)::int AS "withdrawn",
       count(*) FILTER (WHERE status = 'WITHDRAWN' AND withdrawn_after_persuasion AND resolved_on BETWEEN $3 AND $4)::int AS "withdrawnAfterPersuasion",
       count(*) FILTER (WHERE status = 'TERMINATED' AND resolved_on BETWEEN $3 AND $4)::int AS "terminated",
       count(*) FILTER (WHERE result = 'RIGHT' AND resolved_on BETWEEN $3 AND $4)::int AS "right",
       count(*) FILTER (WHERE result = 'WRONG' AND resolved_on BETWEEN $3 AND $4)::int AS "wrong",
       count(*) FILTER (WHERE result = 'PARTLY_RIGHT' AND resolved_on BETWEEN $3 AND $4)::int AS "partlyRight",
       count(*) FILTER (WHERE result = 'UPHELD' AND resolved_on BETWEEN $3 AND $4)::int AS "upheld",
       count(*) FILTER (WHERE result = 'ANNULLED_OR_AMENDED' AND resolved_on BETWEEN $3 AND $4)::int AS "annulledOrAmended",
       count(*) FILTER (WHERE status IN ('DECIDED', 'CONCLUDED', 'RESOLVED') AND resolved_on BETWEEN $3 AND $4 AND (resolution_due_on IS NULL OR resolved_on <= resolution_due_on))::int AS "onTime",
       count(*) FILTER (WHERE status IN ('DECIDED', 'CONCLUDED', 'RESOLVED') AND resolved_on BETWEEN $3 AND $4 AND resolved_on > resolution_due_on)::int AS "late",
       count(*) FILTER (WHERE resolved_on IS NULL OR resolved_on > $4)::int AS "unresolved",
       count(*) FILTER (WHERE (resolved_on IS NULL OR resolved_on > $4) AND resolution_due < $4)::int AS "overdueAtEnd",
       coalesce(sum(money_to_recover_vnd) FILTER (WHERE resolved_on BETWEEN $3 AND $4), 0)::float8 AS "moneyToRecoverVnd",
       coalesce(sum(money_to_return_vnd) FILTER (WHERE resolved_on BETWEEN $3 AND $4), 0)::float8 AS "moneyToReturnVnd",
       coalesce(sum(land_to_recover_m2) FILTER (WHERE resolved_on BETWEEN $3 AND $4), 0)::float8 AS "landToRecoverM2",
       coalesce(sum(land_to_return_m2) FILTER (WHERE resolved_on BETWEEN $3 AND $4), 0)::float8 AS "landToReturnM2",
       coalesce(sum(people_disciplined) FILTER (WHERE resolved_on BETWEEN $3 AND $4), 0)::int AS "peopleDisciplined",
       coalesce(sum(sent_to_investigation) FILTER (WHERE resolved_on BETWEEN $3 AND $4), 0)::int AS "sentToInvestigation"
     FROM c
     GROUP BY unit_code, grp`,
    [[...unitCodes], kind, period.from, period.to],
  )) as Omit<Grouped<ResolutionFigures>, "toResolve">[];
  return rows.map((r) => ({ ...r, toResolve: r.carriedOver + r.newlyAccepted }));
}
