import { AsyncLocalStorage } from "node:async_hooks";

import type { Logger as TypeOrmLogger } from "typeorm";

/**
 * Marks the work of client requests: only statements sent inside it are counted, so background
 * work (the transfer deliverer's polling) never blurs the statements-per-request figures.
 */
export const requestScope = new AsyncLocalStorage<true>();

/** Counts the SQL statements a data source sends for requests; tests and benchmarks read it to catch N+1 queries. */
export class QueryCounter implements TypeOrmLogger {
  /** Statements sent since start (or the last reset). */
  count = 0;
  /** The most recent statements, newest last (bounded). */
  readonly recent: string[] = [];

  constructor(private readonly onSlowQuery?: (ms: number, query: string) => void) {}

  logQuery(query: string): void {
    if (!requestScope.getStore()) {
      return;
    }
    this.count += 1;
    this.recent.push(query);
    if (this.recent.length > 50) {
      this.recent.shift();
    }
  }

  logQueryError(): void {}

  logQuerySlow(time: number, query: string): void {
    this.onSlowQuery?.(time, query);
  }

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}

  /** Runs `work` and returns how many statements it sent (work must not overlap other traffic). */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const before = this.count;
    const result = await work();
    return { result, statements: this.count - before };
  }
}
