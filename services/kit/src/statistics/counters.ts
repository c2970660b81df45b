import type { Pool, PoolClient } from "pg";
import type { DataSource } from "typeorm";

import type { Logger } from "../logger";

import { COUNTER_COLUMNS } from "./counter-migration";
import { type Period, lastDay } from "./periods";
import type { ProcessingFigures } from "./processing";
import type { ReceptionFigures } from "./reception";
import type { ResolutionFigures } from "./resolution";

/** Every form's figures of one unit and body group, read from the report counters. */
export interface CounterRow {
  unitCode: string;
  group: string;
  /** `cases` (distinct matters) is not additive over months: the counters leave it out. */
  reception: Omit<ReceptionFigures, "cases">;
  processing: ProcessingFigures;
  complaints: ResolutionFigures;
  denunciations: ResolutionFigures;
}

/** The counters hold whole months: a period from a 1st to a month's last day can be read from them. */
export function countersCover(period: Period): boolean {
  let covered = covers.get(period);
  if (covered === undefined) {
    covered = period.from.endsWith("-01") && period.to === lastDay(Number(period.to.slice(0, 4)), Number(period.to.slice(5, 7)));
    covers.set(period, covered);
  }
  return covered;
}

const covers = new WeakMap<Period, boolean>();

/** Columns whose sum up to a date is a state (how many were open then); their sums before the period are read too. */
const STATE_COLUMNS = COUNTER_COLUMNS.filter((c) => /^(c|d)_(accepted|resolved|overdue)$|^(recv|proc)(_(complaint|denunciation|recommendation|unclassified|eligible|ineligible|within|outside))?$/.test(c));

const camel = (column: string): string => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

// Result keys made once: a dashboard reads ~150 units × 120 sums per request.
const P_KEY: Readonly<Record<string, string>> = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, `p_${c}`]));
const B_KEY: Readonly<Record<string, string>> = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, `b_${c}`]));

/** The reception counters and the figures they give. */
const RECEPTION_COLUMNS = [
  "sessions", "regular_sessions", "periodic_sessions", "unscheduled_sessions", "in_person_sessions", "delegated_sessions", "visits", "persons",
  "first_visits", "repeat_visits", "large_groups", "large_group_persons", "party_sessions", "party_citizens", "party_unscheduled_sessions",
  "party_unscheduled_citizens",
].map((column) => [column, camel(column)] as const);

/**
 * Every form's figures of several units from the report counters, in one statement: the period's
 * month rows, and for the states the year rows before the period's year plus the month rows of that
 * year before the period. The number of rows read depends on units and months, never on records.
 */
export async function counterFigures(dataSource: DataSource, period: Period, unitCodes: readonly string[], byGroup: boolean): Promise<CounterRow[]> {
  const cache = caches.get(dataSource);
  const variant = `${byGroup ? "g" : "u"}|${period.from}|${period.to}`;
  if (!cache?.active) {
    return readCounters(dataSource, period, unitCodes, byGroup);
  }
  const since = cache.currentGeneration();
  const found = cache.get(unitCodes, variant);
  // Units another request is reading right now are waited for, not read twice (parallel fetches of one dashboard).
  const reading = cache.reading(unitCodes.filter((code) => !found.has(code)), variant);
  const missing = unitCodes.filter((code) => !found.has(code) && !reading.has(code));
  const read = missing.length > 0 ? cache.read(missing, variant, () => readCounters(dataSource, period, missing, byGroup)) : Promise.resolve([]);
  const [own, others] = await Promise.all([read, Promise.all(reading.values())]);
  cache.put(missing, variant, own, since);
  return [...[...found.values()].flat(), ...others.flat(), ...own];
}

