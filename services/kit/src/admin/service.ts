import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";

import type { Level } from "../config";
import { badInput, notFound } from "../errors";
import { groupedLoader, keyedLoader } from "../loaders";
import { foldVietnamese } from "../text";
import type { AdministrativeUnitEntity, ReceptionBodyEntity } from "./entities";
import { levelOfCode } from "./kinds";
import { AdministrativeUnitRepository } from "./repository";

const LEVEL_WORD: Readonly<Record<Level, string>> = { province: "Province", district: "District", commune: "Commune" };

/** Largest page of a unit list. */
export const MAX_UNITS_PAGE = 1000;
/** Longest accepted search text. */
export const MAX_SEARCH_LENGTH = 100;

/** Arguments of a unit list. */
export interface UnitListInput {
  search?: string | null;
  provinceCode?: string | null;
  parentCode?: string | null;
  first: number;
  offset: number;
}

/**
 * Domain rules of the administrative hierarchy for one request: code formats, search folding,
 * page limits; every read goes through request-scoped DataLoaders (one query per batch).
 */
export class AdministrativeUnitService {
  private readonly repository: AdministrativeUnitRepository;
  private readonly unitByCode: DataLoader<string, AdministrativeUnitEntity | null>;
  private readonly unitsByParent: DataLoader<string, AdministrativeUnitEntity[]>;
  private readonly unitsByProvince: DataLoader<string, AdministrativeUnitEntity[]>;
  private readonly bodyById: DataLoader<string, ReceptionBodyEntity | null>;
  private readonly bodiesByUnit: DataLoader<string, ReceptionBodyEntity[]>;

  constructor(dataSource: DataSource) {
    const repo = new AdministrativeUnitRepository(dataSource);
    this.repository = repo;
    this.unitByCode = keyedLoader((codes) => repo.unitsByCodes(codes), (u) => u.code);
    this.unitsByParent = groupedLoader((codes) => repo.unitsByParents(codes), (u) => u.parentCode ?? "");
    this.unitsByProvince = groupedLoader((codes) => repo.unitsByProvinces(codes), (u) => u.provinceCode);
    this.bodyById = keyedLoader((ids) => repo.bodiesByIds(ids), (b) => b.id);
    this.bodiesByUnit = groupedLoader((codes) => repo.bodiesByUnits(codes), (b) => b.unitCode);
  }

  /** Checks that a code has the statistics office format of its level (2, 3 or 5 digits). */
  static checkCode(level: Level, code: string, field = "code"): void {
    if (levelOfCode(code) !== level) {
      const digits = level === "province" ? 2 : level === "district" ? 3 : 5;
      throw badInput(field, `"${code}" is not a ${level} code (${digits} digits, e.g. ${EXAMPLE[level]})`);
    }
  }

  /** The unit with this code, for a lookup by a user: a malformed or unknown code is an error. */
  async get(level: Level, code: string): Promise<AdministrativeUnitEntity> {
    AdministrativeUnitService.checkCode(level, code);
    const unit = await this.unitByCode.load(code);
    if (!unit || unit.level !== level) {
      throw notFound(LEVEL_WORD[level], code);
    }
    return unit;
  }

  /** The unit with this code, or null: for entity references from other subgraphs. */
  async find(code: string): Promise<AdministrativeUnitEntity | null> {
    return this.unitByCode.load(code);
  }

  /** Units of one level, filtered, ordered by code. */
  list(level: Level, input: UnitListInput): Promise<AdministrativeUnitEntity[]> {
    if (!Number.isInteger(input.first) || input.first < 1 || input.first > MAX_UNITS_PAGE) {
      throw badInput("first", `must be between 1 and ${MAX_UNITS_PAGE}`);
    }
    if (!Number.isInteger(input.offset) || input.offset < 0) {
      throw badInput("offset", "must be 0 or more");
    }
    let words: string[] | undefined;
    if (input.search !== undefined && input.search !== null) {
      if (input.search.length > MAX_SEARCH_LENGTH) {
        throw badInput("search", `must be at most ${MAX_SEARCH_LENGTH} characters`);
      }
      words = foldVietnamese(input.search).split(" ").filter(Boolean);
    }
    if (input.provinceCode) {
      AdministrativeUnitService.checkCode("province", input.provinceCode, "provinceCode");
    }
    return this.repository.findUnits({
      level,
      words,
      provinceCode: input.provinceCode ?? undefined,
      parentCode: input.parentCode ?? undefined,
      limit: input.first,
      offset: input.offset,
    });
  }

  /** Units directly under a unit (districts of a province, communes of a district). */
  children(parentCode: string): Promise<AdministrativeUnitEntity[]> {
    return this.unitsByParent.load(parentCode);
  }

  /** Every unit of this database's level inside a province. */
  inProvince(provinceCode: string): Promise<AdministrativeUnitEntity[]> {
    return this.unitsByProvince.load(provinceCode);
  }

  /** Reception bodies of a unit, in display order. */
  bodies(unitCode: string): Promise<ReceptionBodyEntity[]> {
    return this.bodiesByUnit.load(unitCode);
  }

  /** A reception body by id, or null. */
  findBody(id: string): Promise<ReceptionBodyEntity | null> {
    return this.bodyById.load(id);
  }
}

const EXAMPLE: Readonly<Record<Level, string>> = { province: "37", district: "369", commune: "14320" };
