import { LEVELS } from "@tiepdan/kit";
import { type GraphQLSchema, isInterfaceType, printType } from "graphql";

import { type Example, readPath } from "./examples";
import { Placeholders } from "./normalise";
import type { ExampleRun } from "./run";
import { type RootField, levelSiblings, rootFields, selectedRootFields, supergraphSchema } from "./schema";

/** Where the example files live, relative to the repository root (for links and notes). */
export const EXAMPLES_PATH = "docs/api/examples";

/** The phrase that introduces the other levels' names of an example's operation. */
export const OTHER_LEVELS = "Same operation at the other levels:";

/** Which root fields the examples document, and which none does. */
export interface Coverage {
  fields: RootField[];
  /** Root field → the examples documenting it (as first root field, or as a level sibling of it). */
  documentedBy: Map<string, Example[]>;
  missing: RootField[];
}

/**
 * A root field is documented by an example whose operation selects it first, or whose first root
 * field is the same operation at another level (`communeCase` documents `provinceCase`).
 */
export function coverage(schema: GraphQLSchema, examples: readonly Example[]): Coverage {
  const fields = rootFields(schema);
  const documentedBy = new Map<string, Example[]>(fields.map((f) => [f.name, []]));
  for (const example of examples) {
    const first = selectedRootFields(example.query).names[0];
    if (!first) {
      continue;
    }
    for (const name of [first, ...levelSiblings(fields, first)]) {
      documentedBy.get(name)?.push(example);
    }
  }
  return { fields, documentedBy, missing: fields.filter((f) => documentedBy.get(f.name)!.length === 0) };
}

/** GitHub's anchor of a heading. */
export function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Width up to which an object or array is written on one line. */
const JSON_WIDTH = 100;

