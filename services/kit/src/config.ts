/** The administrative levels; a deployment runs one subgraph per level it needs. */
export type Level = "province" | "district" | "commune";

/** Every level, top down. */
export const LEVELS: readonly Level[] = ["province", "district", "commune"];

/** The first day without districts (Law on Organisation of Local Government, 2025 reform). */
export const DISTRICTS_ABOLISHED_FROM = "2025-07-01";

/** The levels in force since 2025-07-01: districts were abolished. */
export const TWO_LEVELS: readonly Level[] = ["province", "commune"];

/** Default HTTP port of each subgraph; the gateway listens on 4000. */
export const DEFAULT_PORTS: Readonly<Record<Level, number>> = {
  province: 4001,
  district: 4002,
  commune: 4003,
};

/** Default gateway port. */
export const DEFAULT_GATEWAY_PORT = 4000;

/** Port of the embedded PostgreSQL server (not 5432: a machine's own server often listens there). */
export const DEFAULT_EMBEDDED_PG_PORT = 5433;

type Env = Record<string, string | undefined>;

const envKey = (level: Level, suffix: string): string => `${level.toUpperCase()}_${suffix}`;

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got "${value}"`);
  }
  return parsed;
}

/** Port of a level's subgraph: `PROVINCE_PORT`, `DISTRICT_PORT`, `COMMUNE_PORT`. */
export function subgraphPort(level: Level, env: Env = process.env): number {
  return intFrom(env[envKey(level, "PORT")], DEFAULT_PORTS[level], envKey(level, "PORT"));
}

/** Port of the gateway: `GATEWAY_PORT`. */
export function gatewayPort(env: Env = process.env): number {
  return intFrom(env.GATEWAY_PORT, DEFAULT_GATEWAY_PORT, "GATEWAY_PORT");
}

/** URL the gateway uses to reach a level's subgraph: `PROVINCE_URL`, ... or localhost and its port. */
export function subgraphUrl(level: Level, env: Env = process.env): string {
  // An empty value counts as unset, as for ports.
  return env[envKey(level, "URL")] || `http://localhost:${subgraphPort(level, env)}/graphql`;
}

/**
 * The levels this deployment runs, from `TIEPDAN_LEVELS` ("province,district,commune" by default;
 * "province,commune" for the two-level structure in force since 2025-07-01).
 */
export function activeLevels(env: Env = process.env): Level[] {
  const raw = env.TIEPDAN_LEVELS;
  if (!raw) {
    return [...LEVELS];
  }
  const names = raw
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const name of names) {
    if (!(LEVELS as readonly string[]).includes(name)) {
      throw new Error(`TIEPDAN_LEVELS: unknown level "${name}" (expected province, district, commune)`);
    }
  }
  if (!names.includes("province") || !names.includes("commune")) {
    throw new Error("TIEPDAN_LEVELS must include province and commune");
  }
  return LEVELS.filter((l) => names.includes(l));
}

/** Where a level keeps its data. */
export interface DatabaseTarget {
  /** Connection URL of the level's own database. */
  url: string;
  /** Schema the level's tables live in ("public" unless `DATABASE_ISOLATION=schema`). */
  schema: string;
  /** URL of a maintenance database on the same server, used to create the level's database. */
  adminUrl?: string;
}

/**
 * Resolves a level's database from the environment:
 * `PROVINCE_DATABASE_URL` (and the like) is used as is; otherwise `DATABASE_URL` names one server on
 * which each level gets its own database `${DATABASE_PREFIX}${level}` (default `tiepdan_province`), or
 * its own schema of that one database when `DATABASE_ISOLATION=schema`.
 */
