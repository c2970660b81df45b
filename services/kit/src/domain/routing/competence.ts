// Routing help: which body is competent for a classified petition (complaint, denunciation,
// recommendation), as ranked proposals an official confirms. Pure: no I/O, no clock.
//
// The competence rules come from DOMAIN.md ("Complaint resolution", "Denunciation resolution",
// "Units and sectors"). DOMAIN.md names the laws but no competence article, so `legalBasis` cites
// the law and says "per DOMAIN.md"; the articles must be confirmed before they are quoted here.
//
// Every id comes from `receptionBodiesFor` (bodies.ts), never from a slug repeated here: a
// proposal can only name a body the unit really gets ("369.phong-qldt", never "369.phong-ktht").

import { type BodySeed, receptionBodiesFor } from "../../admin/bodies";
import type { GazetteerUnit } from "../../admin/gazetteer";
import { ReceptionBodyKind, Sector, UnitKind, levelOfCode } from "../../admin/kinds";
import { PetitionField } from "../../cases/kinds";
import { DISTRICTS_ABOLISHED_FROM, type Level } from "../../config";
import { type LocalDate, compareDates, parseLocalDate } from "../calendar/local-date";
import { CaseKind } from "../cases/machine";

/** What is known of a classified petition that decides which body is competent. */
export interface RoutingInput {
  /** What the case is about: COMPLAINT, DENUNCIATION or RECOMMENDATION (recommendation or reflection). */
  kind: CaseKind;
  /** Field of the petition; null when not classified (routed as OTHER). */
  field: PetitionField | null;
  /** Instance of a complaint: 1 (default) or 2; ignored for other kinds. */
  instance?: 1 | 2;
  /** The unit where the respondent (the decision-maker, the denounced official, or the matter) sits, and its level. */
  respondentUnit: { code: string; level: Level; kind?: UnitKind };
  /** Chain of units above the respondent's unit, e.g. for commune 14320: { district: "369", province: "37" }; district absent in the two-level structure. */
  parents: { district?: string | null; province: string };
  /** The respondent is the head of a body (e.g. "Chủ tịch UBND xã") or an official/agency under it. */
  respondentRole?: "HEAD" | "AGENCY" | "OFFICIAL" | null;
  /** The sector of the respondent agency, when it is a specialised agency. */
  respondentSector?: Sector | null;
  /** Date that decides the structure (before 2025-07-01: commune → district → province; from then: commune → province). */
  on: LocalDate;
  /** Whether the deployment runs a district level at all. */
  districtLevelActive: boolean;
}

/** One proposed competent body: its id as in bodies.ts, why, on what legal ground, and its rank (1 = best). */
export interface RoutingProposal {
  bodyId: string;
  level: Level;
  reason: string;
  legalBasis: string;
  rank: number;
}

/** Most proposals returned for one petition. */
export const MAX_ROUTING_PROPOSALS = 3;

const COMPLAINTS_BASIS = "Law on Complaints 02/2011/QH13, Decree 124/2020/ND-CP; competence per DOMAIN.md";
const DENUNCIATIONS_BASIS = "Law on Denunciations 25/2018/QH14, Decree 31/2019; competence per DOMAIN.md";
const PETITIONS_BASIS = "Circular 05/2021/TT-TTCP; routing by field and sector per DOMAIN.md";
const INSPECTORATE_BASIS = "per DOMAIN.md (the inspectorate verifies and advises the head who resolves)";
const PARTY_BASIS = "Party regulations, outside the State laws; per DOMAIN.md";
const OUTSIDE_LOCAL_PLATFORM = "outside the local platform";

/** A unit as far as routing knows it: its kind may be unknown. */
interface UnitRef {
  code: string;
  level: Level;
  kind?: UnitKind;
}

/** A body chosen by a rule, before ranking. */
interface Candidate {
  body: BodySeed;
  reason: string;
  legalBasis: string;
}

const KINDS_OF_LEVEL: Readonly<Record<Level, readonly UnitKind[]>> = {
  province: [UnitKind.PROVINCE, UnitKind.MUNICIPALITY],
  district: [UnitKind.RURAL_DISTRICT, UnitKind.URBAN_DISTRICT, UnitKind.DISTRICT_TOWN, UnitKind.PROVINCIAL_CITY],
  commune: [UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP],
};

