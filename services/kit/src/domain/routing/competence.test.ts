import { receptionBodiesFor } from "../../admin/bodies";
import { type GazetteerUnit, loadGazetteer } from "../../admin/gazetteer";
import { Sector, UnitKind } from "../../admin/kinds";
import { PetitionField } from "../../cases/kinds";
import { CaseKind } from "../cases/machine";
import { MAX_ROUTING_PROPOSALS, type RoutingInput, type RoutingProposal, proposeCompetentBodies } from "./competence";

// One describe per rule, titled with its source. Real Ninh Bình codes: province 37, the provincial
// city 369 (urban: "phong-qldt"), the rural district 372 Nho Quan ("phong-ktht"), ward 14320 Đông
// Thành under 369 and township 14383 under 372.

const BEFORE = "2025-06-30";
const AFTER = "2025-07-01";

const PROVINCE_37 = { code: "37", level: "province", kind: UnitKind.PROVINCE } as const;
const CITY_369 = { code: "369", level: "district", kind: UnitKind.PROVINCIAL_CITY } as const;
const RURAL_372 = { code: "372", level: "district", kind: UnitKind.RURAL_DISTRICT } as const;
const WARD_14320 = { code: "14320", level: "commune", kind: UnitKind.WARD } as const;

const PARENTS_OF: Readonly<Record<string, RoutingInput["parents"]>> = {
  "37": { province: "37" },
  "369": { province: "37" },
  "372": { province: "37" },
  "14320": { district: "369", province: "37" },
  "14383": { district: "372", province: "37" },
};

function route(overrides: Partial<RoutingInput> & Pick<RoutingInput, "kind" | "respondentUnit">): RoutingProposal[] {
  return proposeCompetentBodies({
    field: null,
    parents: PARENTS_OF[overrides.respondentUnit.code] ?? { province: "37" },
    on: BEFORE,
    districtLevelActive: true,
    ...overrides,
  });
}

const ids = (proposals: RoutingProposal[]): string[] => proposals.map((p) => p.bodyId);

describe("Law on Complaints 02/2011/QH13, competence per DOMAIN.md — 1st instance: the head who made the decision", () => {
  const complaint = { kind: CaseKind.COMPLAINT, instance: 1 } as const;

  it("a commune chairman's decision → the commune PC", () => {
    const proposals = route({ ...complaint, respondentUnit: WARD_14320, respondentRole: "HEAD" });
    expect(proposals).toEqual([
      expect.objectContaining({ bodyId: "14320.ubnd", level: "commune", rank: 1 }),
    ]);
    expect(proposals[0]?.legalBasis).toContain("Law on Complaints 02/2011/QH13");
  });

  it("an act of an official of a district PC → that PC; the instance defaults to 1", () => {
    const { instance: _omitted, ...first } = complaint;
    expect(ids(route({ ...first, respondentUnit: CITY_369, respondentRole: "OFFICIAL" }))).toEqual(["369.ubnd"]);
  });

  it("a department's decision → the department (its director resolves)", () => {
    const proposals = route({
      ...complaint,
      respondentUnit: PROVINCE_37,
      respondentRole: "AGENCY",
      respondentSector: Sector.NATURAL_RESOURCES_ENVIRONMENT,
    });
    expect(ids(proposals)).toEqual(["37.so-tnmt"]);
    expect(proposals[0]?.reason).toMatch(/head of the NATURAL_RESOURCES_ENVIRONMENT agency/);
  });

  it("a district office's decision → that office", () => {
    const proposals = route({
      ...complaint,
      respondentUnit: RURAL_372,
      respondentRole: "AGENCY",
      respondentSector: Sector.NATURAL_RESOURCES_ENVIRONMENT,
    });
    expect(ids(proposals)).toEqual(["372.phong-tnmt"]);
  });

  it("the infrastructure office follows the district's kind: urban 369 → phong-qldt, rural 372 → phong-ktht", () => {
    const infra = { ...complaint, respondentRole: "AGENCY", respondentSector: Sector.ECONOMY_INFRASTRUCTURE } as const;
    expect(ids(route({ ...infra, respondentUnit: CITY_369 }))).toEqual(["369.phong-qldt"]);
    expect(ids(route({ ...infra, respondentUnit: RURAL_372 }))).toEqual(["372.phong-ktht"]);
    // Construction is run by the same office at district level.
    expect(ids(route({ ...infra, respondentSector: Sector.CONSTRUCTION, respondentUnit: RURAL_372 }))).toEqual([
      "372.phong-ktht",
    ]);
  });

  it("an agency bodies.ts does not have at that level → the PC, saying why", () => {
    const commune = route({ ...complaint, respondentUnit: WARD_14320, respondentRole: "AGENCY" });
    expect(ids(commune)).toEqual(["14320.ubnd"]);
    expect(commune[0]?.reason).toMatch(/communes have no specialised agencies/);
    const health = route({ ...complaint, respondentUnit: CITY_369, respondentRole: "AGENCY", respondentSector: Sector.HEALTH });
    expect(ids(health)).toEqual(["369.ubnd"]);
    expect(health[0]?.reason).toMatch(/no HEALTH agency/);
  });

  it("a district's decision where districts are abolished → the province PC, successor to be confirmed", () => {
    const proposals = route({ ...complaint, respondentUnit: CITY_369, respondentRole: "HEAD", on: AFTER });
    expect(ids(proposals)).toEqual(["37.ubnd"]);
    expect(proposals[0]?.reason).toMatch(/districts abolished from 2025-07-01/);
  });
});

