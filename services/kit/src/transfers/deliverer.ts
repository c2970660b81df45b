import type { DataSource, EntityManager, QueryRunner } from "typeorm";

import type { Level } from "../config";
import { backgroundQueryRunner } from "../db/query-counter";
import type { Logger } from "../logger";
import { forwardProgress } from "./effects";
import { type CaseLink, type Hop, mergeJourney } from "./journey";
import { type ReportPayload, type TransferPayload, outboxSignal } from "./outbox";
import { takeReport } from "./receiver";
import { peerToken } from "./sealed";

/** Settings of a deliverer. */
export interface DelivererOptions {
  dataSource: DataSource;
  level: Level;
  /** Base URL (…/graphql) of each level's subgraph, read at each delivery (tests start on free ports). */
  peers: () => Partial<Record<Level, string>>;
  secret: string;
  log: Logger;
  pollMs?: number;
  batch?: number;
  maxBackoffMs?: number;
  timeoutMs?: number;
}

interface Row {
  id: string;
  kind: "TRANSFER" | "REPORT";
  case_id: string;
  target_level: Level;
  payload: TransferPayload | ReportPayload;
  attempts: number;
}

/** Delay before the next attempt: exponential from 250 ms, capped, with ±20% jitter. */
export function backoffMs(attempts: number, maxMs: number): number {
  const base = Math.min(maxMs, 250 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** The receiving endpoint of a level's subgraph. */
export const messagesUrl = (graphqlUrl: string): string => graphqlUrl.replace(/\/graphql\/?$/, "/internal/messages");

/**
 * Delivers a subgraph's outbox: claims due messages with `FOR UPDATE SKIP LOCKED` (several
 * processes may run it), posts each to the receiving subgraph with its id as idempotency key, and on
 * success records the answer in the same transaction as its effect; on failure counts the attempt,
 * keeps the error and backs off. Anything committed is delivered eventually, across restarts.
 */
export class TransferDeliverer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private again = false;
  private readonly wake = (): void => this.kick();

  constructor(private readonly options: DelivererOptions) {}

  start(): void {
    this.stopped = false;
    outboxSignal.on("enqueued", this.wake);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    outboxSignal.off("enqueued", this.wake);
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs a round now (or right after the current one). */
  kick(): void {
    if (this.stopped) {
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.round()
        .then(() => undefined)
        .catch((error: unknown) => this.options.log.warn({ err: error }, "outbox round failed"))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) {
            const again = this.again;
            this.again = false;
            this.schedule(again ? 0 : (this.options.pollMs ?? 250));
          }
        });
    }, ms);
    this.timer.unref();
  }

  /** One round: claim what is due and deliver it. Returns how many were delivered. */
  async round(): Promise<number> {
    const { dataSource, batch = 20 } = this.options;
    if (!dataSource.isInitialized) {
      return 0;
    }
    // The claim is a lease: a process that dies mid-delivery leaves the message due again in 30 s.
    const [rows] = (await this.background((r) => r.query(
      `UPDATE outbox_message SET attempts = attempts + 1, next_attempt_at = now() + interval '30 seconds'
       WHERE id IN (SELECT id FROM outbox_message WHERE status = 'PENDING' AND next_attempt_at <= now()
                    ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, case_id, target_level, payload, attempts`,
      [batch],
    ))) as [Row[], number]; // TypeORM returns [rows, count] for UPDATE
    const results = await Promise.all(rows.map((row) => this.deliver(row)));
    const delivered = results.filter(Boolean).length;
    if (rows.length === batch) {
      this.again = true;
    }
    return delivered;
  }

  private async deliver(row: Row): Promise<boolean> {
    const { peers, secret, log, timeoutMs = 5000, maxBackoffMs = 30_000 } = this.options;
    const base = peers()[row.target_level];
    try {
      if (!base) {
        throw new Error(`no ${row.target_level} subgraph is configured`);
      }
      const res = await fetch(messagesUrl(base), {
        method: "POST",
        headers: { "content-type": "application/json", "x-tiepdan-peer": peerToken(secret) },
        body: JSON.stringify({ id: row.id, kind: row.kind, payload: row.payload }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json().catch(() => ({}))) as { caseId?: string; error?: string };
      if (res.status === 422) {
        // The receiver can never take this message (e.g. no such body there): retrying is useless.
        await this.reject(row, body.error ?? "rejected by the receiver");
        return false;
      }
      if (!res.ok) {
        throw new Error(`${row.target_level} answered ${res.status}: ${body.error ?? res.statusText}`);
      }
      const recorded = await this.transaction(async (m) => {
        const [done] = (await m.query(
          `UPDATE outbox_message SET status = 'DELIVERED', delivered_at = now(), last_error = NULL, response = $2::jsonb
           WHERE id = $1 AND status = 'PENDING' RETURNING id`,
          [row.id, JSON.stringify(body)],
        )) as [unknown[], number];
        if (done.length === 0) {
          return false; // another process recorded it first
        }
        if (row.kind === "TRANSFER" && body.caseId) {
          await this.recordDelivery(m, row, body.caseId);
        }
        return true;
      });
      if (recorded) {
        outboxSignal.emit("enqueued");
      }
      log.info({ message: row.id, kind: row.kind, to: row.target_level, attempts: row.attempts }, "message delivered");
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.background((r) =>
        r.query(`UPDATE outbox_message SET last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1 AND status = 'PENDING'`, [
          row.id,
          reason.slice(0, 500),
          String(backoffMs(row.attempts, maxBackoffMs)),
        ]),
      ).catch(() => undefined);
      log.warn({ message: row.id, kind: row.kind, to: row.target_level, attempts: row.attempts, reason }, "delivery failed; will retry");
      return false;
    }
  }

  /**
   * A message the receiver refuses for good: it leaves the outbox as REJECTED, and a transfer comes
   * back to its sender like a return (the case is reopened, the hop says why).
   */
  private async reject(row: Row, reason: string): Promise<void> {
    const { log } = this.options;
    await this.transaction(async (m) => {
      const [done] = (await m.query(`UPDATE outbox_message SET status = 'REJECTED', last_error = $2 WHERE id = $1 AND status = 'PENDING' RETURNING id`, [
        row.id,
        reason.slice(0, 500),
      ])) as [unknown[], number];
      if (done.length === 0 || row.kind !== "TRANSFER") {
        return;
      }
      const hop = (row.payload as TransferPayload).hop;
      await takeReport(m, {
        toCaseId: row.case_id,
        hopId: hop.id,
        event: "RETURNED",
        journey: [{ ...hop, status: "RETURNED", returnReason: `Not delivered: ${reason}` }],
        returnReason: `Not delivered: ${reason}`,
      });
    });
    outboxSignal.emit("enqueued");
    log.warn({ message: row.id, kind: row.kind, to: row.target_level, reason }, "message rejected by the receiver");
  }

  /** Runs `work` on a query runner of its own, whose statements the request counter leaves out. */
  private async background<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = backgroundQueryRunner(this.options.dataSource);
    try {
      return await work(runner);
    } finally {
      await runner.release();
    }
  }

  private transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.background((runner) => runner.manager.transaction(work));
  }

  /** The receiver has the case: the hop gets its case id, and the body upstream (if any) hears of it. */
  private async recordDelivery(m: EntityManager, row: Row, remoteCaseId: string): Promise<void> {
    const payload = row.payload as TransferPayload;
    const delivered: Hop = { ...payload.hop, toCaseId: remoteCaseId, status: "DELIVERED", deliveredAt: new Date().toISOString() };
    const [found] = (await m.query(`SELECT journey, transferred_from FROM kntc_case WHERE id = $1 FOR UPDATE`, [row.case_id])) as {
      journey: Hop[];
      transferred_from: CaseLink | null;
    }[];
    if (!found) {
      return;
    }
    const journey = mergeJourney(found.journey, [delivered]);
    await m.query(`UPDATE kntc_case SET journey = $2::jsonb WHERE id = $1`, [row.case_id, JSON.stringify(journey)]);
    await forwardProgress(m, row.case_id, found.transferred_from, delivered.id, journey);
  }
}
