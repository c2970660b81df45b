import type { DataSource, Logger as TypeOrmLogger, QueryRunner } from "typeorm";

/**
 * A query runner whose statements the counter leaves out: background work (the transfer
 * deliverer's polling) must not blur the statements-per-request figures. Marking the background
 * runners, rather than scoping the requests with an AsyncLocalStorage, keeps async_hooks' promise
 * hooks off: they cost the commune subgraph ~6 % of its CPU per province dashboard. Release it.
 */
export function backgroundQueryRunner(dataSource: DataSource): QueryRunner {
  const runner = dataSource.createQueryRunner();
  runner.data = { ...runner.data, background: true };
  return runner;
}

const isBackground = (runner: QueryRunner | undefined): boolean => (runner?.data as { background?: boolean } | undefined)?.background === true;

/** Counts the SQL statements a data source sends (all but background runners'); tests and benchmarks read it to catch N+1 queries. */
export class QueryCounter implements TypeOrmLogger {
  /** Statements sent since start (or the last reset). */
  count = 0;
  /** The most recent statements, newest last (bounded). */
  readonly recent: string[] = [];

  constructor(private readonly onSlowQuery?: (ms: number, query: string) => void) {}

  logQuery(query: string, _parameters?: unknown, runner?: QueryRunner): void {
    if (isBackground(runner)) {
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
