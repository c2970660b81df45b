import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** A value captured from an earlier response, to be reused as `{{name}}`. */
export interface Capture {
  name: string;
  /** Path into the response JSON: `data.communeRegisterPetition.case.id`, `data.x.edges[0].node.id`. */
  path: string;
}

/** One example operation, as read from `docs/api/examples/NN-name.graphql`. */
export interface Example {
  /** File name, e.g. `12-register-complaint.graphql`. */
  file: string;
  /** The `NN` of the file name. */
  number: string;
  title: string;
  /** The explanation, one paragraph per entry. */
  description: string[];
  /** Starts a new part of the document (`# section: …`). */
  section: string | null;
  /** The operation text, without the comment header. */
  query: string;
  /** Variables as written, `{{name}}` not yet substituted. */
  variables: Record<string, unknown> | null;
  headers: Record<string, string>;
  captures: Capture[];
  /** Run again (up to 15 s) until this path of the response holds something: for asynchronous deliveries. */
  waitFor: string | null;
  /** Error codes the example is meant to show; any other error fails the generator. */
  expectErrors: string[];
}

const FILE_NAME = /^(\d{2,3})-[a-z0-9-]+\.graphql$/;
const DIRECTIVE = /^(variables|headers|capture|expect-error|section|wait-for):\s?(.*)$/;
const CAPTURE = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)$/;

function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`);
}

function parseJson(file: string, directive: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(file, `# ${directive}: is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Parses an example file. Its comment header is: a title line; a paragraph of explanation (blank
 * `#` lines separate paragraphs); then directives, each `# name: value`, a value continuing on the
 * following comment lines up to a blank `#` line or the next directive:
 *
 * - `# section: Title` starts a part of the document with this example;
 * - `# variables: {json}` and `# headers: {json}`;
 * - `# capture: name = data.path.to[0].value` (repeatable) keeps a value of the response for
 *   `{{name}}` in later variables and headers;
 * - `# expect-error: CODE` (repeatable): the example shows this error on purpose.
 */
export function parseExample(file: string, text: string): Example {
  const match = FILE_NAME.exec(file);
  if (!match) {
    fail(file, "example files are named NN-lower-case-name.graphql");
  }
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let i = 0;
  const header: string[] = [];
  while (i < lines.length && (lines[i]!.startsWith("#") || lines[i]!.trim() === "")) {
    if (lines[i]!.startsWith("#")) {
      header.push(lines[i]!.replace(/^# ?/, ""));
    } else if (header.length > 0) {
      header.push("");
    }
    i += 1;
  }
  const query = lines.slice(i).join("\n").trim();
  if (!query) {
    fail(file, "no operation after the comment header");
  }
  const [title, ...rest] = header;
  if (!title?.trim()) {
    fail(file, "the first comment line is the title");
  }

  const description: string[] = [];
  const directives: { name: string; value: string }[] = [];
  let paragraph: string[] = [];
  let open: { name: string; value: string } | null = null;
  for (const line of rest) {
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      open = { name: directive[1]!, value: directive[2]! };
      directives.push(open);
    } else if (line.trim() === "") {
      open = null;
      if (paragraph.length > 0) {
        description.push(paragraph.join(" "));
        paragraph = [];
      }
    } else if (open) {
      open.value += `\n${line}`;
    } else if (directives.length > 0) {
      fail(file, `text after the directives: "${line.trim()}" (explanations come before them)`);
    } else {
      paragraph.push(line.trim());
    }
  }
  if (paragraph.length > 0) {
    description.push(paragraph.join(" "));
  }

  const example: Example = {
    file,
    number: match![1]!,
    title: title!.trim(),
    description,
    section: null,
    query,
    variables: null,
    headers: {},
    captures: [],
    waitFor: null,
    expectErrors: [],
  };
  for (const { name, value } of directives) {
    const trimmed = value.trim();
    if (name === "section") {
      example.section = trimmed;
    } else if (name === "variables") {
      const parsed = parseJson(file, name, trimmed);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        fail(file, "# variables: must be a JSON object");
      }
      example.variables = parsed as Record<string, unknown>;
    } else if (name === "headers") {
      const parsed = parseJson(file, name, trimmed);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== "string")) {
        fail(file, "# headers: must be a JSON object of strings");
      }
      example.headers = Object.fromEntries(Object.entries(parsed as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    } else if (name === "wait-for") {
      example.waitFor = trimmed;
    } else if (name === "capture") {
      const capture = CAPTURE.exec(trimmed);
      if (!capture) {
        fail(file, `# capture: "${trimmed}" is not "name = json.path"`);
      }
      example.captures.push({ name: capture![1]!, path: capture![2]! });
    } else {
      if (!/^[A-Z_]+$/.test(trimmed)) {
        fail(file, `# expect-error: "${trimmed}" is not an error code`);
      }
      example.expectErrors.push(trimmed);
    }
  }
  return example;
}

/** Every example of a folder, in file-name order; numbers must be unique. */
export function loadExamples(dir: string): Example[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .sort();
  const examples = files.map((file) => parseExample(file, readFileSync(join(dir, file), "utf8")));
  const seen = new Map<string, string>();
  for (const example of examples) {
    const other = seen.get(example.number);
    if (other) {
      throw new Error(`${example.file}: number ${example.number} is also used by ${other}`);
    }
    seen.set(example.number, example.file);
  }
  return examples;
}

/** Reads `data.a.b[0].c` (or `errors[0].extensions.code`) from a value; undefined when absent. */
export function readPath(value: unknown, path: string): unknown {
  const steps = path.replace(/\[(\d+)\]/g, ".$1").split(".").filter(Boolean);
  let current: unknown = value;
  for (const step of steps) {
    if (current === null || typeof current !== "object") {
      return undefined;
    }
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

const WHOLE = /^\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}$/;
const INSIDE = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/**
 * Replaces `{{name}}` by captured values: a string that is only `"{{name}}"` becomes the value
 * itself (of any JSON type), `{{name}}` inside a longer string its text. Unknown names are listed in
 * `missing`.
 */
export function substitute<T>(value: T, captured: ReadonlyMap<string, unknown>, missing: Set<string>): T {
  const visit = (v: unknown): unknown => {
    if (typeof v === "string") {
      const whole = WHOLE.exec(v);
      if (whole) {
        if (!captured.has(whole[1]!)) {
          missing.add(whole[1]!);
          return v;
        }
        return captured.get(whole[1]!);
      }
      return v.replace(INSIDE, (text, name: string) => {
        if (!captured.has(name)) {
          missing.add(name);
          return text;
        }
        const found = captured.get(name);
        return typeof found === "string" ? found : JSON.stringify(found);
      });
    }
    if (Array.isArray(v)) {
      return v.map(visit);
    }
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
    }
    return v;
  };
  return visit(value) as T;
}