async function readCounters(dataSource: DataSource, period: Period, unitCodes: readonly string[], byGroup: boolean): Promise<CounterRow[]> {
  const group = byGroup ? "grp" : "''";
  // Two plain aggregates joined, not one with FILTERs: a filter per sum costs more than the sums.
  const rows = (await dataSource.query(
    `WITH r AS (
       SELECT * FROM report_counter
       WHERE unit_code = ANY($1::varchar[])
         AND (months = 12 AND period_start < $4 OR months = 1 AND period_start >= $4 AND period_start <= $3)
       UNION ALL
       -- Writers' additions not yet folded into the counters (compact_report_counters).
       SELECT * FROM report_counter_delta
       WHERE unit_code = ANY($1::varchar[])
         AND (months = 12 AND period_start < $4 OR months = 1 AND period_start >= $4 AND period_start <= $3)
     ),
     p AS (
       SELECT unit_code, ${group} AS grp, ${COUNTER_COLUMNS.map((c) => `sum(${c})::float8 AS "p_${c}"`).join(", ")}
       FROM r WHERE months = 1 AND period_start >= $2 GROUP BY 1, 2
     ),
     b AS (
       SELECT unit_code, ${group} AS grp, ${STATE_COLUMNS.map((c) => `sum(${c})::float8 AS "b_${c}"`).join(", ")}
       FROM r WHERE NOT (months = 1 AND period_start >= $2) GROUP BY 1, 2
     )
     SELECT coalesce(p.unit_code, b.unit_code) AS "unitCode", coalesce(p.grp, b.grp) AS "group", p.*, b.*
     FROM p FULL JOIN b ON b.unit_code = p.unit_code AND b.grp = p.grp`,
    [[...unitCodes], period.from, period.to, `${period.from.slice(0, 4)}-01-01`],
  )) as (Record<string, number | null> & { unitCode: string; group: string })[];
  return rows.map((r) => toForms(r));
}

/** The channel the counter triggers notify on commit, with the codes of the units they changed ("*": all). */
export const COUNTERS_CHANNEL = "report_counters";

const MAX_CACHED = 50_000;

/**
 * Counter rows kept between requests in a subgraph process, per unit, split and period. Exact, not
 * a time-to-live: the counter triggers notify on commit which units changed, and those units' rows
 * are dropped; without the notifications (no listener, or its connection lost) nothing is cached.
 */
export class CounterCache {
  private readonly entries = new Map<string, CounterRow[]>();
  private readonly keysByUnit = new Map<string, Set<string>>();
  /** Bumped by every invalidation: a read that began before one must not be stored after it. */
  private generation = 0;
  active = false;

  currentGeneration(): number {
    return this.generation;
  }

  /** Reads of units under way, by unit: their rows when the read ends. */
  private readonly inFlight = new Map<string, Promise<CounterRow[]>>();

  reading(unitCodes: readonly string[], variant: string): Map<string, Promise<CounterRow[]>> {
    const found = new Map<string, Promise<CounterRow[]>>();
    for (const code of unitCodes) {
      const rows = this.inFlight.get(`${code}|${variant}`);
      if (rows) {
        found.set(code, rows);
      }
    }
    return found;
  }

  /** Runs a read of some units, letting other requests wait for it until it ends. */
  read(unitCodes: readonly string[], variant: string, run: () => Promise<CounterRow[]>): Promise<CounterRow[]> {
    const rows = run();
    const byUnit = rows.then((all) => {
      const grouped = new Map<string, CounterRow[]>();
      for (const row of all) {
        grouped.set(row.unitCode, [...(grouped.get(row.unitCode) ?? []), row]);
      }
      return grouped;
    });
    const mine = new Map<string, Promise<CounterRow[]>>();
    for (const code of unitCodes) {
      const unitRows = byUnit.then((grouped) => grouped.get(code) ?? []);
      // A failed read fails the requests that wait for it, and is never an unhandled rejection.
      unitRows.catch(() => undefined);
      mine.set(`${code}|${variant}`, unitRows);
      this.inFlight.set(`${code}|${variant}`, unitRows);
    }
    // Only this read's entries: an invalidation may have let a newer read take a key since.
    const done = (): void => mine.forEach((unitRows, key) => this.inFlight.get(key) === unitRows && this.inFlight.delete(key));
    rows.then(done, done);
    return rows;
  }

