/**
 * docker-compose.yml, docker/two-level.yml and the Dockerfile against the code's own configuration
 * (services/kit/src/config.ts). No Docker engine is needed: the files are parsed, Compose's variable
 * interpolation is applied here, and the healthcheck commands are run with node against a local
 * HTTP server standing in for the service.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, posix } from "node:path";

import { load } from "js-yaml";

import {
  CONFIG_VARIABLES,
  DEFAULT_GATEWAY_PORT,
  DEFAULT_PORTS,
  LEVELS,
  type Level,
  TWO_LEVELS,
  activeLevels,
  databaseTarget,
  gatewayPort,
  subgraphPort,
  subgraphUrl,
} from "../services/kit/src/config";

const ROOT = join(__dirname, "..");
const COMPOSE_FILE = join(ROOT, "docker-compose.yml");
const TWO_LEVEL_FILE = join(ROOT, "docker", "two-level.yml");
const DOCKERFILE = join(ROOT, "Dockerfile");
const INIT_DIR = join(ROOT, "docker", "postgres-init");

type Env = Record<string, string | undefined>;

// ---------------------------------------------------------------------------------------------------
// Compose files: the parts of the model this test reads.

type EnvironmentSpec = Record<string, string | number | boolean | null> | string[];
type PortSpec = string | number | { target: number; published?: string | number; host_ip?: string };
interface DependsOnEntry {
  condition?: string;
  required?: boolean;
}
interface Service {
  image?: string;
  build?: string | { context?: string; target?: string };
  environment?: EnvironmentSpec;
  ports?: PortSpec[];
  expose?: (string | number)[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, DependsOnEntry>;
  profiles?: string[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
}
interface ComposeFile {
  services: Record<string, Service>;
}

/** What interpolation met: `${NAME}` read from the shell, `$${NAME}` left for the container's shell. */
interface Interpolation {
  shell: Set<string>;
  container: Set<string>;
}

const NAME = "[A-Za-z_][A-Za-z0-9_]*";
const INTERPOLATION = new RegExp(
  `\\$(?:\\$(?:\\{(${NAME})\\}|(${NAME}))?|\\{(${NAME})(?:(:?[-?+])([^}]*))?\\}|(${NAME}))`,
  "g",
);

/** Compose's interpolation of one string (`$$`, `$V`, `${V}`, `${V:-d}`, `${V-d}`, `${V:+a}`, `${V:?e}`). */
function interpolate(text: string, env: Env, seen: Interpolation): string {
  return text.replace(
    INTERPOLATION,
    (match, escBraced?: string, escBare?: string, braced?: string, op?: string, arg?: string, bare?: string) => {
      if (match.startsWith("$$")) {
        const name = escBraced ?? escBare;
        if (name) {
          seen.container.add(name);
        }
        return match.slice(1);
      }
      const name = (braced ?? bare) as string;
      seen.shell.add(name);
      const value = env[name];
      const argument = arg ?? "";
      if (argument.includes("$")) {
        throw new Error(`nested interpolation is not handled by this test: ${match}`);
      }
      switch (op) {
        case undefined:
          return value ?? "";
        case ":-":
          return value ? value : argument;
        case "-":
          return value ?? argument;
        case ":+":
          return value ? argument : "";
        case "+":
          return value !== undefined ? argument : "";
        case ":?":
        case "?":
          if (value === undefined || (op === ":?" && value === "")) {
            throw new Error(`${name} is required: ${argument}`);
          }
          return value;
        default:
          throw new Error(`unknown interpolation ${match}`);
      }
    },
  );
}

/** Interpolates every string of a parsed document (keys are not interpolated by Compose). */
function interpolateAll<T>(value: T, env: Env, seen: Interpolation): T {
  if (typeof value === "string") {
    return interpolate(value, env, seen) as T;
  }
  if (Array.isArray(value)) {
    return value.map((v) => interpolateAll(v, env, seen)) as T;
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, interpolateAll(v, env, seen)]),
    ) as T;
  }
  return value;
}

function loadCompose(file: string, env: Env = {}): { compose: ComposeFile; seen: Interpolation } {
  const raw = load(readFileSync(file, "utf8"));
  if (!raw || typeof raw !== "object" || !("services" in raw)) {
    throw new Error(`${file} has no services`);
  }
  const seen: Interpolation = { shell: new Set(), container: new Set() };
  const compose = interpolateAll(raw as ComposeFile, env, seen);
  return { compose, seen };
}

