import { type DataSource, In, type Repository } from "typeorm";

import type { Level } from "../config";
import { escapeLike } from "../text";
import { AdministrativeUnitEntity, ReceptionBodyEntity } from "./entities";

/** Filter of a unit list. */
export interface UnitFilter {
  level: Level;
  /** Folded (diacritics-free, lower-case) words that must all occur in the name. */
  words?: string[];
  provinceCode?: string;
  parentCode?: string;
  limit: number;
  offset: number;
}

/** Reads administrative units and reception bodies: every method is one SQL statement. */
export class AdministrativeUnitRepository {
  private readonly units: Repository<AdministrativeUnitEntity>;
  private readonly bodies: Repository<ReceptionBodyEntity>;

  constructor(dataSource: DataSource) {
    this.units = dataSource.getRepository(AdministrativeUnitEntity);
    this.bodies = dataSource.getRepository(ReceptionBodyEntity);
  }

  unitsByCodes(codes: readonly string[]): Promise<AdministrativeUnitEntity[]> {
    return this.units.find({ where: { code: In([...codes]) } });
  }

  unitsByParents(parentCodes: readonly string[]): Promise<AdministrativeUnitEntity[]> {
    return this.units.find({ where: { parentCode: In([...parentCodes]) }, order: { code: "ASC" } });
  }

  unitsByProvinces(provinceCodes: readonly string[]): Promise<AdministrativeUnitEntity[]> {
    return this.units.find({ where: { provinceCode: In([...provinceCodes]) }, order: { code: "ASC" } });
  }

  findUnits(filter: UnitFilter): Promise<AdministrativeUnitEntity[]> {
    const query = this.units
      .createQueryBuilder("u")
      .where("u.level = :level", { level: filter.level })
      .orderBy("u.code", "ASC")
      .limit(filter.limit)
      .offset(filter.offset);
    (filter.words ?? []).forEach((word, i) => {
      query.andWhere(`u.search_text LIKE :w${i} ESCAPE '\\'`, { [`w${i}`]: `%${escapeLike(word)}%` });
    });
    if (filter.provinceCode) {
      query.andWhere("u.province_code = :provinceCode", { provinceCode: filter.provinceCode });
    }
    if (filter.parentCode) {
      query.andWhere("u.parent_code = :parentCode", { parentCode: filter.parentCode });
    }
    return query.getMany();
  }

  bodiesByIds(ids: readonly string[]): Promise<ReceptionBodyEntity[]> {
    return this.bodies.find({ where: { id: In([...ids]) } });
  }

  bodiesByUnits(unitCodes: readonly string[]): Promise<ReceptionBodyEntity[]> {
    return this.bodies.find({ where: { unitCode: In([...unitCodes]) }, order: { unitCode: "ASC", position: "ASC" } });
  }
}