  get(unitCodes: readonly string[], variant: string): Map<string, CounterRow[]> {
    const found = new Map<string, CounterRow[]>();
    for (const code of unitCodes) {
      const rows = this.entries.get(`${code}|${variant}`);
      if (rows) {
        found.set(code, rows);
      }
    }
    return found;
  }

  /** Stores what a read returned (a unit without rows is stored empty); `since` is the generation when the read began. */
  put(unitCodes: readonly string[], variant: string, rows: readonly CounterRow[], since: number | undefined): void {
    if (!this.active || since !== this.generation || unitCodes.length === 0) {
      return;
    }
    if (this.entries.size + unitCodes.length > MAX_CACHED) {
      this.clear();
    }
    const byUnit = new Map<string, CounterRow[]>(unitCodes.map((code) => [code, []]));
    for (const row of rows) {
      byUnit.get(row.unitCode)?.push(row);
    }
    for (const [code, unitRows] of byUnit) {
      const key = `${code}|${variant}`;
      this.entries.set(key, unitRows);
      let keys = this.keysByUnit.get(code);
      if (!keys) {
        keys = new Set();
        this.keysByUnit.set(code, keys);
      }
      keys.add(key);
    }
  }

  /** Drops the rows of units whose counters changed ("*": every unit). */
  invalidate(payload: string): void {
    this.generation += 1;
    if (payload === "*") {
      this.clear();
      return;
    }
    const codes = new Set(payload.split(","));
    for (const code of codes) {
      for (const key of this.keysByUnit.get(code) ?? []) {
        this.entries.delete(key);
      }
      this.keysByUnit.delete(code);
    }
    // A read begun before the commit may not see it: later requests must not wait for it.
    for (const key of this.inFlight.keys()) {
      if (codes.has(key.slice(0, key.indexOf("|")))) {
        this.inFlight.delete(key);
      }
    }
  }

  clear(): void {
    this.generation += 1;
    this.inFlight.clear();
    this.entries.clear();
    this.keysByUnit.clear();
  }
}

const caches = new WeakMap<DataSource, CounterCache>();

/**
 * Looks after a data source's report counters in a subgraph process, on a connection of its own
 * that listens for the triggers' notifications: keeps counter rows read between requests (dropping
 * those of the units a commit changed), and folds the writers' deltas into the counters shortly after
 * they are notified. Returns the function that stops it. If the connection is lost the cache is
 * emptied and switched off, and deltas wait, until it is back (figures stay exact meanwhile).
 */
