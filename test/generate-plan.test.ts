import { createHash } from "node:crypto";

import { type CaseHistory, type HistoricPetition, type Level, type LevelHistory, gazetteerFor, kindOf, loadGazetteer } from "@tiepdan/kit";
import { CASES_PER_REPLICA, DEFAULT_SEED, NINH_BINH_2014_2024, QUOTAS, UsageError, parseGenerateArgs, planProvince } from "@tiepdan/tools";

// The plan alone, without a database: deterministic for a seed, and its histories add up to the
// published figures exactly (counted here the way the statistics SQL counts the rows they become).

const gazetteer = gazetteerFor(loadGazetteer(), ["37"]);
const LEVELS: Level[] = ["province", "district", "commune"];
const plan = planProvince({ gazetteer, provinceCode: "37", from: 2014, to: 2024, seed: DEFAULT_SEED });
const replica = plan.replica(0);

const petitionsOf = (c: CaseHistory): HistoricPetition[] => [c.petition, ...c.steps.flatMap((s) => (s.step === "REPEAT" ? [s.petition] : []))];
const digest = (value: unknown): string => createHash("sha256").update(JSON.stringify(value)).digest("hex");

/** The complaint and denunciation figures of 01/KQGQ and 03/KQGQ over the whole period, from the histories. */
function resolution(histories: Record<Level, LevelHistory>, kind: "COMPLAINT" | "DENUNCIATION") {
  let toResolve = 0;
  let resolved = 0;
  let afterPersuasion = 0;
  const results: Record<string, number> = {};
  for (const level of LEVELS) {
    for (const c of histories[level].cases) {
      const classified = c.steps.flatMap((s) => (s.step === "CLASSIFY" ? [s.input] : [])).at(-1);
      const acts = c.steps.flatMap((s) => (s.step === "ACT" ? [s] : []));
      if (!classified || kindOf(classified.contentTypes) !== kind || !acts.some((a) => a.action === "ACCEPT")) {
        continue;
      }
      toResolve += 1;
      const end = acts.find((a) => ["DECIDE", "CONCLUDE", "WITHDRAW", "TERMINATE"].includes(a.action));
      if (end) {
        resolved += 1;
        afterPersuasion += end.input.afterPersuasion ? 1 : 0;
        const key = end.input.result ?? end.action;
        results[key] = (results[key] ?? 0) + 1;
      }
    }
  }
  return { toResolve, resolved, afterPersuasion, results };
}

/** The reception figures of 01/TCD and the Party's report, from the sessions and visits. */
function reception(histories: Record<Level, LevelHistory>) {
  const out = { persons: 0, largeGroups: 0, partySessions: 0, partyCitizens: 0, partyUnscheduledSessions: 0, partyUnscheduledCitizens: 0, visits: 0, repeatVisits: 0, sessions: 0 };
  for (const level of LEVELS) {
    const h = histories[level];
    const sessions = new Map(h.sessions.map((s) => [s.ref, s]));
    const visits = [
      ...h.visits.map((v) => ({ sessionRef: v.sessionRef, persons: v.persons, repeat: Boolean(v.repeatVisit) })),
      ...h.cases.flatMap((c) => petitionsOf(c).flatMap((p) => (p.lodged === "AT_VISIT" ? [{ sessionRef: p.sessionRef, persons: p.visit.persons, repeat: Boolean(p.visit.repeatVisit) }] : []))),
    ];
    for (const v of visits) {
      const s = sessions.get(v.sessionRef);
      expect(s).toBeDefined();
      out.visits += 1;
      out.repeatVisits += v.repeat ? 1 : 0;
      out.persons += v.persons;
      out.largeGroups += v.persons >= 5 ? 1 : 0;
      if (s!.host === "PARTY_SECRETARY") {
        out.partyCitizens += v.persons;
        out.partyUnscheduledCitizens += s!.mode === "UNSCHEDULED" ? v.persons : 0;
      }
    }
    out.sessions += h.sessions.length;
    out.partySessions += h.sessions.filter((s) => s.host === "PARTY_SECRETARY").length;
    out.partyUnscheduledSessions += h.sessions.filter((s) => s.host === "PARTY_SECRETARY" && s.mode === "UNSCHEDULED").length;
  }
  return out;
}

