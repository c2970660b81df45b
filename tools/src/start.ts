import { type ChildProcess, spawn } from "node:child_process";
import { join, resolve } from "node:path";

import {
  DEFAULT_EMBEDDED_PG_PORT,
  type EmbeddedServer,
  type Level,
  activeLevels,
  embeddedUrl,
  gatewayPort,
  portIsOpen,
  startEmbeddedPostgres,
  subgraphPort,
} from "@tiepdan/kit";

import { DEFAULT_SEED } from "./generate/args";
import { generateProvince } from "./generate/run";

/** The repository root (tools/dist → ..). */
export const ROOT = resolve(__dirname, "..", "..");

/** The province of the demo data (Ninh Bình). */
const DEMO_PROVINCE = "37";

const ENTRY: Record<Level | "gateway", string> = {
  province: "services/province/dist/main.js",
  district: "services/district/dist/main.js",
  commune: "services/commune/dist/main.js",
  gateway: "gateway/dist/main.js",
};

type Env = Record<string, string | undefined>;

/** True when the levels have a database configured; false means the embedded server is needed. */
export function hasExternalDatabase(levels: readonly Level[], env: Env): boolean {
  return Boolean(env.DATABASE_URL) || levels.every((l) => env[`${l.toUpperCase()}_DATABASE_URL`]);
}

/** Starts the embedded PostgreSQL server of `npm start` (data in `.data/postgres`, kept across restarts). */
export async function startEmbedded(env: Env, say: (line: string) => void): Promise<EmbeddedServer> {
  const dataDir = resolve(ROOT, env.EMBEDDED_PG_DIR ?? join(".data", "postgres"));
  const port = Number(env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT);
  const server = await startEmbeddedPostgres({ dataDir, port });
  say(`embedded PostgreSQL ${server.created ? "created and " : ""}started on 127.0.0.1:${port} (data: ${dataDir})`);
  return server;
}

/**
 * The server a command-line tool writes to, resolved as the subgraphs resolve theirs:
 * DATABASE_URL (or every level's own URL) when set; otherwise the embedded server of `npm start`,
 * the running one, or one started here (then stopped by the returned function, and on Ctrl-C, with
 * what was written kept). Sets `env.DATABASE_URL` for the embedded server.
 */
export async function databaseForTool(env: Env, levels: readonly Level[], say: (line: string) => void): Promise<() => Promise<void>> {
  if (hasExternalDatabase(levels, env)) {
    return async () => undefined;
  }
  const port = Number(env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT);
  if (await portIsOpen(port)) {
    say(`using the embedded PostgreSQL already running on 127.0.0.1:${port}`);
    env.DATABASE_URL = embeddedUrl(port);
    return async () => undefined;
  }
  const server = await startEmbedded(env, say);
  env.DATABASE_URL = server.url;
  const interrupt = (): void => {
    say("interrupted: stopping the embedded PostgreSQL (what was written is kept)");
    void server.stop().then(() => process.exit(130));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  return async () => {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    await server.stop();
  };
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000} s`);
}

/** Demo data goes into the embedded server unless DEMO_DATA=off; into a configured server only with DEMO_DATA=on. */
export function demoDataWanted(env: Env, embedded: boolean): boolean {
  const wanted = (env.DEMO_DATA ?? "").toLowerCase();
  if (wanted && !["on", "off"].includes(wanted)) {
    throw new Error(`DEMO_DATA=${env.DEMO_DATA}: expected on or off`);
  }
  return wanted ? wanted === "on" : embedded;
}

/**
 * Ninh Bình's demo data (the generator's default set, 2014–2024: 10,000 cases whose figures are the
 * province's published ones), written once by the bulk writer; later starts find it and keep it.
 */
async function loadDemoData(env: Env, levels: readonly Level[], say: (line: string) => void): Promise<void> {
  if (!levels.includes("district")) {
    say("demo data: 2014–2024 has district records, but this profile runs no district subgraph; none loaded (npm run generate for another period)");
    return;
  }
  const started = Date.now();
  try {
    const result = await generateProvince({
      args: { province: DEMO_PROVINCE, from: 2014, to: 2024, scale: null, seed: DEFAULT_SEED, reset: false, writer: "bulk", help: false },
      env,
      say: () => undefined,
    });
    say(`demo data: Ninh Bình 2014–2024, ${result.cases.toLocaleString("en")} cases loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (DEMO_DATA=off to start without)`);
  } catch (error) {
    if (error instanceof Error && /already has generated records/.test(error.message)) {
      say("demo data: Ninh Bình 2014–2024 already loaded");
      return;
    }
    throw error;
  }
}

/**
 * `npm start`: the whole federation on one machine. Starts the embedded PostgreSQL server unless a
 * DATABASE_URL is set, then each level's subgraph as its own process, waits until each is ready,
 * then the gateway. Ctrl-C stops everything, the database last.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const env: Env = { ...process.env, APOLLO_TELEMETRY_DISABLED: "1" };
  const say = (line: string): void => console.log(`[start] ${line}`);
  const levels = activeLevels(env);
  const children: ChildProcess[] = [];
  let embedded: EmbeddedServer | undefined;
  let stopping = false;

  const stopAll = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      say("stopping…");
      for (const child of [...children].reverse()) {
        if (child.exitCode === null) {
          child.kill("SIGTERM");
          await new Promise<void>((r) => {
            const t = setTimeout(() => {
              child.kill("SIGKILL");
              r();
            }, 5000);
            child.once("exit", () => {
              clearTimeout(t);
              r();
            });
          });
        }
      }
      await embedded?.stop();
      say("stopped");
    }
    process.exit(code);
  };
  process.once("SIGINT", () => void stopAll(0));
  process.once("SIGTERM", () => void stopAll(0));
  // `npm start` killed with a signal does not pass it on: when npm is gone we are re-parented, and stop.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      say("the parent process is gone");
      void stopAll(0);
    }
  }, 1000).unref();

  try {
    if (!hasExternalDatabase(levels, env)) {
      embedded = await startEmbedded(env, say);
      env.DATABASE_URL = embedded.url;
    } else {
      say("using the PostgreSQL server of DATABASE_URL / <LEVEL>_DATABASE_URL");
    }
    const spawnService = (name: Level | "gateway"): ChildProcess => {
      // The IPC channel closes when this process dies in any way: the services then stop themselves.
      const child = spawn(process.execPath, [join(ROOT, ENTRY[name])], { cwd: ROOT, env, stdio: ["inherit", "inherit", "inherit", "ipc"] });
      child.once("exit", (code, signal) => {
        if (!stopping) {
          say(`${name} exited (${signal ?? code}); stopping the federation`);
          void stopAll(1);
        }
      });
      children.push(child);
      return child;
    };
    await Promise.all(
      levels.map((level) => {
        const child = spawnService(level);
        return waitFor(`http://127.0.0.1:${subgraphPort(level, env)}/ready`, child, 120_000);
      }),
    );
    if (demoDataWanted(env, Boolean(embedded))) {
      await loadDemoData(env, levels, say);
    }
    const gateway = spawnService("gateway");
    const port = gatewayPort(env);
    await waitFor(`http://127.0.0.1:${port}/health`, gateway, 60_000);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    say(`TiepDan is up in ${seconds} s (levels: ${levels.join(", ")})`);
    say(`  GraphQL:  http://localhost:${port}/graphql`);
    say(`  Explorer: http://localhost:${port}/explorer`);
    say("Ctrl-C to stop");
  } catch (error) {
    say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

if (require.main === module) {
  void main();
}
