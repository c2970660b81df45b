import type { MigrationInterface, QueryRunner } from "typeorm";

import { FiguresSplit, groupSql } from "./grouping";

/**
 * One counted fact of the report counters: the column it adds to, the date it is counted on (the
 * month and the year of that date get it), and what it adds (1 for a count). A fact whose date is
 * NULL does not apply to the row. `row` is the record's alias (`k` a case, `p` a petition with its
 * case `k`, `s` a session, `v` a visit with its session `s`).
 */
interface Fact {
  column: string;
  on: string;
  value?: string;
}

const RESOLVED_KINDS = [
  ["c", "COMPLAINT"],
  ["d", "DENUNCIATION"],
] as const;

const DECIDED = `k.status IN ('DECIDED', 'CONCLUDED', 'RESOLVED')`;

/** Facts of a case row: resolution (per resolved kind) and processing. */
function caseFacts(): Fact[] {
  const facts: Fact[] = [];
  for (const [x, kind] of RESOLVED_KINDS) {
    const accepted = `k.kind = '${kind}' AND k.accepted_on IS NOT NULL`;
    const resolvedWhen = (condition = "true"): string => `CASE WHEN ${accepted} AND (${condition}) THEN k.resolved_on END`;
    // The day a case starts counting as overdue: the day after its deadline, once accepted.
    const overdueFrom = `greatest(coalesce(k.resolution_due_on, k.due_on) + 1, k.accepted_on)`;
    const becomesOverdue = `${accepted} AND coalesce(k.resolution_due_on, k.due_on) IS NOT NULL AND (k.resolved_on IS NULL OR k.resolved_on > ${overdueFrom})`;
    facts.push(
      { column: `${x}_accepted`, on: `CASE WHEN ${accepted} THEN k.accepted_on END` },
      { column: `${x}_resolved`, on: resolvedWhen() },
      { column: `${x}_by_decision`, on: resolvedWhen(DECIDED) },
      { column: `${x}_withdrawn`, on: resolvedWhen(`k.status = 'WITHDRAWN'`) },
      { column: `${x}_withdrawn_persuasion`, on: resolvedWhen(`k.status = 'WITHDRAWN' AND k.withdrawn_after_persuasion`) },
      { column: `${x}_terminated`, on: resolvedWhen(`k.status = 'TERMINATED'`) },
      { column: `${x}_right`, on: resolvedWhen(`k.result = 'RIGHT'`) },
      { column: `${x}_wrong`, on: resolvedWhen(`k.result = 'WRONG'`) },
      { column: `${x}_partly_right`, on: resolvedWhen(`k.result = 'PARTLY_RIGHT'`) },
      { column: `${x}_upheld`, on: resolvedWhen(`k.result = 'UPHELD'`) },
      { column: `${x}_annulled`, on: resolvedWhen(`k.result = 'ANNULLED_OR_AMENDED'`) },
      { column: `${x}_on_time`, on: resolvedWhen(`${DECIDED} AND (k.resolution_due_on IS NULL OR k.resolved_on <= k.resolution_due_on)`) },
      { column: `${x}_late`, on: resolvedWhen(`${DECIDED} AND k.resolved_on > k.resolution_due_on`) },
      // Overdue is a state: +1 the day it starts, -1 the day it is resolved; summed up to a date it is the state then.
      { column: `${x}_overdue`, on: `CASE WHEN ${becomesOverdue} THEN ${overdueFrom} END` },
      { column: `${x}_overdue`, on: `CASE WHEN ${becomesOverdue} THEN k.resolved_on END`, value: "-1" },
      { column: `${x}_money_recover`, on: resolvedWhen(), value: "k.money_to_recover_vnd" },
      { column: `${x}_money_return`, on: resolvedWhen(), value: "k.money_to_return_vnd" },
      { column: `${x}_land_recover`, on: resolvedWhen(), value: "k.land_to_recover_m2" },
      { column: `${x}_land_return`, on: resolvedWhen(), value: "k.land_to_return_m2" },
      { column: `${x}_disciplined`, on: resolvedWhen(), value: "k.people_disciplined" },
      { column: `${x}_investigation`, on: resolvedWhen(), value: "k.sent_to_investigation" },
    );
  }
  // Processing (01/XLD): received and processed, each with the case's kind and assessment, so that
  // the cases to process at any date are those received by then minus those processed before.
  for (const [prefix, on] of [
    ["recv", "k.received_on"],
    ["proc", "k.processed_on"],
  ] as const) {
    facts.push(
      { column: prefix, on },
      { column: `${prefix}_complaint`, on: `CASE WHEN k.kind = 'COMPLAINT' THEN ${on} END` },
      { column: `${prefix}_denunciation`, on: `CASE WHEN k.kind = 'DENUNCIATION' THEN ${on} END` },
      { column: `${prefix}_recommendation`, on: `CASE WHEN k.kind = 'RECOMMENDATION' THEN ${on} END` },
      { column: `${prefix}_unclassified`, on: `CASE WHEN k.kind IS NULL THEN ${on} END` },
      { column: `${prefix}_eligible`, on: `CASE WHEN k.eligible THEN ${on} END` },
      { column: `${prefix}_ineligible`, on: `CASE WHEN k.eligible = false THEN ${on} END` },
      { column: `${prefix}_within`, on: `CASE WHEN k.within_competence THEN ${on} END` },
      { column: `${prefix}_outside`, on: `CASE WHEN k.within_competence = false THEN ${on} END` },
    );
  }
  for (const action of ["ACCEPT", "TRANSFER", "GUIDE", "URGE", "ARCHIVE", "REFUSE"]) {
    facts.push({ column: `proc_${action.toLowerCase()}`, on: `CASE WHEN k.processing_action = '${action}' THEN k.processed_on END` });
  }
  return facts;
}

