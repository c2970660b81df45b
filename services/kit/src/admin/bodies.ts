import { foldVietnamese } from "../text";
import type { GazetteerUnit } from "./gazetteer";
import { ReceptionBodyKind, Sector, UNIT_KIND_WORD, UnitKind } from "./kinds";

/** A reception body to be created for a unit. */
export interface BodySeed {
  id: string;
  unitCode: string;
  level: GazetteerUnit["level"];
  kind: ReceptionBodyKind;
  sector: Sector | null;
  name: string;
  searchText: string;
  position: number;
}

interface Template {
  slug: string;
  kind: ReceptionBodyKind;
  sector?: Sector;
  /** The body's name before the unit's ("Sở Tư pháp"), or a whole name from the unit. */
  name: string | ((unit: GazetteerUnit) => string);
  /** Kinds of unit that have this body (all when absent). */
  only?: UnitKind[];
}

/** "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy": the Party committee of a province or district. */
function partyCommitteeName(unit: GazetteerUnit): string {
  const word: Partial<Record<UnitKind, string>> = {
    PROVINCE: "Tỉnh ủy",
    MUNICIPALITY: "Thành ủy",
    RURAL_DISTRICT: "Huyện ủy",
    URBAN_DISTRICT: "Quận ủy",
    DISTRICT_TOWN: "Thị ủy",
    PROVINCIAL_CITY: "Thành ủy",
  };
  const prefix = word[unit.kind];
  return prefix ? `${prefix} ${unit.name}` : `Đảng ủy ${UNIT_KIND_WORD[unit.kind]} ${unit.name}`;
}

const URBAN: UnitKind[] = [UnitKind.URBAN_DISTRICT, UnitKind.DISTRICT_TOWN, UnitKind.PROVINCIAL_CITY];

const COMMON: Template[] = [
  { slug: "ubnd", kind: ReceptionBodyKind.PEOPLES_COMMITTEE, name: "Ủy ban nhân dân" },
  { slug: "cap-uy", kind: ReceptionBodyKind.PARTY_COMMITTEE, name: partyCommitteeName },
];

