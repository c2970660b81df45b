import { LEVELS, activeLevels, gazetteerFor, loadGazetteer, vietnamToday } from "@tiepdan/kit";

import { GENERATE_HELP, UsageError, parseGenerateArgs } from "./generate/args";
import { generateProvince } from "./generate/run";
import { databaseForTool } from "./start";

/**
 * `npm run generate -- --province 37 --from 2014 --to 2024 [--scale N] [--seed S] [--reset]`:
 * a province's records through the platform's domain code (see --help and docs/generate.md).
 */
async function main(): Promise<number> {
  const say = (line: string): void => console.log(`[generate] ${line}`);
  let args;
  try {
    args = parseGenerateArgs(process.argv.slice(2), vietnamToday());
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`generate: ${error.message}\n\n${GENERATE_HELP}`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    console.log(GENERATE_HELP);
    return 0;
  }
  // An unknown province is refused before any database is started.
  gazetteerFor(loadGazetteer(), [args.province]);
  const env: Record<string, string | undefined> = { ...process.env, APOLLO_TELEMETRY_DISABLED: "1" };
  const stopDatabase = await databaseForTool(env, activeLevels(env), say);
  try {
    const result = await generateProvince({ args, env, say, progress: (line) => console.error(line) });
    for (const level of LEVELS) {
      const c = result.levels[level];
      if (c) {
        say(
          `${level.padEnd(8)} ${c.cases.toLocaleString("en").padStart(11)} cases ${c.petitions.toLocaleString("en").padStart(11)} petitions ` +
            `${c.events.toLocaleString("en").padStart(12)} timeline entries ${c.sessions.toLocaleString("en").padStart(11)} sessions ${c.visits.toLocaleString("en").padStart(11)} visits`,
        );
      }
    }
    say(`${result.cases.toLocaleString("en")} cases in the province; done in ${result.seconds.toFixed(1)} s (${result.writer} writer)`);
    return 0;
  } finally {
    await stopDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