// When a unit's kind is unknown only the bodies every kind of its level has are safe to propose:
// a district of unknown kind may have either "phong-ktht" (rural) or "phong-qldt" (urban).
const KINDS_WHEN_UNKNOWN: Readonly<Record<Level, readonly UnitKind[]>> = {
  province: [UnitKind.PROVINCE, UnitKind.MUNICIPALITY],
  district: [UnitKind.RURAL_DISTRICT, UnitKind.URBAN_DISTRICT],
  commune: [UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP],
};

// At district level the construction sector is run by the economy-infrastructure (rural) or urban
// management (urban) office; at province level that office's counterpart is the construction department.
const SECTOR_STAND_INS: Readonly<Partial<Record<Sector, readonly Sector[]>>> = {
  [Sector.CONSTRUCTION]: [Sector.ECONOMY_INFRASTRUCTURE],
  [Sector.ECONOMY_INFRASTRUCTURE]: [Sector.CONSTRUCTION],
};

// The agency a recommendation goes to by field (DOMAIN.md "Units and sectors"); null = the People's Committee.
const SECTOR_OF_FIELD: Readonly<Record<PetitionField, Sector | null>> = {
  [PetitionField.LAND_HOUSING]: Sector.NATURAL_RESOURCES_ENVIRONMENT,
  [PetitionField.POLICY_SOCIAL]: Sector.LABOUR_INVALIDS_SOCIAL,
  [PetitionField.JUSTICE]: Sector.JUSTICE,
  [PetitionField.ADMINISTRATIVE]: Sector.HOME_AFFAIRS,
  [PetitionField.PARTY_MASS_ORGANISATIONS]: null,
  [PetitionField.OTHER]: null,
};

const bodyCache = new Map<string, readonly BodySeed[]>();

/** The bodies bodies.ts creates for a unit; for an unknown kind, those every kind of the level has. */
function bodiesOf(unit: UnitRef): readonly BodySeed[] {
  const key = `${unit.code}|${unit.kind ?? "?"}`;
  const cached = bodyCache.get(key);
  if (cached) {
    return cached;
  }
  const kinds = unit.kind ? [unit.kind] : KINDS_WHEN_UNKNOWN[unit.level];
  // Names are not used here, only ids, kinds and sectors: the code stands in for the unit's name.
  const lists = kinds.map((kind) =>
    receptionBodiesFor({
      code: unit.code,
      level: unit.level,
      kind,
      name: unit.code,
      fullName: unit.code,
      searchText: unit.code,
      parentCode: null,
      provinceCode: unit.code.slice(0, 2),
    } satisfies GazetteerUnit),
  );
  const [first = [], ...others] = lists;
  const bodies = first.filter((body) => others.every((list) => list.some((other) => other.id === body.id)));
  bodyCache.set(key, bodies);
  return bodies;
}

function bodyOfKind(unit: UnitRef, kind: ReceptionBodyKind): BodySeed | null {
  return bodiesOf(unit).find((body) => body.kind === kind) ?? null;
}

/** The People's Committee of a unit: every unit has one. */
function peoplesCommittee(unit: UnitRef): BodySeed {
  const body = bodyOfKind(unit, ReceptionBodyKind.PEOPLES_COMMITTEE);
  if (!body) {
    throw new Error(`bodies.ts gives unit ${unit.code} no People's Committee`);
  }
  return body;
}

/** The specialised agency of a sector at a unit (or its stand-in), or null: communes have none. */
function agencyOf(unit: UnitRef, sector: Sector): BodySeed | null {
  const sectors = [sector, ...(SECTOR_STAND_INS[sector] ?? [])];
  const agencies = bodiesOf(unit).filter((body) => body.kind === ReceptionBodyKind.SPECIALISED_AGENCY);
  for (const wanted of sectors) {
    const agency = agencies.find((body) => body.sector === wanted);
    if (agency) {
      return agency;
    }
  }
  return null;
}

function unitLabel(unit: UnitRef): string {
  return `${unit.level} ${unit.code}`;
}