const TEMPLATES: Readonly<Record<GazetteerUnit["level"], Template[]>> = {
  province: [
    ...COMMON,
    { slug: "ban-tcd", kind: ReceptionBodyKind.RECEPTION_BOARD, name: "Ban Tiếp công dân" },
    { slug: "thanh-tra", kind: ReceptionBodyKind.INSPECTORATE, name: "Thanh tra" },
    ...(
      [
        ["so-tnmt", Sector.NATURAL_RESOURCES_ENVIRONMENT, "Sở Tài nguyên và Môi trường"],
        ["so-xd", Sector.CONSTRUCTION, "Sở Xây dựng"],
        ["so-ldtbxh", Sector.LABOUR_INVALIDS_SOCIAL, "Sở Lao động - Thương binh và Xã hội"],
        ["so-tp", Sector.JUSTICE, "Sở Tư pháp"],
        ["so-nnptnt", Sector.AGRICULTURE, "Sở Nông nghiệp và Phát triển nông thôn"],
        ["so-tc", Sector.FINANCE, "Sở Tài chính"],
        ["so-nv", Sector.HOME_AFFAIRS, "Sở Nội vụ"],
        ["so-gddt", Sector.EDUCATION, "Sở Giáo dục và Đào tạo"],
        ["so-yt", Sector.HEALTH, "Sở Y tế"],
        ["so-ct", Sector.INDUSTRY_TRADE, "Sở Công Thương"],
        ["so-gtvt", Sector.TRANSPORT, "Sở Giao thông vận tải"],
      ] as const
    ).map(([slug, sector, name]) => ({ slug, kind: ReceptionBodyKind.SPECIALISED_AGENCY, sector, name })),
  ],
  district: [
    ...COMMON,
    { slug: "ban-tcd", kind: ReceptionBodyKind.RECEPTION_BOARD, name: "Ban Tiếp công dân" },
    { slug: "thanh-tra", kind: ReceptionBodyKind.INSPECTORATE, name: "Thanh tra" },
    ...(
      [
        ["phong-tnmt", Sector.NATURAL_RESOURCES_ENVIRONMENT, "Phòng Tài nguyên và Môi trường"],
        ["phong-ldtbxh", Sector.LABOUR_INVALIDS_SOCIAL, "Phòng Lao động - Thương binh và Xã hội"],
        ["phong-tp", Sector.JUSTICE, "Phòng Tư pháp"],
        ["phong-tckh", Sector.FINANCE, "Phòng Tài chính - Kế hoạch"],
        ["phong-nv", Sector.HOME_AFFAIRS, "Phòng Nội vụ"],
        ["phong-gddt", Sector.EDUCATION, "Phòng Giáo dục và Đào tạo"],
      ] as const
    ).map(([slug, sector, name]) => ({ slug, kind: ReceptionBodyKind.SPECIALISED_AGENCY, sector, name })),
    {
      slug: "phong-ktht",
      kind: ReceptionBodyKind.SPECIALISED_AGENCY,
      sector: Sector.ECONOMY_INFRASTRUCTURE,
      name: "Phòng Kinh tế và Hạ tầng",
      only: [UnitKind.RURAL_DISTRICT],
    },
    {
      slug: "phong-qldt",
      kind: ReceptionBodyKind.SPECIALISED_AGENCY,
      sector: Sector.ECONOMY_INFRASTRUCTURE,
      name: "Phòng Quản lý đô thị",
      only: URBAN,
    },
    {
      slug: "phong-nnptnt",
      kind: ReceptionBodyKind.SPECIALISED_AGENCY,
      sector: Sector.AGRICULTURE,
      name: "Phòng Nông nghiệp và Phát triển nông thôn",
      only: [UnitKind.RURAL_DISTRICT],
    },
  ],
  commune: [
    ...COMMON,
    // Communes have no reception board: the chairman receives at the commune's reception place.
    { slug: "diem-tcd", kind: ReceptionBodyKind.RECEPTION_BOARD, name: "Địa điểm tiếp công dân" },
  ],
};

/** The reception bodies of a unit: People's Committee, Party committee, reception board, agencies, inspectorate. */
export function receptionBodiesFor(unit: GazetteerUnit): BodySeed[] {
  return TEMPLATES[unit.level]
    .filter((t) => !t.only || t.only.includes(unit.kind))
    .map((t, position) => {
      const name = typeof t.name === "function" ? t.name(unit) : `${t.name} ${UNIT_KIND_WORD[unit.kind]} ${unit.name}`;
      return {
        id: `${unit.code}.${t.slug}`,
        unitCode: unit.code,
        level: unit.level,
        kind: t.kind,
        sector: t.sector ?? null,
        name,
        searchText: foldVietnamese(name),
        position,
      };
    });
}

/** Kinds of body reported on the People's Committee's row of the forms (the rest are agencies). */
const COMMITTEE_KINDS = new Set([ReceptionBodyKind.PEOPLES_COMMITTEE, ReceptionBodyKind.PARTY_COMMITTEE, ReceptionBodyKind.RECEPTION_BOARD]);

/** Body slugs (the part of a body id after the unit code) reported on the committee's row. */
export const COMMITTEE_BODY_SLUGS: readonly string[] = [
  ...new Set(Object.values(TEMPLATES).flatMap((templates) => templates.filter((t) => COMMITTEE_KINDS.has(t.kind)).map((t) => t.slug))),
];

/** The kind of a level's body from its slug (the part of its id after the unit code); null when no template has it. */
export function bodyKindBySlug(level: GazetteerUnit["level"], slug: string): ReceptionBodyKind | null {
  return TEMPLATES[level].find((t) => t.slug === slug)?.kind ?? null;
}
