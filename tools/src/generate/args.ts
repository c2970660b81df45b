import { CALENDAR_SUPPORTED_RANGE, DISTRICTS_ABOLISHED_FROM } from "@tiepdan/kit";

/** The first day the platform (its working-day calendar) knows. */
const EARLIEST_DATE = CALENDAR_SUPPORTED_RANGE.from;

/** What `npm run generate` was asked for. */
export interface GenerateArgs {
  province: string;
  from: number;
  to: number;
  /** Replicas of the default volume written in bulk; null: the default set, through the services. */
  scale: number | null;
  seed: number;
  reset: boolean;
  /** Which writer: the services (one transaction per step) or the bulk importer. */
  writer: "services" | "bulk";
  help: boolean;
}

/** The seed of the default data set: the same records every time unless --seed says otherwise. */
export const DEFAULT_SEED = 20_142_024;

/** The text of `npm run generate -- --help`. */
export const GENERATE_HELP = `npm run generate -- --province 37 --from 2014 --to 2024 [--scale N] [--seed S] [--reset]

Creates a province's records for a period — petitions, cases with their whole timelines, reception
sessions and visits — through the platform's own domain code, never as totals. Without --scale it
writes the default data set through the services (CaseService, ReceptionService: every check,
transition, deadline and timeline entry), which for Ninh Bình (37) over 2014–2024 reproduces the
province's published figures from its records: 624 of 629 complaints resolved (68 after
persuasion), 441 of 445 denunciations, 38,445 citizens received, 588 large groups, 14,400 Party
secretaries' sessions with 2,214 citizens (209 unscheduled with 190).

Options
  --province CODE  statistics office code of the province (37 = Ninh Bình); required
  --from YEAR      first year of the period (default 2014; not before ${EARLIEST_DATE.slice(0, 4)})
  --to YEAR        last year, a year already over (default 2024). Districts were abolished on
                   ${DISTRICTS_ABOLISHED_FROM}: their records end on the day before.
  --scale N        N replicas of the default volume (10,000 cases each; --scale 100 = 1,000,000
                   cases), written by the bulk importer: the same histories replayed in memory through
                   the same domain functions, then written in multi-row statements. Each replica gives
                   the published figures again, so every figure is N times the published one.
  --seed S         seed of the draws (default ${DEFAULT_SEED}): the same seed, the same records
  --writer W       services | bulk: force a writer (default: services without --scale, bulk with it)
  --reset          delete the province's generated records first (cases, timelines, petitions,
                   signers, sessions, visits written by the account "generator"; leaders are kept)
  --help           this text

A province that already has generated records is refused unless --reset is given.
The database is the subgraphs' own: DATABASE_URL (a database per level, DATABASE_PREFIX,
DATABASE_ISOLATION) or PROVINCE_/DISTRICT_/COMMUNE_DATABASE_URL; without them the embedded PostgreSQL
of \`npm start\` (the running one, or started for the run). Progress goes to stderr every few seconds.`;

/** A command line that cannot be run, with the reason to show. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const integer = (name: string, value: string | undefined, min: number, max: number): number => {
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new UsageError(`${name} needs a whole number${value === undefined ? "" : `, got "${value}"`}`);
  }
  const n = Number(value);
  if (n < min || n > max) {
    throw new UsageError(`${name} must be between ${min} and ${max}, got ${n}`);
  }
  return n;
};

/**
 * Reads the command line; `today` (YYYY-MM-DD in Vietnam) bounds the period, which must be over.
 * Throws UsageError with a message for the user.
 */
export function parseGenerateArgs(argv: readonly string[], today: string): GenerateArgs {
  const args: GenerateArgs = { province: "", from: 2014, to: 2024, scale: null, seed: DEFAULT_SEED, reset: false, writer: "services", help: false };
  let writer: GenerateArgs["writer"] | null = null;
  const currentYear = Number(today.slice(0, 4));
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case "--help":
      case "-h":
        args.help = true;
        break;
      case "--province": {
        const code = value();
        if (!code || !/^\d{2}$/.test(code)) {
          throw new UsageError(`--province needs a 2-digit province code of the statistics office (37 = Ninh Bình)${code ? `, got "${code}"` : ""}`);
        }
        args.province = code;
        break;
      }
      case "--from":
        args.from = integer("--from", value(), Number(EARLIEST_DATE.slice(0, 4)), 9999);
        break;
      case "--to":
        args.to = integer("--to", value(), Number(EARLIEST_DATE.slice(0, 4)), 9999);
        break;
      case "--scale":
        args.scale = integer("--scale", value(), 1, 10_000);
        break;
      case "--seed":
        args.seed = integer("--seed", value(), 0, 0xffffffff);
        break;
      case "--reset":
        args.reset = true;
        break;
      case "--writer": {
        const w = value();
        if (w !== "services" && w !== "bulk") {
          throw new UsageError(`--writer must be "services" or "bulk"${w ? `, got "${w}"` : ""}`);
        }
        writer = w;
        break;
      }
      default:
        throw new UsageError(`unknown option "${flag}" (see --help)`);
    }
  }
  if (args.help) {
    return args;
  }
  if (!args.province) {
    throw new UsageError("--province is required (e.g. --province 37 for Ninh Bình)");
  }
  if (args.from > args.to) {
    throw new UsageError(`--from ${args.from} is after --to ${args.to}`);
  }
  if (args.to >= currentYear) {
    throw new UsageError(`--to ${args.to} is not over yet: records are generated for whole years that have ended (at most ${currentYear - 1})`);
  }
  if (writer === "services" && (args.scale ?? 1) > 1) {
    throw new UsageError("--scale above 1 is written by the bulk importer: leave out --writer services");
  }
  args.writer = writer ?? (args.scale === null ? "services" : "bulk");
  return args;
}