/** A service's environment as a map (both the map and the `K=V` list forms). */
function environmentOf(service: Service): Record<string, string> {
  const spec = service.environment ?? {};
  if (Array.isArray(spec)) {
    return Object.fromEntries(
      spec.map((entry) => {
        const at = entry.indexOf("=");
        return at < 0 ? [entry, ""] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, v === null ? "" : String(v)]));
}

interface PortMapping {
  host?: number;
  container: number;
}

function portsOf(service: Service): PortMapping[] {
  const toPort = (text: string | number): number => {
    const port = Number(text);
    if (!Number.isInteger(port)) {
      throw new Error(`not a single port: ${text}`);
    }
    return port;
  };
  return (service.ports ?? []).map((spec) => {
    if (typeof spec === "object") {
      return { container: toPort(spec.target), host: spec.published === undefined ? undefined : toPort(spec.published) };
    }
    const parts = String(spec).replace(/\/(tcp|udp)$/, "").split(":");
    const container = toPort(parts[parts.length - 1]);
    return parts.length === 1 ? { container } : { container, host: toPort(parts[parts.length - 2]) };
  });
}

/** The healthcheck as Compose runs it: `["CMD", ...]` or `["CMD-SHELL", "..."]`. */
function healthcheckOf(service: Service): string[] {
  const test = service.healthcheck?.test;
  if (service.healthcheck?.disable || test === undefined) {
    return [];
  }
  return typeof test === "string" ? ["CMD-SHELL", test] : test;
}

function dependsOn(service: Service): Record<string, DependsOnEntry> {
  const spec = service.depends_on ?? {};
  return Array.isArray(spec) ? Object.fromEntries(spec.map((name) => [name, {}])) : spec;
}

// ---------------------------------------------------------------------------------------------------
// Dockerfile: stages, their parents and the instructions that matter here.

interface Stage {
  name?: string;
  from: string;
  instructions: { keyword: string; args: string }[];
}

function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = (keyword ?? "").toUpperCase();
    if (upper === "ARG" && stages.length === 0) {
      const [name, value] = rest.split("=");
      args[name] = value ?? "";
    } else if (upper === "FROM") {
      const [, image, name] = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest) ?? [];
      const from = image.replace(/\$\{?(\w+)\}?/g, (_m, arg: string) => args[arg] ?? "");
      stages.push({ name, from, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword: upper, args: rest });
    }
  }
  return stages;
}

/** A stage and its parents, nearest first. */
function ancestry(stages: Stage[], name: string): Stage[] {
  const chain: Stage[] = [];
  let stage = stages.find((s) => s.name === name);
  while (stage) {
    chain.push(stage);
    const parent: string = stage.from;
    stage = stages.find((s) => s.name === parent);
  }
  return chain;
}

/** Last value of an instruction along a stage's ancestry (CMD, EXPOSE, WORKDIR). */
function inherited(stages: Stage[], name: string, keyword: string): string | undefined {
  for (const stage of ancestry(stages, name)) {
    const found = stage.instructions.filter((i) => i.keyword === keyword);
    if (found.length > 0) {
      return found[found.length - 1].args;
    }
  }
  return undefined;
}

/** `ENV` values set along a stage's ancestry (both `K=V ...` and `K V` forms). */
function envOfStage(stages: Stage[], name: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const stage of [...ancestry(stages, name)].reverse()) {
    for (const { args } of stage.instructions.filter((i) => i.keyword === "ENV")) {
      if (args.includes("=")) {
        for (const [, k, v] of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
          env[k] = v.replace(/^"|"$/g, "");
        }
      } else {
        const [k, ...v] = args.split(/\s+/);
        env[k] = v.join(" ");
      }
    }
  }
  return env;
}

// ---------------------------------------------------------------------------------------------------
// Healthchecks: run the command against a local server answering as the service would.

function listen(status: number, paths: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    paths.push(req.url ?? "");
    res.writeHead(status, { "content-type": "application/json" }).end("{}");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

/** Runs a `["CMD", "node", "-e", script]` healthcheck with its `localhost:<port>` pointed at `port`. */
function runProbe(command: string[], port: number): Promise<number | null> {
  expect(command.slice(0, 3)).toEqual(["CMD", "node", "-e"]);
  const script = command[3].replace(/\/\/localhost:\d+\//, `//127.0.0.1:${port}/`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], { stdio: "ignore", timeout: 15_000 });
    child.once("error", reject);
    child.once("exit", (code) => resolve(code));
  });
}

