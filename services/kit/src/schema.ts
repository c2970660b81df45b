import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLSchema, parse } from "graphql";
import { type NonEmptyArray, buildSchema, createResolversMap } from "type-graphql";

import { LEVELS, type Level } from "./config";
import { reportsSdlFor } from "./statistics/reports";

/** `__resolveReference` (and other extra resolvers) by type name. */
export type ReferenceResolvers = Record<string, Record<string, unknown>>;

/** What a level's subgraph publishes: its resolvers and how other subgraphs' references resolve. */
export interface SubgraphDefinition {
  level: Level;
  /** type-graphql resolver classes. */
  resolvers: Function[];
  /** Types not reachable from a root field that must still be in the schema. */
  orphanedTypes?: Function[];
  referenceResolvers: ReferenceResolvers;
  /** TypeORM entities of the level beyond the kit's own. */
  entities?: Function[];
  /** Migrations of the level, run after the kit's. */
  migrations?: Function[];
}

/** The Federation 2 directives the subgraphs may use. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

function mergeResolvers(...maps: ReferenceResolvers[]): ReferenceResolvers {
  const merged: ReferenceResolvers = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] = { ...(merged[type] ?? {}), ...fields };
    }
  }
  return merged;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql builds the schema,
 * its SDL (with the `@key` directives) is printed and handed to `buildSubgraphSchema` together with
 * the generated resolvers and the reference resolvers. `levels` are the levels the deployment runs.
 */
export async function buildFederatedSchema(definition: SubgraphDefinition, levels: readonly Level[] = LEVELS): Promise<GraphQLSchema> {
  if (definition.resolvers.length === 0) {
    throw new Error(`The ${definition.level} subgraph has no resolvers`);
  }
  const schema = await buildSchema({
    resolvers: definition.resolvers as NonEmptyArray<Function>,
    orphanedTypes: definition.orphanedTypes,
    // Subgraphs may lack a Query type of their own; federation adds _service/_entities.
    skipCheck: true,
  });
  const typeDefs = reportsSdlFor(parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), levels);
  return buildSubgraphSchema({
    typeDefs,
    resolvers: mergeResolvers(createResolversMap(schema) as ReferenceResolvers, definition.referenceResolvers) as never,
  });
}

/** The subgraph's SDL as the gateway composes it (what `_service { sdl }` returns). */
export function subgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}