describe("Law on Complaints 02/2011/QH13, competence per DOMAIN.md — 2nd instance: the head one level up", () => {
  const second = { kind: CaseKind.COMPLAINT, instance: 2 } as const;

  describe("the 2025-07-01 switch for a commune's decision", () => {
    it("before 2025-07-01 with the district level active → the district PC 369", () => {
      const proposals = route({ ...second, respondentUnit: WARD_14320, respondentRole: "HEAD", on: BEFORE });
      expect(ids(proposals)).toEqual(["369.ubnd"]);
      expect(proposals[0]).toMatchObject({ level: "district", rank: 1 });
      expect(proposals[0]?.reason).toMatch(/three-level structure/);
    });

    it("from 2025-07-01 → the province PC 37, even with the old district still given", () => {
      const proposals = route({ ...second, respondentUnit: WARD_14320, respondentRole: "HEAD", on: AFTER });
      expect(ids(proposals)).toEqual(["37.ubnd"]);
      expect(proposals[0]?.reason).toMatch(/districts abolished/);
    });

    it("before 2025-07-01 but with no district level in the deployment → the province PC 37", () => {
      const proposals = route({
        ...second,
        respondentUnit: WARD_14320,
        respondentRole: "HEAD",
        on: BEFORE,
        districtLevelActive: false,
      });
      expect(ids(proposals)).toEqual(["37.ubnd"]);
      expect(proposals[0]?.reason).toMatch(/runs no district level/);
    });

    it("before 2025-07-01 with no district recorded above the commune → the province PC 37", () => {
      expect(ids(route({ ...second, respondentUnit: WARD_14320, parents: { district: null, province: "37" } }))).toEqual([
        "37.ubnd",
      ]);
    });
  });

  it("a district chairman's decision → the province PC", () => {
    expect(ids(route({ ...second, respondentUnit: RURAL_372, respondentRole: "HEAD" }))).toEqual(["37.ubnd"]);
  });

  it("a district office's decision → the district PC while districts exist, the province PC after", () => {
    const office = { ...second, respondentUnit: CITY_369, respondentRole: "AGENCY", respondentSector: Sector.JUSTICE } as const;
    expect(ids(route(office))).toEqual(["369.ubnd"]);
    expect(ids(route({ ...office, on: AFTER }))).toEqual(["37.ubnd"]);
  });

  it("a department's decision → the province PC", () => {
    const proposals = route({
      ...second,
      respondentUnit: PROVINCE_37,
      respondentRole: "AGENCY",
      respondentSector: Sector.CONSTRUCTION,
    });
    expect(ids(proposals)).toEqual(["37.ubnd"]);
  });

  it("the province chairman's decision → ministerial level: the province inspectorate guides", () => {
    const proposals = route({ ...second, respondentUnit: PROVINCE_37, respondentRole: "HEAD" });
    expect(ids(proposals)).toEqual(["37.thanh-tra"]);
    expect(proposals[0]?.reason).toContain("ministerial level: outside the local platform");
  });
});