export function databaseTarget(level: Level, env: Env = process.env): DatabaseTarget {
  const own = env[envKey(level, "DATABASE_URL")];
  if (own) {
    // An operator-given database: it must exist already (no maintenance database to create it from).
    return { url: own, schema: "public" };
  }
  const shared = env.DATABASE_URL;
  if (!shared) {
    throw new Error(
      `No database for the ${level} subgraph: set DATABASE_URL (one server for all levels) or ` +
        `${envKey(level, "DATABASE_URL")}, or start everything with \`npm start\`, which runs an embedded PostgreSQL`,
    );
  }
  const prefix = env.DATABASE_PREFIX ?? "tiepdan_";
  const name = `${prefix}${level}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`DATABASE_PREFIX gives an invalid database name "${name}"`);
  }
  const isolation = env.DATABASE_ISOLATION ?? "database";
  if (isolation === "schema") {
    return { url: shared, schema: name };
  }
  if (isolation !== "database") {
    throw new Error(`DATABASE_ISOLATION must be "database" or "schema", got "${isolation}"`);
  }
  const url = new URL(shared);
  const adminUrl = url.toString();
  url.pathname = `/${name}`;
  return { url: url.toString(), schema: "public", adminUrl };
}

/** Province codes loaded into an empty database on start (`SEED_PROVINCES`, default Ninh Bình "37"; "none" for no data). */
export function seedProvinces(env: Env = process.env): string[] {
  const raw = env.SEED_PROVINCES ?? "37";
  if (raw.trim().toLowerCase() === "none") {
    return [];
  }
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One environment variable the services read. */
export interface ConfigVariable {
  name: string;
  /** Which processes read it. */
  usedBy: ("gateway" | "subgraphs" | "start")[];
  default: string;
  description: string;
}

/** Every environment variable of the platform: the README's configuration table and the docker-compose check use it. */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: "GATEWAY_PORT", usedBy: ["gateway"], default: String(DEFAULT_GATEWAY_PORT), description: "Port of the gateway (`/graphql`, `/explorer`, `/health`, `/ready`)" },
  { name: "PROVINCE_PORT", usedBy: ["subgraphs", "start"], default: String(DEFAULT_PORTS.province), description: "Port of the province subgraph" },
  { name: "DISTRICT_PORT", usedBy: ["subgraphs", "start"], default: String(DEFAULT_PORTS.district), description: "Port of the district subgraph" },
  { name: "COMMUNE_PORT", usedBy: ["subgraphs", "start"], default: String(DEFAULT_PORTS.commune), description: "Port of the commune subgraph" },
  { name: "PROVINCE_URL", usedBy: ["gateway", "subgraphs"], default: "http://localhost:$PROVINCE_PORT/graphql", description: "Where the gateway and the other subgraphs (transfers) reach the province subgraph" },
  { name: "DISTRICT_URL", usedBy: ["gateway", "subgraphs"], default: "http://localhost:$DISTRICT_PORT/graphql", description: "Where the gateway and the other subgraphs (transfers) reach the district subgraph" },
  { name: "COMMUNE_URL", usedBy: ["gateway", "subgraphs"], default: "http://localhost:$COMMUNE_PORT/graphql", description: "Where the gateway and the other subgraphs (transfers) reach the commune subgraph" },
  { name: "TIEPDAN_LEVELS", usedBy: ["gateway", "subgraphs", "start"], default: "province,district,commune", description: "Levels to run; `province,commune` is the two-level structure in force since 2025-07-01" },
  { name: "SUPERGRAPH_PATH", usedBy: ["gateway"], default: "schema/supergraph.graphql (schema/supergraph.two-level.graphql for two levels)", description: "Composed supergraph the gateway serves; reloaded when the file changes" },
  { name: "DATABASE_URL", usedBy: ["subgraphs", "start"], default: "(embedded PostgreSQL under `npm start`)", description: "One PostgreSQL server for every level: each gets its own database (or schema)" },
  { name: "DATABASE_ISOLATION", usedBy: ["subgraphs"], default: "database", description: "`database`: a database per level on the DATABASE_URL server; `schema`: a schema per level in the DATABASE_URL database" },
  { name: "DATABASE_PREFIX", usedBy: ["subgraphs"], default: "tiepdan_", description: "Prefix of the per-level database or schema names (`tiepdan_province`, ...)" },
  { name: "PROVINCE_DATABASE_URL", usedBy: ["subgraphs", "start"], default: "-", description: "The province subgraph's own database, used as is (overrides DATABASE_URL; it must exist)" },
  { name: "DISTRICT_DATABASE_URL", usedBy: ["subgraphs", "start"], default: "-", description: "The district subgraph's own database, used as is (it must exist)" },
  { name: "COMMUNE_DATABASE_URL", usedBy: ["subgraphs", "start"], default: "-", description: "The commune subgraph's own database, used as is (it must exist)" },
  { name: "SEED_PROVINCES", usedBy: ["subgraphs"], default: "37", description: "Provinces whose units and reception bodies are loaded on start if missing (`none` for none)" },
  { name: "EMBEDDED_PG_PORT", usedBy: ["start"], default: String(DEFAULT_EMBEDDED_PG_PORT), description: "Port of the embedded PostgreSQL server" },
  { name: "EMBEDDED_PG_DIR", usedBy: ["start"], default: ".data/postgres", description: "Data folder of the embedded PostgreSQL server (kept across restarts)" },
  { name: "TRANSFER_SECRET", usedBy: ["subgraphs"], default: "a development value (required when NODE_ENV=production)", description: "Shared by the subgraphs: authenticates transfer messages and seals denouncers' identities" },
  { name: "TRANSFER_POLL_MS", usedBy: ["subgraphs"], default: "250", description: "How often each subgraph's outbox is polled (a commit also wakes it at once)" },
  { name: "TRANSFER_MAX_BACKOFF_MS", usedBy: ["subgraphs"], default: "30000", description: "Longest wait between two delivery attempts of a transfer" },
  { name: "LOG_LEVEL", usedBy: ["gateway", "subgraphs"], default: "info", description: "pino log level (trace, debug, info, warn, error)" },
  { name: "APOLLO_TELEMETRY_DISABLED", usedBy: ["gateway", "subgraphs"], default: "1 (set by `npm start`)", description: "Keeps Apollo libraries from phoning home" },
];