/** Where the respondent sits and what stands above it on the routing date. */
interface Structure {
  respondent: UnitRef;
  province: UnitRef;
  /** The district above a commune, when the three-level structure is in force and the deployment runs it. */
  districtAbove: UnitRef | null;
  /** The respondent is a district, but districts are abolished or not run: its matters go to the province. */
  districtGone: boolean;
  /** Why the structure is what it is, for the reasons. */
  note: string;
}

function checkInput(input: RoutingInput): LocalDate {
  const on = parseLocalDate(input.on);
  const { code, level, kind } = input.respondentUnit;
  if (levelOfCode(code) !== level) {
    throw new RangeError(`Unit code "${code}" is not a ${level} code (2 digits province, 3 district, 5 commune)`);
  }
  if (kind !== undefined && !KINDS_OF_LEVEL[level].includes(kind)) {
    throw new RangeError(`A ${level} cannot be of kind ${kind}`);
  }
  if (levelOfCode(input.parents.province) !== "province") {
    throw new RangeError(`Province code "${input.parents.province}" is not 2 digits`);
  }
  const district = input.parents.district;
  if (district !== undefined && district !== null && levelOfCode(district) !== "district") {
    throw new RangeError(`District code "${district}" is not 3 digits`);
  }
  if (level === "province" && code !== input.parents.province) {
    throw new RangeError(`Province ${code} given with parent province ${input.parents.province}`);
  }
  return on;
}

function structureOf(input: RoutingInput, on: LocalDate): Structure {
  const respondent: UnitRef = { ...input.respondentUnit };
  const province: UnitRef = {
    code: input.parents.province,
    level: "province",
    ...(respondent.level === "province" && respondent.kind ? { kind: respondent.kind } : {}),
  };
  const beforeReform = compareDates(on, DISTRICTS_ABOLISHED_FROM) < 0;
  const threeLevels = beforeReform && input.districtLevelActive;
  const note = threeLevels
    ? `three-level structure on ${on}: commune → district → province`
    : beforeReform
      ? `the deployment runs no district level on ${on}: commune → province`
      : `districts abolished from ${DISTRICTS_ABOLISHED_FROM}, on ${on}: commune → province`;
  const districtCode = input.parents.district ?? null;
  const districtAbove: UnitRef | null =
    threeLevels && respondent.level === "commune" && districtCode !== null
      ? { code: districtCode, level: "district" }
      : null;
  return { respondent, province, districtAbove, districtGone: respondent.level === "district" && !threeLevels, note };
}

/** The unit above a commune or district whose People's Committee is its superior on the routing date. */
function superiorOf(structure: Structure): UnitRef {
  return structure.respondent.level === "commune" && structure.districtAbove ? structure.districtAbove : structure.province;
}

/** The inspectorate that verifies and advises for a resolver, when the resolver's level has one (communes do not). */
function inspectorateFor(resolver: BodySeed): Candidate[] {
  const unit: UnitRef = { code: resolver.unitCode, level: resolver.level };
  const inspectorate = bodyOfKind(unit, ReceptionBodyKind.INSPECTORATE);
  return inspectorate
    ? [{ body: inspectorate, reason: `the ${unitLabel(unit)} inspectorate verifies the case and advises ${resolver.id}`, legalBasis: INSPECTORATE_BASIS }]
    : [];
}

/** The respondent is a specialised agency or belongs to one. */
function agencyMatter(input: RoutingInput): boolean {
  return input.respondentRole === "AGENCY" || (input.respondentSector ?? null) !== null;
}

/** Why the agency itself cannot be proposed, for a reason that falls back on the People's Committee. */
function noAgencyWhy(input: RoutingInput, unit: UnitRef): string {
  if (unit.level === "commune") {
    return "communes have no specialised agencies";
  }
  const sector = input.respondentSector ?? null;
  return sector === null
    ? "the agency's sector is not known"
    : `${unitLabel(unit)} has no ${sector} agency in bodies.ts`;
}