const PETITION_FACTS: Fact[] = [
  { column: "petitions", on: "p.received_on" },
  { column: "repeat_petitions", on: "CASE WHEN p.is_repeat THEN p.received_on END" },
];

const SESSION_FACTS: Fact[] = [
  { column: "sessions", on: "s.date" },
  { column: "regular_sessions", on: "CASE WHEN s.mode = 'REGULAR' THEN s.date END" },
  { column: "periodic_sessions", on: "CASE WHEN s.mode = 'PERIODIC' THEN s.date END" },
  { column: "unscheduled_sessions", on: "CASE WHEN s.mode = 'UNSCHEDULED' THEN s.date END" },
  { column: "in_person_sessions", on: "CASE WHEN s.host = 'IN_PERSON' THEN s.date END" },
  { column: "delegated_sessions", on: "CASE WHEN s.host = 'DELEGATED' THEN s.date END" },
  { column: "party_sessions", on: "CASE WHEN s.host = 'PARTY_SECRETARY' THEN s.date END" },
  { column: "party_unscheduled_sessions", on: "CASE WHEN s.host = 'PARTY_SECRETARY' AND s.mode = 'UNSCHEDULED' THEN s.date END" },
];

const VISIT_FACTS: Fact[] = [
  { column: "visits", on: "s.date" },
  { column: "persons", on: "s.date", value: "v.persons" },
  { column: "first_visits", on: "CASE WHEN NOT v.repeat_visit THEN s.date END" },
  { column: "repeat_visits", on: "CASE WHEN v.repeat_visit THEN s.date END" },
  { column: "large_groups", on: "CASE WHEN v.large_group THEN s.date END" },
  { column: "large_group_persons", on: "CASE WHEN v.large_group THEN s.date END", value: "v.persons" },
  { column: "party_citizens", on: "CASE WHEN s.host = 'PARTY_SECRETARY' THEN s.date END", value: "v.persons" },
  { column: "party_unscheduled_citizens", on: "CASE WHEN s.host = 'PARTY_SECRETARY' AND s.mode = 'UNSCHEDULED' THEN s.date END", value: "v.persons" },
];

const AMOUNT_COLUMNS = new Set(["c_money_recover", "c_money_return", "c_land_recover", "c_land_return", "d_money_recover", "d_money_return", "d_land_recover", "d_land_return"]);

