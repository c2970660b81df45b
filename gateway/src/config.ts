import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

import { type Level, activeLevels, gatewayPort, subgraphUrl } from "@tiepdan/kit";

type Env = Record<string, string | undefined>;

/** The gateway's configuration. */
export interface GatewayConfig {
  port: number;
  /** Levels whose subgraphs the supergraph composes. */
  levels: Level[];
  /** Composed supergraph file served (and watched). */
  supergraphPath: string;
  /** Routing URL of each level's subgraph, overriding the supergraph's. */
  subgraphUrls: Partial<Record<Level, string>>;
}

/** The repository's `schema/` folder: `gateway/src` under jest, `gateway/dist` when built. */
export const SCHEMA_DIR = resolve(__dirname, "..", "..", "schema");

/** The supergraph of the levels that run: two-level (province + commune) or three-level. */
export function defaultSupergraphPath(levels: readonly Level[]): string {
  const file = levels.includes("district") ? "supergraph.graphql" : "supergraph.two-level.graphql";
  return join(SCHEMA_DIR, file);
}

/** Reads the gateway's configuration from the environment (see the README's table). */
export function gatewayConfig(env: Env = process.env): GatewayConfig {
  const levels = activeLevels(env);
  const supergraphPath = env.SUPERGRAPH_PATH
    ? isAbsolute(env.SUPERGRAPH_PATH)
      ? env.SUPERGRAPH_PATH
      : resolve(process.cwd(), env.SUPERGRAPH_PATH)
    : defaultSupergraphPath(levels);
  if (!existsSync(supergraphPath)) {
    throw new Error(`Supergraph file not found: ${supergraphPath} (run \`npm run compose\`)`);
  }
  const subgraphUrls: Partial<Record<Level, string>> = {};
  for (const level of levels) {
    subgraphUrls[level] = subgraphUrl(level, env);
  }
  return { port: gatewayPort(env), levels, supergraphPath, subgraphUrls };
}