describe("Law on Denunciations 25/2018/QH14, competence per DOMAIN.md — the head of the body managing the denounced", () => {
  const denunciation = { kind: CaseKind.DENUNCIATION } as const;

  it("an official of a commune PC → the commune PC alone (communes have no inspectorate)", () => {
    expect(route({ ...denunciation, respondentUnit: WARD_14320, respondentRole: "OFFICIAL" })).toEqual([
      expect.objectContaining({ bodyId: "14320.ubnd", rank: 1 }),
    ]);
  });

  it("the head of a commune PC → the district PC and its inspectorate before the reform, the province's after", () => {
    const head = { ...denunciation, respondentUnit: WARD_14320, respondentRole: "HEAD" } as const;
    expect(ids(route(head))).toEqual(["369.ubnd", "369.thanh-tra"]);
    expect(ids(route({ ...head, on: AFTER }))).toEqual(["37.ubnd", "37.thanh-tra"]);
    expect(ids(route({ ...head, districtLevelActive: false }))).toEqual(["37.ubnd", "37.thanh-tra"]);
  });

  it("the head of a district PC → the province PC, then the province inspectorate", () => {
    const proposals = route({ ...denunciation, respondentUnit: RURAL_372, respondentRole: "HEAD" });
    expect(proposals.map((p) => [p.bodyId, p.rank])).toEqual([
      ["37.ubnd", 1],
      ["37.thanh-tra", 2],
    ]);
    expect(proposals[1]?.reason).toMatch(/verifies the case and advises 37\.ubnd/);
  });

  it("an official of a district PC → the district PC, then the district inspectorate", () => {
    expect(ids(route({ ...denunciation, respondentUnit: CITY_369, respondentRole: "OFFICIAL" }))).toEqual([
      "369.ubnd",
      "369.thanh-tra",
    ]);
  });

  it("an official of a department → the department, then the province inspectorate", () => {
    const proposals = route({
      ...denunciation,
      respondentUnit: PROVINCE_37,
      respondentRole: "AGENCY",
      respondentSector: Sector.LABOUR_INVALIDS_SOCIAL,
    });
    expect(ids(proposals)).toEqual(["37.so-ldtbxh", "37.thanh-tra"]);
  });

  it("the head of a department → the province PC, which manages that head", () => {
    const proposals = route({
      ...denunciation,
      respondentUnit: PROVINCE_37,
      respondentRole: "HEAD",
      respondentSector: Sector.NATURAL_RESOURCES_ENVIRONMENT,
    });
    expect(ids(proposals)).toEqual(["37.ubnd", "37.thanh-tra"]);
  });

  it("the head of the province PC → central level: outside the local platform", () => {
    const proposals = route({ ...denunciation, respondentUnit: PROVINCE_37, respondentRole: "HEAD" });
    expect(ids(proposals)).toEqual(["37.thanh-tra"]);
    expect(proposals[0]?.reason).toContain("outside the local platform");
  });

  it("a Party matter adds the Party committee of the resolver's unit", () => {
    const proposals = route({
      ...denunciation,
      field: PetitionField.PARTY_MASS_ORGANISATIONS,
      respondentUnit: WARD_14320,
      respondentRole: "HEAD",
    });
    expect(ids(proposals)).toEqual(["369.ubnd", "369.thanh-tra", "369.cap-uy"]);
  });

  it("an official of an abolished district → the province PC and inspectorate", () => {
    expect(ids(route({ ...denunciation, respondentUnit: CITY_369, respondentRole: "OFFICIAL", on: AFTER }))).toEqual([
      "37.ubnd",
      "37.thanh-tra",
    ]);
  });
});

