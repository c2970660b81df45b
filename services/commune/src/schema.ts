import {
  defineCases,
  defineReception,
  defineReports,
  type AdministrativeUnitEntity,
  CommuneListArgs,
  type RequestContext,
  type SubgraphDefinition,
  type UnitRef,
  defineLevel,
  defineUnitRef,
  levelOfCode,
  unitRefResolver,
} from "@tiepdan/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";

/** The commune's own types: Commune (key code) and CommuneBody (key id). */
export const communeLevel = defineLevel("commune", CommuneListArgs);

/** Petitions and cases of commune bodies. */
const communeCases = defineCases("commune", communeLevel);

/** Reception sessions, visits and leaders' reception days of commune bodies. */
const communeReception = defineReception("commune", communeLevel, communeCases);

/** Report forms of communes, and the commune level's rows of higher units' reports. */
const communeReports = defineReports("commune", communeLevel);

const ProvinceRef = defineUnitRef("province");
const DistrictRef = defineUnitRef("district");

/** Contributes `Province.communes`: every commune of the province, with or without districts. */
@Resolver(() => ProvinceRef)
class ProvinceCommunesResolver {
  // Fields across subgraphs are nullable: with one subgraph down the rest of the answer survives.
  @FieldResolver(() => [communeLevel.Unit], { nullable: true, description: "Every commune of the province" })
  communes(@Root() province: UnitRef, @Ctx() ctx: RequestContext): Promise<AdministrativeUnitEntity[]> {
    return ctx.units.inProvince(province.code);
  }
}

/** Contributes `District.communes`. */
@Resolver(() => DistrictRef)
class DistrictCommunesResolver {
  @FieldResolver(() => [communeLevel.Unit], { nullable: true, description: "Communes of the district" })
  communes(@Root() district: UnitRef, @Ctx() ctx: RequestContext): Promise<AdministrativeUnitEntity[]> {
    return ctx.units.children(district.code);
  }
}

/** Links a commune up to its district (none in the two-level structure) and its province. */
@Resolver(() => communeLevel.Unit)
class CommuneParentsResolver {
  @FieldResolver(() => DistrictRef, {
    nullable: true,
    description: "The district above the commune; null for communes under the two-level structure",
  })
  district(@Root() commune: AdministrativeUnitEntity): UnitRef | null {
    const parent = commune.parentCode;
    return parent && levelOfCode(parent) === "district" ? { code: parent } : null;
  }

  @FieldResolver(() => ProvinceRef, { nullable: true })
  province(@Root() commune: AdministrativeUnitEntity): UnitRef {
    return { code: commune.provinceCode };
  }
}

/** The commune subgraph. */
export const communeSubgraph: SubgraphDefinition = {
  level: "commune",
  resolvers: [
    ...communeLevel.resolvers,
    ...communeCases.resolvers, ...communeReception.resolvers, ...communeReports.resolvers,
    ProvinceCommunesResolver,
    DistrictCommunesResolver,
    CommuneParentsResolver,
  ],
  orphanedTypes: communeReports.orphanedTypes,
  referenceResolvers: {
    ...communeLevel.referenceResolvers,
    ...communeCases.referenceResolvers, ...communeReports.referenceResolvers,
    ...unitRefResolver("province"),
    ...unitRefResolver("district"),
  },
};
