// A worker thread of `npm run generate -- --scale N`: draws its share of the replicas and imports
// them in bulk into every level, on its own connections. Several of them keep both cores busy (the
// drawing and the in-memory replay are this process's work; the writing is the database's).

import { parentPort, workerData } from "node:worker_threads";

import { type Level, type RefIds, type SessionRefs, createLogger, gazetteerFor, importCaseHistories, loadGazetteer, openLevelDatabase } from "@tiepdan/kit";
import type { DataSource } from "typeorm";

import { SUBGRAPHS } from "../subgraphs";
import type { GenerateArgs } from "./args";
import { planProvince } from "./plan";

/** What a worker is given: the plan's options, its replicas, and what the first replica left to the others. */
export interface WorkerInput {
  args: GenerateArgs;
  env: Record<string, string | undefined>;
  volume: number;
  actor: string;
  replicas: number[];
  levels: Level[];
  /** Per level: the leaders' ids and the first replica's sessions. */
  base: Partial<Record<Level, { leaders: [string, string][]; sessions: [string, { id: string; bodyId: string; date: string }][] }>>;
}

/** What a worker tells its parent. */
export type WorkerMessage = { type: "replica"; replica: number; cases: Partial<Record<Level, number>> } | { type: "error"; message: string } | { type: "finished" };

async function run(input: WorkerInput): Promise<void> {
  const log = createLogger("generate-worker", "error");
  const gazetteer = gazetteerFor(loadGazetteer(), [input.args.province]);
  const plan = planProvince({ gazetteer, provinceCode: input.args.province, from: input.args.from, to: input.args.to, seed: input.args.seed, volume: input.volume });
  const sources = new Map<Level, DataSource>();
  const base = new Map(input.levels.map((level) => [level, { leaders: new Map(input.base[level]!.leaders) as RefIds, sessions: new Map(input.base[level]!.sessions) as SessionRefs }]));
  try {
    for (const level of input.levels) {
      sources.set(level, (await openLevelDatabase(SUBGRAPHS[level], input.env, log)).dataSource);
    }
    for (const r of input.replicas) {
      const histories = plan.replica(r);
      const cases: Partial<Record<Level, number>> = {};
      await Promise.all(
        input.levels.map(async (level) => {
          const { leaders, sessions } = base.get(level)!;
          const written = await importCaseHistories(sources.get(level)!, level, histories[level], { actor: input.actor, refs: new Map(leaders), sessions: new Map(sessions), deferReportCounters: true });
          cases[level] = written.cases;
        }),
      );
      parentPort!.postMessage({ type: "replica", replica: r, cases } satisfies WorkerMessage);
    }
  } finally {
    await Promise.all([...sources.values()].map((ds) => ds.destroy()));
  }
}

run(workerData as WorkerInput).then(
  () => parentPort!.postMessage({ type: "finished" } satisfies WorkerMessage),
  (error: unknown) => parentPort!.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage),
);