const CASE_FACTS = caseFacts();

/** Every column of `report_counter`, as created by ReportCounters1764900000000. */
export const COUNTER_COLUMNS: readonly string[] = [...new Set([...CASE_FACTS, ...PETITION_FACTS, ...SESSION_FACTS, ...VISIT_FACTS].map((f) => f.column))];

/** `SELECT unit_code, grp, day, column, n` of every fact of the rows of `from` (a FROM clause binding the aliases). */
function factsSql(facts: readonly Fact[], unit: string, body: string, from: string, sign: string): string {
  const values = facts.map((f) => `(${f.on}, '${f.column}', (${f.value ?? "1"})::float8)`).join(",\n          ");
  return `SELECT ${unit} AS unit_code, report_body_group(${body}) AS grp, f.day, f.metric, ${sign} * f.n AS n
        FROM ${from}
        CROSS JOIN LATERAL (VALUES
          ${values}) f(day, metric, n)
        WHERE f.day IS NOT NULL AND f.n <> 0`;
}

/** The facts of each kind of record, from a FROM clause over its rows (a table or a transition table). */
const FACTS = {
  kase: (rows: string, sign: string) => factsSql(CASE_FACTS, "k.unit_code", "k.body_id", `${rows} k`, sign),
  petition: (rows: string, sign: string) => factsSql(PETITION_FACTS, "k.unit_code", "k.body_id", `${rows} p JOIN kntc_case k ON k.id = p.case_id`, sign),
  // A case's petitions count at the case's unit and body: they move with the case when those change.
  petitionsOfMovedCases: (cases: string, other: string, sign: string) =>
    factsSql(PETITION_FACTS, "k.unit_code", "k.body_id", `${cases} k JOIN ${other} o ON o.id = k.id AND (o.unit_code, o.body_id) IS DISTINCT FROM (k.unit_code, k.body_id) JOIN petition p ON p.case_id = k.id`, sign),
  session: (rows: string, sign: string) => factsSql(SESSION_FACTS, "s.unit_code", "s.body_id", `${rows} s`, sign),
  visit: (rows: string, sign: string) => factsSql(VISIT_FACTS, "s.unit_code", "s.body_id", `${rows} v JOIN reception_session s ON s.id = v.session_id`, sign),
  visitsOfSessions: (sessions: string, sign: string) => factsSql(VISIT_FACTS, "s.unit_code", "s.body_id", `${sessions} s JOIN reception_visit v ON v.session_id = s.id`, sign),
};

/** An aggregate for every counter column, zero when empty, cast to the column's type. */
const sumsOf = (aggregate: (column: string) => string): string =>
  COUNTER_COLUMNS.map((c) => `coalesce(${aggregate(c)}, 0)${AMOUNT_COLUMNS.has(c) ? "" : "::int"}`).join(",\n        ");

/** Adds counter rows (a SELECT of the table's columns, grouped by key) to `report_counter`, in key order. */
const upsertSql = (rows: string): string =>
  `INSERT INTO report_counter AS r (unit_code, grp, months, period_start, ${COUNTER_COLUMNS.join(", ")})
      ${rows}
      ON CONFLICT (unit_code, grp, months, period_start) DO UPDATE SET ${COUNTER_COLUMNS.map((c) => `${c} = r.${c} + excluded.${c}`).join(", ")}`;

/**
 * The counter rows of facts (`unit_code, grp, day, metric, n`): each fact on its month's and its
 * year's row; facts that cancel out (an update that changed nothing counted) make no row.
 */