function complaintFirstInstance(input: RoutingInput, structure: Structure): Candidate[] {
  if (structure.districtGone) {
    // Which body inherits an abolished district's decisions is set by transitional rules DOMAIN.md
    // does not give: propose the province PC, which the official confirms or redirects.
    return [
      {
        body: peoplesCommittee(structure.province),
        reason: `1st-instance complaint about a decision of ${unitLabel(structure.respondent)}: ${structure.note}; the province PC takes it (successor to be confirmed)`,
        legalBasis: COMPLAINTS_BASIS,
      },
    ];
  }
  const unit = structure.respondent;
  const sector = input.respondentSector ?? null;
  if (agencyMatter(input)) {
    const agency = sector === null ? null : agencyOf(unit, sector);
    if (agency) {
      return [
        {
          body: agency,
          reason: `1st-instance complaint: the head of the ${sector} agency of ${unitLabel(unit)}, whose agency made the decision, resolves it`,
          legalBasis: COMPLAINTS_BASIS,
        },
      ];
    }
    return [
      {
        body: peoplesCommittee(unit),
        reason: `1st-instance complaint about an agency of ${unitLabel(unit)}: ${noAgencyWhy(input, unit)}, so its People's Committee takes it`,
        legalBasis: COMPLAINTS_BASIS,
      },
    ];
  }
  return [
    {
      body: peoplesCommittee(unit),
      reason: `1st-instance complaint: the chairman of the People's Committee of ${unitLabel(unit)}, who made the decision or manages the official, resolves it`,
      legalBasis: COMPLAINTS_BASIS,
    },
  ];
}

function complaintSecondInstance(input: RoutingInput, structure: Structure): Candidate[] {
  const unit = structure.respondent;
  if (unit.level === "province") {
    if (agencyMatter(input)) {
      // An agency under a department (its director resolves the 2nd instance) is not modelled:
      // bodies.ts has no such agencies, so a department's decision is all that reaches here.
      return [
        {
          body: peoplesCommittee(unit),
          reason: `2nd-instance complaint about a department's decision: the chairman of the province PC ${unit.code}, one level up, resolves it`,
          legalBasis: COMPLAINTS_BASIS,
        },
      ];
    }
    // The province chairman's own decision goes to a minister: no body of the platform is competent.
    const inspectorate = bodyOfKind(unit, ReceptionBodyKind.INSPECTORATE) ?? peoplesCommittee(unit);
    return [
      {
        body: inspectorate,
        reason: `ministerial level: ${OUTSIDE_LOCAL_PLATFORM}; the 2nd instance of a province chairman's decision lies with a minister, ${inspectorate.id} guides the complainant`,
        legalBasis: COMPLAINTS_BASIS,
      },
    ];
  }
  if (unit.level === "district") {
    if (agencyMatter(input) && !structure.districtGone) {
      // The head one level up from a district office's head is the district chairman, the way a
      // department's decision goes to the province chairman.
      return [
        {
          body: peoplesCommittee(unit),
          reason: `2nd-instance complaint about a district office's decision: the chairman of the district PC ${unit.code}, one level up, resolves it (${structure.note})`,
          legalBasis: COMPLAINTS_BASIS,
        },
      ];
    }
    return [
      {
        body: peoplesCommittee(structure.province),
        reason: `2nd-instance complaint about a decision of ${unitLabel(unit)}: the chairman of the province PC ${structure.province.code}, one level up, resolves it (${structure.note})`,
        legalBasis: COMPLAINTS_BASIS,
      },
    ];
  }
  const superior = superiorOf(structure);
  return [
    {
      body: peoplesCommittee(superior),
      reason: `2nd-instance complaint about a commune decision: the chairman of the ${unitLabel(superior)} PC, one level up, resolves it (${structure.note})`,
      legalBasis: COMPLAINTS_BASIS,
    },
  ];
}

function partyCommitteeFor(input: RoutingInput, resolver: BodySeed): Candidate[] {
  if (input.field !== PetitionField.PARTY_MASS_ORGANISATIONS) {
    return [];
  }
  const unit: UnitRef = { code: resolver.unitCode, level: resolver.level };
  const party = bodyOfKind(unit, ReceptionBodyKind.PARTY_COMMITTEE);
  return party
    ? [
        {
          body: party,
          reason: `a Party member's violation of Party rules is handled by the Party committee of ${unitLabel(unit)}`,
          legalBasis: PARTY_BASIS,
        },
      ]
    : [];
}

