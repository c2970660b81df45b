import type { DataSource } from "typeorm";

import { FiguresSplit, type Grouped, groupSql, zeroFigures } from "./grouping";
import type { Period } from "./periods";

/** Figures of form 01/TCD (citizen reception) and of the Party's reception report, for one unit. */
export interface ReceptionFigures {
  unitCode: string;
  /** Reception sessions held by the unit's bodies, in every mode. */
  sessions: number;
  regularSessions: number;
  periodicSessions: number;
  unscheduledSessions: number;
  /** Periodic and unscheduled sessions whose head received in person, or delegated. */
  inPersonSessions: number;
  delegatedSessions: number;
  /** Visits (lượt tiếp) and the persons received in them. */
  visits: number;
  persons: number;
  /** Visits on a matter for the first time, or again. */
  firstVisits: number;
  repeatVisits: number;
  /** Matters (cases) the visits were about. */
  cases: number;
  /** Large groups (5 persons or more) and the persons in them. */
  largeGroups: number;
  largeGroupPersons: number;
  /** Party secretaries' sessions (Directive 35-CT/TW), citizens received, of which unscheduled. */
  partySessions: number;
  partyCitizens: number;
  partyUnscheduledSessions: number;
  partyUnscheduledCitizens: number;
}

/** Every figure of the form, in the form's order. */
export const RECEPTION_FIGURE_NAMES = [
  "sessions", "regularSessions", "periodicSessions", "unscheduledSessions", "inPersonSessions", "delegatedSessions", "visits", "persons",
  "firstVisits", "repeatVisits", "cases", "largeGroups", "largeGroupPersons", "partySessions", "partyCitizens", "partyUnscheduledSessions",
  "partyUnscheduledCitizens",
] as const satisfies readonly (keyof ReceptionFigures)[];

/** Zero figures for a unit without sessions. */
export function emptyReceptionFigures(unitCode: string): ReceptionFigures {
  return { unitCode, ...RECEPTION_ZERO };
}

const RECEPTION_ZERO = zeroFigures(RECEPTION_FIGURE_NAMES);

/** The reception figures of several units in one SQL statement (grouped by unit), from the session and visit rows. */
export async function receptionFigures(
  dataSource: DataSource,
  period: Period,
  unitCodes: readonly string[],
  split: FiguresSplit.UNIT | FiguresSplit.BODY_GROUP = FiguresSplit.UNIT,
): Promise<Grouped<ReceptionFigures>[]> {
  return (await dataSource.query(
    `WITH s AS (
       SELECT s.id, s.unit_code, ${groupSql(split, "s")} AS grp, s.mode, s.host,
              count(v.id)::int AS visits, coalesce(sum(v.persons), 0)::int AS persons,
              count(v.id) FILTER (WHERE NOT v.repeat_visit)::int AS first_visits,
              count(v.id) FILTER (WHERE v.repeat_visit)::int AS repeat_visits,
              count(v.id) FILTER (WHERE v.large_group)::int AS large_groups,
              coalesce(sum(v.persons) FILTER (WHERE v.large_group), 0)::int AS large_group_persons,
              array_remove(array_agg(DISTINCT v.case_id), NULL) AS case_ids
       FROM reception_session s LEFT JOIN reception_visit v ON v.session_id = s.id
       WHERE s.unit_code = ANY($1::varchar[]) AND s.date BETWEEN $2 AND $3
       GROUP BY s.id
     ),
     -- Distinct matters per unit and group, apart: a correlated count per group was quadratic in the sessions.
     m AS (
       SELECT s.unit_code, s.grp, count(DISTINCT c)::int AS cases FROM s, unnest(s.case_ids) c GROUP BY s.unit_code, s.grp
     )
     SELECT s.unit_code AS "unitCode", s.grp AS "group",
       count(*)::int AS "sessions",
       count(*) FILTER (WHERE mode = 'REGULAR')::int AS "regularSessions",
       count(*) FILTER (WHERE mode = 'PERIODIC')::int AS "periodicSessions",
       count(*) FILTER (WHERE mode = 'UNSCHEDULED')::int AS "unscheduledSessions",
       count(*) FILTER (WHERE host = 'IN_PERSON')::int AS "inPersonSessions",
       count(*) FILTER (WHERE host = 'DELEGATED')::int AS "delegatedSessions",
       sum(visits)::int AS "visits",
       sum(persons)::int AS "persons",
       sum(first_visits)::int AS "firstVisits",
       sum(repeat_visits)::int AS "repeatVisits",
       coalesce(min(m.cases), 0)::int AS "cases",
       sum(large_groups)::int AS "largeGroups",
       sum(large_group_persons)::int AS "largeGroupPersons",
       count(*) FILTER (WHERE host = 'PARTY_SECRETARY')::int AS "partySessions",
       coalesce(sum(persons) FILTER (WHERE host = 'PARTY_SECRETARY'), 0)::int AS "partyCitizens",
       count(*) FILTER (WHERE host = 'PARTY_SECRETARY' AND mode = 'UNSCHEDULED')::int AS "partyUnscheduledSessions",
       coalesce(sum(persons) FILTER (WHERE host = 'PARTY_SECRETARY' AND mode = 'UNSCHEDULED'), 0)::int AS "partyUnscheduledCitizens"
     FROM s LEFT JOIN m ON m.unit_code = s.unit_code AND m.grp = s.grp
     GROUP BY s.unit_code, s.grp`,
    [[...unitCodes], period.from, period.to],
  )) as Grouped<ReceptionFigures>[];
}
