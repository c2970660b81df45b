import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { DEADLINE_RULES, describeTransitions } from "@tiepdan/kit";

/** The folder of the generated domain documents. */
export const DOCS_DIR = join(__dirname, "..", "..", "docs");

const variant = (r: { complex?: boolean; remote?: boolean }): string =>
  [r.remote ? "remote area" : "", r.complex ? "complex" : ""].filter(Boolean).join(", ") || "plain";

/** docs/deadlines.md: the rule table the due dates come from, as the code holds it. */
export function deadlinesMarkdown(): string {
  const rows = DEADLINE_RULES.map(
    (r) =>
      `| \`${r.step}\` | ${variant(r)} | ${r.days} ${r.dayKind === "working" ? "working days" : "days"} | ${r.law}, ${r.article} | ${r.validFrom ?? ""} | ${r.validTo ?? ""} | ${r.configurable ? "yes" : ""} | ${r.description} |`,
  );
  return [
    "# Statutory deadlines",
    "",
    "Generated from `services/kit/src/domain/deadlines/rules.ts` by `npm run docs:domain`; a test fails when this file is stale.",
    "",
    "A period runs from the day after its start (receipt, acceptance, decision) and ends on the last",
    "day shown by `dueAt`. Working days skip weekends, public holidays (Labour Code 45/2019/QH14",
    "Art. 112, with the lunar holidays computed for UTC+7) and follow the government's announced",
    "swaps (`services/kit/src/domain/calendar/holidays.ts`). Suspended days (from and to included) do",
    "not count. Which row applies is decided by the date of receipt or acceptance (`valid from/to`).",
    "",
    "| step | variant | limit | source | valid from | valid to | configurable | what |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

/** docs/case-lifecycle.md: every allowed transition of the case state machine. */
export function lifecycleMarkdown(): string {
  const rows = describeTransitions().map((t) => `| ${t.kind ?? "(not yet classified)"} | ${t.from} | \`${t.action}\` | ${t.to} |`);
  return [
    "# The life of a case",
    "",
    "Generated from `services/kit/src/domain/cases/machine.ts` by `npm run docs:domain`; a test fails when this file is stale.",
    "",
    "Every step goes through `<level>ActOnCase(id, action, input)` (classification through",
    "`<level>ClassifyCase`). Any other step is refused with `INVALID_TRANSITION`, the current status and",
    "the allowed actions. Each step appends an entry to the case's timeline (who, when, what, the",
    "fields before and after); the database refuses to change or delete timeline entries.",
    "",
    "| kind | from | action | to |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

/** The generated domain documents: file → content. */
export function domainDocs(): Map<string, string> {
  return new Map([
    [join(DOCS_DIR, "deadlines.md"), deadlinesMarkdown()],
    [join(DOCS_DIR, "case-lifecycle.md"), lifecycleMarkdown()],
  ]);
}

if (require.main === module) {
  for (const [file, content] of domainDocs()) {
    writeFileSync(file, content);
    console.log(`wrote ${file}`);
  }
}