function factRowsSql(facts: string): string {
  return `SELECT x.unit_code, x.grp, x.months, x.period_start,
        ${sumsOf((c) => `sum(x.n) FILTER (WHERE x.metric = '${c}')`)}
      FROM (
        SELECT f.unit_code, f.grp, g.months, date_trunc(CASE g.months WHEN 1 THEN 'month' ELSE 'year' END, f.day)::date AS period_start, f.metric, sum(f.n) AS n
        FROM (${facts}) f CROSS JOIN (VALUES (1), (12)) g(months)
        GROUP BY 1, 2, 3, 4, 5 HAVING sum(f.n) <> 0
      ) x
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
}

/**
 * What a writer's statement adds: rows appended to `report_counter_delta`, never an update of a
 * shared counter row. Two transactions updating the same unit's months in different orders would
 * deadlock (the transfer fault suite did); appends take no row locks. `compact_report_counters()`
 * folds the deltas into `report_counter`, one compaction at a time.
 */
const appendSql = (facts: string): string => `INSERT INTO report_counter_delta AS r (unit_code, grp, months, period_start, ${COUNTER_COLUMNS.join(", ")})
      ${factRowsSql(facts)}`;

// Set for a transaction by bulk imports (SET LOCAL): they write many rows from parallel writers and
// rebuild the counters once at the end, instead of contending for the same counter rows.
const DEFERRED = `IF current_setting('tiepdan.report_counters', true) = 'deferred' THEN RETURN NULL; END IF;`;

/** A statement trigger function applying old rows' facts negatively and new rows' positively. */
function triggerFunction(name: string, body: { insert: string; update: string; delete: string }): string {
  // The units changed are notified (delivered on commit) so that subgraphs drop their cached rows.
  const notified = (facts: string): string => `WITH u AS (${appendSql(facts)} RETURNING r.unit_code) SELECT string_agg(DISTINCT unit_code, ',') INTO touched FROM u`;
  return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE touched text;
    BEGIN
      ${DEFERRED}
      IF TG_OP = 'INSERT' THEN
        ${notified(body.insert)};
      ELSIF TG_OP = 'UPDATE' THEN
        ${notified(body.update)};
      ELSE
        ${notified(body.delete)};
      END IF;
      IF touched IS NOT NULL THEN
        PERFORM pg_notify('report_counters', CASE WHEN length(touched) > 7000 THEN '*' ELSE touched END);
      END IF;
      RETURN NULL;
    END $$`;
}

const union = (...parts: string[]): string => parts.join("\n      UNION ALL\n      ");

// One compaction or rebuild at a time (a transaction-level advisory lock).
const COUNTERS_LOCK = `hashtext('report_counter')`;

/**
 * Report counters kept in the same transaction as the records (issue 5's "counters or aggregates",
 * measured in docs/statistics.md): per unit, body group and month (and year), every additive figure
 * of the four forms, and the day-dated changes of the states (accepted / resolved / overdue,
 * received / processed) whose sums up to a date give the state then. Statement-level triggers with
 * transition tables append each statement's changes to `report_counter_delta` (one insert for a
 * multi-row statement, no row lock shared with other writers); `compact_report_counters()` folds
 * them in; readers add both. `rebuild_report_counters()` recomputes everything from the records
 * (after bulk imports, or to check them).
 */
