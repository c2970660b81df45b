import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  InterfaceType,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";

import type { Level } from "../config";
import type { RequestContext } from "../context";
import { notFound } from "../errors";
import type { ReferenceResolvers } from "../schema";
import type { AdministrativeUnitEntity, ReceptionBodyEntity } from "./entities";
import { LevelName, ReceptionBodyKind, Sector, UnitKind, bodyTypeName, unitTypeName } from "./kinds";

/** Fields every administrative unit has, whichever level and subgraph owns it. */
@InterfaceType("AdministrativeUnit", {
  description: "A unit of the administrative hierarchy (đơn vị hành chính)",
  // One process may define every level's types: each subgraph registers only its own.
  autoRegisterImplementations: false,
  resolveType: (unit: { level: Level }) => unitTypeName(unit.level),
})
export abstract class AdministrativeUnit {
  @Field(() => ID, { description: 'Statistics office code: "37" province, "369" district, "14320" commune' })
  code!: string;

  @Field({ description: 'Name without the kind of unit: "Đông Thành"' })
  name!: string;

  @Field({ description: 'Name with the kind of unit, as written on documents: "Phường Đông Thành"' })
  fullName!: string;

  @Field(() => UnitKind)
  kind!: UnitKind;

  @Field(() => LevelName)
  level!: LevelName;
}

/** Fields every reception body has, whichever level and subgraph owns it. */
@InterfaceType("ReceptionUnit", {
  description: "A body that receives citizens and handles their petitions (cơ quan tiếp công dân)",
  autoRegisterImplementations: false,
  resolveType: (body: { level: Level }) => bodyTypeName(body.level),
})
export abstract class ReceptionUnit {
  @Field(() => ID, { description: 'Stable id "<unit code>.<body>", e.g. "37.ubnd", "369.phong-tnmt"' })
  id!: string;

  @Field()
  name!: string;

  @Field(() => ReceptionBodyKind)
  kind!: ReceptionBodyKind;

  @Field(() => Sector, { nullable: true, description: "Sector of a specialised agency" })
  sector!: Sector | null;

  @Field(() => LevelName)
  level!: LevelName;

  @Field(() => ID, { description: "Code of the administrative unit the body belongs to" })
  unitCode!: string;
}

/** Arguments of every unit list: a diacritics-insensitive search and a page. */
@ArgsType()
export class UnitListArgs {
  @Field({ nullable: true, description: 'Words of the name, with or without diacritics ("dong thanh")' })
  search?: string;

  @Field(() => Int, { defaultValue: 100, description: "Page size, 1 to 1000" })
  first!: number;

  @Field(() => Int, { defaultValue: 0 })
  offset!: number;
}

/** Unit list arguments of a level below the province. */
@ArgsType()
export class ProvinceScopedListArgs extends UnitListArgs {
  @Field(() => ID, { nullable: true, description: "Only units of this province" })
  provinceCode?: string;
}

/** Unit list arguments of the commune level. */
@ArgsType()
export class CommuneListArgs extends ProvinceScopedListArgs {
  @Field(() => ID, { nullable: true, description: "Only communes of this district" })
  districtCode?: string;
}

type ArgsClass = typeof UnitListArgs;

/** The GraphQL types and resolvers that every level publishes for its own units and bodies. */
export interface LevelModule {
  level: Level;
  /** The level's unit type (Province, District, Commune), an entity keyed by code. */
  Unit: new () => AdministrativeUnit;
  /** The level's reception body type (ProvinceBody, ...), an entity keyed by id. */
  Body: new () => ReceptionUnit;
  resolvers: Function[];
  referenceResolvers: ReferenceResolvers;
}

const plural = (level: Level): string => `${level}s`;

/**
 * Defines a level's unit and body types and their resolvers once for all three levels: the root
 * lookups `province(code)` / `provinces(...)` (and likewise per level), `<level>Body(id)`, the
 * `receptionUnits` list, the body's upward link, and the entities' reference resolvers.
 */