function denunciation(input: RoutingInput, structure: Structure): Candidate[] {
  const unit = structure.respondent;
  const withHelpers = (resolver: Candidate): Candidate[] => [
    resolver,
    ...inspectorateFor(resolver.body),
    ...partyCommitteeFor(input, resolver.body),
  ];
  if (structure.districtGone) {
    const resolver = peoplesCommittee(structure.province);
    return withHelpers({
      body: resolver,
      reason: `denunciation of an official of ${unitLabel(unit)}: ${structure.note}; the province PC takes it (successor to be confirmed)`,
      legalBasis: DENUNCIATIONS_BASIS,
    });
  }
  const sector = input.respondentSector ?? null;
  const agency = sector === null ? null : agencyOf(unit, sector);
  // The head of a specialised agency is managed by the People's Committee of the same unit, whether
  // or not bodies.ts models that agency; communes have no agencies, so there a head is the PC's.
  const headOfAgency = input.respondentRole === "HEAD" && sector !== null && unit.level !== "commune";
  if (input.respondentRole === "HEAD" && !headOfAgency) {
    if (unit.level === "province") {
      // A province chairman is denounced to the Prime Minister: nothing local is competent.
      const inspectorate = bodyOfKind(unit, ReceptionBodyKind.INSPECTORATE) ?? peoplesCommittee(unit);
      return [
        {
          body: inspectorate,
          reason: `central level: ${OUTSIDE_LOCAL_PLATFORM}; the head of the province PC is managed by the Government, ${inspectorate.id} guides the denouncer`,
          legalBasis: DENUNCIATIONS_BASIS,
        },
        ...partyCommitteeFor(input, inspectorate),
      ];
    }
    const superior = superiorOf(structure);
    return withHelpers({
      body: peoplesCommittee(superior),
      reason: `denunciation of the head of the ${unitLabel(unit)} PC: the ${unitLabel(superior)} PC, which manages that head, resolves it (${structure.note})`,
      legalBasis: DENUNCIATIONS_BASIS,
    });
  }
  if (headOfAgency) {
    return withHelpers({
      body: peoplesCommittee(unit),
      reason: `denunciation of the head of the ${sector} agency of ${unitLabel(unit)}: the ${unitLabel(unit)} PC, which manages that head, resolves it`,
      legalBasis: DENUNCIATIONS_BASIS,
    });
  }
  if (agencyMatter(input) && agency) {
    return withHelpers({
      body: agency,
      reason: `denunciation of an official of ${agency.id}: the head of that agency, which manages the official, resolves it`,
      legalBasis: DENUNCIATIONS_BASIS,
    });
  }
  const why = agencyMatter(input) ? `${noAgencyWhy(input, unit)}, so ` : "";
  return withHelpers({
    body: peoplesCommittee(unit),
    reason: `denunciation of an official of ${unitLabel(unit)}: ${why}the head of its People's Committee, which manages the official, resolves it`,
    legalBasis: DENUNCIATIONS_BASIS,
  });
}

