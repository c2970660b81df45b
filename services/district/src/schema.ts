import {
  defineCases,
  defineReception,
  defineReports,
  type AdministrativeUnitEntity,
  ProvinceScopedListArgs,
  type RequestContext,
  type SubgraphDefinition,
  type UnitRef,
  defineLevel,
  defineUnitRef,
  unitRefResolver,
} from "@tiepdan/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";

/** The district's own types: District (key code) and DistrictBody (key id). */
export const districtLevel = defineLevel("district", ProvinceScopedListArgs);

/** Petitions and cases of district bodies. */
const districtCases = defineCases("district", districtLevel);

/** Reception sessions, visits and leaders' reception days of district bodies. */
const districtReception = defineReception("district", districtLevel, districtCases);

/** Report forms of districts, and the district level's rows of higher units' reports. */
const districtReports = defineReports("district", districtLevel);

const ProvinceRef = defineUnitRef("province");

/** Contributes `Province.districts` to the province's entity. */
@Resolver(() => ProvinceRef)
class ProvinceDistrictsResolver {
  // Fields across subgraphs are nullable: with one subgraph down the rest of the answer survives.
  @FieldResolver(() => [districtLevel.Unit], { nullable: true, description: "Districts of the province (until 2025-06-30)" })
  districts(@Root() province: UnitRef, @Ctx() ctx: RequestContext): Promise<AdministrativeUnitEntity[]> {
    return ctx.units.children(province.code);
  }
}

/** Links a district up to its province. */
@Resolver(() => districtLevel.Unit)
class DistrictProvinceResolver {
  @FieldResolver(() => ProvinceRef, { nullable: true })
  province(@Root() district: AdministrativeUnitEntity): UnitRef {
    return { code: district.provinceCode };
  }
}

/** The district subgraph. */
export const districtSubgraph: SubgraphDefinition = {
  level: "district",
  resolvers: [...districtLevel.resolvers, ...districtCases.resolvers, ...districtReception.resolvers, ...districtReports.resolvers, ProvinceDistrictsResolver, DistrictProvinceResolver],
  orphanedTypes: districtReports.orphanedTypes,
  referenceResolvers: { ...districtLevel.referenceResolvers, ...districtCases.referenceResolvers, ...districtReports.referenceResolvers, ...unitRefResolver("province") },
};
