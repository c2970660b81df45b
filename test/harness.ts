import { randomBytes } from "node:crypto";

import { type GatewayConfig, type RunningGateway, defaultSupergraphPath, startGateway } from "@tiepdan/gateway";
import { COUNTER_COLUMNS, LEVELS, type Level, type Logger, type SubgraphInstance, createLogger, databaseTarget, dropDatabase, startSubgraph } from "@tiepdan/kit";
import { SUBGRAPHS } from "@tiepdan/tools";

/** A GraphQL response as clients see it. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A federation started for one test file: real subgraph and gateway HTTP servers, own databases. */
export interface Federation {
  gateway: RunningGateway;
  subgraphs: Partial<Record<Level, SubgraphInstance>>;
  env: Record<string, string | undefined>;
  /** Posts an operation to the gateway, as a client would. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Stops one subgraph's server (its database stays). */
  stopSubgraph(level: Level): Promise<void>;
  /** Starts a stopped subgraph again on the same port. */
  restartSubgraph(level: Level): Promise<void>;
  /** Stops everything; drops the databases unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

const silent = createLogger("test", process.env.TEST_LOG_LEVEL ?? "silent");

/** A database prefix unique to one test file, so that parallel files never share rows. */
export function uniquePrefix(): string {
  return `t${randomBytes(4).toString("hex")}_`;
}

/**
 * Starts the subgraphs of `levels` on free ports against the test server (databases prefixed with
 * `prefix`), and a gateway serving the committed supergraph of those levels.
 */
export async function startFederation(
  options: { levels?: readonly Level[]; prefix?: string; seedProvinces?: string; supergraphPath?: string; log?: Logger; databaseUrl?: string } = {},
): Promise<Federation> {
  const levels = options.levels ?? LEVELS;
  const base = options.log ?? silent;
  const logOf = (service: string): Logger => base.child({ service });
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    DATABASE_PREFIX: options.prefix ?? uniquePrefix(),
    TRANSFER_POLL_MS: "100",
    TRANSFER_MAX_BACKOFF_MS: "1000",
    ...(options.levels ? { TIEPDAN_LEVELS: options.levels.join(",") } : {}),
    SEED_PROVINCES: options.seedProvinces ?? "37",
  };
  const subgraphs: Partial<Record<Level, SubgraphInstance>> = {};
  const ports: Partial<Record<Level, number>> = {};
  // The subgraphs start on free ports: each one's deliverer reads the others' URLs from here.
  const urls: Partial<Record<Level, string>> = {};
  const peers = (): Partial<Record<Level, string>> => urls;
  const started = await Promise.all(levels.map((level) => startSubgraph(SUBGRAPHS[level], { env, port: 0, log: logOf(`tiepdan-${level}`), peers })));
  for (const instance of started) {
    subgraphs[instance.level] = instance;
    ports[instance.level] = instance.port;
    urls[instance.level] = instance.url;
  }
  const config: GatewayConfig = {
    port: 0,
    levels: [...levels],
    supergraphPath: options.supergraphPath ?? defaultSupergraphPath(levels),
    subgraphUrls: Object.fromEntries(levels.map((l) => [l, subgraphs[l]!.url])),
  };
  const gateway = await startGateway(config, logOf("tiepdan-gateway"));

  const federation: Federation = {
    gateway,
    subgraphs,
    env,
    async query(query, variables, headers) {
      const res = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<never>;
    },
    async stopSubgraph(level) {
      await subgraphs[level]?.stop();
    },
    async restartSubgraph(level) {
      subgraphs[level] = await startSubgraph(SUBGRAPHS[level], { env, port: ports[level], log: logOf(`tiepdan-${level}`), peers });
    },
    async stop(stopOptions) {
      await gateway.stop();
      await Promise.all(
        levels.map(async (level) => {
          const instance = subgraphs[level];
          if (instance?.dataSource.isInitialized) {
            await instance.stop();
          }
        }),
      );
      if (!stopOptions?.keepData) {
        await Promise.all(levels.map((level) => dropDatabase(databaseTarget(level, env))));
      }
    },
  };
  return federation;
}

/** The data of a response that must have no errors (the test fails with the errors otherwise). */
export function ok<T>(res: GraphQLResponse<T>): T {
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

/** Polls `probe` until `done` holds (transfers are delivered asynchronously); fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`not reached in ${ms} ms: ${JSON.stringify(value)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A level's report counters as readers see them (the counters plus the writers' deltas not yet
 * folded in), one JSON row per key; rows whose figures all cancelled out are the same as no row.
 */
export async function effectiveCounters(dataSource: { query(sql: string): Promise<unknown> }): Promise<string[]> {
  const rows = (await dataSource.query(
    `SELECT to_jsonb(r)::text AS row FROM (
       SELECT unit_code, grp, months, period_start, ${COUNTER_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(", ")}
       FROM (SELECT * FROM report_counter UNION ALL SELECT * FROM report_counter_delta) a GROUP BY 1, 2, 3, 4
     ) r WHERE ${COUNTER_COLUMNS.map((c) => `${c} <> 0`).join(" OR ")} ORDER BY 1`,
  )) as { row: string }[];
  return rows.map((r) => r.row);
}
