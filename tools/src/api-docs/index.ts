import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

import type { Logger } from "@tiepdan/kit";

import { loadExamples } from "./examples";
import { coverage, renderApiDocs } from "./render";
import { type ExampleRun, runExamples, withFederation } from "./run";
import { supergraphSchema } from "./schema";

export * from "./examples";
export * from "./normalise";
export * from "./render";
export * from "./run";
export * from "./schema";

/** The repository root (tools/src/api-docs or tools/dist/api-docs → ../../..). */
export const REPO_ROOT = resolve(__dirname, "..", "..", "..");

/** Where the generator reads and writes, relative to the repository root by default. */
export interface ApiDocsPaths {
  examplesDir: string;
  supergraphPath: string;
  output: string;
}

export const DEFAULT_PATHS: ApiDocsPaths = {
  examplesDir: join(REPO_ROOT, "docs", "api", "examples"),
  supergraphPath: join(REPO_ROOT, "schema", "supergraph.graphql"),
  output: join(REPO_ROOT, "docs", "api.md"),
};

/** What a generation produced. */
export interface ApiDocsResult {
  markdown: string;
  runs: ExampleRun[];
  /** Reasons the document must not be written (unexpected errors, undocumented root fields, …). */
  problems: string[];
  /** Root fields documented / in the supergraph. */
  documented: number;
  rootFields: number;
  seconds: number;
}

/**
 * Generates docs/api.md in memory: checks that the examples cover every root field, starts a
 * federation on a fresh database (embedded PostgreSQL, or `databaseUrl`), runs the examples through
 * the gateway and renders the document. Nothing is written.
 */
export async function generateApiDocs(
  options: { paths?: Partial<ApiDocsPaths>; databaseUrl?: string; log?: Logger; say?: (line: string) => void; handleSignals?: boolean } = {},
): Promise<ApiDocsResult> {
  const started = Date.now();
  const paths = { ...DEFAULT_PATHS, ...options.paths };
  const sdl = readFileSync(paths.supergraphPath, "utf8");
  const examples = loadExamples(paths.examplesDir);
  const covered = coverage(supergraphSchema(sdl), examples);
  const problems = covered.missing.map((f) => `${f.rootType}.${f.name} has no example (nor does the same operation at another level)`);
  const { runs, problems: runProblems } = await withFederation(
    { databaseUrl: options.databaseUrl, supergraphPath: paths.supergraphPath, log: options.log, say: options.say, handleSignals: options.handleSignals },
    (url) => runExamples(examples, url),
  );
  problems.push(...runProblems);
  return {
    markdown: renderApiDocs(sdl, runs),
    runs,
    problems,
    documented: covered.fields.length - covered.missing.length,
    rootFields: covered.fields.length,
    seconds: (Date.now() - started) / 1000,
  };
}
