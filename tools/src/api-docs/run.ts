import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { type RunningGateway, startGateway } from "@tiepdan/gateway";
import { LEVELS, type Logger, type SubgraphInstance, createLogger, databaseTarget, dropDatabase, freePort, startSubgraph } from "@tiepdan/kit";

import { startEmbedded } from "../start";
import { SUBGRAPHS } from "../subgraphs";
import { type Example, readPath, substitute } from "./examples";

type Env = Record<string, string | undefined>;

/** A GraphQL response as the gateway sent it. */
export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** One example as run: what was sent (captures substituted) and what came back. */
export interface ExampleRun {
  example: Example;
  variables: Record<string, unknown> | null;
  headers: Record<string, string>;
  status: number;
  response: GraphQLResponse;
}

/** The outcome of running every example. */
export interface RunResult {
  runs: ExampleRun[];
  /** Why the run is not good enough for the documentation (unexpected errors, missing captures). */
  problems: string[];
}

/**
 * Runs the examples in order through the gateway over HTTP, as a client would. Values captured from
 * a response (`# capture:`) are substituted for `{{name}}` in later variables and headers. An error
 * the example does not declare (`# expect-error:`), a declared error that does not come, or a capture
 * that finds nothing is a problem; the other examples still run.
 */
export async function runExamples(examples: readonly Example[], gatewayUrl: string): Promise<RunResult> {
  const captured = new Map<string, unknown>();
  const runs: ExampleRun[] = [];
  const problems: string[] = [];
  for (const example of examples) {
    const missing = new Set<string>();
    const variables = example.variables ? substitute(example.variables, captured, missing) : null;
    const headers = substitute(example.headers, captured, missing);
    if (missing.size > 0) {
      problems.push(`${example.file}: uses ${[...missing].map((m) => `{{${m}}}`).join(", ")}, which no earlier example captured; not run`);
      continue;
    }
    const send = () =>
      fetch(gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(variables ? { query: example.query, variables } : { query: example.query }),
      });
    let res = await send();
    let text = await res.text();
    // Transfers are delivered asynchronously: ask again until the awaited value is there.
    const deadline = Date.now() + 15_000;
    while (example.waitFor && Date.now() < deadline) {
      // "path" waits for any value; "path = VALUE" for that value.
      const [path, expected] = example.waitFor.split(/\s+=\s+/) as [string, string | undefined];
      const found = readPath(JSON.parse(text) as GraphQLResponse, path);
      const there = expected === undefined ? found !== undefined && found !== null && !(Array.isArray(found) && found.length === 0) : String(found) === expected;
      if (there) {
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
      res = await send();
      text = await res.text();
    }
    let response: GraphQLResponse;
    try {
      response = JSON.parse(text) as GraphQLResponse;
    } catch {
      problems.push(`${example.file}: HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
      continue;
    }
    runs.push({ example, variables, headers, status: res.status, response });

    const codes = (response.errors ?? []).map((e) => String(e.extensions?.code ?? "(no code)"));
    const unexpected = (response.errors ?? []).filter((_, i) => !example.expectErrors.includes(codes[i]!));
    if (unexpected.length > 0) {
      problems.push(`${example.file}: unexpected error(s):\n${JSON.stringify(unexpected, null, 2)}`);
    }
    const absent = example.expectErrors.filter((code) => !codes.includes(code));
    if (absent.length > 0) {
      problems.push(`${example.file}: expected error ${absent.join(", ")} did not come (got ${codes.length > 0 ? codes.join(", ") : "no error"})`);
    }
    for (const capture of example.captures) {
      const value = readPath(response, capture.path);
      if (value === undefined || value === null) {
        problems.push(`${example.file}: # capture: ${capture.name} = ${capture.path} found nothing in the response`);
      } else {
        captured.set(capture.name, value);
      }
    }
  }
  return { runs, problems };
}

