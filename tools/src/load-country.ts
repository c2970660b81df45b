import { activeLevels, createLogger, gazetteerFor, loadGazetteer, openLevelDatabase, seedLevel } from "@tiepdan/kit";

import { databaseForTool } from "./start";
import { SUBGRAPHS } from "./subgraphs";

/**
 * `npm run load:country [-- --provinces 01,37]`: loads the statistics office's whole list
 * (63 provinces, 705 districts, 10,599 communes) and their reception bodies into every level's
 * database. Uses the running embedded server of `npm start`, or starts it, or DATABASE_URL.
 */
async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };
  const arg = process.argv.indexOf("--provinces");
  const provinces = arg > 0 ? (process.argv[arg + 1] ?? "").split(",").filter(Boolean) : "all";
  const levels = activeLevels(env);
  const log = createLogger("load-country", env.LOG_LEVEL);
  const stopDatabase = await databaseForTool(env, levels, console.log);
  const started = Date.now();
  try {
    const gazetteer = gazetteerFor(loadGazetteer(), provinces);
    console.log(
      `statistics office list: ${gazetteer.provinces.length} provinces, ${gazetteer.districts.length} districts, ${gazetteer.communes.length} communes`,
    );
    for (const level of levels) {
      const { dataSource } = await openLevelDatabase(SUBGRAPHS[level], env, log);
      try {
        const result = await seedLevel(dataSource, level, gazetteer, (done, total) => {
          console.log(`  ${level}: ${done}/${total} (${Math.floor((done / total) * 100)}%)`);
        });
        const [{ count }] = (await dataSource.query("SELECT count(*)::int AS count FROM administrative_unit")) as { count: number }[];
        console.log(`${level}: ${result.units} new units, ${result.bodies} new reception bodies; ${count} units in the database`);
      } finally {
        await dataSource.destroy();
      }
    }
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await stopDatabase();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
