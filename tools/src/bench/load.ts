// A closed-loop load generator: `connections` workers, each sending its next request as soon as the
// previous answer is complete, for a fixed time after a warm-up. Our own rather than autocannon's
// because the direct side of the gateway comparison is not one request but a replayed query plan
// (parallel and sequential fetches to several servers); one client for both sides keeps the ratio
// honest. Timing is process.hrtime; percentiles come from stats.ts.
import { Agent, request } from "node:http";

import { summary } from "./stats";

/** One unit of work (an HTTP request, or a replayed plan); it rejects on any error. */
export type Work = () => Promise<void>;

/** What one measurement gives. */
export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Keep-alive agent with no socket limit: each worker (and each parallel fetch) keeps its socket. */
export const keepAlive = new Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * POSTs a GraphQL body and resolves once the whole answer is read; rejects on a non-200 answer or
 * a GraphQL error (checked on the text, not parsed, so that the client spends little CPU).
 */
export function postGraphql(url: URL, body: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent: keepAlive, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200 || text.startsWith('{"errors"') || text.includes('"errors":[')) {
            reject(new Error(`${url.href} answered ${res.statusCode}: ${text.slice(0, 400)}`));
          } else {
            resolve(text);
          }
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function loop(work: Work, connections: number, ms: number, keep: boolean): Promise<{ latencies: number[]; errors: number; firstError?: unknown }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const end = process.hrtime.bigint() + BigInt(ms) * 1_000_000n;
  const worker = async (): Promise<void> => {
    while (process.hrtime.bigint() < end) {
      const started = process.hrtime.bigint();
      try {
        await work();
        if (keep) {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return { latencies, errors, firstError };
}

/**
 * Measures several ways of doing the same work (the gateway and the direct replay) at `connections`
 * concurrent workers: each way warms up for `warmupMs`, then the ways take turns in `rounds` rounds
 * of `durationMs / rounds` each, in alternating order (A B, B A, …). The machine's speed drifts
 * over minutes (seen here: 10–20 %); measuring the ways in turns lets both see the same drift,
 * so their ratio is not biased by which one ran first. One result per way, in `works` order.
 */
export async function measure(works: readonly Work[], connections: number, durationMs: number, warmupMs: number, rounds = 1): Promise<LoadResult[]> {
  for (const work of works) {
    await loop(work, connections, warmupMs, false);
  }
  const kept = works.map(() => ({ latencies: [] as number[], errors: 0, seconds: 0, firstError: undefined as unknown }));
  for (let round = 0; round < rounds; round += 1) {
    const order = works.map((_, i) => i);
    if (round % 2 === 1) {
      order.reverse();
    }
    for (const i of order) {
      const started = process.hrtime.bigint();
      const { latencies, errors, firstError } = await loop(works[i]!, connections, durationMs / rounds, true);
      const k = kept[i]!;
      k.seconds += Number(process.hrtime.bigint() - started) / 1e9;
      k.latencies.push(...latencies);
      k.errors += errors;
      k.firstError ??= firstError;
    }
  }
  return kept.map(({ latencies, errors, seconds, firstError }) => {
    if (latencies.length === 0) {
      throw new Error(`no request succeeded: ${firstError instanceof Error ? firstError.message : String(firstError)}`);
    }
    const { p50, p95, p99, max } = summary(latencies);
    return { connections, seconds, requests: latencies.length, errors, rps: latencies.length / seconds, p50, p95, p99, max };
  });
}
