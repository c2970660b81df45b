import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";

import { AdministrativeUnitEntity, ReceptionBodyEntity } from "./admin/entities";
import { type Gazetteer, gazetteerFor, loadGazetteer } from "./admin/gazetteer";
import { AdministrativeUnits1764300000000 } from "./admin/migrations";
import { AttachmentEntity, CaseEntity, CaseEventEntity, DenouncerEntity, PetitionEntity, PetitionerEntity, SuspensionEntity } from "./cases/entities";
import { Cases1764400000000 } from "./cases/migrations";
import { CaseKindIndex1764910000000, CaseListOrders1764870000000 } from "./cases/list-migrations";
import { receptionEntities } from "./reception/entities";
import { Reception1764500000000 } from "./reception/migrations";
import { TransferDeliverer } from "./transfers/deliverer";
import { Transfers1764600000000 } from "./transfers/migrations";
import { ReportCounters1764900000000 } from "./statistics/counter-migration";
import { maintainCounters } from "./statistics/counters";
import { ReportFacts1764800000000, Statistics1764700000000 } from "./statistics/migrations";
import { transferSecret } from "./transfers/sealed";
import { seedLevel } from "./admin/seed";
import { LEVELS, type Level, activeLevels, databaseTarget, seedProvinces, subgraphPort, subgraphUrl } from "./config";
import { createLevelDataSource, ensureDatabase } from "./db/data-source";
import type { QueryCounter } from "./db/query-counter";
import { type Logger, createLogger } from "./logger";
import { type SubgraphDefinition, buildFederatedSchema } from "./schema";
import { startSubgraphServer } from "./server";

type Env = Record<string, string | undefined>;

/** A running subgraph: its server, its database and its statement counter. */
export interface SubgraphInstance {
  level: Level;
  url: string;
  port: number;
  schema: GraphQLSchema;
  dataSource: DataSource;
  queries: QueryCounter;
  log: Logger;
  /** Delivers this subgraph's outbox to the other subgraphs. */
  deliverer: TransferDeliverer;
  /** Stops delivering, stops the server (waiting for requests in flight), then closes the database pool. */
  stop(): Promise<void>;
}

/** Options of `startSubgraph`; everything defaults from the environment. */
export interface StartOptions {
  env?: Env;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  log?: Logger;
  /** Where the other levels' subgraphs are (…/graphql), read at each delivery; default from the environment. */
  peers?: () => Partial<Record<Level, string>>;
}

const intEnv = (value: string | undefined, fallback: number): number => (value && /^\d+$/.test(value) ? Number(value) : fallback);

let gazetteerCache: Gazetteer | undefined;

/** The statistics office's list, read once per process. */
export function gazetteer(): Gazetteer {
  gazetteerCache ??= loadGazetteer();
  return gazetteerCache;
}

/** Entities every level's data source carries. */
export const kitEntities = [
  AdministrativeUnitEntity,
  ReceptionBodyEntity,
  CaseEntity,
  PetitionEntity,
  PetitionerEntity,
  DenouncerEntity,
  AttachmentEntity,
  CaseEventEntity,
  SuspensionEntity,
  ...receptionEntities,
];

/** Migrations every level runs, in order. */
export const kitMigrations = [AdministrativeUnits1764300000000, Cases1764400000000, Reception1764500000000, Transfers1764600000000, Statistics1764700000000, ReportFacts1764800000000, CaseListOrders1764870000000, ReportCounters1764900000000, CaseKindIndex1764910000000];

/** Opens a level's database: creates it if missing and runs pending migrations (never `synchronize`). */
export async function openLevelDatabase(definition: SubgraphDefinition, env: Env, log: Logger) {
  const target = databaseTarget(definition.level, env);
  await ensureDatabase(target);
  const { dataSource, queries } = createLevelDataSource({
    target,
    entities: [...kitEntities, ...(definition.entities ?? [])],
    migrations: [...kitMigrations, ...(definition.migrations ?? [])],
    applicationName: `tiepdan-${definition.level}`,
    onSlowQuery: (ms, query) => log.warn({ ms, query: query.slice(0, 500) }, "slow query"),
  });
  await dataSource.initialize();
  const ran = await dataSource.runMigrations({ transaction: "each" });
  if (ran.length > 0) {
    log.info({ migrations: ran.map((m) => m.name) }, "migrations applied");
  }
  return { dataSource, queries };
}

/**
 * Starts a level's subgraph: database (created and migrated), first-start data (the units of
 * `SEED_PROVINCES`), the federated schema and the HTTP server.
 */
export async function startSubgraph(definition: SubgraphDefinition, options: StartOptions = {}): Promise<SubgraphInstance> {
  const env = options.env ?? process.env;
  const level = definition.level;
  const log = options.log ?? createLogger(`tiepdan-${level}`, env.LOG_LEVEL);
  const { dataSource, queries } = await openLevelDatabase(definition, env, log);
  try {
    const provinces = seedProvinces(env);
    if (provinces.length > 0) {
      const seeded = await seedLevel(dataSource, level, gazetteerFor(gazetteer(), provinces));
      if (seeded.units > 0 || seeded.bodies > 0) {
        log.info({ provinces, ...seeded }, "administrative units loaded");
      }
    }
    const levels = activeLevels(env);
    const schema = await buildFederatedSchema(definition, levels);
    const transfers = { secret: transferSecret(env), levels };
    const server = await startSubgraphServer({
      level,
      schema,
      dataSource,
      log,
      transfers,
      port: options.port ?? subgraphPort(level, env),
      host: options.host,
    });
    const fromEnv = Object.fromEntries(LEVELS.map((l) => [l, subgraphUrl(l, env)])) as Record<Level, string>;
    const deliverer = new TransferDeliverer({
      dataSource,
      level,
      peers: options.peers ?? (() => fromEnv),
      secret: transfers.secret,
      log,
      pollMs: intEnv(env.TRANSFER_POLL_MS, 250),
      maxBackoffMs: intEnv(env.TRANSFER_MAX_BACKOFF_MS, 30_000),
    });
    deliverer.start();
    const stopCounters = maintainCounters(dataSource, log);
    log.info({ url: server.url }, `${level} subgraph ready`);
    return {
      level,
      url: server.url,
      port: server.port,
      schema,
      dataSource,
      queries,
      log,
      deliverer,
      stop: async () => {
        await deliverer.stop();
        await stopCounters();
        await server.close();
        await dataSource.destroy();
      },
    };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/**
 * Runs a service until it is told to stop: on SIGINT/SIGTERM, or when the process that started it
 * with an IPC channel (`npm start`) dies, `stop` runs once and the process exits.
 */
export function runUntilStopped(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onStop = (reason: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info({ reason }, "stopping");
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "stop failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => onStop("SIGINT"));
  process.once("SIGTERM", () => onStop("SIGTERM"));
  if (process.send) {
    process.once("disconnect", () => onStop("parent process gone"));
  }
}

/** Entry point of a subgraph process: starts it and stops it cleanly (see `runUntilStopped`). */
export function runSubgraphMain(definition: SubgraphDefinition): void {
  const log = createLogger(`tiepdan-${definition.level}`);
  startSubgraph(definition, { log })
    .then((instance) => runUntilStopped(log, () => instance.stop()))
    .catch((error: unknown) => {
      log.fatal({ err: error }, `${definition.level} subgraph failed to start`);
      process.exit(1);
    });
}
