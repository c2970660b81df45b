import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

import { type Federation, startFederation } from "./harness";

const ROOT = resolve(__dirname, "..");
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ seedProvinces: "none" });
});

afterAll(async () => {
  await federation?.stop();
});

async function countAll(field: "provinces" | "districts" | "communes"): Promise<number> {
  let total = 0;
  for (let offset = 0; ; offset += 1000) {
    const res = await federation.query<Record<string, { code: string }[]>>(`query ($o: Int!) { ${field}(first: 1000, offset: $o) { code } }`, { o: offset });
    expect(res.errors).toBeUndefined();
    const page = res.data![field]!;
    total += page.length;
    if (page.length < 1000) {
      return total;
    }
  }
}

describe("npm run load:country", () => {
  it("loads 63 provinces, 705 districts and 10,599 communes with progress output, and a second run adds nothing", async () => {
    expect(await countAll("provinces")).toBe(0);
    const env = { ...federation.env, LOG_LEVEL: "warn" } as NodeJS.ProcessEnv;
    const run = (): string => {
      const out = spawnSync(process.execPath, [join(ROOT, "tools", "dist", "load-country.js")], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
      expect(out.status).toBe(0);
      return out.stdout;
    };
    const first = run();
    expect(first).toContain("statistics office list: 63 provinces, 705 districts, 10599 communes");
    expect(first).toMatch(/commune: 5000\/10599 \(47%\)/);
    expect(first).toContain("commune: 10599 new units, 31797 new reception bodies; 10599 units in the database");

    expect(await countAll("provinces")).toBe(63);
    expect(await countAll("districts")).toBe(705);
    expect(await countAll("communes")).toBe(10599);
    const hanoi = await federation.query<{ province: { fullName: string; districts: unknown[] } }>(`{ province(code: "01") { fullName districts { code } } }`);
    expect(hanoi.data?.province.fullName).toBe("Thành phố Hà Nội");
    expect(hanoi.data?.province.districts).toHaveLength(30);
    const search = await federation.query<{ communes: { fullName: string; province: { name: string } }[] }>(
      `{ communes(search: "hang trong") { fullName province { name } } }`,
    );
    expect(search.data?.communes).toContainEqual({ fullName: "Phường Hàng Trống", province: { name: "Hà Nội" } });

    const second = run();
    expect(second).toContain("commune: 0 new units, 0 new reception bodies; 10599 units in the database");
  });
});
