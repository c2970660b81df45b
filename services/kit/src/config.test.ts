import { activeLevels, databaseTarget, seedProvinces, subgraphPort, subgraphUrl } from "./config";

describe("databaseTarget", () => {
  it("gives each level its own database on the DATABASE_URL server", () => {
    const env = { DATABASE_URL: "postgres://u:p@db.example:5432/postgres" };
    expect(databaseTarget("province", env)).toEqual({
      url: "postgres://u:p@db.example:5432/tiepdan_province",
      schema: "public",
      adminUrl: "postgres://u:p@db.example:5432/postgres",
    });
    expect(databaseTarget("commune", env).url).toBe("postgres://u:p@db.example:5432/tiepdan_commune");
  });

  it("keeps query parameters such as sslmode", () => {
    const target = databaseTarget("district", { DATABASE_URL: "postgres://u@h/main?sslmode=require" });
    expect(target.url).toBe("postgres://u@h/tiepdan_district?sslmode=require");
  });

  it("uses a schema per level with DATABASE_ISOLATION=schema", () => {
    const env = { DATABASE_URL: "postgres://u@h/main", DATABASE_ISOLATION: "schema", DATABASE_PREFIX: "kntc_" };
    expect(databaseTarget("district", env)).toEqual({ url: "postgres://u@h/main", schema: "kntc_district" });
  });

  it("prefers a level's own URL", () => {
    const env = { DATABASE_URL: "postgres://u@h/main", COMMUNE_DATABASE_URL: "postgres://c@other/communes" };
    expect(databaseTarget("commune", env)).toEqual({ url: "postgres://c@other/communes", schema: "public" });
  });

  it("explains what to set when nothing is configured", () => {
    expect(() => databaseTarget("province", {})).toThrow(/DATABASE_URL.*PROVINCE_DATABASE_URL.*npm start/);
  });

  it("rejects bad isolation modes and prefixes", () => {
    expect(() => databaseTarget("province", { DATABASE_URL: "postgres://h/x", DATABASE_ISOLATION: "table" })).toThrow(/DATABASE_ISOLATION/);
    expect(() => databaseTarget("province", { DATABASE_URL: "postgres://h/x", DATABASE_PREFIX: "x; drop" })).toThrow(/DATABASE_PREFIX/);
  });
});

describe("levels and ports", () => {
  it("runs three levels by default and two when asked", () => {
    expect(activeLevels({})).toEqual(["province", "district", "commune"]);
    expect(activeLevels({ TIEPDAN_LEVELS: "commune, province" })).toEqual(["province", "commune"]);
    expect(() => activeLevels({ TIEPDAN_LEVELS: "province,ward" })).toThrow(/unknown level "ward"/);
    expect(() => activeLevels({ TIEPDAN_LEVELS: "district,commune" })).toThrow(/province and commune/);
  });

  it("reads ports and URLs from the environment", () => {
    expect(subgraphPort("district", {})).toBe(4002);
    expect(subgraphPort("district", { DISTRICT_PORT: "5002" })).toBe(5002);
    expect(() => subgraphPort("district", { DISTRICT_PORT: "http" })).toThrow(/DISTRICT_PORT/);
    expect(subgraphUrl("commune", { COMMUNE_PORT: "6003" })).toBe("http://localhost:6003/graphql");
    expect(subgraphUrl("commune", { COMMUNE_URL: "http://commune:4003/graphql" })).toBe("http://commune:4003/graphql");
  });

  it("seeds Ninh Bình unless told otherwise", () => {
    expect(seedProvinces({})).toEqual(["37"]);
    expect(seedProvinces({ SEED_PROVINCES: "01, 37" })).toEqual(["01", "37"]);
    expect(seedProvinces({ SEED_PROVINCES: "none" })).toEqual([]);
  });
});
