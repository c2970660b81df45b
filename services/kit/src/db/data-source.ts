import { Client } from "pg";
import { DataSource } from "typeorm";

import type { DatabaseTarget } from "../config";
import { QueryCounter } from "./query-counter";

type EntityList = Function[];

/** What a level's data source is made of. */
export interface DataSourceOptions {
  target: DatabaseTarget;
  entities: EntityList;
  migrations: EntityList;
  /** Name used in the server's `application_name`, visible in `pg_stat_activity`. */
  applicationName: string;
  /** Connection pool size. */
  poolSize?: number;
  /** Called for statements slower than `slowQueryMs`. */
  onSlowQuery?: (ms: number, query: string) => void;
  slowQueryMs?: number;
}

/** A level's TypeORM data source plus the statement counter attached to it. */
export interface LevelDataSource {
  dataSource: DataSource;
  queries: QueryCounter;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Makes sure the level's database (or schema) exists: creates the database through the server's
 * maintenance database when it is missing, and the schema when schema isolation is used.
 */
export async function ensureDatabase(target: DatabaseTarget): Promise<void> {
  const databaseName = decodeURIComponent(new URL(target.url).pathname.slice(1));
  if (target.adminUrl) {
    const admin = new Client({ connectionString: target.adminUrl });
    await admin.connect();
    try {
      const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [databaseName]);
      if (found.rowCount === 0) {
        try {
          await admin.query(`CREATE DATABASE ${quoteIdent(databaseName)} ENCODING 'UTF8' TEMPLATE template0`);
        } catch (error) {
          // Two services may race to create it: a duplicate is fine.
          if ((error as { code?: string }).code !== "42P04") {
            throw error;
          }
        }
      }
    } finally {
      await admin.end();
    }
  }
  if (target.schema !== "public") {
    const client = new Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.schema)}`);
    } finally {
      await client.end();
    }
  }
}

/** Drops a level's database or schema: for tests and `npm run reset`, never called by services. */
export async function dropDatabase(target: DatabaseTarget): Promise<void> {
  if (target.adminUrl) {
    const databaseName = decodeURIComponent(new URL(target.url).pathname.slice(1));
    const admin = new Client({ connectionString: target.adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(databaseName)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  } else if (target.schema !== "public") {
    const client = new Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(target.schema)} CASCADE`);
    } finally {
      await client.end();
    }
  }
}

/** Creates (not yet initialised) the TypeORM data source of a level. Migrations, never `synchronize`. */
export function createLevelDataSource(options: DataSourceOptions): LevelDataSource {
  const queries = new QueryCounter(options.onSlowQuery);
  const { target } = options;
  const dataSource = new DataSource({
    type: "postgres",
    url: target.url,
    schema: target.schema,
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: "migrations",
    migrationsTransactionMode: "each",
    synchronize: false,
    uuidExtension: "pgcrypto",
    logger: queries,
    maxQueryExecutionTime: options.slowQueryMs ?? 500,
    poolSize: options.poolSize ?? 10,
    // Unqualified names in migrations and raw SQL resolve to the level's own schema.
    extra: target.schema === "public" ? {} : { options: `-c search_path=${target.schema},public` },
  });
  return { dataSource, queries };
}
