import {
  LEVELS,
  type Level,
  type LevelHistory,
  type Logger,
  type RefIds,
  activeLevels,
  countImportedRecords,
  createLogger,
  deleteImportedRecords,
  gazetteerFor,
  importCaseHistories,
  loadGazetteer,
  openLevelDatabase,
  replayThroughServices,
  seedLevel,
} from "@tiepdan/kit";
import type { DataSource } from "typeorm";

import { SUBGRAPHS } from "../subgraphs";
import type { GenerateArgs } from "./args";
import { CASES_PER_REPLICA, planProvince } from "./plan";

type Env = Record<string, string | undefined>;

/** The account generated records are written by: timelines, petitions and sessions name it. */
export const GENERATOR_ACTOR = "generator";

/** A run of the generator. */
export interface GenerateRun {
  args: GenerateArgs;
  /** Resolves the databases as the subgraphs do (DATABASE_URL, prefix, isolation, per-level URLs). */
  env: Env;
  /** Messages for the user (stdout). */
  say: (line: string) => void;
  /** Progress lines (stderr), every `progressMs`. */
  progress?: (line: string) => void;
  progressMs?: number;
  log?: Logger;
}

/** What a level holds for the province once the run is over. */
export interface LevelCounts {
  cases: number;
  petitions: number;
  events: number;
  sessions: number;
  visits: number;
}

/** What a run wrote. */
export interface GenerateResult {
  levels: Partial<Record<Level, LevelCounts>>;
  /** Cases of the province over all levels. */
  cases: number;
  seconds: number;
  writer: GenerateArgs["writer"];
}

/** Keeps the latest done/total of each level's phase and prints them every few seconds, with rates. */
class Progress {
  private readonly state = new Map<Level, { phase: string; done: number; total: number; since: number; base: number }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly started = Date.now();

  constructor(
    private readonly print: ((line: string) => void) | undefined,
    private readonly everyMs: number,
  ) {}

  start(): void {
    if (this.print) {
      this.timer = setInterval(() => this.report(), this.everyMs);
      this.timer.unref();
    }
  }

  update(level: Level, phase: string, done: number, total: number): void {
    const current = this.state.get(level);
    if (!current || current.phase !== phase) {
      this.state.set(level, { phase, done, total, since: Date.now(), base: 0 });
    } else {
      current.done = done;
      current.total = total;
    }
  }

