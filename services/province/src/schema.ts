import {
  defineCases,
  defineReception,
  defineReports,
  type RequestContext,
  type SubgraphDefinition,
  bodyTypeName,
  defineBodyRef,
  defineLevel,
  levelOfCode,
  notFound,
  badInput,
} from "@tiepdan/kit";
import { Arg, Ctx, ID, Query, Resolver, createUnionType } from "type-graphql";

/** The province's own types: Province (key code) and ProvinceBody (key id). */
export const provinceLevel = defineLevel("province");

/** Petitions and cases of provincial bodies. */
const provinceCases = defineCases("province", provinceLevel);

/** Reception sessions, visits and leaders' reception days of province bodies. */
const provinceReception = defineReception("province", provinceLevel, provinceCases);

/** Report forms of provinces, and the province level's rows of higher units' reports. */
const provinceReports = defineReports("province", provinceLevel);

const DistrictBodyRef = defineBodyRef("district");
const CommuneBodyRef = defineBodyRef("commune");

/** A reception body of any level; fragments on `ReceptionUnit` select the common fields. */
const AnyReceptionUnit = createUnionType({
  name: "AnyReceptionUnit",
  description: "A reception body of any level, resolved by the subgraph of its level",
  types: () => [provinceLevel.Body, DistrictBodyRef, CommuneBodyRef] as const,
  // References to other levels carry their __typename; the province's own bodies are entities.
  resolveType: (value) => (value as { __typename?: string }).__typename ?? bodyTypeName("province"),
});

/** `receptionUnit(id)`: the one lookup that reaches bodies of every level. */
@Resolver()
class ReceptionUnitLookupResolver {
  @Query(() => AnyReceptionUnit, {
    description:
      'A reception body of any level by id ("37.ubnd", "369.phong-tnmt", "14320.ubnd"). Select fields with `... on ReceptionUnit { ... }`.',
  })
  async receptionUnit(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<object> {
    const unitCode = id.split(".")[0] ?? "";
    const level = levelOfCode(unitCode);
    if (!level || !/^\d+\.[a-z0-9-]{1,40}$/.test(id)) {
      throw badInput("id", `"${id}" is not a reception unit id ("<unit code>.<body>", e.g. "37.ubnd")`);
    }
    if (level !== "province") {
      // The body lives in another level's subgraph: hand the gateway a reference to it.
      return { __typename: bodyTypeName(level), id };
    }
    const body = await ctx.units.findBody(id);
    if (!body) {
      throw notFound("Reception body", id);
    }
    return body;
  }
}

/** The province subgraph: provinces and their bodies, and the cross-level body lookup. */
export const provinceSubgraph: SubgraphDefinition = {
  level: "province",
  resolvers: [...provinceLevel.resolvers, ...provinceCases.resolvers, ...provinceReception.resolvers, ...provinceReports.resolvers, ReceptionUnitLookupResolver],
  orphanedTypes: provinceReports.orphanedTypes,
  referenceResolvers: { ...provinceLevel.referenceResolvers, ...provinceCases.referenceResolvers, ...provinceReports.referenceResolvers },
};