/** The URL a healthcheck command asks. */
function probeUrl(command: string[]): URL {
  const match = /http:\/\/localhost:\d+\/[\w/]*/.exec(command.join(" "));
  if (!match) {
    throw new Error(`no http://localhost URL in healthcheck ${JSON.stringify(command)}`);
  }
  return new URL(match[0]);
}

// ---------------------------------------------------------------------------------------------------

const upper = (level: Level): string => level.toUpperCase();
const configNames = new Set(CONFIG_VARIABLES.map((v) => v.name));
const base = loadCompose(COMPOSE_FILE);
const services = base.compose.services;
const dockerfile = readFileSync(DOCKERFILE, "utf8");
const stages = parseDockerfile(dockerfile);

/** The service running PostgreSQL: the one on the official image. */
const postgresName = Object.keys(services).find((name) => /^postgres(:|$)/.test(services[name].image ?? ""));

/** Variables a containerised run cannot do without, as the code's table lists them. */
const containerVariables = CONFIG_VARIABLES.filter(
  (v) =>
    v.usedBy.some((u) => u === "gateway" || u === "subgraphs") &&
    v.name !== "DATABASE_URL" &&
    (/_(PORT|URL)$/.test(v.name) || v.name === "SUPERGRAPH_PATH"),
);

describe("docker-compose.yml", () => {
  it("has postgres, one service per level (named after it) and the gateway", () => {
    expect(postgresName).toBe("postgres");
    expect(Object.keys(services).sort()).toEqual(["gateway", "postgres", ...LEVELS].sort());
    // Nothing hidden behind a profile: a plain `docker compose up` runs every level.
    for (const [name, service] of Object.entries(services)) {
      expect([name, service.profiles ?? []]).toEqual([name, []]);
    }
  });

  it("uses only variables the code knows (CONFIG_VARIABLES), the postgres image's and NODE_ENV", () => {
    const allowed = (name: string) => configNames.has(name) || name.startsWith("POSTGRES_") || name === "NODE_ENV";
    for (const file of [COMPOSE_FILE, TWO_LEVEL_FILE]) {
      const { compose, seen } = loadCompose(file);
      const used = new Set([...seen.shell, ...seen.container]);
      for (const service of Object.values(compose.services)) {
        Object.keys(environmentOf(service)).forEach((name) => used.add(name));
      }
      expect(used.size).toBeGreaterThan(0);
      expect([...used].filter((name) => !allowed(name))).toEqual([]);
    }
  });

  it("sets every variable a containerised run needs, where the code reads it", () => {
    const expected = [
      "GATEWAY_PORT",
      "SUPERGRAPH_PATH",
      ...LEVELS.flatMap((l) => [`${upper(l)}_PORT`, `${upper(l)}_URL`, `${upper(l)}_DATABASE_URL`]),
    ];
    expect(containerVariables.map((v) => v.name).sort()).toEqual(expected.sort());
    for (const variable of containerVariables) {
      const level = LEVELS.find((l) => variable.name.startsWith(`${upper(l)}_`));
      if (variable.usedBy.includes("gateway")) {
        expect([variable.name, environmentOf(services.gateway)[variable.name]]).toEqual([variable.name, expect.any(String)]);
      }
      if (variable.usedBy.includes("subgraphs") && level) {
        expect([variable.name, environmentOf(services[level])[variable.name]]).toEqual([variable.name, expect.any(String)]);
      }
    }
  });

  it("gives every service a healthcheck", () => {
    for (const [name, service] of Object.entries(services)) {
      const command = healthcheckOf(service);
      expect([name, command[0]]).toEqual([name, expect.stringMatching(/^CMD(-SHELL)?$/)]);
    }
    expect(healthcheckOf(services.postgres).join(" ")).toMatch(/\bpg_isready\b/);
  });

  describe.each(LEVELS.map((level) => [level]))("the %s subgraph", (level: Level) => {
    const service: Service = services[level] ?? {};
    const env = environmentOf(service);
    const port = DEFAULT_PORTS[level];

    it("listens, is published and probed on its default port, through its own variable", () => {
      expect(env[`${upper(level)}_PORT`]).toBe(String(port));
      expect(subgraphPort(level, env)).toBe(port);
      const ports = portsOf(service);
      expect(ports.length).toBeGreaterThan(0);
      for (const mapping of ports) {
        expect(mapping).toEqual({ container: port, host: port });
      }
      for (const exposed of service.expose ?? []) {
        expect(Number(exposed)).toBe(port);
      }
      const probe = probeUrl(healthcheckOf(service));
      expect([probe.port, probe.pathname]).toEqual([String(port), "/ready"]);
    });

    it("uses its own database on the postgres service, named as the code names it", () => {
      const target = databaseTarget(level, env);
      const url = new URL(target.url);
      const postgresEnv = environmentOf(services.postgres);
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(url.hostname).toBe(postgresName);
      expect(url.port || "5432").toBe("5432");
      expect(decodeURIComponent(url.username)).toBe(postgresEnv.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(postgresEnv.POSTGRES_PASSWORD);
      // Same name as when the code derives it from one shared DATABASE_URL.
      const derived = databaseTarget(level, { DATABASE_URL: "postgres://u@h:5432/postgres" });
      expect(url.pathname).toBe(new URL(derived.url).pathname);
      // No other level's database, and no shared server URL that could be used instead.
      for (const other of LEVELS.filter((l) => l !== level)) {
        expect(env[`${upper(other)}_DATABASE_URL`]).toBeUndefined();
      }
      expect(env.DATABASE_URL).toBeUndefined();
    });

    it("waits for a healthy postgres", () => {
      expect(dependsOn(service)[postgresName ?? ""]).toEqual(expect.objectContaining({ condition: "service_healthy" }));
    });

    it("is built from its Dockerfile target, which runs its workspace's start script", () => {
      expect(service.build).toEqual(expect.objectContaining({ target: level }));
      const start = (JSON.parse(readFileSync(join(ROOT, "services", level, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }).scripts.start;
      const [, script] = /^node (\S+)$/.exec(start) ?? [];
      expect(script).toBe("dist/main.js");
      expect(JSON.parse(inherited(stages, level, "CMD") ?? "null")).toEqual(["node", `services/${level}/${script}`]);
      expect(inherited(stages, level, "EXPOSE")).toBe(String(port));
    });

    it("reports healthy only when /ready answers 200", async () => {
      const paths: string[] = [];
      const ok = await listen(200, paths);
      const down = await listen(503, paths);
      try {
        const command = healthcheckOf(service);
        expect(await runProbe(command, (ok.address() as AddressInfo).port)).toBe(0);
        expect(await runProbe(command, (down.address() as AddressInfo).port)).not.toBe(0);
        expect(paths).toEqual(["/ready", "/ready"]);
      } finally {
        await Promise.all([close(ok), close(down)]);
      }
      // Nothing listening at all (the process has not started).
      const gone = await listen(200, []);
      const freePort = (gone.address() as AddressInfo).port;
      await close(gone);
      expect(await runProbe(healthcheckOf(service), freePort)).not.toBe(0);
    });
  });

  it("gives each subgraph a database of its own, created by the init script", () => {
    const names = LEVELS.map((level) => new URL(databaseTarget(level, environmentOf(services[level])).url).pathname.slice(1));
    expect(new Set(names).size).toBe(LEVELS.length);

    const mounts = (services.postgres.volumes ?? []).map((v) =>
      typeof v === "string" ? v.split(":").slice(0, 2) : [v.source, v.target],
    );
    expect(mounts).toContainEqual(["./docker/postgres-init", "/docker-entrypoint-initdb.d"]);
    const created = new Set<string>();
    for (const file of readdirSync(INIT_DIR).filter((f) => /\.(sql|sh)$/.test(f))) {
      const sql = readFileSync(join(INIT_DIR, file), "utf8").replace(/--.*$/gm, "");
      for (const [, name] of sql.matchAll(/CREATE\s+DATABASE\s+"?(\w+)"?/gi)) {
        created.add(name);
      }
    }
    expect([...created].sort()).toEqual([...names].sort());
  });

  describe("the gateway", () => {
    const gateway: Service = services.gateway ?? {};
    const env = environmentOf(gateway);

    it("listens, is published and probed on its default port", () => {
      expect(env.GATEWAY_PORT).toBe(String(DEFAULT_GATEWAY_PORT));
      expect(gatewayPort(env)).toBe(DEFAULT_GATEWAY_PORT);
      expect(portsOf(gateway)).toEqual([{ container: DEFAULT_GATEWAY_PORT, host: DEFAULT_GATEWAY_PORT }]);
      const probe = probeUrl(healthcheckOf(gateway));
      expect([probe.port, probe.pathname]).toEqual([String(DEFAULT_GATEWAY_PORT), "/health"]);
      expect(gateway.build).toEqual(expect.objectContaining({ target: "gateway" }));
      expect(JSON.parse(inherited(stages, "gateway", "CMD") ?? "null")).toEqual(["node", "gateway/dist/main.js"]);
      expect(existsSync(join(ROOT, "gateway", "src", "main.ts"))).toBe(true);
      expect(inherited(stages, "gateway", "EXPOSE")).toBe(String(DEFAULT_GATEWAY_PORT));
    });

    it("reaches each level's subgraph by its service name and port", () => {
      for (const level of LEVELS) {
        const url = new URL(subgraphUrl(level, env));
        expect([level, url.protocol, url.hostname, url.pathname]).toEqual([level, "http:", level, "/graphql"]);
        expect(Number(url.port)).toBe(DEFAULT_PORTS[level]);
        expect(Number(url.port)).toBe(subgraphPort(level, environmentOf(services[level])));
      }
    });

    it("runs every level with the three-level supergraph", () => {
      expect(activeLevels(env)).toEqual([...LEVELS]);
      expect(supergraphLevels(env.SUPERGRAPH_PATH)).toEqual([...LEVELS].sort());
    });

    it("waits for healthy subgraphs; only the district-like ones may be absent", () => {
      const deps = dependsOn(gateway);
      for (const level of LEVELS) {
        const optional = !TWO_LEVELS.includes(level);
        expect([level, deps[level]]).toEqual([
          level,
          optional ? { condition: "service_healthy", required: false } : { condition: "service_healthy" },
        ]);
      }
    });

    it("reports healthy only when /health answers 200", async () => {
      const paths: string[] = [];
      const ok = await listen(200, paths);
      const down = await listen(500, paths);
      try {
        expect(await runProbe(healthcheckOf(gateway), (ok.address() as AddressInfo).port)).toBe(0);
        expect(await runProbe(healthcheckOf(gateway), (down.address() as AddressInfo).port)).not.toBe(0);
        expect(paths).toEqual(["/health", "/health"]);
      } finally {
        await Promise.all([close(ok), close(down)]);
      }
    });
  });

  it("keeps its wiring when the ports are moved through the environment", () => {
    const moved: Env = { GATEWAY_PORT: "5100", PROVINCE_PORT: "5101", DISTRICT_PORT: "5102", COMMUNE_PORT: "5103" };
    const { compose } = loadCompose(COMPOSE_FILE, moved);
    const gatewayEnv = environmentOf(compose.services.gateway);
    expect(gatewayPort(gatewayEnv)).toBe(5100);
    expect(portsOf(compose.services.gateway)).toEqual([{ container: 5100, host: 5100 }]);
    expect(probeUrl(healthcheckOf(compose.services.gateway)).port).toBe("5100");
    for (const level of LEVELS) {
      const service = compose.services[level];
      const port = Number(moved[`${upper(level)}_PORT`]);
      expect(subgraphPort(level, environmentOf(service))).toBe(port);
      expect(portsOf(service)).toEqual([{ container: port, host: port }]);
      expect(Number(probeUrl(healthcheckOf(service)).port)).toBe(port);
      expect(Number(new URL(subgraphUrl(level, gatewayEnv)).port)).toBe(port);
    }
  });
});

describe("docker/two-level.yml", () => {
  const override = loadCompose(TWO_LEVEL_FILE).compose.services;
  const gatewayEnv = { ...environmentOf(services.gateway ?? {}), ...environmentOf(override.gateway ?? {}) };

  it("runs the gateway on the two levels with the two-level supergraph", () => {
    expect(activeLevels(gatewayEnv)).toEqual([...TWO_LEVELS]);
    expect(supergraphLevels(gatewayEnv.SUPERGRAPH_PATH)).toEqual([...TWO_LEVELS].sort());
  });

  it("does not start the other levels, and nothing still requires them", () => {
    const dropped = LEVELS.filter((l) => !TWO_LEVELS.includes(l));
    expect(dropped.length).toBeGreaterThan(0);
    for (const name of Object.keys(override)) {
      expect(Object.keys(services)).toContain(name);
    }
    const disabled = new Set(Object.keys(services).filter((name) => (override[name]?.profiles ?? []).length > 0));
    expect([...disabled].sort()).toEqual([...dropped].sort());
    for (const [name, service] of Object.entries(services).filter(([n]) => !disabled.has(n))) {
      for (const [dependency, entry] of Object.entries(dependsOn(service))) {
        if (disabled.has(dependency)) {
          expect([name, dependency, entry.required]).toEqual([name, dependency, false]);
        }
      }
    }
  });
});

describe("Dockerfile", () => {
  it("builds on node:20-bookworm-slim with npm ci then npm run build", () => {
    for (const stage of stages.filter((s) => !stages.some((other) => other.name === s.from))) {
      expect(stage.from).toBe("node:20-bookworm-slim");
    }
    const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args);
    const build = stages.find((s) => runs(s).some((r) => /\bnpm ci\b/.test(r)));
    expect(build).toBeDefined();
    const commands = runs(build as Stage).join(" && ");
    expect(commands.search(/\bnpm ci\b/)).toBeLessThan(commands.search(/\bnpm run build\b/));
    expect(commands).toMatch(/\bnpm run build\b/);
    // npm ci needs every workspace's manifest and the lockfile; copied alone, they keep the
    // dependency layer cached while only sources change.
    const rootPackage = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      packageManager: string;
      workspaces: string[];
    };
    const beforeCi = (build as Stage).instructions.slice(
      0,
      (build as Stage).instructions.findIndex((i) => i.keyword === "RUN" && /\bnpm ci\b/.test(i.args)),
    );
    const copied = beforeCi
      .filter((i) => i.keyword === "COPY")
      .flatMap((i) => i.args.split(/\s+/).filter((a) => !a.startsWith("--")).slice(0, -1));
    expect(copied).toEqual(
      expect.arrayContaining(["package.json", "package-lock.json", ...rootPackage.workspaces.map((w) => `${w}/package.json`)]),
    );
    // The npm that wrote the lockfile (package.json's packageManager) reads it.
    const manager = rootPackage.packageManager;
    const pinned = (build as Stage).instructions.find((i) => i.keyword === "ARG" && i.args.startsWith("NPM_VERSION="));
    if (pinned) {
      expect(`npm@${pinned.args.split("=")[1]}`).toBe(manager);
    }
  });

  it("has a target per compose service, telemetry off, and ships schema/", () => {
    for (const [name, service] of Object.entries(services).filter(([, s]) => s.build !== undefined)) {
      const target = typeof service.build === "object" ? service.build.target : undefined;
      expect([name, stages.some((s) => s.name === target)]).toEqual([name, true]);
      const env = envOfStage(stages, target as string);
      expect([name, env.APOLLO_TELEMETRY_DISABLED, env.TURBO_TELEMETRY_DISABLED]).toEqual([name, "1", "1"]);
      expect(inherited(stages, target as string, "WORKDIR")).toBe(WORKDIR);
    }
    expect(dockerfile).toMatch(/\bschema\b/);
  });

  it("has a .dockerignore that keeps host builds and node_modules out of the context", () => {
    const ignored = readFileSync(join(ROOT, ".dockerignore"), "utf8").split(/\r?\n/).map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(["**/node_modules", "**/dist", "**/*.tsbuildinfo", ".git"]));
  });
});

/** The working directory of the images: where relative paths and `/app/...` map to the repository. */
const WORKDIR = inherited(stages, "gateway", "WORKDIR") ?? "/";

/** Levels (lower case) of the supergraph a SUPERGRAPH_PATH inside the image names, read from the repository. */
function supergraphLevels(path: string | undefined): string[] {
  expect(path).toEqual(expect.any(String));
  const inImage = posix.resolve(WORKDIR, path as string);
  expect(inImage.startsWith(`${WORKDIR}/`)).toBe(true);
  const file = join(ROOT, posix.relative(WORKDIR, inImage));
  expect(existsSync(file)).toBe(true);
  const sdl = readFileSync(file, "utf8");
  const graphs = /enum\s+join__Graph\s*\{([^}]*)\}/.exec(sdl)?.[1] ?? "";
  return [...graphs.matchAll(/@join__graph\(\s*name:\s*"([^"]+)"/g)].map((m) => m[1]).sort();
}