const inlineJson = (value: unknown): string => {
  if (Array.isArray(value)) {
    return `[${value.map(inlineJson).join(", ")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length === 0 ? "{}" : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value) ?? "null";
};

/**
 * Pretty-printed JSON, two spaces a level, with every object or array that fits in the line
 * (${JSON_WIDTH} characters with its indentation and key) written on one line: valid JSON, shorter to read.
 */
export function formatJson(value: unknown): string {
  const format = (v: unknown, indent: string, used: number): string => {
    const inline = inlineJson(v);
    if (v === null || typeof v !== "object" || used + [...inline].length <= JSON_WIDTH) {
      return inline;
    }
    const inner = `${indent}  `;
    const items = Array.isArray(v)
      ? v.map((x) => `${inner}${format(x, inner, inner.length + 1)}`)
      : Object.entries(v).map(([k, x]) => {
          const key = `${JSON.stringify(k)}: `;
          return `${inner}${key}${format(x, inner, inner.length + [...key].length + 1)}`;
        });
    const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
    return `${open}\n${items.join(",\n")}\n${indent}${close}`;
  };
  return format(value, "", 0);
}

const levelRank = (field: RootField): number => (field.level === null ? -1 : LEVELS.indexOf(field.level));

const exampleHeading = (example: Example): string => `${example.number}. ${example.title}`;
const exampleLink = (example: Example): string => `[${example.number}](#${slug(exampleHeading(example))})`;
const code = (text: string): string => `\`${text}\``;
const fence = (language: string, text: string): string => `\`\`\`${language}\n${text}\n\`\`\``;

const ERROR_CODES: readonly [string, string][] = [
  ["BAD_USER_INPUT", "An argument or input field is not acceptable. `extensions.field` names the first rejected field; `extensions.fieldErrors` lists every rejected field as `{ field, message }`, `field` being a path into the input (`petitioners[0].citizenId`, `petition.content`). Nothing was changed."],
  ["NOT_FOUND", "No unit, body, case or session with that code or id at that level (`extensions.what`, `extensions.key`). Ids are level-local: a commune case is not found by `provinceCase`."],
  ["INVALID_TRANSITION", "`…ActOnCase` asked for a step the case's kind and status do not allow; `extensions.currentStatus`, `extensions.action` and `extensions.allowedActions` say what is possible now."],
  ["CONFLICT", "`expectedVersion` was given and someone changed the case first: reload the case and decide again."],
  ["GRAPHQL_PARSE_FAILED", "The operation is not GraphQL (HTTP 400)."],
  ["GRAPHQL_VALIDATION_FAILED", "The operation does not fit the schema: unknown field, missing required argument or input field (HTTP 400)."],
  ["SUBGRAPH_UNAVAILABLE", "A level's service could not be reached, or gave no answer within 30 s (`extensions.serviceName`); everything the other levels returned is still in `data`, the fields of the missing level are null."],
  ["INTERNAL_SERVER_ERROR", "Anything else (a bug, a database failure): masked, with the request id in the message and in `extensions.requestId`; the cause is in the server log under that id. Never a stack trace."],
];

function headersBlock(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}

/** The names `{{…}}` used in an example's variables and headers. */
function usedCaptures(example: Example): string[] {
  const text = JSON.stringify([example.variables, example.headers]);
  return [...new Set([...text.matchAll(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g)].map((m) => m[1]!))];
}

/**
 * The whole of docs/api.md from the supergraph and the runs of the examples, without any I/O:
 * the same runs always give the same text.
 */
export function renderApiDocs(supergraphSdl: string, runs: readonly ExampleRun[]): string {
  const schema = supergraphSchema(supergraphSdl);
  const examples = runs.map((r) => r.example);
  const { fields, documentedBy } = coverage(schema, examples);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const placeholders = new Placeholders();
  const out: string[] = [];
  const push = (...blocks: string[]): void => {
    out.push(...blocks);
  };

  // Sections and examples, first, so that the contents can list them.
  const sections: { title: string; examples: Example[] }[] = [];
  for (const example of examples) {
    if (example.section || sections.length === 0) {
      sections.push({ title: example.section ?? "Examples", examples: [] });
    }
    sections.at(-1)!.examples.push(example);
  }
  const codesSeen = new Map<string, Example[]>();
  for (const run of runs) {
    for (const error of run.response.errors ?? []) {
      const c = String(error.extensions?.code ?? "");
      const list = codesSeen.get(c) ?? [];
      if (!list.includes(run.example)) {
        list.push(run.example);
      }
      codesSeen.set(c, list);
    }
  }
  const queryCount = fields.filter((f) => f.rootType === "Query").length;
  const mutationCount = fields.length - queryCount;

  push(
    "# TiepDan GraphQL API",
    "",
    "<!-- Generated by `npm run docs:api` (tools/src/api-docs.ts) from docs/api/examples/*.graphql, run against",
    "     schema/supergraph.graphql on a fresh database. Do not edit by hand: edit an example and regenerate. -->",
    "",
    `Every operation of the public graph — ${queryCount} queries and ${mutationCount} mutations — with an example request and the`,
    "response the gateway actually gave to it. The examples run in order on a fresh database holding Ninh Bình",
    "(province 37), so later ones use what earlier ones created. Descriptions come from the schema.",
    "",
    "## Contents",
    "",
    "- [Endpoint](#endpoint)",
    "- [Headers](#headers)",
    "- [Errors](#errors)",
    "- [One operation, three levels](#one-operation-three-levels)",
    "- [The Case interface](#the-case-interface)",
    "- [Placeholders in the examples](#placeholders-in-the-examples)",
    "- [Operation index](#operation-index)",
  );
  for (const section of sections) {
    push(`- [${section.title}](#${slug(section.title)})`);
    for (const example of section.examples) {
      push(`  - [${exampleHeading(example)}](#${slug(exampleHeading(example))})`);
    }
  }

  push(
    "",
    "## Endpoint",
    "",
    "One endpoint for the whole country: the gateway, `POST /graphql` with a JSON body",
    "`{ \"query\": …, \"variables\": …, \"operationName\": … }` and `content-type: application/json`",
    "(`http://localhost:4000/graphql` under `npm start`). The gateway plans each operation across the province,",
    "district and commune services; one request may read every level. The same endpoint opened in a browser, or",
    "`/explorer`, is an offline GraphQL explorer. `/health` answers when the gateway runs, `/ready` when every",
    "level's service does.",
    "",
    "A response is `{ \"data\": …, \"errors\": [ … ] }`: `errors` is absent when all went well. A failed field is null",
    "in `data` (or nulls its parent when it is non-null) and has an entry in `errors` with its `path`.",
    "",
    "## Headers",
    "",
    "| header | |",
    "|---|---|",
    "| `content-type` | `application/json` |",
    "| `x-request-id` | Optional. The gateway makes one when it is missing or not made of `A-Z a-z 0-9 . _ : -` (1–100 characters), returns it in the response's `x-request-id` header and passes it to every service: each log line of the request carries it. Quote it when reporting a problem. |",
    "| `x-user-id` | The official making the request, set by the authenticating proxy in front of the gateway. Recorded as `actor` in a case's timeline and on reception records. |",
    "| `x-user-unit` | The reception body the official works for (`14320.ubnd`). |",
    "| `x-user-roles` | Comma-separated roles. `denunciation-resolver` may read denouncers' identities (`…Petition.denouncers`); for anyone else they are null. |",
    "",
    "Caller header values that do not look like ids (letters, digits, `. _ : @ -`, up to 100 characters) are dropped,",
    "as if absent. The gateway does not authenticate: it trusts what the proxy in front of it sets.",
    "",
    "## Errors",
    "",
    "Every error has a stable `extensions.code`; the `message` is for people and may change.",
    "",
    "| code | meaning | example |",
    "|---|---|---|",
  );
  const known = new Set(ERROR_CODES.map(([c]) => c));
  for (const [c, meaning] of ERROR_CODES) {
    push(`| ${code(c)} | ${meaning} | ${(codesSeen.get(c) ?? []).map(exampleLink).join(", ")} |`);
  }
  for (const [c, list] of codesSeen) {
    if (!known.has(c)) {
      push(`| ${code(c)} | | ${list.map(exampleLink).join(", ")} |`);
    }
  }
  push(
    "",
    "The examples listed in the table show real error responses. An error caused by one level's service also carries",
    "`extensions.serviceName`. Input is checked completely before anything is written, so a rejected mutation changed",
    "nothing and can be corrected and sent again.",
    "",
    "## One operation, three levels",
    "",
    "Each administrative level runs its own service with its own database, and publishes the same operations under",
    "its own name: `<level><Operation>`, the level being `province`, `district` or `commune` —",
    "`communeRegisterPetition`, `districtRegisterPetition`, `provinceRegisterPetition`. They take the same arguments",
    "and return the level's own types (`CommuneCase`, `DistrictCase`, `ProvinceCase`), which share interfaces",
    "(`Case`, `ReceptionUnit`). An operation reaches only its level: a case id of a commune is unknown to",
    "`provinceCase`, and a `bodyId` must be a body of that level (`14320.ubnd` for the commune, `369.ubnd` for the",
    "district, `37.ubnd` for the province). Each operation is documented once below, at the level where it reads",
    "most naturally; the other levels' names are listed with it.",
    "",
    "The `district…` operations exist in the three-level deployment (the default). Under the two-level structure in",
    "force since 2025-07-01 (`TIEPDAN_LEVELS=province,commune`) they are not in the graph; the province and",
    "commune operations are unchanged.",
    "",
    "Unprefixed operations: `province`, `district`, `commune` (one unit by statistics office code), `provinces`,",
    "`districts`, `communes` (lists and diacritics-insensitive search) and `receptionUnit` (a body of any level by",
    "id).",
    "",
    "Dates are `LocalDate` strings `YYYY-MM-DD` (a day in Vietnam, no time or zone); `DateTimeISO` is an instant in",
    "UTC. Deadlines (`dueAt`) are computed by the server from the law in force on the relevant date.",
    "",
    "## The Case interface",
    "",
  );
  const caseType = schema.getType("Case");
  if (caseType && isInterfaceType(caseType)) {
    const implementations = schema.getPossibleTypes(caseType).map((t) => code(t.name));
    push(
      `A case (hồ sơ vụ việc: one matter, one electronic file) is held by one body. Each level has its own case type — ${implementations.join(", ")} —`,
      "and all implement `Case`, so a client can select the common fields once, whichever level holds the case:",
      "",
      fence("graphql", printType(caseType)),
      "",
      fence("graphql", "fragment CaseSummary on Case { __typename id level kind status receivedAt dueAt overdue daysLeft unit { id name } }"),
      "",
      "The level types add the rest: classification, dates of each step, the decision, `enforcement`, `petitions`,",
      "`allowedActions` (the steps possible now) and `version` (pass it back as `expectedVersion` to detect concurrent",
      "changes). A case moves only through `…ActOnCase`; each step is appended to `timeline`, which is never rewritten.",
      "",
    );
  }
  push(
    "## Placeholders in the examples",
    "",
    "The responses below are real, with the values that differ from one run to the next replaced so that this file",
    "only changes when the API does:",
    "",
    "- `<uuid-N>`: a UUID (case, petition, session, leader, visit ids). The same UUID is the same placeholder",
    "  everywhere, so an id returned by one example and sent by a later one reads the same in both.",
    "- `<cursor-N>`: an opaque list cursor (`pageInfo.endCursor`, `edges[].cursor`).",
    "- `<timestamp>`: a `DateTimeISO` instant (`CaseEvent.at`: when a step was recorded).",
    "- `<days-left>`: `daysLeft`, an `Int` counted from the day of the request.",
    "- `<days-late>`: `daysLate`, an `Int` counted from the day of the request.",
    "",
    "`overdue` and `monthEnded` are as they were on the day this file was generated.",
    "",
    "## Operation index",
    "",
    `Every root field of the supergraph: ${fields.length} in all.`,
    "",
    "| type | root fields | documented in |",
    "|---|---|---|",
  );
  // One row per operation (its levels together, in level order), in the order the examples document them.
  const rows: { rootType: string; names: string[]; docs: Example[] }[] = [];
  const grouped = new Set<string>();
  for (const field of fields) {
    if (!grouped.has(field.name)) {
      const names = [field.name, ...levelSiblings(fields, field.name)].sort((a, b) => levelRank(byName.get(a)!) - levelRank(byName.get(b)!));
      names.forEach((n) => grouped.add(n));
      rows.push({ rootType: field.rootType, names, docs: documentedBy.get(field.name) ?? [] });
    }
  }
  const firstExample = (row: (typeof rows)[number]): number => (row.docs.length > 0 ? examples.indexOf(row.docs[0]!) : examples.length);
  for (const row of [...rows].sort((a, b) => firstExample(a) - firstExample(b))) {
    push(`| ${row.rootType} | ${row.names.map(code).join(" · ")} | ${row.docs.length > 0 ? row.docs.map(exampleLink).join(", ") : "**not documented**"} |`);
  }
  push("");

  // The examples.
  const capturedBy = new Map<string, { example: Example; path: string }>();
  const captureValues = new Map<string, unknown>();
  for (const section of sections) {
    push(`## ${section.title}`, "");
    for (const example of section.examples) {
      const run = runs.find((r) => r.example === example)!;
      const { names } = selectedRootFields(example.query);
      push(`### ${exampleHeading(example)}`, "");
      names.forEach((name, index) => {
        const field = byName.get(name);
        if (!field) {
          push(`${code(name)} — not a root field of the supergraph`, "");
          return;
        }
        push(`**${field.rootType}** ${code(field.signature)}  `);
        const siblings = index === 0 ? levelSiblings(fields, name) : [];
        push(`${field.description || "(no description in the schema)"}${siblings.length > 0 ? "  " : ""}`);
        if (siblings.length > 0) {
          push(`**${OTHER_LEVELS}** ${siblings.map(code).join(", ")}`);
        }
        push("");
      });
      for (const paragraph of example.description) {
        push(paragraph, "");
      }
      if (example.expectErrors.length > 0) {
        push(`This example shows the error ${example.expectErrors.map(code).join(", ")} on purpose.`, "");
      }
      push(`Request ([${example.file}](api/examples/${example.file})):`, "", fence("graphql", example.query), "");
      const variables = run.variables ? placeholders.normalise(run.variables) : null;
      if (variables) {
        push("Variables:", "", fence("json", formatJson(variables)), "");
      }
      const headers = placeholders.normalise(run.headers);
      if (Object.keys(headers).length > 0) {
        push("Headers:", "", fence("http", headersBlock(headers)), "");
      }
      const uses = usedCaptures(example).filter((n) => capturedBy.has(n));
      if (uses.length > 0) {
        push(
          `Uses ${uses
            .map((n) => {
              const from = capturedBy.get(n)!;
              return `${code(`{{${n}}}`)} = ${code(String(placeholders.normalise(captureValues.get(n))))} (${code(from.path)} of ${exampleLink(from.example)})`;
            })
            .join(", ")}.`,
          "",
        );
      }
      push(`Response (HTTP ${run.status}):`, "", fence("json", formatJson(placeholders.normalise(run.response))), "");
      for (const capture of example.captures) {
        capturedBy.set(capture.name, { example, path: capture.path });
        captureValues.set(capture.name, readPath(run.response, capture.path));
      }
    }
  }
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
