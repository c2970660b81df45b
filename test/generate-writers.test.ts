import {
  CaseAction,
  FiguresSplit,
  HistoryError,
  LEVELS,
  type Level,
  type LevelHistory,
  counterFigures,
  importCaseHistories,
  parsePeriod,
  processingFigures,
  receptionFigures,
  replayThroughServices,
  resolutionFigures,
} from "@tiepdan/kit";
import { DEFAULT_SEED, type GenerateArgs, generateProvince } from "@tiepdan/tools";

import { type Federation, effectiveCounters, ok, startFederation } from "./harness";

// The same small plan written by the two writers — through the services, one transaction per step,
// and by the bulk importer replaying the histories in memory — gives the same rows (apart from ids
// and timestamps) and the same statistics, through the gateway, for every unit and period.

const VOLUME = 0.03;
let services: Federation;
let bulk: Federation;

const args = (writer: GenerateArgs["writer"], reset = false): GenerateArgs => ({ province: "37", from: 2014, to: 2024, scale: null, seed: DEFAULT_SEED, reset, writer, help: false });

beforeAll(async () => {
  [services, bulk] = await Promise.all([startFederation(), startFederation()]);
  await generateProvince({ args: args("services"), env: services.env, say: () => undefined, volume: VOLUME });
  await generateProvince({ args: args("bulk"), env: bulk.env, say: () => undefined, volume: VOLUME });
}, 10 * 60_000);

afterAll(async () => {
  await Promise.all([services?.stop(), bulk?.stop()]);
});

// Each table's rows as sorted JSON, without what the database or the run makes up (ids, times).
const TABLES: Record<string, string> = {
  cases: `SELECT (to_jsonb(k) - 'id' - 'created_at')::text AS row FROM kntc_case k`,
  timeline: `SELECT (to_jsonb(e) - 'id' - 'case_id' - 'at')::text || k.summary || k.received_on AS row FROM case_event e JOIN kntc_case k ON k.id = e.case_id`,
  petitions: `SELECT (to_jsonb(p) - 'id' - 'case_id' - 'created_at')::text AS row FROM petition p`,
  petitioners: `SELECT (to_jsonb(s) - 'id' - 'petition_id')::text AS row FROM petitioner s`,
  denouncers: `SELECT (to_jsonb(s) - 'id' - 'petition_id')::text AS row FROM denouncer_identity s`,
  suspensions: `SELECT (to_jsonb(s) - 'id' - 'case_id')::text AS row FROM case_suspension s`,
  sessions: `SELECT (to_jsonb(s) - 'id' - 'created_at' - 'leader_id')::text || coalesce(l.name, '') AS row FROM reception_session s LEFT JOIN reception_leader l ON l.id = s.leader_id`,
  visits: `SELECT (to_jsonb(v) - 'id' - 'created_at' - 'session_id' - 'case_id' - 'petition_id')::text || coalesce(k.summary, '') || (v.petition_id IS NULL)::text AS row
           FROM reception_visit v LEFT JOIN kntc_case k ON k.id = v.case_id`,
};

async function rowsOf(f: Federation, level: Level, sql: string): Promise<string[]> {
  const rows = (await f.subgraphs[level]!.dataSource.query(`${sql} ORDER BY 1`)) as { row: string }[];
  return rows.map((r) => r.row);
}

const FIGURES = `
  c: resolutionStatistics(kind: COMPLAINT, period: $period) { carriedOver newlyAccepted toResolve resolved resolvedByDecision withdrawn withdrawnAfterPersuasion terminated right wrong partlyRight upheld annulledOrAmended onTime late unresolved overdueAtEnd moneyToRecoverVnd moneyToReturnVnd landToReturnM2 peopleDisciplined }
  d: resolutionStatistics(kind: DENUNCIATION, period: $period) { carriedOver newlyAccepted toResolve resolved resolvedByDecision withdrawn terminated right wrong partlyRight onTime late unresolved overdueAtEnd moneyToRecoverVnd peopleDisciplined sentToInvestigation }
  r: receptionStatistics(period: $period) { sessions regularSessions periodicSessions unscheduledSessions inPersonSessions delegatedSessions visits persons firstVisits repeatVisits cases largeGroups largeGroupPersons partySessions partyCitizens partyUnscheduledSessions partyUnscheduledCitizens }
  p: processingStatistics(period: $period) { petitionsReceived repeatPetitions newCases carriedOver toProcess complaints denunciations recommendations unclassified eligible ineligible withinCompetence outsideCompetence accepted transferred guided urged archived refused pending }`;

async function figures(f: Federation, period: string): Promise<unknown> {
  return ok(await f.query(`query ($period: String!) { province(code: "37") { ${FIGURES} districts { code ${FIGURES} communes { code ${FIGURES} } } } }`, { period }));
}

