// Transfers under faults, over real processes and HTTP: the three subgraphs run as child processes
// (`node services/<level>/dist/main.js`, as `npm start` runs them), the gateway in this process. A
// seeded random workload registers, classifies and transfers petitions between bodies of every
// level while subgraphs are SIGKILLed mid-flight and restarted, messages are delivered twice, and
// two officers transfer the same case at once. At the end every database is counted: each
// committed transfer has exactly one case at its receiver — nothing lost, nothing duplicated.
//
// Reproduce a run with the seed it prints: `cd test && FAULT_SEED=<seed> npx jest transfer-faults`.
// The seed fixes the random stream (bodies, dates, which faults, when); which case a draw lands on
// still depends on the timing of real processes, so a rerun has the same shape, not the same steps.
// FAULT_TRANSFERS sets the size (400). (Through `npm test`, turbo passes neither variable on.)
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";

import { type RunningGateway, defaultSupergraphPath, startGateway } from "@tiepdan/gateway";
import { LEVELS, type Level, createLevelDataSource, createLogger, databaseTarget, dropDatabase, freePorts, peerToken, transferSecret } from "@tiepdan/kit";
import { ROOT, SubgraphProcess } from "@tiepdan/tools";

import { type Ledger, type Sql, pendingCounts, readLedger } from "./faults/ledger";
import { effectiveCounters } from "./harness";
import { mulberry32, seedFrom } from "./faults/prng";

type DataSource = ReturnType<typeof createLevelDataSource>["dataSource"];

interface GraphQLError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}
interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

const SEED = seedFrom(process.env);
const TARGET = Number(process.env.FAULT_TRANSFERS ?? 400);
const WORKERS = 4;
const WORKLOAD_BUDGET_MS = 120_000;
const DRAIN_BUDGET_MS = 60_000;
const OFFICER = { "x-user-id": "can-bo-kiem-thu" };
const LAST_DAY = "2025-06-30"; // districts refuse records from 2025-07-01: everything stays before

/** A request cut off by a subgraph this suite killed: expected, counted, not a failure. */
class Interrupted extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const out = d.toISOString().slice(0, 10);
  return out > LAST_DAY ? LAST_DAY : out;
}

/** A transfer the client saw succeed. */
interface Sent {
  hopId: string;
  from: Level;
  caseId: string;
  to: Level;
  toBodyId: string;
  on: string;
}

