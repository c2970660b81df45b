import { registerEnumType } from "type-graphql";

import type { Level } from "../config";

/** The GraphQL `Level` enum: values are the lower-case level names used everywhere else. */
export enum LevelName {
  PROVINCE = "province",
  DISTRICT = "district",
  COMMUNE = "commune",
}
registerEnumType(LevelName, { name: "Level", description: "Administrative level (cấp hành chính)" });

/** What kind of administrative unit, as the statistics office classifies it. */
export enum UnitKind {
  PROVINCE = "PROVINCE",
  MUNICIPALITY = "MUNICIPALITY",
  RURAL_DISTRICT = "RURAL_DISTRICT",
  URBAN_DISTRICT = "URBAN_DISTRICT",
  DISTRICT_TOWN = "DISTRICT_TOWN",
  PROVINCIAL_CITY = "PROVINCIAL_CITY",
  COMMUNE = "COMMUNE",
  WARD = "WARD",
  TOWNSHIP = "TOWNSHIP",
}
registerEnumType(UnitKind, {
  name: "UnitKind",
  description: "Kind of administrative unit (loại đơn vị hành chính)",
  valuesConfig: {
    PROVINCE: { description: "Tỉnh" },
    MUNICIPALITY: { description: "Thành phố trực thuộc trung ương" },
    RURAL_DISTRICT: { description: "Huyện" },
    URBAN_DISTRICT: { description: "Quận" },
    DISTRICT_TOWN: { description: "Thị xã" },
    PROVINCIAL_CITY: { description: "Thành phố thuộc tỉnh" },
    COMMUNE: { description: "Xã" },
    WARD: { description: "Phường" },
    TOWNSHIP: { description: "Thị trấn" },
  },
});

/** Lower-case word for a unit kind as it stands inside a name ("huyện Nho Quan"). */
export const UNIT_KIND_WORD: Readonly<Record<UnitKind, string>> = {
  PROVINCE: "tỉnh",
  MUNICIPALITY: "thành phố",
  RURAL_DISTRICT: "huyện",
  URBAN_DISTRICT: "quận",
  DISTRICT_TOWN: "thị xã",
  PROVINCIAL_CITY: "thành phố",
  COMMUNE: "xã",
  WARD: "phường",
  TOWNSHIP: "thị trấn",
};

/** Kind of a body that receives citizens. */
export enum ReceptionBodyKind {
  PEOPLES_COMMITTEE = "PEOPLES_COMMITTEE",
  PARTY_COMMITTEE = "PARTY_COMMITTEE",
  RECEPTION_BOARD = "RECEPTION_BOARD",
  SPECIALISED_AGENCY = "SPECIALISED_AGENCY",
  INSPECTORATE = "INSPECTORATE",
}
registerEnumType(ReceptionBodyKind, {
  name: "ReceptionBodyKind",
  description: "Kind of body that receives citizens and handles petitions",
  valuesConfig: {
    PEOPLES_COMMITTEE: { description: "Ủy ban nhân dân (and its chairman)" },
    PARTY_COMMITTEE: { description: "Cấp ủy Đảng (its secretary receives citizens too)" },
    RECEPTION_BOARD: { description: "Ban / Bộ phận tiếp công dân" },
    SPECIALISED_AGENCY: { description: "Cơ quan chuyên môn: sở (province), phòng (district)" },
    INSPECTORATE: { description: "Thanh tra: verifies and advises" },
  },
});

/** Sector of a specialised agency. */
export enum Sector {
  NATURAL_RESOURCES_ENVIRONMENT = "NATURAL_RESOURCES_ENVIRONMENT",
  CONSTRUCTION = "CONSTRUCTION",
  LABOUR_INVALIDS_SOCIAL = "LABOUR_INVALIDS_SOCIAL",
  JUSTICE = "JUSTICE",
  AGRICULTURE = "AGRICULTURE",
  FINANCE = "FINANCE",
  HOME_AFFAIRS = "HOME_AFFAIRS",
  EDUCATION = "EDUCATION",
  HEALTH = "HEALTH",
  INDUSTRY_TRADE = "INDUSTRY_TRADE",
  TRANSPORT = "TRANSPORT",
  ECONOMY_INFRASTRUCTURE = "ECONOMY_INFRASTRUCTURE",
}
/** Vietnamese name of each sector, as the forms' breakdowns print it. */
export const SECTOR_LABELS: Readonly<Record<Sector, string>> = {
  NATURAL_RESOURCES_ENVIRONMENT: "Tài nguyên và Môi trường",
  CONSTRUCTION: "Xây dựng",
  LABOUR_INVALIDS_SOCIAL: "Lao động - Thương binh và Xã hội",
  JUSTICE: "Tư pháp",
  AGRICULTURE: "Nông nghiệp và Phát triển nông thôn",
  FINANCE: "Tài chính",
  HOME_AFFAIRS: "Nội vụ",
  EDUCATION: "Giáo dục và Đào tạo",
  HEALTH: "Y tế",
  INDUSTRY_TRADE: "Công Thương",
  TRANSPORT: "Giao thông vận tải",
  ECONOMY_INFRASTRUCTURE: "Kinh tế - Hạ tầng / Quản lý đô thị",
};
registerEnumType(Sector, {
  name: "Sector",
  description: "Sector of a specialised agency (ngành, lĩnh vực quản lý)",
  valuesConfig: Object.fromEntries(Object.entries(SECTOR_LABELS).map(([value, label]) => [value, { description: label }])),
});

/** Level of a unit from the length of its statistics office code: 2 province, 3 district, 5 commune. */
export function levelOfCode(code: string): Level | null {
  if (/^\d{2}$/.test(code)) {
    return "province";
  }
  if (/^\d{3}$/.test(code)) {
    return "district";
  }
  if (/^\d{5}$/.test(code)) {
    return "commune";
  }
  return null;
}

const TYPE_NAMES: Readonly<Record<Level, string>> = {
  province: "Province",
  district: "District",
  commune: "Commune",
};

/** GraphQL name of a level's administrative unit type: Province, District, Commune. */
export const unitTypeName = (level: Level): string => TYPE_NAMES[level];

/** GraphQL name of a level's reception body type: ProvinceBody, DistrictBody, CommuneBody. */
export const bodyTypeName = (level: Level): string => `${TYPE_NAMES[level]}Body`;
