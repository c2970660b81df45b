import { TWO_LEVELS } from "@tiepdan/kit";

import { type Federation, startFederation } from "./harness";

let federation: Federation;

beforeAll(async () => {
  // The structure in force since 2025-07-01: no district subgraph at all.
  federation = await startFederation({ levels: TWO_LEVELS });
});

afterAll(async () => {
  await federation?.stop();
});

describe("the two-level profile (province + commune)", () => {
  it("runs without a district subgraph", () => {
    expect(Object.keys(federation.subgraphs).sort()).toEqual(["commune", "province"]);
  });

  it("links a commune straight to its province", async () => {
    const res = await federation.query(`{ commune(code: "14320") { fullName province { code fullName receptionUnits { id } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({
      commune: { fullName: "Phường Đông Thành", province: { code: "37", fullName: "Tỉnh Ninh Bình", receptionUnits: expect.arrayContaining([{ id: "37.ubnd" }]) } },
    });
  });

  it("lists the province's communes from the commune subgraph", async () => {
    const res = await federation.query<{ province: { communes: { code: string }[] } }>(`{ province(code: "37") { name communes { code } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.province.communes).toHaveLength(143);
  });

  it("has no district fields in the graph", async () => {
    const res = await federation.query(`{ province(code: "37") { districts { code } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const root = await federation.query(`{ district(code: "369") { name } }`);
    expect(root.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("only asks the subgraphs it composes whether they are ready", async () => {
    const res = await fetch(federation.gateway.url.replace("/graphql", "/ready"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", subgraphs: { province: "ready", commune: "ready" } });
  });
});
