import { LEVELS, type Level } from "@tiepdan/kit";
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  astFromValue,
  buildSchema,
  parse,
  print,
} from "graphql";

/** The two root types documented. */
export type RootType = "Query" | "Mutation";

/** One root field of the public graph. */
export interface RootField {
  rootType: RootType;
  name: string;
  /** The field's description in the schema ("" when it has none). */
  description: string;
  /** `name(arg: Type, …): Type`, as in the schema. */
  signature: string;
  /** The level prefix, when the field is one of a level-prefixed family (`communeCase`). */
  level: Level | null;
  /** What follows the level prefix (`Case`), or the whole name for an unprefixed field. */
  operation: string;
}

/**
 * Builds the schema of a supergraph file as graphql-js reads it (the join/link directives are
 * declared in the file itself). Descriptions and root fields are those clients see; the
 * `join__`/`link__` types are present but never reached from the root fields.
 */
export function supergraphSchema(sdl: string): GraphQLSchema {
  return buildSchema(sdl);
}

/** Splits `communeRegisterPetition` into its level and operation; null level for unprefixed fields. */
export function splitLevel(name: string): { level: Level | null; operation: string } {
  for (const level of LEVELS) {
    const rest = name.slice(level.length);
    if (name.startsWith(level) && /^[A-Z]/.test(rest)) {
      return { level, operation: rest };
    }
  }
  return { level: null, operation: name };
}

function signatureOf(field: GraphQLField<unknown, unknown>): string {
  // Defaults as GraphQL literals (an enum value unquoted), as the SDL writes them.
  const literal = (a: GraphQLArgument): string => {
    const ast = astFromValue(a.defaultValue, a.type);
    return ast ? print(ast) : JSON.stringify(a.defaultValue);
  };
  const args = field.args.map((a) => `${a.name}: ${String(a.type)}${a.defaultValue !== undefined ? ` = ${literal(a)}` : ""}`);
  return `${field.name}${args.length > 0 ? `(${args.join(", ")})` : ""}: ${String(field.type)}`;
}

/** Every root Query and Mutation field, in schema order. */
export function rootFields(schema: GraphQLSchema): RootField[] {
  const out: RootField[] = [];
  for (const [rootType, type] of [
    ["Query", schema.getQueryType()],
    ["Mutation", schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      out.push({
        rootType,
        name: field.name,
        description: (field.description ?? "").replace(/\s+/g, " ").trim(),
        signature: signatureOf(field),
        ...splitLevel(field.name),
      });
    }
  }
  return out;
}

/** The same operation at the other levels (`provinceCase`, `districtCase` for `communeCase`), in level order. */
export function levelSiblings(fields: readonly RootField[], name: string): string[] {
  const self = fields.find((f) => f.name === name);
  if (!self || self.level === null) {
    return [];
  }
  return fields
    .filter((f) => f.rootType === self.rootType && f.level !== null && f.level !== self.level && f.operation === self.operation)
    .sort((a, b) => LEVELS.indexOf(a.level!) - LEVELS.indexOf(b.level!))
    .map((f) => f.name);
}

/** An operation document's one operation, with its root type. */
function theOperation(query: string): { operation: OperationDefinitionNode; fragments: Map<string, FragmentDefinitionNode> } {
  const document = parse(query);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) {
    throw new Error(`expected exactly one operation, found ${operations.length}`);
  }
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { operation: operations[0]!, fragments };
}

/**
 * The root fields an operation selects, in the order written (fragments followed), without
 * `__typename` and without duplicates; with the root type of the operation.
 */
export function selectedRootFields(query: string): { rootType: RootType | "Subscription"; names: string[] } {
  const { operation, fragments } = theOperation(query);
  const names: string[] = [];
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = (selection as FieldNode).name.value;
        if (!name.startsWith("__") && !names.includes(name)) {
          names.push(name);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) {
          walk(fragment.selectionSet);
        }
      }
    }
  };
  walk(operation.selectionSet);
  const rootType = operation.operation === "query" ? "Query" : operation.operation === "mutation" ? "Mutation" : "Subscription";
  return { rootType, names };
}
