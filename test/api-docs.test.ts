import { readFileSync, readdirSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

import { Supergraph } from "@apollo/federation-internals";
import type * as ApiDocsModule from "@tiepdan/tools/dist/api-docs/index";
import { type FragmentDefinitionNode, type GraphQLSchema, Kind, type OperationDefinitionNode, type SelectionSetNode, parse, validate } from "graphql";

// The generator's own sources, so that the check never runs a stale build (types from the build).
const apiDocs = require(join(__dirname, "..", "tools", "src", "api-docs", "index")) as typeof ApiDocsModule;

const ROOT = join(__dirname, "..");
const DOC_PATH = join(ROOT, "docs", "api.md");
const EXAMPLES_DIR = join(ROOT, "docs", "api", "examples");
const SUPERGRAPH = readFileSync(join(ROOT, "schema", "supergraph.graphql"), "utf8");
const DOC = readFileSync(DOC_PATH, "utf8");

/** The schema clients see: the supergraph without its join/link machinery. */
const API_SCHEMA: GraphQLSchema = Supergraph.build(SUPERGRAPH).apiSchema().toGraphQLJSSchema();

/** One documented example as read back from docs/api.md. */
interface DocumentedExample {
  heading: string;
  operation: string;
  otherLevels: string[];
  expectedErrors: string[];
}

function documentedExamples(markdown: string): DocumentedExample[] {
  return markdown
    .split(/^### /m)
    .slice(1)
    .map((section) => {
      const heading = section.slice(0, section.indexOf("\n"));
      const operation = /```graphql\n([\s\S]*?)\n```/.exec(section)?.[1] ?? "";
      const others = new RegExp(`${apiDocs.OTHER_LEVELS.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\**\\s*(.*)`).exec(section)?.[1] ?? "";
      const errors = /This example shows the error (.*) on purpose/.exec(section)?.[1] ?? "";
      return {
        heading,
        operation,
        otherLevels: [...others.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!),
        expectedErrors: [...errors.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!),
      };
    });
}

/** The first root field an operation selects (fragments followed), read without the generator's code. */
function firstRootField(operationText: string): string | undefined {
  const document = parse(operationText);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const first = (set: SelectionSetNode): string | undefined => {
    for (const selection of set.selections) {
      const found =
        selection.kind === Kind.FIELD
          ? selection.name.value.startsWith("__")
            ? undefined
            : selection.name.value
          : selection.kind === Kind.INLINE_FRAGMENT
            ? first(selection.selectionSet)
            : fragments.has(selection.name.value)
              ? first(fragments.get(selection.name.value)!.selectionSet)
              : undefined;
      if (found) {
        return found;
      }
    }
    return undefined;
  };
  return operation ? first(operation.selectionSet) : undefined;
}

const examples = documentedExamples(DOC);

describe("docs/api.md", () => {
  it("documents examples", () => {
    expect(examples.length).toBeGreaterThan(20);
    expect(examples.every((e) => e.operation.length > 0)).toBe(true);
  });

  it("documents every root Query and Mutation field of the supergraph", () => {
    const rootFields = [
      ...Object.keys(API_SCHEMA.getQueryType()?.getFields() ?? {}).map((f) => `Query.${f}`),
      ...Object.keys(API_SCHEMA.getMutationType()?.getFields() ?? {}).map((f) => `Mutation.${f}`),
    ];
    expect(rootFields.length).toBeGreaterThan(40);
    const documented = new Set<string>();
    for (const example of examples) {
      const first = firstRootField(example.operation);
      for (const name of [first, ...example.otherLevels]) {
        if (name) {
          documented.add(name);
        }
      }
    }
    const missing = rootFields.filter((f) => !documented.has(f.split(".")[1]!));
    expect(missing).toEqual([]);
  });

  it("lists, as the same operation at other levels, only real root fields of the same kind", () => {
    const query = API_SCHEMA.getQueryType()!.getFields();
    const mutation = API_SCHEMA.getMutationType()!.getFields();
    for (const example of examples.filter((e) => e.otherLevels.length > 0)) {
      const first = firstRootField(example.operation)!;
      const root = first in query ? query : mutation;
      const suffix = first.replace(/^(province|district|commune)/, "");
      for (const other of example.otherLevels) {
        expect({ heading: example.heading, other, known: other in root, sameOperation: other.endsWith(suffix) }).toEqual({ heading: example.heading, other, known: true, sameOperation: true });
      }
    }
  });

  it("has operations that parse and validate against the supergraph's API schema (except the one showing a validation error)", () => {
    for (const example of examples) {
      const errors = validate(API_SCHEMA, parse(example.operation)).map((e) => e.message);
      if (example.expectedErrors.includes("GRAPHQL_VALIDATION_FAILED")) {
        expect({ heading: example.heading, invalid: errors.length > 0 }).toEqual({ heading: example.heading, invalid: true });
      } else {
        expect({ heading: example.heading, errors }).toEqual({ heading: example.heading, errors: [] });
      }
    }
  });

  it("shows every example file, and nothing that is not one", () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".graphql")).sort();
    const linked = [...DOC.matchAll(/\]\(api\/examples\/([^)]+\.graphql)\)/g)].map((m) => m[1]!);
    expect(linked).toEqual(files);
    for (const file of files) {
      const text = readFileSync(join(EXAMPLES_DIR, file), "utf8");
      const operation = text.replace(/^(#.*\n|\s*\n)*/, "").trim();
      expect({ file, shown: DOC.includes(operation) }).toEqual({ file, shown: true });
    }
  });

  // The whole generator (PostgreSQL databases, three subgraphs, gateway, every example over HTTP),
  // compared with the committed file. Takes a few seconds.
  it("is what `npm run docs:api` gives from the examples and the code (regenerate it when this fails)", async () => {
    const result = await apiDocs.generateApiDocs({ databaseUrl: process.env.DATABASE_URL });
    expect(result.problems).toEqual([]);
    expect(result.documented).toBe(result.rootFields);
    // `overdue` and `monthEnded` depend on the day of the run, not on the code.
    expect(apiDocs.maskClock(result.markdown)).toBe(apiDocs.maskClock(DOC));
  }, 120_000);
});