describe("the generator's plan", () => {
  it("is the same for the same seed, and another for another seed", () => {
    const again = planProvince({ gazetteer, provinceCode: "37", from: 2014, to: 2024, seed: DEFAULT_SEED });
    expect(digest(again.replica(0))).toBe(digest(replica));
    expect(digest(again.leaders)).toBe(digest(plan.leaders));
    const other = planProvince({ gazetteer, provinceCode: "37", from: 2014, to: 2024, seed: DEFAULT_SEED + 1, volume: 0.05 });
    const sameSeedSmall = planProvince({ gazetteer, provinceCode: "37", from: 2014, to: 2024, seed: DEFAULT_SEED, volume: 0.05 });
    expect(digest(other.replica(0))).not.toBe(digest(sameSeedSmall.replica(0)));
    // Replicas (for --scale) differ from each other.
    expect(digest(sameSeedSmall.replica(1))).not.toBe(digest(sameSeedSmall.replica(0)));
  });

  it("has 10,000 cases per replica, most at communes and districts", () => {
    const counts = Object.fromEntries(LEVELS.map((l) => [l, replica[l].cases.length]));
    expect(CASES_PER_REPLICA).toBe(10_000);
    expect(counts.province + counts.district + counts.commune).toBe(10_000);
    expect(counts.commune).toBeGreaterThan(counts.district);
    expect(counts.district).toBeGreaterThan(counts.province);
  });

  it("adds up exactly to Ninh Bình's published complaint and denunciation figures", () => {
    const complaints = resolution(replica, "COMPLAINT");
    expect({ toResolve: complaints.toResolve, resolved: complaints.resolved, withdrawnAfterPersuasion: complaints.afterPersuasion }).toEqual(NINH_BINH_2014_2024.complaints);
    expect(complaints.afterPersuasion / complaints.resolved).toBeGreaterThan(0.1);
    expect(complaints.results).toMatchObject({ RIGHT: QUOTAS.complaint.right, WRONG: QUOTAS.complaint.wrong, PARTLY_RIGHT: QUOTAS.complaint.partlyRight, UPHELD: QUOTAS.complaint.upheld, ANNULLED_OR_AMENDED: QUOTAS.complaint.annulled });
    const denunciations = resolution(replica, "DENUNCIATION");
    expect({ toResolve: denunciations.toResolve, resolved: denunciations.resolved }).toEqual(NINH_BINH_2014_2024.denunciations);
    expect(plan.targets).toEqual(NINH_BINH_2014_2024);
  });

  it("adds up exactly to the published reception figures, Party secretaries' included", () => {
    const r = reception(replica);
    expect({
      persons: r.persons,
      largeGroups: r.largeGroups,
      partySessions: r.partySessions,
      partyCitizens: r.partyCitizens,
      partyUnscheduledSessions: r.partyUnscheduledSessions,
      partyUnscheduledCitizens: r.partyUnscheduledCitizens,
    }).toEqual(NINH_BINH_2014_2024.reception);
    expect(r.repeatVisits).toBeGreaterThan(r.visits * 0.1);
  });

  it("dates everything inside the period, and district records before the 2025 reform", () => {
    const later = planProvince({ gazetteer, provinceCode: "37", from: 2024, to: 2025, seed: 7, volume: 0.05 });
    expect(later.districtsUntil).toBe("2025-06-30");
    for (const [p, histories] of [[plan, replica], [later, later.replica(0)]] as const) {
      for (const level of LEVELS) {
        const until = level === "district" ? p.districtsUntil : p.period.to;
        const dates = [
          ...histories[level].sessions.map((s) => s.date),
          ...histories[level].cases.flatMap((c) => [
            ...petitionsOf(c).flatMap((x) => (x.lodged === "AT_BODY" ? [x.input.receivedOn] : [])),
            ...c.steps.flatMap((s) => (s.step === "REPEAT" ? [] : [s.input.on])),
          ]),
        ];
        expect(dates.every((d) => d >= p.period.from && d <= until)).toBe(true);
      }
    }
  });

  it("names people in Vietnamese with valid citizen ID numbers", () => {
    const people = LEVELS.flatMap((l) => replica[l].cases.flatMap((c) => petitionsOf(c).flatMap((p) => p.input.petitioners ?? [])));
    expect(people.length).toBeGreaterThan(10_000);
    expect(people.every((p) => p.citizenId == null || /^(037[0-3]\d{8}|164\d{6})$/.test(p.citizenId))).toBe(true);
    expect(people.filter((p) => /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i.test(p.fullName)).length / people.length).toBeGreaterThan(0.9);
    expect(people[0]!.address).toMatch(/tỉnh Ninh Bình$/);
  });

  it("carries cases over from one year to the next and spreads them over the fields", () => {
    const accepted = LEVELS.flatMap((l) => replica[l].cases).flatMap((c) => {
      const on = (action: string): string | undefined => {
        const step = c.steps.find((s) => s.step === "ACT" && s.action === action);
        return step?.step === "ACT" ? step.input.on : undefined;
      };
      const acceptedOn = on("ACCEPT");
      const endOn = on("DECIDE") ?? on("CONCLUDE") ?? on("ANSWER");
      return acceptedOn && endOn ? [{ acceptedOn, endOn }] : [];
    });
    expect(accepted.filter((a) => a.acceptedOn.slice(0, 4) !== a.endOn.slice(0, 4)).length).toBeGreaterThan(50);
    const fields = new Map<string, number>();
    for (const c of LEVELS.flatMap((l) => replica[l].cases)) {
      const field = c.steps.find((s) => s.step === "CLASSIFY");
      if (field?.step === "CLASSIFY") {
        fields.set(field.input.field, (fields.get(field.input.field) ?? 0) + 1);
      }
    }
    expect([...fields.entries()].sort((a, b) => b[1] - a[1])[0]![0]).toBe("LAND_HOUSING");
    expect(fields.size).toBe(6);
  });
});

describe("npm run generate's command line", () => {
  const today = "2026-11-28";
  it("reads the options and picks the writer", () => {
    expect(parseGenerateArgs(["--province", "37"], today)).toMatchObject({ province: "37", from: 2014, to: 2024, scale: null, writer: "services", seed: DEFAULT_SEED, reset: false });
    expect(parseGenerateArgs(["--province", "37", "--scale", "100", "--seed", "5", "--reset"], today)).toMatchObject({ scale: 100, writer: "bulk", seed: 5, reset: true });
  });

  it.each([
    [["--from", "2014"], /--province is required/],
    [["--province", "Ninh Bình"], /2-digit province code/],
    [["--province", "37", "--from", "2020", "--to", "2016"], /--from 2020 is after --to 2016/],
    [["--province", "37", "--to", "2026"], /not over yet/],
    [["--province", "37", "--from", "2005"], /between 2010/],
    [["--province", "37", "--scale", "0"], /--scale must be between 1/],
    [["--province", "37", "--frm", "2014"], /unknown option "--frm"/],
    [["--province", "37", "--scale", "5", "--writer", "services"], /bulk importer/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseGenerateArgs(argv, today)).toThrow(UsageError);
    expect(() => parseGenerateArgs(argv, today)).toThrow(message);
  });
});
