import { DEFAULT_SEED, type GenerateArgs, NINH_BINH_2014_2024, generateProvince } from "@tiepdan/tools";

import { type Federation, ok, startFederation } from "./harness";

// The default data set, written through the services into a fresh federation's databases, gives
// Ninh Bình's published 2014–2024 figures when the gateway sums every unit of the three levels.

let f: Federation;

beforeAll(async () => {
  f = await startFederation();
});

afterAll(async () => {
  await f?.stop();
});

const PERIOD = "2014-01-01..2024-12-31";
const FIGURES = `
  complaints: resolutionStatistics(kind: COMPLAINT, period: $period) { toResolve resolved resolvedByDecision withdrawnAfterPersuasion unresolved upheld annulledOrAmended late }
  denunciations: resolutionStatistics(kind: DENUNCIATION, period: $period) { toResolve resolved unresolved }
  reception: receptionStatistics(period: $period) { persons largeGroups partySessions partyCitizens partyUnscheduledSessions partyUnscheduledCitizens repeatVisits }
  processing: processingStatistics(period: $period) { newCases guided archived refused urged transferred pending }`;

type Figures = Record<"complaints" | "denunciations" | "reception" | "processing", Record<string, number>>;
interface Tree extends Figures {
  districts: (Figures & { communes: Figures[] })[];
}

/** Adds the figures of every unit of the three levels. */
function sum(units: Figures[]): Figures {
  const total = { complaints: {}, denunciations: {}, reception: {}, processing: {} } as Figures;
  for (const unit of units) {
    for (const form of Object.keys(total) as (keyof Figures)[]) {
      for (const [name, value] of Object.entries(unit[form])) {
        total[form][name] = (total[form][name] ?? 0) + value;
      }
    }
  }
  return total;
}

const args = (reset = false): GenerateArgs => ({ province: "37", from: 2014, to: 2024, scale: null, seed: DEFAULT_SEED, reset, writer: "services", help: false });

describe("npm run generate: the default data set", () => {
  it(
    "is written through the services and reproduces the published figures from the records",
    async () => {
      const started = Date.now();
      const result = await generateProvince({ args: args(), env: f.env, say: () => undefined });
      const seconds = (Date.now() - started) / 1000;
      // Reported for the record: how long the default set takes through the services here.
      console.log(`default set through the services: ${result.cases} cases in ${seconds.toFixed(0)} s`);
      expect(result.cases).toBe(10_000);

      const tree = ok(
        await f.query<{ province: Tree }>(
          `query ($period: String!) { province(code: "37") { ${FIGURES} districts { ${FIGURES} communes { ${FIGURES} } } } }`,
          { period: PERIOD },
        ),
      ).province;
      const units = [tree, ...tree.districts, ...tree.districts.flatMap((d) => d.communes)];
      expect(units).toHaveLength(1 + 8 + 143);
      const total = sum(units);
      const published = NINH_BINH_2014_2024;
      expect(total.complaints).toMatchObject({ toResolve: published.complaints.toResolve, resolved: published.complaints.resolved, unresolved: 5, withdrawnAfterPersuasion: 68 });
      expect(total.complaints.withdrawnAfterPersuasion! / total.complaints.resolved!).toBeGreaterThan(0.1);
      expect(total.complaints.upheld! + total.complaints.annulledOrAmended!).toBe(21);
      expect(total.complaints.late).toBeGreaterThan(0);
      expect(total.denunciations).toEqual({ toResolve: published.denunciations.toResolve, resolved: published.denunciations.resolved, unresolved: 4 });
      const { repeatVisits, ...reception } = total.reception;
      expect(reception).toEqual(published.reception);
      expect(repeatVisits).toBeGreaterThan(1000);
      // Form 01/XLD looks like an office's: petitions guided, archived, refused, urged; none left behind but the last days'.
      expect(total.processing.newCases).toBe(10_000);
      expect(total.processing.guided).toBeGreaterThan(1000);
      expect(total.processing.archived).toBeGreaterThan(500);
      expect(total.processing.refused).toBeGreaterThan(100);
      expect(total.processing.urged).toBeGreaterThan(100);
      expect(total.processing.pending).toBe(18);
      // More at the communes and districts than at the province.
      const province = tree.reception.persons!;
      expect(sum(tree.districts).reception.persons).toBeGreaterThan(province);
      expect(sum(tree.districts.flatMap((d) => d.communes)).reception.persons).toBeGreaterThan(province);
    },
    20 * 60_000,
  );

  it("refuses to write the province again without --reset", async () => {
    await expect(generateProvince({ args: args(), env: f.env, say: () => undefined })).rejects.toThrow(/already has generated records .*--reset/);
  });
});