describe("Circular 05/2021/TT-TTCP, sectors per DOMAIN.md — recommendations and reflections by field", () => {
  const recommendation = { kind: CaseKind.RECOMMENDATION } as const;

  it.each([
    [PetitionField.LAND_HOUSING, PROVINCE_37, "37.so-tnmt"],
    [PetitionField.LAND_HOUSING, CITY_369, "369.phong-tnmt"],
    [PetitionField.POLICY_SOCIAL, PROVINCE_37, "37.so-ldtbxh"],
    [PetitionField.POLICY_SOCIAL, RURAL_372, "372.phong-ldtbxh"],
    [PetitionField.JUSTICE, PROVINCE_37, "37.so-tp"],
    [PetitionField.JUSTICE, CITY_369, "369.phong-tp"],
    [PetitionField.ADMINISTRATIVE, PROVINCE_37, "37.so-nv"],
    [PetitionField.ADMINISTRATIVE, RURAL_372, "372.phong-nv"],
    [PetitionField.PARTY_MASS_ORGANISATIONS, PROVINCE_37, "37.cap-uy"],
    [PetitionField.PARTY_MASS_ORGANISATIONS, CITY_369, "369.cap-uy"],
    [PetitionField.OTHER, PROVINCE_37, "37.ubnd"],
    [PetitionField.OTHER, RURAL_372, "372.ubnd"],
  ])("%s at %o → %s first", (field, unit, expected) => {
    expect(route({ ...recommendation, field, respondentUnit: unit })[0]?.bodyId).toBe(expected);
  });

  it("the People's Committee is the fallback after an agency", () => {
    expect(ids(route({ ...recommendation, field: PetitionField.ADMINISTRATIVE, respondentUnit: PROVINCE_37 }))).toEqual([
      "37.so-nv",
      "37.ubnd",
    ]);
  });

  it("land and housing: the construction agency for housing comes second", () => {
    expect(ids(route({ ...recommendation, field: PetitionField.LAND_HOUSING, respondentUnit: PROVINCE_37 }))).toEqual([
      "37.so-tnmt",
      "37.so-xd",
      "37.ubnd",
    ]);
  });

  it("other matters: the infrastructure office follows the district's kind, and is left out when the kind is unknown", () => {
    const other = { ...recommendation, field: PetitionField.OTHER } as const;
    expect(ids(route({ ...other, respondentUnit: CITY_369 }))).toEqual(["369.ubnd", "369.phong-qldt"]);
    expect(ids(route({ ...other, respondentUnit: RURAL_372 }))).toEqual(["372.ubnd", "372.phong-ktht"]);
    expect(ids(route({ ...other, respondentUnit: { code: "372", level: "district" } }))).toEqual(["372.ubnd"]);
  });

  it("an unclassified field is routed as OTHER", () => {
    const proposals = route({ ...recommendation, field: null, respondentUnit: PROVINCE_37 });
    expect(ids(proposals)).toEqual(["37.ubnd", "37.so-xd"]);
    expect(proposals[0]?.reason).toMatch(/unclassified field/);
  });

  it("communes have no agencies → the commune PC, or the Party committee first for a Party matter", () => {
    for (const field of Object.values(PetitionField).filter((f) => f !== PetitionField.PARTY_MASS_ORGANISATIONS)) {
      expect(ids(route({ ...recommendation, field, respondentUnit: WARD_14320 }))).toEqual(["14320.ubnd"]);
    }
    expect(
      ids(route({ ...recommendation, field: PetitionField.PARTY_MASS_ORGANISATIONS, respondentUnit: WARD_14320 })),
    ).toEqual(["14320.cap-uy", "14320.ubnd"]);
  });

  it("a matter about an agency itself goes to that agency first", () => {
    const proposals = route({
      ...recommendation,
      field: PetitionField.OTHER,
      respondentUnit: PROVINCE_37,
      respondentRole: "AGENCY",
      respondentSector: Sector.HEALTH,
    });
    expect(ids(proposals)).toEqual(["37.so-yt", "37.ubnd", "37.so-xd"]);
  });

  it("a matter of an abolished district is routed at the province", () => {
    const proposals = route({ ...recommendation, field: PetitionField.LAND_HOUSING, respondentUnit: CITY_369, on: AFTER });
    expect(ids(proposals)).toEqual(["37.so-tnmt", "37.so-xd", "37.ubnd"]);
    expect(proposals[0]?.reason).toMatch(/routed at province 37/);
  });
});

describe("proposeCompetentBodies — inconsistent input is refused", () => {
  const base = { kind: CaseKind.COMPLAINT } as const;

  it.each<[string, Partial<RoutingInput>]>([
    ["a code of another level", { respondentUnit: { code: "369", level: "commune" } }],
    ["a kind of another level", { respondentUnit: { code: "369", level: "district", kind: UnitKind.WARD } }],
    ["a bad province code", { respondentUnit: WARD_14320, parents: { district: "369", province: "370" } }],
    ["a bad district code", { respondentUnit: WARD_14320, parents: { district: "36", province: "37" } }],
    ["a province that is not its own parent", { respondentUnit: PROVINCE_37, parents: { province: "38" } }],
    ["a date not written YYYY-MM-DD", { respondentUnit: WARD_14320, on: "1/7/2025" }],
    ["an unknown case kind", { respondentUnit: WARD_14320, kind: "APPEAL" as CaseKind }],
  ])("throws a RangeError for %s", (_what, overrides) => {
    expect(() => route({ ...base, respondentUnit: WARD_14320, ...overrides })).toThrow(RangeError);
  });
});