export class ReportCounters1764900000000 implements MigrationInterface {
  name = "ReportCounters1764900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION report_body_group(body_id varchar) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$ SELECT ${groupSql(FiguresSplit.BODY_GROUP, "report_body_group")}::varchar $$`);
    const columns = COUNTER_COLUMNS.map((c) => `${c} ${AMOUNT_COLUMNS.has(c) ? "float8" : "int"} NOT NULL DEFAULT 0`).join(",\n        ");
    await q.query(`
      CREATE TABLE report_counter (
        unit_code varchar(10) NOT NULL,
        grp varchar(10) NOT NULL,
        months smallint NOT NULL CHECK (months IN (1, 12)),
        period_start date NOT NULL,
        ${columns},
        PRIMARY KEY (unit_code, grp, months, period_start)
      )`);
    // Writers' additions, not yet folded in: readers add them to the counters.
    await q.query(`CREATE TABLE report_counter_delta (LIKE report_counter INCLUDING DEFAULTS)`);
    await q.query(`CREATE INDEX idx_report_counter_delta ON report_counter_delta (unit_code, months, period_start)`);
    await q.query(`
      CREATE FUNCTION compact_report_counters() RETURNS int LANGUAGE plpgsql AS $$
      DECLARE folded int;
      BEGIN
        IF NOT pg_try_advisory_xact_lock(${COUNTERS_LOCK}) THEN
          RETURN 0;
        END IF;
        WITH x AS (DELETE FROM report_counter_delta RETURNING *)
        ${upsertSql(`SELECT x.unit_code, x.grp, x.months, x.period_start, ${sumsOf((c) => `sum(x.${c})`)} FROM x GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`)};
        GET DIAGNOSTICS folded = ROW_COUNT;
        RETURN folded;
      END $$`);
    await q.query(
      triggerFunction("report_counters_case", {
        insert: (FACTS.kase("new_rows", "1")),
        update: (union(FACTS.kase("old_rows", "-1"), FACTS.kase("new_rows", "1"), FACTS.petitionsOfMovedCases("old_rows", "new_rows", "-1"), FACTS.petitionsOfMovedCases("new_rows", "old_rows", "1"))),
        delete: (FACTS.kase("old_rows", "-1")),
      }),
    );
    await q.query(
      triggerFunction("report_counters_petition", {
        insert: (FACTS.petition("new_rows", "1")),
        update: (union(FACTS.petition("old_rows", "-1"), FACTS.petition("new_rows", "1"))),
        delete: (FACTS.petition("old_rows", "-1")),
      }),
    );
    await q.query(
      triggerFunction("report_counters_session", {
        insert: (FACTS.session("new_rows", "1")),
        update: (union(FACTS.session("old_rows", "-1"), FACTS.session("new_rows", "1"), FACTS.visitsOfSessions("old_rows", "-1"), FACTS.visitsOfSessions("new_rows", "1"))),
        delete: (FACTS.session("old_rows", "-1")),
      }),
    );
    await q.query(
      triggerFunction("report_counters_visit", {
        insert: (FACTS.visit("new_rows", "1")),
        update: (union(FACTS.visit("old_rows", "-1"), FACTS.visit("new_rows", "1"))),
        delete: (FACTS.visit("old_rows", "-1")),
      }),
    );
    for (const [table, fn] of [
      ["kntc_case", "report_counters_case"],
      ["petition", "report_counters_petition"],
      ["reception_session", "report_counters_session"],
      ["reception_visit", "report_counters_visit"],
    ] as const) {
      // Transition tables allow one event per trigger.
      await q.query(`CREATE TRIGGER ${fn}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`CREATE TRIGGER ${fn}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`CREATE TRIGGER ${fn}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }
    await q.query(`
      CREATE FUNCTION rebuild_report_counters() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Writers wait while the counters are rebuilt, so none of their changes is lost in between.
        LOCK TABLE kntc_case, petition, reception_session, reception_visit IN SHARE MODE;
        PERFORM pg_advisory_xact_lock(${COUNTERS_LOCK});
        DELETE FROM report_counter_delta;
        DELETE FROM report_counter;
        ${upsertSql(factRowsSql(union(FACTS.kase("kntc_case", "1"), FACTS.petition("petition", "1"), FACTS.session("reception_session", "1"), FACTS.visit("reception_visit", "1"))))};
        PERFORM pg_notify('report_counters', '*');
      END $$`);
    await q.query(`SELECT rebuild_report_counters()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, fn] of [
      ["kntc_case", "report_counters_case"],
      ["petition", "report_counters_petition"],
      ["reception_session", "report_counters_session"],
      ["reception_visit", "report_counters_visit"],
    ] as const) {
      for (const event of ["insert", "update", "delete"]) {
        await q.query(`DROP TRIGGER ${fn}_${event} ON ${table}`);
      }
      await q.query(`DROP FUNCTION ${fn}()`);
    }
    await q.query(`DROP FUNCTION rebuild_report_counters()`);
    await q.query(`DROP FUNCTION compact_report_counters()`);
    await q.query(`DROP TABLE report_counter_delta`);
    await q.query(`DROP TABLE report_counter`);
    await q.query(`DROP FUNCTION report_body_group(varchar)`);
  }
}
