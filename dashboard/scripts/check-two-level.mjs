#!/usr/bin/env node
// The dashboard runs on both profiles: every operation whose name does not end in "ThreeLevel"
// must also be valid against the two-level graph (no district subgraph), or the page would break
// there. Codegen already validated them all against the three-level graph.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { Kind, buildSchema, parse, validate } from "graphql";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schema = buildSchema(readFileSync(path.join(root, "schema", "api.two-level.graphql"), "utf8"));

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      if (name !== "gql") yield* sources(file);
    } else if (/\.tsx?$/.test(name)) {
      yield file;
    }
  }
}

// graphql(`...`) calls: the documents codegen reads (plain template literals, no interpolation).
const definitions = [];
for (const file of sources(path.join(root, "src"))) {
  for (const m of readFileSync(file, "utf8").matchAll(/graphql\(`([^`]*)`\)/g)) {
    definitions.push(...parse(m[1]).definitions);
  }
}
const fragments = definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
const problems = [];
let checked = 0;
for (const op of operations) {
  if (op.name?.value.endsWith("ThreeLevel")) continue;
  checked += 1;
  // Only the fragments the operation uses, so a three-level-only fragment does not fail it.
  const used = new Set();
  const visit = (node) => {
    if (!node || typeof node !== "object") return;
    if (node.kind === Kind.FRAGMENT_SPREAD && !used.has(node.name.value)) {
      used.add(node.name.value);
      visit(fragments.find((f) => f.name.value === node.name.value));
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object" && value.kind) visit(value);
    }
  };
  visit(op);
  const doc = { kind: Kind.DOCUMENT, definitions: [op, ...fragments.filter((f) => used.has(f.name.value))] };
  for (const error of validate(schema, doc)) problems.push(`${op.name?.value}: ${error.message}`);
}
if (problems.length) {
  console.error(`check-two-level: operations that would break without the district level (name them …ThreeLevel):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`check-two-level: ${checked} operations fit the two-level graph`);