describe("the two writers of the same plan", () => {
  it.each(LEVELS.flatMap((level) => Object.keys(TABLES).map((table) => [level, table] as const)))("write the same %s %s rows", async (level, table) => {
    const [a, b] = await Promise.all([rowsOf(services, level, TABLES[table]!), rowsOf(bulk, level, TABLES[table]!)]);
    expect(b.length).toBe(a.length);
    expect(b).toEqual(a);
  });

  it("wrote what a small plan holds at every level", async () => {
    for (const level of LEVELS) {
      expect((await rowsOf(bulk, level, TABLES.cases!)).length).toBeGreaterThan(10);
      expect((await rowsOf(bulk, level, TABLES.visits!)).length).toBeGreaterThan(10);
    }
  });

  it.each(["2014-01-01..2024-12-31", "2019", "2021-Q3", "2024-9M"])("give the same statistics for every unit over %s", async (period) => {
    const [a, b] = await Promise.all([figures(services, period), figures(bulk, period)]);
    expect(b).toEqual(a);
  });

  it("keep, through every step the services took, the report counters that rebuilding them from the records gives", async () => {
    for (const level of LEVELS) {
      const ds = services.subgraphs[level]!.dataSource;
      const counters = (): Promise<string[]> => effectiveCounters(ds);
      const kept = await counters();
      await ds.query(`SELECT rebuild_report_counters()`);
      expect(kept.length).toBeGreaterThan(10);
      expect(await counters()).toEqual(kept);
    }
  });

  it.each(["2014-01-01..2024-12-31", "2019", "2021-Q3", "2024-9M", "2024-12-01..2025-02-28"])(
    "count in the report counters what the aggregates over the records give over %s, by unit and by body group",
    async (text) => {
      const period = parsePeriod(text)!;
      let compared = 0;
      for (const level of LEVELS) {
        const ds = services.subgraphs[level]!.dataSource;
        const units = ((await ds.query(`SELECT code FROM administrative_unit WHERE province_code = '37' AND level = $1`, [level])) as { code: string }[]).map((u) => u.code);
        for (const split of [FiguresSplit.UNIT, FiguresSplit.BODY_GROUP]) {
          const fromCounters = new Map((await counterFigures(ds, period, units, split === FiguresSplit.BODY_GROUP)).map((r) => [`${r.unitCode}|${r.group}`, r]));
          const fromRecords = {
            complaints: await resolutionFigures(ds, "COMPLAINT", period, units, split),
            denunciations: await resolutionFigures(ds, "DENUNCIATION", period, units, split),
            processing: await processingFigures(ds, period, units, split),
            reception: await receptionFigures(ds, period, units, split === FiguresSplit.BODY_GROUP ? split : FiguresSplit.UNIT),
          };
          for (const [form, rows] of Object.entries(fromRecords)) {
            const seen = new Set<string>();
            for (const { group, unitCode, cases: _distinct, ...figures } of rows as unknown as Record<string, number | string>[]) {
              const key = `${unitCode}|${group}`;
              seen.add(key);
              const counted = fromCounters.get(key)?.[form as "complaints"] as unknown as Record<string, number> | undefined;
              expect({ key, form, figures: Object.fromEntries(Object.keys(figures).map((name) => [name, counted?.[name] ?? 0])) }).toEqual({ key, form, figures });
              compared += 1;
            }
            // And no counted figure where the records have none.
            for (const [key, row] of fromCounters) {
              if (!seen.has(key)) {
                expect({ key, form, figures: Object.values(row[form as "complaints"]).filter((v) => typeof v === "number" && v !== 0) }).toEqual({ key, form, figures: [] });
              }
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(10);
    },
  );

  it("refuse a province already generated, and write it again after --reset", async () => {
    await expect(generateProvince({ args: args("bulk"), env: bulk.env, say: () => undefined, volume: VOLUME })).rejects.toThrow(/already has generated records/);
    const said: string[] = [];
    await generateProvince({ args: args("bulk", true), env: bulk.env, say: (line) => said.push(line), volume: VOLUME });
    expect(said.some((line) => /--reset: deleted commune \d+ cases/.test(line))).toBe(true);
    for (const level of LEVELS) {
      expect(await rowsOf(bulk, level, TABLES.timeline!)).toEqual(await rowsOf(services, level, TABLES.timeline!));
    }
    expect(await figures(bulk, "2014-01-01..2024-12-31")).toEqual(await figures(services, "2014-01-01..2024-12-31"));
  });

  it("refuse a history the services refuse, naming the record and the step; the bulk importer writes none of it", async () => {
    const wrong: LevelHistory = {
      leaders: [],
      sessions: [],
      visits: [],
      cases: [
        {
          ref: "legacy-1",
          petition: { lodged: "AT_BODY", input: { bodyId: "14320.ubnd", source: "POST", receivedOn: "2019-03-04", content: "Khiếu nại việc thu hồi đất.", contentTypes: ["COMPLAINT"], petitioners: [{ fullName: "Trần Văn Bình", citizenId: "037081001234" }] } },
          steps: [
            { step: "CLASSIFY", input: { on: "2019-03-05", contentTypes: ["COMPLAINT"], eligible: true, withinCompetence: true, field: "LAND_HOUSING", instance: 1 } },
            { step: "ACT", action: CaseAction.DECIDE, input: { on: "2019-04-01", result: "RIGHT", decisionNumber: "12/QĐ-UBND" } },
          ],
        },
      ],
    };
    const before = (await rowsOf(bulk, "commune", TABLES.cases!)).length;
    const refused = importCaseHistories(bulk.subgraphs.commune!.dataSource, "commune", wrong, { actor: "import-test" });
    await expect(refused).rejects.toThrow(HistoryError);
    await expect(refused).rejects.toThrow(/legacy-1, step 2 \(DECIDE\): Cannot DECIDE a complaint that is CLASSIFIED/);
    expect((await rowsOf(bulk, "commune", TABLES.cases!)).length).toBe(before);
    await expect(replayThroughServices(services.subgraphs.commune!.dataSource, "commune", wrong, { actor: "import-test" })).rejects.toThrow(/legacy-1, step 2 \(DECIDE\): Cannot DECIDE/);
  });
});