describe("the generator", () => {
  it("reads an example's header: title, explanation, multi-line variables, headers, captures, expected errors", () => {
    const example = apiDocs.parseExample(
      "07-thing.graphql",
      [
        "# A title",
        "#",
        "# First line of the explanation,",
        "# its second line.",
        "#",
        "# section: Part one",
        '# headers: {"x-user-id": "can-bo-01"}',
        "# variables: {",
        '#   "id": "{{caseId}}",',
        '#   "note": "case {{caseId}}"',
        "# }",
        "# capture: version = data.x.version",
        "# expect-error: CONFLICT",
        "mutation X($id: ID!) { x(id: $id) { version } }",
      ].join("\n"),
    );
    expect(example).toMatchObject({
      number: "07",
      title: "A title",
      description: ["First line of the explanation, its second line."],
      section: "Part one",
      headers: { "x-user-id": "can-bo-01" },
      variables: { id: "{{caseId}}", note: "case {{caseId}}" },
      captures: [{ name: "version", path: "data.x.version" }],
      expectErrors: ["CONFLICT"],
      query: "mutation X($id: ID!) { x(id: $id) { version } }",
    });
    expect(() => apiDocs.parseExample("7-thing.graphql", "# t\n{ a }")).toThrow(/NN-lower-case-name/);
    expect(() => apiDocs.parseExample("08-x.graphql", "# t\n# variables: {nope\n{ a }")).toThrow(/not JSON/);
  });

  it("replaces UUIDs, cursors, timestamps, daysLeft and daysLate by the same placeholder each time", () => {
    const id = "0b7e4c6a-2f1d-4e8b-9a3c-5d6e7f809a1b";
    const cursor = Buffer.from(`2026-09-07|${id}`).toString("base64url");
    const ordered = Buffer.from(`DAYS_LATE_DESC|false|false|2026-10-10|${id}`).toString("base64url");
    const placeholders = new apiDocs.Placeholders();
    expect(placeholders.normalise({ id, cursor, ordered, at: "2026-11-28T06:39:30.123Z", daysLeft: -3, daysLate: 3, dueAt: "2026-10-10", message: `Case "${id}" was not found` })).toEqual({
      id: "<uuid-1>",
      cursor: "<cursor-1>",
      ordered: "<cursor-2>",
      at: "<timestamp>",
      daysLeft: "<days-left>",
      daysLate: "<days-late>",
      dueAt: "2026-10-10",
      message: 'Case "<uuid-1>" was not found',
    });
    expect(placeholders.normalise({ daysLeft: null, daysLate: null, other: "ffffffff-2f1d-4e8b-9a3c-5d6e7f809a1b" })).toEqual({ daysLeft: null, daysLate: null, other: "<uuid-2>" });
  });

  describe("running examples", () => {
    let server: Server;
    let url: string;
    const received: { variables?: Record<string, unknown>; headers: Record<string, unknown> }[] = [];

    beforeAll(async () => {
      // A stand-in gateway: errors for operations named Fails, data otherwise.
      server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
          received.push({ variables, headers: req.headers });
          const answer = query.includes("Fails")
            ? { errors: [{ message: "Case was not found", extensions: { code: "NOT_FOUND" } }], data: null }
            : { data: { x: { id: "0b7e4c6a-2f1d-4e8b-9a3c-5d6e7f809a1b", version: 3 } } };
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify(answer));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    const example = (file: string, lines: string[]) => apiDocs.parseExample(file, lines.join("\n"));

    it("substitutes captured values, and reports undeclared errors, missing expected errors and missing captures", async () => {
      received.length = 0;
      const { runs, problems } = await apiDocs.runExamples(
        [
          example("01-a.graphql", ["# A", "# capture: id = data.x.id", "# capture: version = data.x.version", "query A { x { id version } }"]),
          example("02-b.graphql", ["# B", '# variables: {"id": "{{id}}", "v": "{{version}}", "text": "v{{version}}"}', '# headers: {"x-user-id": "u-{{version}}"}', "query B($id: ID) { x(id: $id) { id } }"]),
          example("03-c.graphql", ["# C", "# expect-error: NOT_FOUND", "query Fails { x { id } }"]),
          example("04-d.graphql", ["# D", "query Fails { x { id } }"]),
          example("05-e.graphql", ["# E", "# expect-error: CONFLICT", "query E { x { id } }"]),
          example("06-f.graphql", ["# F", "# capture: nothing = data.x.missing", "query F { x { id } }"]),
          example("07-g.graphql", ["# G", '# variables: {"id": "{{nothing}}"}', "query G($id: ID) { x(id: $id) { id } }"]),
        ],
        url,
      );
      expect(received[1]).toMatchObject({ variables: { id: "0b7e4c6a-2f1d-4e8b-9a3c-5d6e7f809a1b", v: 3, text: "v3" }, headers: { "x-user-id": "u-3" } });
      expect(runs.map((r) => r.example.file)).toEqual(["01-a.graphql", "02-b.graphql", "03-c.graphql", "04-d.graphql", "05-e.graphql", "06-f.graphql"]);
      expect(problems).toEqual([
        expect.stringMatching(/^04-d\.graphql: unexpected error\(s\):[\s\S]*NOT_FOUND/),
        "05-e.graphql: expected error CONFLICT did not come (got no error)",
        "06-f.graphql: # capture: nothing = data.x.missing found nothing in the response",
        "07-g.graphql: uses {{nothing}}, which no earlier example captured; not run",
      ]);
    });
  });
});
