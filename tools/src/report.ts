// `npm run report -- --form 01/KQGQ --unit 37 --period 2024 [--format xlsx|csv] [--out FILE]
// [--gateway URL]`: downloads a report form from the running gateway's /reports endpoint and
// writes it to a file. The gateway fills the form in; this command only asks and saves, so the
// file is exactly what a browser would download.
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";

// The form list and the input checks only, not the whole gateway package (1.8 s to load, for
// Apollo and the kit): the command answers bad input at once, even with no gateway running.
import { FORM_LIST, findForm } from "@tiepdan/gateway/dist/reports/forms";
import { PERIOD_HELP, type ReportError, unitLevel } from "@tiepdan/gateway/dist/reports/input";

const USAGE = `usage: npm run report -- --form FORM --unit CODE --period PERIOD [--format xlsx|csv] [--out FILE] [--gateway URL]

Downloads a report form, filled in from the records, from the running gateway
(GET /reports/FORM.FORMAT?unit=CODE&period=PERIOD) and writes it to a file.

  --form FORM       ${FORM_LIST}
  --unit CODE       2-digit province, 3-digit district or 5-digit commune code (37, 369, 14320)
  --period PERIOD   ${PERIOD_HELP}
  --format FORMAT   xlsx (default) or csv (UTF-8 with BOM, opens in Excel)
  --out FILE        where to write (default: the gateway's file name, e.g. 01-KQGQ_37_2024.xlsx,
                    in the current folder)
  --gateway URL     the gateway (default: $GATEWAY_URL or http://localhost:4000)
  -h, --help        this help`;

/** What to download and where to write it. */
interface Options {
  form: string;
  unit: string;
  period: string;
  format: "xlsx" | "csv";
  out: string | undefined;
  gateway: URL;
}

/** A mistake in the command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

function options(argv: string[], env: NodeJS.ProcessEnv): Options | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        form: { type: "string" },
        unit: { type: "string" },
        period: { type: "string" },
        format: { type: "string", default: "xlsx" },
        out: { type: "string" },
        gateway: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    return "help";
  }
  const { form, unit, period, format } = values;
  if (!form || !unit || !period) {
    throw new UsageError(`--form, --unit and --period are required`);
  }
  const known = findForm(form);
  if (!known) {
    throw new UsageError(`--form ${form}: not a report form (${FORM_LIST})`);
  }
  try {
    unitLevel(unit);
  } catch (error) {
    throw new UsageError(`--${(error as ReportError).message}`);
  }
  if (format !== "xlsx" && format !== "csv") {
    throw new UsageError(`--format ${format}: xlsx or csv`);
  }
  const given = values.gateway ?? env.GATEWAY_URL ?? "http://localhost:4000";
  let gateway: URL;
  try {
    // The gateway's GraphQL URL is accepted too: the endpoint lives beside it.
    gateway = new URL(given.replace(/\/graphql\/?$/, "/").replace(/\/?$/, "/"));
  } catch {
    throw new UsageError(`--gateway ${given}: not a URL`);
  }
  return { form: known.slug, unit, period, format, out: values.out, gateway };
}

/** The reason a fetch failed, in the words a user needs: no gateway there, or it took too long. */
function unreachable(error: unknown, gateway: URL): string {
  const reason = (error as { cause?: { code?: string; message?: string } }).cause;
  const cause = reason?.code;
  if ((error as Error).name === "TimeoutError") {
    return `The gateway at ${gateway.origin} did not answer within 120 s`;
  }
  if (cause === "ECONNREFUSED" || cause === "ENOTFOUND" || cause === "EAI_AGAIN") {
    return `No gateway answers at ${gateway.origin} (${cause}): start it with \`npm start\`, or give its address with --gateway URL or GATEWAY_URL`;
  }
  return `Could not reach the gateway at ${gateway.origin}: ${(error as Error).message}${reason?.message ? ` (${reason.message})` : ""}`;
}

/** The message of an error answer: the endpoint's JSON, or what else came back. */
async function refusal(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const message = (JSON.parse(text) as { errors?: { message?: string }[] }).errors?.[0]?.message;
    if (message) {
      return `The gateway refused the report (HTTP ${res.status}): ${message}`;
    }
  } catch {
    // Not the endpoint's JSON: an older gateway without /reports, or something else at that port.
  }
  return res.status === 404
    ? `The gateway at ${res.url.split("/reports/")[0]} has no /reports endpoint (HTTP 404): is it an older build? Run \`npm start\` again`
    : `The gateway answered HTTP ${res.status}: ${text.slice(0, 200)}`;
}

async function main(): Promise<number> {
  let opts: Options | "help";
  try {
    opts = options(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (opts === "help") {
    console.log(USAGE);
    return 0;
  }
  const url = new URL(`reports/${opts.form}.${opts.format}`, opts.gateway);
  url.search = new URLSearchParams({ unit: opts.unit, period: opts.period }).toString();
  const started = Date.now();
  let res: Response;
  try {
    res = await fetch(url, { headers: { "x-request-id": `report-cli-${randomUUID()}` }, signal: AbortSignal.timeout(120_000) });
  } catch (error) {
    console.error(unreachable(error, opts.gateway));
    return 1;
  }
  if (!res.ok) {
    console.error(await refusal(res));
    return res.status === 400 ? 2 : 1;
  }
  const body = Buffer.from(await res.arrayBuffer());
  // `npm run` works in the repository root; INIT_CWD is where the user typed the command.
  const here = process.env.INIT_CWD ?? process.cwd();
  const named = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
  // basename: a file name from the network never chooses the folder.
  const file = resolve(here, opts.out ?? basename(named ?? `${opts.form}_${opts.unit}_${opts.period}.${opts.format}`));
  await writeFile(file, body);
  console.log(`wrote ${file} (${(body.length / 1024).toFixed(1)} kB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