describe("bodies.ts templates — every proposal over the whole matrix is a body its unit really gets", () => {
  const gazetteer = loadGazetteer();
  const units = new Map<string, GazetteerUnit>(
    [...gazetteer.provinces, ...gazetteer.districts, ...gazetteer.communes].map((unit) => [unit.code, unit]),
  );
  const bodyIds = new Map<string, Set<string>>();
  const bodiesOf = (code: string): Set<string> => {
    let found = bodyIds.get(code);
    if (!found) {
      const unit = units.get(code);
      found = new Set(unit ? receptionBodiesFor(unit).map((body) => body.id) : []);
      bodyIds.set(code, found);
    }
    return found;
  };

  // 37 province, 369 urban district, 372 rural district, 14320 ward under 369, 14383 township under 372.
  const respondents = ["37", "369", "372", "14320", "14383"].flatMap((code) => {
    const unit = units.get(code);
    if (!unit) {
      throw new Error(`Ninh Bình unit ${code} missing from the gazetteer`);
    }
    const known = { code, level: unit.level, kind: unit.kind };
    // A district of unknown kind must still give ids of bodies every district has.
    return unit.level === "district" ? [known, { code, level: unit.level }] : [known];
  });
  const structures = [
    { on: BEFORE, districtLevelActive: true },
    { on: AFTER, districtLevelActive: true },
    { on: BEFORE, districtLevelActive: false },
  ];
  const kinds = Object.values(CaseKind);
  const fields = [...Object.values(PetitionField), null];
  const roles = ["HEAD", "AGENCY", "OFFICIAL", null] as const;
  const sectors = [...Object.values(Sector), null];
  const instances = [1, 2] as const;

  it("gives 1–3 ranked, reasoned proposals naming real bodies of the respondent's chain", () => {
    let checked = 0;
    const problems: string[] = [];
    for (const respondentUnit of respondents) {
      const parents = PARENTS_OF[respondentUnit.code] ?? { province: "37" };
      const chain = new Set([respondentUnit.code, parents.district, parents.province]);
      for (const structure of structures) {
        const twoLevels = structure.on === AFTER || !structure.districtLevelActive;
        for (const kind of kinds) {
          for (const field of fields) {
            for (const respondentRole of roles) {
              for (const respondentSector of sectors) {
                for (const instance of instances) {
                  const input: RoutingInput = {
                    kind,
                    field,
                    instance,
                    respondentUnit,
                    parents,
                    respondentRole,
                    respondentSector,
                    ...structure,
                  };
                  const proposals = proposeCompetentBodies(input);
                  checked += 1;
                  const where = JSON.stringify(input);
                  if (proposals.length < 1 || proposals.length > MAX_ROUTING_PROPOSALS) {
                    problems.push(`${proposals.length} proposals for ${where}`);
                  }
                  if (new Set(ids(proposals)).size !== proposals.length) {
                    problems.push(`duplicate ids ${ids(proposals).join(", ")} for ${where}`);
                  }
                  proposals.forEach((proposal, index) => {
                    const [code = ""] = proposal.bodyId.split(".");
                    const unit = units.get(code);
                    if (!bodiesOf(code).has(proposal.bodyId)) {
                      problems.push(`${proposal.bodyId} is not a body of unit ${code} for ${where}`);
                    }
                    if (unit?.level !== proposal.level) {
                      problems.push(`${proposal.bodyId} given level ${proposal.level} for ${where}`);
                    }
                    if (!chain.has(code)) {
                      problems.push(`${proposal.bodyId} is outside the respondent's chain for ${where}`);
                    }
                    if (twoLevels && proposal.level === "district") {
                      problems.push(`${proposal.bodyId} proposed without districts for ${where}`);
                    }
                    if (proposal.rank !== index + 1 || !proposal.reason || !proposal.legalBasis) {
                      problems.push(`${proposal.bodyId} rank ${proposal.rank} or reason/basis missing for ${where}`);
                    }
                  });
                }
              }
            }
          }
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // 7 respondents × 3 structures × 3 kinds × 7 fields × 4 roles × 13 sectors × 2 instances.
    expect(checked).toBe(7 * 3 * 3 * 7 * 4 * 13 * 2);
  });
});
