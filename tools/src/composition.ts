import { join } from "node:path";

import { composeServices } from "@apollo/composition";
import { DEFAULT_PORTS, LEVELS, type Level, TWO_LEVELS, buildFederatedSchema, subgraphSdl } from "@tiepdan/kit";
import { parse } from "graphql";

import { SUBGRAPHS } from "./subgraphs";

/** The deployment profiles: with districts (until 2025-06-30, and history) and without. */
export const PROFILES = {
  "three-level": LEVELS,
  "two-level": TWO_LEVELS,
} as const satisfies Record<string, readonly Level[]>;

/** A profile's name. */
export type Profile = keyof typeof PROFILES;

/** The folder with the committed SDL and supergraphs. */
export const SCHEMA_DIR = join(__dirname, "..", "..", "schema");

/** File of each level's SDL in `schema/`. */
export const sdlFile = (level: Level): string => join(SCHEMA_DIR, `${level}.graphql`);

/** File of a profile's composed supergraph in `schema/`. */
export const supergraphFile = (profile: Profile): string =>
  join(SCHEMA_DIR, profile === "three-level" ? "supergraph.graphql" : "supergraph.two-level.graphql");

/** Composition hints we expect and accept (none so far): any other hint fails `npm run compose`. */
const EXPECTED_HINTS = new Set<string>([]);

/** The SDL each level's subgraph publishes when the deployment runs `levels`, built from its classes. */
export async function subgraphSdls(levels: readonly Level[] = LEVELS): Promise<Record<Level, string>> {
  const out = {} as Record<Level, string>;
  for (const level of levels) {
    out[level] = subgraphSdl(await buildFederatedSchema(SUBGRAPHS[level], levels));
  }
  return out;
}

/** File of a level's SDL in a profile: `schema/<level>.graphql`, or `schema/<level>.two-level.graphql` where it differs. */
export const profileSdlFile = (level: Level, profile: Profile): string =>
  profile === "three-level" ? sdlFile(level) : join(SCHEMA_DIR, `${level}.${profile}.graphql`);

/** Result of composing one profile. */
export interface Composed {
  supergraphSdl: string;
  hints: { code: string; message: string }[];
}

/** Composes the levels of a profile into a supergraph; throws with every error on failure. */
export function composeProfile(sdls: Record<Level, string>, levels: readonly Level[]): Composed {
  const result = composeServices(
    levels.map((level) => ({
      name: level,
      typeDefs: parse(sdls[level]),
      url: `http://localhost:${DEFAULT_PORTS[level]}/graphql`,
    })),
  );
  if (result.errors) {
    throw new Error(`Composition of ${levels.join(" + ")} failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  }
  const hints = result.hints.map((h) => ({ code: h.definition.code, message: h.message }));
  const unexpected = hints.filter((h) => !EXPECTED_HINTS.has(h.code));
  if (unexpected.length > 0) {
    throw new Error(`Unexpected composition hints for ${levels.join(" + ")}:\n${unexpected.map((h) => `- ${h.code}: ${h.message}`).join("\n")}`);
  }
  return { supergraphSdl: result.supergraphSdl, hints };
}

/** Everything `npm run compose` writes, as text: file path → content. */
export async function schemaFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const threeLevel = await subgraphSdls(LEVELS);
  for (const [profile, levels] of Object.entries(PROFILES) as [Profile, readonly Level[]][]) {
    const sdls = await subgraphSdls(levels);
    for (const level of levels) {
      if (profile === "three-level" || sdls[level] !== threeLevel[level]) {
        files.set(profileSdlFile(level, profile), `${sdls[level].trim()}\n`);
      }
    }
    files.set(supergraphFile(profile), `${composeProfile(sdls, levels).supergraphSdl.trim()}\n`);
  }
  return files;
}