export function maintainCounters(dataSource: DataSource, log: Logger, compactAfterMs = 500): () => Promise<void> {
  const cache = new CounterCache();
  caches.set(dataSource, cache);
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  let client: PoolClient | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let compaction: NodeJS.Timeout | undefined;
  let compacting: Promise<unknown> = Promise.resolve();

  const compact = (): void => {
    compaction = undefined;
    const c = client;
    if (!c || stopped) {
      return;
    }
    compacting = c.query(`SELECT compact_report_counters()`).catch((error: unknown) => log.warn({ err: error }, "report counters not compacted; next time"));
  };
  const connect = async (): Promise<void> => {
    try {
      const c = await pool.connect();
      client = c;
      c.on("notification", (message) => {
        if (message.channel === COUNTERS_CHANNEL) {
          cache.invalidate(message.payload ?? "*");
          compaction ??= setTimeout(compact, compactAfterMs);
        }
      });
      c.on("error", (error) => lost(error));
      await c.query(`LISTEN ${COUNTERS_CHANNEL}`);
      cache.clear();
      cache.active = true;
      // Deltas written while nobody listened.
      compact();
    } catch (error) {
      lost(error);
    }
  };
  const lost = (error: unknown): void => {
    cache.active = false;
    cache.clear();
    client?.release(true);
    client = undefined;
    if (!stopped) {
      log.warn({ err: error }, "report counter notifications lost: figures are read without cache until they are back");
      retry = setTimeout(() => void connect(), 1_000);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    clearTimeout(compaction);
    cache.active = false;
    await compacting;
    if (client) {
      await client.query(`UNLISTEN ${COUNTERS_CHANNEL}`).catch(() => undefined);
      client.release();
      client = undefined;
    }
    caches.delete(dataSource);
  };
}

/** The forms' figures from one row of sums (`p_*` in the period, `b_*` before it). */
function toForms(r: Record<string, number | null> & { unitCode: string; group: string }): CounterRow {
  const p = (c: string): number => r[P_KEY[c]!] ?? 0;
  const b = (c: string): number => r[B_KEY[c]!] ?? 0;
  // A state at the period's end: everything before and in the period.
  const end = (c: string): number => b(c) + p(c);
  const { unitCode, group } = r;

  const resolution = (x: "c" | "d"): ResolutionFigures => {
    const carriedOver = b(`${x}_accepted`) - b(`${x}_resolved`);
    const newlyAccepted = p(`${x}_accepted`);
    return {
      unitCode,
      carriedOver,
      newlyAccepted,
      toResolve: carriedOver + newlyAccepted,
      resolved: p(`${x}_resolved`),
      resolvedByDecision: p(`${x}_by_decision`),
      withdrawn: p(`${x}_withdrawn`),
      withdrawnAfterPersuasion: p(`${x}_withdrawn_persuasion`),
      terminated: p(`${x}_terminated`),
      right: p(`${x}_right`),
      wrong: p(`${x}_wrong`),
      partlyRight: p(`${x}_partly_right`),
      upheld: p(`${x}_upheld`),
      annulledOrAmended: p(`${x}_annulled`),
      onTime: p(`${x}_on_time`),
      late: p(`${x}_late`),
      unresolved: end(`${x}_accepted`) - end(`${x}_resolved`),
      overdueAtEnd: end(`${x}_overdue`),
      moneyToRecoverVnd: p(`${x}_money_recover`),
      moneyToReturnVnd: p(`${x}_money_return`),
      landToRecoverM2: p(`${x}_land_recover`),
      landToReturnM2: p(`${x}_land_return`),
      peopleDisciplined: p(`${x}_disciplined`),
      sentToInvestigation: p(`${x}_investigation`),
    };
  };

  // Cases to process with a property: received with it by the end, less those processed before the period.
  const toProcess = (suffix: string): number => end(`recv${suffix}`) - b(`proc${suffix}`);
  const processing: ProcessingFigures = {
    unitCode,
    petitionsReceived: p("petitions"),
    repeatPetitions: p("repeat_petitions"),
    newCases: p("recv"),
    carriedOver: b("recv") - b("proc"),
    toProcess: toProcess(""),
    complaints: toProcess("_complaint"),
    denunciations: toProcess("_denunciation"),
    recommendations: toProcess("_recommendation"),
    unclassified: toProcess("_unclassified"),
    eligible: toProcess("_eligible"),
    ineligible: toProcess("_ineligible"),
    withinCompetence: toProcess("_within"),
    outsideCompetence: toProcess("_outside"),
    accepted: p("proc_accept"),
    transferred: p("proc_transfer"),
    guided: p("proc_guide"),
    urged: p("proc_urge"),
    archived: p("proc_archive"),
    refused: p("proc_refuse"),
    pending: end("recv") - end("proc"),
  };

  const reception = { unitCode } as Omit<ReceptionFigures, "cases">;
  for (const [column, name] of RECEPTION_COLUMNS) {
    (reception as unknown as Record<string, number>)[name] = p(column);
  }
  return { unitCode, group, reception, processing, complaints: resolution("c"), denunciations: resolution("d") };
}

/** Recomputes every counter from the records (after a bulk import that deferred them, or to repair them); pending deltas are dropped with the rest. */
export async function rebuildReportCounters(dataSource: DataSource): Promise<void> {
  await dataSource.transaction((m) => m.query(`SELECT rebuild_report_counters()`));
}