  report(): void {
    const elapsed = (Date.now() - this.started) / 1000;
    const parts = [...this.state].map(([level, s]) => {
      const seconds = Math.max(0.001, (Date.now() - s.since) / 1000);
      return `${level} ${s.phase} ${s.done.toLocaleString("en")}/${s.total.toLocaleString("en")} (${Math.round((s.done - s.base) / seconds).toLocaleString("en")}/s)`;
    });
    this.print?.(`[generate] ${elapsed.toFixed(0)} s: ${parts.join(" | ")}`);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * Writes `replicas` replicas of a plan in bulk: each level runs through the replicas on its own
 * (the communes, with most rows, do not hold the others back), a replica is drawn once and each
 * level takes its part, and a level may run at most `lead` replicas ahead of the slowest (memory).
 */
async function importReplicas(
  plan: ReturnType<typeof planProvince>,
  replicas: number,
  levels: readonly Level[],
  sources: Map<Level, DataSource>,
  progress: (level: Level, phase: string, done: number, total: number) => void,
  lead = 2,
): Promise<void> {
  const drawn = new Map<number, { histories: Record<Level, LevelHistory>; waiting: Set<Level> }>();
  const done = new Map<Level, number>(levels.map((l) => [l, 0]));
  const take = async (r: number, level: Level): Promise<LevelHistory> => {
    while (r - Math.min(...done.values()) > lead) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    let entry = drawn.get(r);
    if (!entry) {
      entry = { histories: plan.replica(r), waiting: new Set(levels) };
      drawn.set(r, entry);
    }
    entry.waiting.delete(level);
    if (entry.waiting.size === 0) {
      drawn.delete(r);
    }
    return entry.histories[level];
  };
  await Promise.all(
    levels.map(async (level) => {
      // The leaders' ids from the first replica; later replicas start from them (not from every case ref).
      let leaderIds: RefIds = new Map();
      for (let r = 0; r < replicas; r++) {
        const history = await take(r, level);
        const refs: RefIds = new Map(leaderIds);
        await importCaseHistories(sources.get(level)!, level, { ...history, leaders: r === 0 ? plan.leaders[level] : [] }, {
          actor: GENERATOR_ACTOR,
          refs,
          onProgress: (phase, d, total) => (phase === "cases" || phase === "written" ? progress(level, "cases", r * total + d, replicas * total) : undefined),
        });
        if (r === 0) {
          leaderIds = new Map([...refs].filter(([ref]) => ref.startsWith("leader:")));
        }
        done.set(level, r + 1);
      }
    }),
  );
}

/** Counts what a level's database holds for a province. */
async function countsOf(dataSource: DataSource, province: string): Promise<LevelCounts> {
  const [row] = (await dataSource.query(
    `WITH u AS (SELECT code FROM administrative_unit WHERE province_code = $1),
          k AS (SELECT id FROM kntc_case WHERE unit_code IN (SELECT code FROM u)),
          s AS (SELECT id FROM reception_session WHERE unit_code IN (SELECT code FROM u))
     SELECT (SELECT count(*) FROM k)::int AS cases,
            (SELECT count(*) FROM petition WHERE case_id IN (SELECT id FROM k))::int AS petitions,
            (SELECT count(*) FROM case_event WHERE case_id IN (SELECT id FROM k))::int AS events,
            (SELECT count(*) FROM s)::int AS sessions,
            (SELECT count(*) FROM reception_visit WHERE session_id IN (SELECT id FROM s))::int AS visits`,
    [province],
  )) as LevelCounts[];
  return row!;
}

/**
 * Generates a province's records: draws the plan, opens every level's database (created and
 * migrated as a subgraph would, the province's units and bodies loaded if missing), refuses a
 * province that already has generated records unless --reset (which deletes them first), then
 * writes the histories through the services (default set) or in bulk (--scale).
 */
export async function generateProvince(run: GenerateRun): Promise<GenerateResult> {
  const { args, env, say } = run;
  const started = Date.now();
  const log = run.log ?? createLogger("generate", env.LOG_LEVEL ?? "error");
  const gazetteer = gazetteerFor(loadGazetteer(), [args.province]);
  const province = gazetteer.provinces[0]!;
  const plan = planProvince({ gazetteer, provinceCode: args.province, from: args.from, to: args.to, seed: args.seed });
  const levels = activeLevels(env);
  const needed = LEVELS.filter((level) => level !== "district" || plan.districtsUntil >= plan.period.from);
  const missing = needed.filter((level) => !levels.includes(level));
  if (missing.length > 0) {
    throw new Error(`the period has ${missing.join(", ")} records, but TIEPDAN_LEVELS runs ${levels.join(", ")}: run the generator with every level`);
  }
  if (plan.districtsUntil < plan.period.to && needed.includes("district")) {
    say(`districts were abolished on 2025-07-01: district records end on ${plan.districtsUntil}`);
  }
  const replicas = args.scale ?? 1;
  say(
    `${province.fullName} (${province.code}), ${plan.period.from}..${plan.period.to}, seed ${args.seed}: ` +
      `${(replicas * CASES_PER_REPLICA).toLocaleString("en")} cases through ${args.writer === "services" ? "the services" : "the bulk importer"}` +
      (replicas > 1 ? ` (${replicas} replicas of the default set)` : ""),
  );

  const sources = new Map<Level, DataSource>();
  const progress = new Progress(run.progress, run.progressMs ?? 3000);
  try {
    for (const level of needed) {
      const { dataSource } = await openLevelDatabase(SUBGRAPHS[level], env, log);
      sources.set(level, dataSource);
      await seedLevel(dataSource, level, gazetteer);
    }
    const existing = await Promise.all(needed.map(async (level) => [level, await countImportedRecords(sources.get(level)!, args.province, GENERATOR_ACTOR)] as const));
    const found = existing.filter(([, c]) => c.cases + c.sessions > 0);
    if (found.length > 0) {
      const what = found.map(([level, c]) => `${level}: ${c.cases.toLocaleString("en")} cases, ${c.sessions.toLocaleString("en")} sessions`).join("; ");
      if (!args.reset) {
        throw new Error(`province ${args.province} already has generated records (${what}): run again with --reset to delete them first`);
      }
      for (const level of needed) {
        const deleted = await deleteImportedRecords(sources.get(level)!, args.province, GENERATOR_ACTOR);
        say(`--reset: deleted ${level} ${deleted.cases.toLocaleString("en")} cases and ${deleted.sessions.toLocaleString("en")} sessions`);
      }
    }

    progress.start();
    if (args.writer === "services") {
      const histories = plan.replica(0);
      await Promise.all(
        needed.map((level) =>
          replayThroughServices(sources.get(level)!, level, { ...histories[level], leaders: plan.leaders[level] }, {
            actor: GENERATOR_ACTOR,
            log,
            onProgress: (phase, done, total) => progress.update(level, phase, done, total),
          }),
        ),
      );
    } else {
      await importReplicas(plan, replicas, needed, sources, (level, phase, done, total) => progress.update(level, phase, done, total));
    }
    progress.stop();
    progress.report();

    const counts: Partial<Record<Level, LevelCounts>> = {};
    for (const level of needed) {
      counts[level] = await countsOf(sources.get(level)!, args.province);
    }
    const seconds = (Date.now() - started) / 1000;
    const cases = Object.values(counts).reduce((sum, c) => sum + c.cases, 0);
    return { levels: counts, cases, seconds, writer: args.writer };
  } finally {
    progress.stop();
    await Promise.all([...sources.values()].map((ds) => ds.destroy()));
  }
}