/** Options of a documentation run. */
export interface FederationOptions {
  /** A PostgreSQL server to use (per-run databases, dropped at the end); otherwise an embedded one. */
  databaseUrl?: string;
  supergraphPath: string;
  log?: Logger;
  /** Progress lines. */
  say?: (line: string) => void;
  /** Stop everything on SIGINT/SIGTERM, then exit (for the command line, not for tests). */
  handleSignals?: boolean;
}

/**
 * Starts a whole federation for one documentation run and stops it afterwards, whatever happens:
 * a PostgreSQL server (embedded, in a temporary folder on a free port, unless `databaseUrl` is
 * given: then databases with a per-run prefix on that server, dropped at the end), the three
 * subgraphs in-process on free ports with Ninh Bình loaded, and the gateway serving the committed
 * supergraph. `fn` gets the gateway's GraphQL URL.
 */
export async function withFederation<T>(options: FederationOptions, fn: (gatewayUrl: string) => Promise<T>): Promise<T> {
  const say = options.say ?? (() => undefined);
  const log = options.log ?? createLogger("api-docs", "silent");
  // The gateway runs in this process and reads this from process.env, not from `env`: without it,
  // @apollo/gateway starts its usage-metrics exporter (and cloud metadata probes).
  process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
  const env: Env = { ...process.env, APOLLO_TELEMETRY_DISABLED: "1", SEED_PROVINCES: "37" };
  // A level's own database would be used as is and could not be dropped: only one server is used.
  for (const level of LEVELS) {
    delete env[`${level.toUpperCase()}_DATABASE_URL`];
  }
  let stopDatabase: () => Promise<void> = async () => undefined;
  let dropDatabases = false;
  const subgraphs: SubgraphInstance[] = [];
  let gateway: RunningGateway | undefined;

  // Stops everything that was started, once, in the reverse order: also on Ctrl-C, so that no
  // embedded PostgreSQL outlives the run.
  let stopped: Promise<void> | undefined;
  const stopAll = (): Promise<void> =>
    (stopped ??= (async () => {
      await gateway?.stop();
      await Promise.all(subgraphs.map((s) => s.stop()));
      if (dropDatabases) {
        await Promise.all(LEVELS.map((level) => dropDatabase(databaseTarget(level, env))));
      }
      await stopDatabase();
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    say(`${signal}: stopping`);
    void stopAll().finally(() => process.exit(130));
  };
  if (options.handleSignals) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  try {
    if (options.databaseUrl) {
      env.DATABASE_URL = options.databaseUrl;
      env.DATABASE_PREFIX = `docs${randomBytes(4).toString("hex")}_`;
      dropDatabases = true;
      say(`using DATABASE_URL with databases ${env.DATABASE_PREFIX}<level>`);
    } else {
      const dir = mkdtempSync(join(tmpdir(), "tiepdan-api-docs-pg-"));
      stopDatabase = async () => rmSync(dir, { recursive: true, force: true });
      const port = await freePort();
      const server = await startEmbedded({ EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(port) }, say);
      stopDatabase = async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      };
      env.DATABASE_URL = server.url;
      delete env.DATABASE_PREFIX;
      delete env.DATABASE_ISOLATION;
    }
    // Free ports: each subgraph's deliverer finds the others here once they are up.
    const peerUrls: Partial<Record<(typeof LEVELS)[number], string>> = {};
    const started = await Promise.allSettled(LEVELS.map((level) => startSubgraph(SUBGRAPHS[level], { env, port: 0, log: log.child({ service: `tiepdan-${level}` }), peers: () => peerUrls })));
    for (const s of started) {
      if (s.status === "fulfilled") {
        subgraphs.push(s.value);
        peerUrls[s.value.level] = s.value.url;
      }
    }
    const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) {
      throw failed.reason;
    }
    gateway = await startGateway(
      {
        port: 0,
        levels: [...LEVELS],
        supergraphPath: options.supergraphPath,
        subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.level, s.url])),
      },
      log.child({ service: "tiepdan-gateway" }),
    );
    say(`federation up: gateway ${gateway.url}`);
    return await fn(gateway.url);
  } finally {
    await stopAll();
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}