describe("transfers between subgraph processes under faults", () => {
  const rng = mulberry32(SEED);
  const prefix = `tf${randomBytes(3).toString("hex")}_`;
  const secret = `fault-suite-${randomBytes(8).toString("hex")}`;
  const token = peerToken(transferSecret({ TRANSFER_SECRET: secret }));
  const procs = {} as Record<Level, SubgraphProcess>;
  const dbs = {} as Record<Level, DataSource>;
  const bodies = {} as Record<Level, string[]>;
  let env: Record<string, string | undefined> = {};
  let gateway: RunningGateway | undefined;
  /** Subgraphs being started again in the background after a kill. */
  const restarts: Promise<void>[] = [];

  beforeAll(async () => {
    for (const level of LEVELS) {
      const entry = join(ROOT, "services", level, "dist", "main.js");
      if (!existsSync(entry)) {
        throw new Error(`${entry} is missing: build first (npx tsc -b tools test, or npm run build)`);
      }
    }
    const distinct = await freePorts(LEVELS.length);
    const ports = Object.fromEntries(LEVELS.map((l, i) => [l, distinct[i]])) as Record<Level, number>;
    env = {
      ...process.env,
      DATABASE_PREFIX: prefix,
      SEED_PROVINCES: "37",
      TRANSFER_POLL_MS: "100",
      TRANSFER_MAX_BACKOFF_MS: "500",
      TRANSFER_SECRET: secret,
      LOG_LEVEL: "warn",
      APOLLO_TELEMETRY_DISABLED: "1",
      TIEPDAN_LEVELS: LEVELS.join(","),
    };
    for (const level of LEVELS) {
      delete env[`${level.toUpperCase()}_DATABASE_URL`]; // each run gets its own databases on the test server
      env[`${level.toUpperCase()}_PORT`] = String(ports[level]);
      env[`${level.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[level]}/graphql`;
    }
    for (const level of LEVELS) {
      procs[level] = new SubgraphProcess(level, ports[level], env);
    }
    await Promise.all(LEVELS.map((level) => procs[level].start()));
    for (const level of LEVELS) {
      const { dataSource } = createLevelDataSource({ target: databaseTarget(level, env), entities: [], migrations: [], applicationName: "tiepdan-fault-suite", poolSize: 4 });
      await dataSource.initialize();
      dbs[level] = dataSource;
      bodies[level] = ((await dataSource.query(`SELECT id FROM reception_body ORDER BY id`)) as { id: string }[]).map((b) => b.id);
    }
    gateway = await startGateway(
      { port: 0, levels: [...LEVELS], supergraphPath: defaultSupergraphPath(LEVELS), subgraphUrls: Object.fromEntries(LEVELS.map((l) => [l, procs[l].url])) },
      createLogger("tiepdan-gateway", process.env.TEST_LOG_LEVEL ?? "silent"),
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled(restarts);
    await gateway?.stop().catch(() => undefined);
    await Promise.all(LEVELS.map((level) => procs[level]?.kill()));
    await Promise.all(LEVELS.map((level) => (dbs[level]?.isInitialized ? dbs[level].destroy() : undefined)));
    if (env.DATABASE_URL) {
      await Promise.all(LEVELS.map((level) => dropDatabase(databaseTarget(level, env)).catch(() => undefined)));
    }
  }, 60_000);

  it("loses nothing and duplicates nothing across kills, restarts, duplicate deliveries and racing officers", async () => {
    const started = Date.now();
    const up: Record<Level, boolean> = { province: true, district: true, commune: true };
    // Bumped at each kill: a request that fails while its subgraph's epoch moved was cut off by us.
    const epoch: Record<Level, number> = { province: 0, district: 0, commune: 0 };
    const down = new Set<Level>(); // killed, not yet back: at most two at a time, someone must be up
    const faults = { "receiver-killed": 0, "sender-killed": 0, "replayed-delivery": 0, "racing-duplicate": 0, "concurrent-transfer": 0 };
    const raceLosers: Record<string, number> = {};
    const problems: string[] = [];
    const sent: Sent[] = [];
    const arrivals: Sent[] = []; // transfers whose receiver case may be taken further
    const reopened: { level: Level; caseId: string; on: string }[] = [];
    let interrupted = 0;
    let chained = 0;
    let accepted = 0;
    let returned = 0;
    let duplicateAnswers = 0;
    const killedInFlight = { pending: 0, delivered: 0 };
    const problem = (line: string): void => {
      if (problems.length < 30) {
        problems.push(line);
      }
    };
    const upLevels = (): Level[] => LEVELS.filter((l) => up[l]);

    async function gql<T>(query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> {
      const res = await fetch(gateway!.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...OFFICER },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      return (await res.json()) as GraphQLResponse<T>;
    }

    /** One operation through the gateway on `level`'s subgraph; throws Interrupted when we killed it meanwhile. */
    async function call<T>(level: Level, query: string, variables: Record<string, unknown>): Promise<T> {
      if (!up[level]) {
        throw new Interrupted(level); // killed while this step was on its way here
      }
      const seen = epoch[level];
      let res: GraphQLResponse<T>;
      try {
        res = await gql<T>(query, variables);
      } catch (error) {
        if (epoch[level] !== seen) {
          throw new Interrupted(level);
        }
        throw error;
      }
      if (res.errors?.length) {
        if (epoch[level] !== seen) {
          throw new Interrupted(level);
        }
        throw new Error(`${level}: ${JSON.stringify(res.errors).slice(0, 600)}`);
      }
      return res.data as T;
    }

    /** Posts a message to a level's /internal/messages, as a peer subgraph would. */
    async function post(level: Level, message: { id: string; kind: string; payload: unknown }): Promise<{ status: number; body: { caseId?: string; duplicate?: boolean; error?: string } }> {
      const res = await fetch(`http://127.0.0.1:${procs[level].port}/internal/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-tiepdan-peer": token },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(15_000),
      });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as never };
    }

    /** SIGKILLs a level and starts it again on the same port after `downMs`, in the background. */
    async function knockOut(level: Level, downMs: number, kind: "receiver-killed" | "sender-killed"): Promise<boolean> {
      if (down.size >= 2 || !up[level]) {
        return false;
      }
      down.add(level);
      up[level] = false;
      epoch[level] += 1;
      await procs[level].kill();
      faults[kind] += 1;
      restarts.push(
        (async () => {
          await sleep(downMs);
          await procs[level].start();
          up[level] = true;
          down.delete(level);
        })().catch((error: unknown) => problem(`restarting ${level} failed: ${error instanceof Error ? error.message : String(error)}`)),
      );
      return true;
    }

    const otherBody = (level: Level, not: string[]): string => {
      let id = rng.pick(bodies[level]);
      while (not.includes(id)) {
        id = rng.pick(bodies[level]);
      }
      return id;
    };
    /** A target at any level; while a level is down, often that one (its messages must wait). */
    const pickTarget = (not: string[]): { level: Level; body: string } => {
      const level = down.size > 0 && rng.chance(0.5) ? rng.pick([...down]) : rng.pick(LEVELS);
      return { level, body: otherBody(level, not) };
    };

    async function register(level: Level, bodyId: string, contentType: string, receivedOn: string): Promise<string> {
      const data = await call<Record<string, { case: { id: string } }>>(
        level,
        `mutation ($input: RegisterPetitionInput!) { ${level}RegisterPetition(input: $input) { case { id } } }`,
        {
          input: {
            bodyId,
            source: rng.pick(["POST", "IN_PERSON", "ONLINE"]),
            receivedOn,
            content: `${contentType === "COMPLAINT" ? "Khiếu nại" : "Kiến nghị"} về bồi thường, hỗ trợ khi thu hồi đất (kiểm thử lỗi ${rng.int(1, 1e6)})`,
            contentTypes: [contentType],
            petitioners: [{ fullName: rng.pick(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]), citizenId: `0370${String(rng.int(0, 99_999_999)).padStart(8, "0")}` }],
          },
        },
      );
      return data[`${level}RegisterPetition`]!.case.id;
    }

    async function classify(level: Level, id: string, contentType: string, on: string): Promise<void> {
      await call(level, `mutation ($id: ID!, $input: ClassifyCaseInput!) { ${level}ClassifyCase(id: $id, input: $input) { id } }`, {
        id,
        input: { contentTypes: [contentType], eligible: true, withinCompetence: false, field: "LAND_HOUSING", instance: contentType === "COMPLAINT" ? 1 : null, on },
      });
    }

    const TRANSFER = (level: Level): string =>
      `mutation ($id: ID!, $input: CaseActionInput) { ${level}ActOnCase(id: $id, action: TRANSFER, input: $input) { id status transfer { id toBodyId } } }`;
    const transferInput = (target: string, on: string) => ({ targetBodyId: target, on, reason: "Không thuộc thẩm quyền giải quyết", legalBasis: "Thông tư 05/2021/TT-TTCP, Điều 14" });

    /** Faults attached to a transfer, applied right after its mutation returned (committed, maybe not yet delivered). */
    interface After {
      killSender?: boolean;
      killReceiver?: boolean;
      racingDuplicate?: boolean;
    }

    async function transfer(level: Level, caseId: string, bodyId: string, on: string, after: After): Promise<void> {
      const target = pickTarget([bodyId]);
      const data = await call<Record<string, { status: string; transfer: { id: string; toBodyId: string } | null }>>(level, TRANSFER(level), {
        id: caseId,
        input: transferInput(target.body, on),
      });
      const result = data[`${level}ActOnCase`]!;
      if (result.status !== "TRANSFERRED" || result.transfer?.toBodyId !== target.body) {
        problem(`transfer of ${level} case ${caseId} answered ${JSON.stringify(result)}`);
        return;
      }
      const s: Sent = { hopId: result.transfer.id, from: level, caseId, to: target.level, toBodyId: target.body, on };
      sent.push(s);
      arrivals.push(s);
      await afterTransfer(s, after);
    }

    async function afterTransfer(s: Sent, after: After): Promise<void> {
      if (after.racingDuplicate && up[s.to]) {
        // The message posted twice at once by "another sender" while the deliverer posts it too.
        const seen = epoch[s.to];
        const [row] = (await dbs[s.from].query(`SELECT id, kind, payload FROM outbox_message WHERE id = $1`, [s.hopId])) as { id: string; kind: string; payload: unknown }[];
        const answers = await Promise.allSettled([post(s.to, row!), post(s.to, row!)]);
        faults["racing-duplicate"] += 1;
        const ok = answers.flatMap((a) => (a.status === "fulfilled" && a.value.status === 200 ? [a.value.body] : []));
        if (ok.length < 2 && epoch[s.to] === seen) {
          problem(`racing duplicate of ${s.hopId}: ${JSON.stringify(answers.map((a) => (a.status === "fulfilled" ? a.value : String(a.reason))))}`);
        }
        if (new Set(ok.map((b) => b.caseId)).size > 1 || ok.some((b) => !b.caseId)) {
          problem(`racing duplicate of ${s.hopId} got different answers: ${JSON.stringify(ok)}`);
        }
        duplicateAnswers += ok.filter((b) => b.duplicate).length;
      }
      let killed = false;
      if (after.killSender) {
        // Committed, not yet delivered (or delivered and not yet recorded): the sender dies now.
        killed = await knockOut(s.from, rng.int(100, 800), "sender-killed");
      } else if (after.killReceiver) {
        // The deliverer was woken by the commit: the receiver dies while the message is on its way.
        await sleep(rng.int(0, 40));
        killed = await knockOut(s.to, rng.int(500, 2000), "receiver-killed");
      }
      if (killed) {
        // Was the message still on its way when the process died? (The suite is meant to hit that.)
        const [row] = (await dbs[s.from].query(`SELECT status FROM outbox_message WHERE id = $1`, [s.hopId])) as { status: string }[];
        killedInFlight[row?.status === "DELIVERED" ? "delivered" : "pending"] += 1;
      }
    }

    /** Two officers transfer the same case at the same moment, to different bodies: exactly one wins. */
    async function racingTransfers(level: Level, caseId: string, bodyId: string, on: string): Promise<void> {
      const a = pickTarget([bodyId]);
      const b = pickTarget([bodyId, a.body]);
      if (!up[level]) {
        throw new Interrupted(level);
      }
      const seen = epoch[level];
      // The second officer clicks 0-40 ms later: both read the same version (CONFLICT) or the second reads TRANSFERRED (INVALID_TRANSITION).
      const delays = [0, rng.int(0, 40)];
      const answers = await Promise.all(
        [a, b].map((t, i) =>
          sleep(delays[i]!).then(() => gql<Record<string, { status: string; transfer: { id: string; toBodyId: string } | null }>>(TRANSFER(level), { id: caseId, input: transferInput(t.body, on) })).catch(
            (error: unknown): GraphQLResponse<never> => ({ errors: [{ message: String(error) }] }),
          ),
        ),
      );
      if (epoch[level] !== seen) {
        throw new Interrupted(level);
      }
      faults["concurrent-transfer"] += 1;
      const winners = answers.map((r, i) => ({ r, t: [a, b][i]! })).filter(({ r }) => !r.errors && r.data?.[`${level}ActOnCase`]?.status === "TRANSFERRED");
      const losers = answers.filter((r) => r.errors?.length);
      if (winners.length !== 1 || losers.length !== 1) {
        problem(`racing transfers of ${level} case ${caseId}: ${winners.length} succeeded: ${JSON.stringify(answers).slice(0, 800)}`);
        return;
      }
      const error = losers[0]!.errors![0]!;
      const code = String(error.extensions?.code);
      raceLosers[code] = (raceLosers[code] ?? 0) + 1;
      const clear =
        (code === "CONFLICT" && /changed by someone else.*reload it and try again/.test(error.message)) ||
        (code === "INVALID_TRANSITION" && /^Cannot TRANSFER .* that is TRANSFERRED/.test(error.message));
      if (!clear) {
        problem(`the losing transfer of ${level} case ${caseId} got an unclear error: ${JSON.stringify(error)}`);
      }
      const { r, t } = winners[0]!;
      const hop = r.data![`${level}ActOnCase`]!.transfer!;
      const rows = (await dbs[level].query(`SELECT id, payload->'hop'->>'toBodyId' AS to_body FROM outbox_message WHERE case_id = $1 AND kind = 'TRANSFER'`, [caseId])) as { id: string; to_body: string }[];
      if (rows.length !== 1 || rows[0]!.id !== hop.id || rows[0]!.to_body !== t.body) {
        problem(`racing transfers of ${level} case ${caseId} left ${rows.length} messages: ${JSON.stringify(rows)}`);
      }
      const s: Sent = { hopId: hop.id, from: level, caseId, to: t.level, toBodyId: t.body, on };
      sent.push(s);
      arrivals.push(s);
    }

    /** A new petition at a random body of a running level, classified, then transferred. */
    async function fresh(after: After, race: boolean): Promise<void> {
      const level = rng.pick(upLevels());
      const bodyId = rng.pick(bodies[level]);
      const contentType = rng.chance(0.6) ? "COMPLAINT" : "RECOMMENDATION";
      const receivedOn = addDays("2025-01-02", rng.int(0, 140));
      const on = addDays(receivedOn, rng.int(0, 3));
      const id = await register(level, bodyId, contentType, receivedOn);
      await classify(level, id, contentType, receivedOn);
      if (race) {
        await racingTransfers(level, id, bodyId, on);
      } else {
        await transfer(level, id, bodyId, on, after);
      }
    }

    /** A case that arrived somewhere goes further (maybe after being accepted), or is sent back. */
    async function onward(after: After, sendBack: boolean): Promise<boolean> {
      const i = arrivals.findIndex((s) => up[s.to]);
      if (i < 0) {
        return false;
      }
      const s = arrivals.splice(i, 1)[0]!;
      const [c] = (await dbs[s.to].query(`SELECT id, body_id, kind, received_on::text AS received_on, inbox_state FROM kntc_case WHERE origin_message_id = $1`, [s.hopId])) as {
        id: string;
        body_id: string;
        kind: string;
        received_on: string;
        inbox_state: string;
      }[];
      if (!c) {
        arrivals.push(s); // not delivered yet: later
        return false;
      }
      if (sendBack) {
        await call(s.to, `mutation ($id: ID!, $reason: String!) { ${s.to}ReturnTransfer(id: $id, reason: $reason) { id } }`, { id: c.id, reason: "Không thuộc thẩm quyền: trả lại nơi chuyển" });
        returned += 1;
        reopened.push({ level: s.from, caseId: s.caseId, on: addDays(c.received_on, 1) });
        return true;
      }
      if (rng.chance(0.3)) {
        await call(s.to, `mutation ($id: ID!) { ${s.to}AcceptTransfer(id: $id) { id } }`, { id: c.id });
        accepted += 1;
      }
      const contentType = c.kind === "COMPLAINT" ? "COMPLAINT" : "RECOMMENDATION";
      await classify(s.to, c.id, contentType, c.received_on);
      chained += 1;
      await transfer(s.to, c.id, c.body_id, addDays(c.received_on, rng.int(0, 3)), after);
      return true;
    }

    /** A case sent back to its sender, reopened there, goes out again. */
    async function again(after: After): Promise<boolean> {
      const i = reopened.findIndex((r) => up[r.level]);
      if (i < 0) {
        return false;
      }
      const r = reopened.splice(i, 1)[0]!;
      const [c] = (await dbs[r.level].query(`SELECT status, body_id FROM kntc_case WHERE id = $1`, [r.caseId])) as { status: string; body_id: string }[];
      if (c?.status !== "CLASSIFIED") {
        reopened.push(r); // the RETURNED news has not reached it yet
        return false;
      }
      await transfer(r.level, r.caseId, c.body_id, r.on, after);
      return true;
    }

    /** A delivered message (transfer or report) is delivered once more: the receiver must answer as the first time and change nothing. */
    async function replay(): Promise<void> {
      const from = rng.pick(upLevels());
      const [{ n }] = (await dbs[from].query(`SELECT count(*)::int AS n FROM outbox_message WHERE status = 'DELIVERED'`)) as [{ n: number }];
      if (n === 0) {
        return;
      }
      const [row] = (await dbs[from].query(`SELECT id, kind, target_level, payload, response FROM outbox_message WHERE status = 'DELIVERED' ORDER BY created_at, id OFFSET $1 LIMIT 1`, [
        rng.int(0, n - 1),
      ])) as { id: string; kind: string; target_level: Level; payload: unknown; response: { caseId?: string } }[];
      if (!row || !up[row.target_level]) {
        return;
      }
      const seen = epoch[row.target_level];
      let answer: Awaited<ReturnType<typeof post>>;
      try {
        answer = await post(row.target_level, row);
      } catch (error) {
        if (epoch[row.target_level] !== seen) {
          throw new Interrupted(row.target_level);
        }
        throw error;
      }
      faults["replayed-delivery"] += 1;
      if (answer.status !== 200 || answer.body.duplicate !== true || answer.body.caseId !== row.response.caseId) {
        if (epoch[row.target_level] === seen) {
          problem(`replayed ${row.kind} ${row.id} to ${row.target_level}: ${answer.status} ${JSON.stringify(answer.body)}, first answer ${JSON.stringify(row.response)}`);
        }
      }
    }

    /** The next step of the workload, drawn from the seeded generator. */
    async function step(): Promise<void> {
      const r = rng.next();
      if (r < 0.07) {
        return replay();
      }
      const after: After = {};
      const f = rng.next();
      if (f < 0.06) {
        after.killSender = true;
      } else if (f < 0.12) {
        after.killReceiver = true;
      } else if (f < 0.19) {
        after.racingDuplicate = true;
      }
      const kind = rng.next();
      if (kind < 0.05 && (await again(after))) {
        return;
      }
      if (kind < 0.4 && (await onward(after, rng.chance(0.1)))) {
        return;
      }
      return fresh(after, rng.chance(0.07));
    }

    const deadline = started + WORKLOAD_BUDGET_MS;
    const worker = async (): Promise<void> => {
      while (sent.length < TARGET && Date.now() < deadline && problems.length < 30) {
        try {
          await step();
        } catch (error) {
          if (error instanceof Interrupted) {
            interrupted += 1;
          } else {
            problem(`workload step failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    const workloadMs = Date.now() - started;
    await Promise.all(restarts);

    // Every outbox drains (a message claimed by a killed process waits out its 30 s lease).
    const drainStarted = Date.now();
    let quiet = 0;
    let pending = await pendingCounts(dbs as Record<Level, Sql>);
    while (Date.now() - drainStarted < DRAIN_BUDGET_MS) {
      pending = await pendingCounts(dbs as Record<Level, Sql>);
      quiet = Object.values(pending).every((n) => n === 0) ? quiet + 1 : 0;
      if (quiet >= 2) {
        break;
      }
      await sleep(250);
    }
    const drainMs = Date.now() - drainStarted;
    const ledger: Ledger = await readLedger(dbs as Record<Level, Sql>);

    // Every transfer the client saw succeed was committed, with the answer's hop id.
    const committed = new Set<string>();
    for (const level of LEVELS) {
      for (const row of (await dbs[level].query(`SELECT id FROM outbox_message WHERE kind = 'TRANSFER'`)) as { id: string }[]) {
        committed.add(row.id);
      }
    }
    for (const s of sent) {
      if (!committed.has(s.hopId)) {
        problem(`transfer ${s.hopId} (${s.from} case ${s.caseId} → ${s.toBodyId}) answered OK but is in no outbox`);
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const faultText = Object.entries(faults).map(([k, v]) => `${k}=${v}`).join(" ");
    const losers = Object.entries(raceLosers).map(([k, v]) => `${k}=${v}`).join(" ") || "none";
    console.log(
      `transfer-faults seed=${SEED} db=${process.env.TIEPDAN_TEST_DATABASE ?? "?"} | transfers ok=${sent.length} committed=${ledger.transfers} ` +
        `(chained=${chained} accepted=${accepted} returned=${returned}) reports=${ledger.reports} interrupted-steps=${interrupted} | ` +
        `faults: ${faultText} (kills with the message still pending: ${killedInFlight.pending}/${killedInFlight.pending + killedInFlight.delivered}; ` +
        `race losers: ${losers}; duplicate answers=${duplicateAnswers}) restarts=${LEVELS.map((l) => `${l}:${procs[l].starts - 1}`).join(",")} | ` +
        `lost=${ledger.lost} duplicated=${ledger.duplicated} orphans=${ledger.orphans} undelivered=${ledger.undelivered} inbox-mismatches=${ledger.inboxMismatches} ` +
        `stale-journeys=${ledger.staleJourneys} | max attempts=${ledger.maxAttempts} retries=${ledger.retries} | ` +
        `workload ${(workloadMs / 1000).toFixed(1)} s, drain ${(drainMs / 1000).toFixed(1)} s, total ${seconds} s`,
    );
    if (problems.length || ledger.problems.length) {
      console.log(`seed ${SEED} problems:\n${[...problems, ...ledger.problems].join("\n")}`);
      for (const level of LEVELS) {
        console.log(`${level} last lines:\n${procs[level].lines.slice(-8).join("\n")}`);
      }
    }

    expect({ seed: SEED, lost: ledger.lost, duplicated: ledger.duplicated }).toEqual({ seed: SEED, lost: 0, duplicated: 0 });
    expect({ seed: SEED, pending, orphans: ledger.orphans, undelivered: ledger.undelivered, inboxMismatches: ledger.inboxMismatches, staleJourneys: ledger.staleJourneys }).toEqual({
      seed: SEED,
      pending: { province: 0, district: 0, commune: 0 },
      orphans: 0,
      undelivered: 0,
      inboxMismatches: 0,
      staleJourneys: 0,
    });
    expect({ seed: SEED, problems: [...problems, ...ledger.problems] }).toEqual({ seed: SEED, problems: [] });
    expect(sent.length).toBeGreaterThanOrEqual(Math.min(TARGET, 200));
    expect(faults["receiver-killed"] + faults["sender-killed"]).toBeGreaterThan(0);
    expect(faults["concurrent-transfer"]).toBeGreaterThan(0);
  }, 300_000);

  it("keeps the report counters equal to the records' through the kills and the racing officers", async () => {
    for (const level of LEVELS) {
      const kept = await effectiveCounters(dbs[level]);
      await dbs[level].query(`SELECT rebuild_report_counters()`);
      expect({ level, counters: await effectiveCounters(dbs[level]) }).toEqual({ level, counters: kept });
      expect(kept.length).toBeGreaterThan(0);
    }
  }, 60_000);
});
