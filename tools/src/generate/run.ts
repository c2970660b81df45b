import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

import {
  LEVELS,
  type Level,
  type Logger,
  type RefIds,
  type SessionRefs,
  activeLevels,
  countImportedRecords,
  createLogger,
  deleteImportedRecords,
  gazetteerFor,
  importCaseHistories,
  rebuildReportCounters,
  loadGazetteer,
  openLevelDatabase,
  replayThroughServices,
  seedLevel,
} from "@tiepdan/kit";
import type { DataSource } from "typeorm";

import { SUBGRAPHS } from "../subgraphs";
import type { GenerateArgs } from "./args";
import { CASES_PER_REPLICA, planProvince } from "./plan";
import type { WorkerInput, WorkerMessage } from "./worker";

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
  /** Fraction of the default volume (tests write a small plan; the published figures need 1). */
  volume?: number;
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

/** Keeps the latest state of each level's work and prints it every few seconds, with its rate. */
class Progress {
  private readonly state = new Map<Level, { text: string; phase: string; done: number; since: number }>();
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

  /** A level's state: `phase` (the rate restarts when it changes), what to show, and the count the rate is of. */
  update(level: Level, phase: string, text: string, done: number): void {
    const current = this.state.get(level);
    const since = current && current.phase === phase ? current.since : Date.now();
    this.state.set(level, { text, phase, done, since });
  }

  report(): void {
    const elapsed = (Date.now() - this.started) / 1000;
    const parts = [...this.state].map(([level, s]) => {
      const seconds = Math.max(0.001, (Date.now() - s.since) / 1000);
      return `${level} ${s.text} (${Math.round(s.done / seconds).toLocaleString("en")}/s)`;
    });
    this.print?.(`[generate] ${elapsed.toFixed(0)} s: ${parts.join(" | ")}`);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Worker threads writing the replicas after the first (each draws, replays and writes its share). */
const WORKERS = 2;

/**
 * Writes `replicas` replicas of a plan in bulk. The first replica goes first, in this thread: its
 * leaders and reception days are the later replicas' too. The others are shared out to worker
 * threads (worker.ts), so that drawing and replaying in memory use both cores while the database
 * writes; without the compiled worker (tests run the sources) they are written here, one by one.
 */
async function importReplicas(
  plan: ReturnType<typeof planProvince>,
  replicas: number,
  levels: readonly Level[],
  sources: Map<Level, DataSource>,
  progress: Progress,
  worker: Omit<WorkerInput, "replicas" | "levels" | "base" | "actor">,
): Promise<void> {
  const done = new Map<Level, { replicas: number; cases: number }>(levels.map((l) => [l, { replicas: 0, cases: 0 }]));
  const record = (level: Level, cases: number): void => {
    const d = done.get(level)!;
    d.replicas += 1;
    d.cases += cases;
    progress.update(level, "cases", `${d.replicas}/${replicas} replicas, ${d.cases.toLocaleString("en")} cases`, d.cases);
  };
  const base = new Map<Level, { leaders: RefIds; sessions: SessionRefs }>();
  const first = plan.replica(0);
  await Promise.all(
    levels.map(async (level) => {
      const refs: RefIds = new Map();
      const sessions: SessionRefs = new Map();
      const written = await importCaseHistories(sources.get(level)!, level, { ...first[level], leaders: plan.leaders[level] }, { actor: GENERATOR_ACTOR, refs, sessions, deferReportCounters: true });
      base.set(level, { leaders: new Map([...refs].filter(([ref]) => ref.startsWith("leader:"))), sessions });
      record(level, written.cases);
    }),
  );
  const rest = Array.from({ length: replicas - 1 }, (_, i) => i + 1);
  const workerFile = join(__dirname, "worker.js");
  if (rest.length === 0) {
    return;
  }
  if (!existsSync(workerFile)) {
    for (const r of rest) {
      const histories = plan.replica(r);
      await Promise.all(
        levels.map(async (level) => {
          const { leaders, sessions } = base.get(level)!;
          const written = await importCaseHistories(sources.get(level)!, level, histories[level], { actor: GENERATOR_ACTOR, refs: new Map(leaders), sessions: new Map(sessions), deferReportCounters: true });
          record(level, written.cases);
        }),
      );
    }
    return;
  }
  const shared = Object.fromEntries(levels.map((level) => [level, { leaders: [...base.get(level)!.leaders], sessions: [...base.get(level)!.sessions] }]));
  const count = Math.min(WORKERS, rest.length);
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, (_, k) =>
        new Promise<void>((resolve, reject) => {
          const input: WorkerInput = { ...worker, actor: GENERATOR_ACTOR, levels: [...levels], base: shared, replicas: rest.filter((_, i) => i % count === k) };
          const thread = new Worker(workerFile, { workerData: input });
          workers.push(thread);
          thread.on("message", (message: WorkerMessage) => {
            if (message.type === "replica") {
              for (const [level, cases] of Object.entries(message.cases)) {
                record(level as Level, cases);
              }
            } else if (message.type === "error") {
              reject(new Error(message.message));
            } else {
              resolve();
            }
          });
          thread.once("error", reject);
          thread.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a generator worker stopped with code ${code}`))));
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The tables the bulk writer fills. */
const IMPORTED_TABLES = ["kntc_case", "petition", "petitioner", "denouncer_identity", "case_event", "case_suspension", "reception_session", "reception_visit", "report_counter"];

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
  const plan = planProvince({ gazetteer, provinceCode: args.province, from: args.from, to: args.to, seed: args.seed, volume: run.volume });
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
      `${Math.round(replicas * CASES_PER_REPLICA * (run.volume ?? 1)).toLocaleString("en")} cases through ${args.writer === "services" ? "the services" : "the bulk importer"}` +
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
            onProgress: (phase, done, total) => progress.update(level, phase, `${phase} ${done.toLocaleString("en")}/${total.toLocaleString("en")}`, done),
          }),
        ),
      );
    } else {
      await importReplicas(plan, replicas, needed, sources, progress, { args, env, volume: run.volume ?? 1 });
      // The bulk writer deferred the report counters: compute them once from what it wrote.
      await Promise.all(needed.map((level) => rebuildReportCounters(sources.get(level)!)));
      // Fresh statistics and visibility for the planner: without them a count over the new rows
      // reads the table (case lists' totals took 235 ms at 1M cases before, 57 ms after).
      await Promise.all(needed.map((level) => sources.get(level)!.query(`VACUUM (ANALYZE) ${IMPORTED_TABLES.join(", ")}`)));
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