function recommendation(input: RoutingInput, structure: Structure): Candidate[] {
  // A matter of an abolished or unrun district is routed at the province, by the same field rules.
  const unit = structure.districtGone ? structure.province : structure.respondent;
  const moved = structure.districtGone ? ` (${structure.note}; routed at province ${unit.code})` : "";
  const field = input.field ?? PetitionField.OTHER;
  const fieldWord = input.field === null ? "unclassified field (as OTHER)" : `field ${field}`;
  const committee = peoplesCommittee(unit);
  if (unit.level === "commune") {
    const party = field === PetitionField.PARTY_MASS_ORGANISATIONS ? bodyOfKind(unit, ReceptionBodyKind.PARTY_COMMITTEE) : null;
    return [
      ...(party
        ? [{ body: party, reason: `${fieldWord}: the Party committee of ${unitLabel(unit)}`, legalBasis: PARTY_BASIS }]
        : []),
      {
        body: committee,
        reason: `${fieldWord}: communes have no specialised agencies, the People's Committee of ${unitLabel(unit)} handles it`,
        legalBasis: PETITIONS_BASIS,
      },
    ];
  }
  const candidates: Candidate[] = [];
  const sector = input.respondentSector ?? null;
  const ownAgency = sector === null || structure.districtGone ? null : agencyOf(unit, sector);
  if (ownAgency) {
    candidates.push({
      body: ownAgency,
      reason: `the matter concerns ${ownAgency.id} itself, which handles it in its sector ${sector}`,
      legalBasis: PETITIONS_BASIS,
    });
  }
  if (field === PetitionField.PARTY_MASS_ORGANISATIONS) {
    const party = bodyOfKind(unit, ReceptionBodyKind.PARTY_COMMITTEE);
    if (party) {
      candidates.push({ body: party, reason: `${fieldWord}: the Party committee of ${unitLabel(unit)}${moved}`, legalBasis: PARTY_BASIS });
    }
  }
  const fieldSector = SECTOR_OF_FIELD[field];
  const fieldAgency = fieldSector === null ? null : agencyOf(unit, fieldSector);
  if (fieldAgency) {
    candidates.push({
      body: fieldAgency,
      reason: `${fieldWord}: the ${fieldSector} agency of ${unitLabel(unit)} handles it${moved}`,
      legalBasis: PETITIONS_BASIS,
    });
  }
  // Housing and infrastructure belong to the construction sector: its agency (so-xd, phong-ktht or
  // phong-qldt by the district's kind) is the next guess for housing, and the last for "other" matters.
  const infrastructureAgency = agencyOf(unit, Sector.CONSTRUCTION);
  const infrastructure: Candidate[] = infrastructureAgency
    ? [
        {
          body: infrastructureAgency,
          reason: `${fieldWord}: when the matter is housing, construction, infrastructure or urban order, ${infrastructureAgency.id} handles it${moved}`,
          legalBasis: PETITIONS_BASIS,
        },
      ]
    : [];
  const committeeReason =
    ownAgency || fieldAgency
      ? `the People's Committee of ${unitLabel(unit)}, which directs its agencies, when the matter crosses sectors${moved}`
      : field === PetitionField.PARTY_MASS_ORGANISATIONS
        ? `the People's Committee of ${unitLabel(unit)}, for what in the matter falls to the State${moved}`
        : `${fieldWord}: the People's Committee of ${unitLabel(unit)} handles it${moved}`;
  const committeeCandidate: Candidate = { body: committee, reason: committeeReason, legalBasis: PETITIONS_BASIS };
  if (field === PetitionField.LAND_HOUSING) {
    return [...candidates, ...infrastructure, committeeCandidate];
  }
  if (field === PetitionField.OTHER) {
    return [...candidates, committeeCandidate, ...infrastructure];
  }
  return [...candidates, committeeCandidate];
}

/** Keeps the first proposal for each body, at most MAX_ROUTING_PROPOSALS, ranked 1, 2, 3. */
function ranked(candidates: Candidate[]): RoutingProposal[] {
  const seen = new Set<string>();
  const proposals: RoutingProposal[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.body.id) || proposals.length === MAX_ROUTING_PROPOSALS) {
      continue;
    }
    seen.add(candidate.body.id);
    proposals.push({
      bodyId: candidate.body.id,
      level: candidate.body.level,
      reason: candidate.reason,
      legalBasis: candidate.legalBasis,
      rank: proposals.length + 1,
    });
  }
  return proposals;
}

/**
 * Proposes the competent bodies for a classified petition, best first (1 to 3), with ids as bodies.ts
 * makes them; throws a RangeError when the unit codes, level, kind or date are inconsistent.
 */
export function proposeCompetentBodies(input: RoutingInput): RoutingProposal[] {
  const on = checkInput(input);
  const structure = structureOf(input, on);
  switch (input.kind) {
    case CaseKind.COMPLAINT:
      return ranked(
        input.instance === 2 ? complaintSecondInstance(input, structure) : complaintFirstInstance(input, structure),
      );
    case CaseKind.DENUNCIATION:
      return ranked(denunciation(input, structure));
    case CaseKind.RECOMMENDATION:
      return ranked(recommendation(input, structure));
    default:
      throw new RangeError(`Unknown case kind ${JSON.stringify(input.kind)}`);
  }
}