export function defineLevel(level: Level, listArgs: ArgsClass = UnitListArgs): LevelModule {
  const unitName = unitTypeName(level);
  const bodyName = bodyTypeName(level);

  @Directive(`@key(fields: "code")`)
  @ObjectType(unitName, { implements: AdministrativeUnit, description: `A ${level} (owned by the ${level} subgraph)` })
  class Unit extends AdministrativeUnit {}

  @Directive(`@key(fields: "id")`)
  @ObjectType(bodyName, { implements: ReceptionUnit, description: `A reception body of a ${level}` })
  class Body extends ReceptionUnit {}

  @Resolver(() => Unit)
  class UnitResolver {
    @Query(() => Unit, { name: level, description: `The ${level} with this statistics office code` })
    unit(@Arg("code", () => ID) code: string, @Ctx() ctx: RequestContext): Promise<AdministrativeUnitEntity> {
      return ctx.units.get(level, code);
    }

    @Query(() => [Unit], { name: plural(level), description: `${unitName}s, ordered by code` })
    units(@Args(() => listArgs) args: CommuneListArgs, @Ctx() ctx: RequestContext): Promise<AdministrativeUnitEntity[]> {
      return ctx.units.list(level, {
        search: args.search,
        provinceCode: args.provinceCode,
        parentCode: args.districtCode,
        first: args.first,
        offset: args.offset,
      });
    }

    @FieldResolver(() => [Body], { description: "Bodies of this unit that receive citizens" })
    receptionUnits(@Root() unit: AdministrativeUnitEntity, @Ctx() ctx: RequestContext): Promise<ReceptionBodyEntity[]> {
      return ctx.units.bodies(unit.code);
    }
  }

  @Resolver(() => Body)
  class BodyResolver {
    @Query(() => Body, { name: `${level}Body`, description: `A reception body of a ${level}, by id` })
    async body(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ReceptionBodyEntity> {
      const body = await ctx.units.findBody(id);
      if (!body) {
        throw notFound("Reception body", id);
      }
      return body;
    }

    @FieldResolver(() => Unit, { name: level, description: `The ${level} this body belongs to` })
    async unit(@Root() body: ReceptionBodyEntity, @Ctx() ctx: RequestContext): Promise<AdministrativeUnitEntity> {
      return ctx.units.get(level, body.unitCode);
    }
  }

  return {
    level,
    Unit,
    Body,
    resolvers: [UnitResolver, BodyResolver],
    referenceResolvers: {
      [unitName]: {
        __resolveReference: (ref: { code: string }, ctx: RequestContext) => ctx.units.find(ref.code),
      },
      [bodyName]: {
        __resolveReference: async (ref: { id: string }, ctx: RequestContext) => {
          const body = await ctx.units.findBody(ref.id);
          if (!body) {
            throw notFound("Reception body", ref.id);
          }
          return body;
        },
      },
    },
  };
}

/** A reference to another level's unit, as the level below sees it. */
export interface UnitRef {
  code: string;
}

/**
 * Another level's unit type as a subgraph below it declares it: the key only, so that the subgraph
 * can contribute fields (`Province.districts`) and link upward (`District.province`).
 */
export function defineUnitRef(level: Level): new () => UnitRef {
  @Directive(`@key(fields: "code")`)
  @ObjectType(unitTypeName(level))
  class Ref implements UnitRef {
    @Field(() => ID)
    code!: string;
  }
  return Ref;
}

/** Reference resolver of a unit type a subgraph declares by key only: the key is all it holds. */
export const unitRefResolver = (level: Level): ReferenceResolvers => ({
  [unitTypeName(level)]: { __resolveReference: (ref: UnitRef): UnitRef => ({ code: ref.code }) },
});

/**
 * Another level's reception body type, declared by key only and not resolvable here: the gateway
 * fetches its fields from the owning subgraph.
 */
export function defineBodyRef(level: Level): new () => { id: string } {
  @Directive(`@key(fields: "id", resolvable: false)`)
  @ObjectType(bodyTypeName(level))
  class Ref {
    @Field(() => ID)
    id!: string;
  }
  return Ref;
}
