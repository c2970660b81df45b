// The generator's plan: a province's records over a period as histories (petitions, classifications,
// dated steps; reception sessions and visits), drawn from a seed. The counts that the published
// figures fix are quotas enumerated exactly; only who, where and when is drawn. The histories are
// then written by one of the kit's two writers (history/replay.ts through the services, or
// history/import.ts in bulk) — the plan itself never writes a row or a total.

import {
  type BodySeed,
  CaseAction,
  DISTRICTS_ABOLISHED_FROM,
  type Gazetteer,
  type GazetteerUnit,
  type HistoricPetition,
  type HistoricStep,
  type LeaderHistory,
  LeaderRole,
  type Level,
  type LevelHistory,
  type PersonInput,
  ReceptionBodyKind,
  ReceptionHost,
  ReceptionMode,
  type SessionHistory,
  type VisitFields,
  VisitOutcome,
  dueDate,
  receptionBodiesFor,
  representativeRule,
} from "@tiepdan/kit";

import { WorkingDays, daysAfter, daysFrom, earlier, later, workingDaysAfter } from "./calendar";
import { type Random, deriveSeed, mulberry32, weightedPicker } from "./random";
import {
  COMPLEXITY_REASONS,
  type Field,
  accusedOfficial,
  complaintContent,
  inText,
  denunciationContent,
  person,
  personName,
  recommendationContent,
} from "./vietnamese";

/** A province's published figures for a period: what the default data set reproduces from its records. */
export interface PublishedFigures {
  complaints: { toResolve: number; resolved: number; withdrawnAfterPersuasion: number };
  denunciations: { toResolve: number; resolved: number };
  reception: { persons: number; largeGroups: number; partySessions: number; partyCitizens: number; partyUnscheduledSessions: number; partyUnscheduledCitizens: number };
}

/**
 * Ninh Bình's ten-year review of Directive 35 (2014–2024): 624 of 629 complaints resolved, more
 * than 10% through persuasion (68 here); 441 of 445 denunciations; 38,445 citizens received, 588
 * large groups; Party secretaries' 14,400 sessions with 2,214 citizens, 209 unscheduled with 190.
 */
export const NINH_BINH_2014_2024: PublishedFigures = {
  complaints: { toResolve: 629, resolved: 624, withdrawnAfterPersuasion: 68 },
  denunciations: { toResolve: 445, resolved: 441 },
  reception: { persons: 38_445, largeGroups: 588, partySessions: 14_400, partyCitizens: 2_214, partyUnscheduledSessions: 209, partyUnscheduledCitizens: 190 },
};

/**
 * What one replica holds (volume 1): the outcomes of every case, by kind. The complaint and
 * denunciation lines add up to the published figures (checked when a plan is made); the rest makes
 * form 01/XLD look like a real office's: guided, refused, archived, urged, recommendations.
 */
export const QUOTAS = {
  complaint: {
    right: 64, partlyRight: 117, wrong: 350, late: 24, upheld: 14, annulled: 7, withdrawnAfterPersuasion: 68, withdrawn: 4, unresolved: 5,
    guided: 240, refused: 85, archived: 95, urged: 20,
  },
  denunciation: { right: 72, partlyRight: 118, wrong: 215, late: 17, withdrawn: 25, terminated: 11, unresolved: 4, anonymous: 55, guided: 150, archived: 40, refused: 25, urged: 10 },
  recommendation: { answered: 5_560, atPartySessions: 40, withdrawn: 60, open: 8, guided: 1_200, archived: 900, urged: 120, refused: 300 },
  pending: { received: 12, classified: 6 },
  /** Repeat petitions linked to existing cases, of which a share handed in at a visit. */
  repeats: 1_400,
  /** Visits on a known case that bring no new petition (follow-ups, told it is resolved, refusals). */
  followUps: 2_600,
  /** State large groups by what they came for; the rest of the published 588 are at Party sessions. */
  largeGroups: { openingCases: 200, repeats: 40, followUps: 80, partySessions: 8 },
} as const;

/** Cases in one replica at volume 1: 10,000 (so `--scale 100` writes 1,000,000). */
export const CASES_PER_REPLICA = (() => {
  const q = QUOTAS;
  const sum = (o: Record<string, number>, skip: string[] = []): number => Object.entries(o).reduce((s, [k, v]) => s + (skip.includes(k) ? 0 : v), 0);
  return sum(q.complaint, ["late"]) + sum(q.denunciation, ["late"]) + sum(q.recommendation) + sum(q.pending);
})();

/** What a plan is made from. */
export interface PlanOptions {
  gazetteer: Gazetteer;
  provinceCode: string;
  /** First and last year of the period (whole years). */
  from: number;
  to: number;
  seed: number;
  /** Fraction of one replica's volume (1 by default; tests use a small one). */
  volume?: number;
  /** Targets of the period; Ninh Bình's 2014–2024 figures by default. */
  figures?: PublishedFigures;
}

/** A province's plan: its leaders (shared by all replicas) and its replicas of records. */
export interface ProvincePlan {
  period: { from: string; to: string };
  /** Last day district records may carry: the period's end, or 2025-06-30 when districts were abolished before it. */
  districtsUntil: string;
  leaders: Record<Level, LeaderHistory[]>;
  /** The exact figures each replica gives over the period (the published ones at volume 1). */
  targets: PublishedFigures;
  /** Replica `index` of the records, per level; replica 0 is the default data set. */
  replica(index: number): Record<Level, LevelHistory>;
}

/** A unit and its reception bodies. */
interface Unit {
  gazetteer: GazetteerUnit;
  level: Level;
  bodies: BodySeed[];
  ubnd: BodySeed;
  capUy: BodySeed;
  desk: BodySeed;
  agencies: BodySeed[];
  /** Mountain communes (vùng sâu, vùng xa): the longer resolution periods apply. */
  remote: boolean;
  /** How much of the level's work falls on it. */
  weight: number;
}

const LEVELS: readonly Level[] = ["province", "district", "commune"];

/** Year weights: how busy the offices were (land recovery peaked mid-decade, Covid-19 years were quiet). */
const CASE_YEAR_WEIGHT: Readonly<Record<number, number>> = { 2014: 1.0, 2015: 1.05, 2016: 1.12, 2017: 1.12, 2018: 1.06, 2019: 1.0, 2020: 0.82, 2021: 0.74, 2022: 0.9, 2023: 0.95, 2024: 0.96 };
const caseYearWeight = (year: number): number => CASE_YEAR_WEIGHT[year] ?? 1;
/** Party secretaries received more often after Regulation 11-QĐi/TW (2019). */
const partyYearWeight = (year: number): number => (year >= 2019 ? 1.6 : 1);

const FIELDS_OF_COMPLAINTS: readonly (readonly [Field, number])[] = [["LAND_HOUSING", 70], ["POLICY_SOCIAL", 10], ["ADMINISTRATIVE", 12], ["JUSTICE", 3], ["OTHER", 5]];
const FIELDS_OF_RECOMMENDATIONS: readonly (readonly [Field, number])[] = [["LAND_HOUSING", 55], ["POLICY_SOCIAL", 18], ["ADMINISTRATIVE", 12], ["JUSTICE", 4], ["PARTY_MASS_ORGANISATIONS", 2], ["OTHER", 9]];
const SECTORS_OF_FIELD: Readonly<Record<Field, readonly string[]>> = {
  LAND_HOUSING: ["NATURAL_RESOURCES_ENVIRONMENT", "NATURAL_RESOURCES_ENVIRONMENT", "CONSTRUCTION", "ECONOMY_INFRASTRUCTURE"],
  POLICY_SOCIAL: ["LABOUR_INVALIDS_SOCIAL"],
  ADMINISTRATIVE: ["HOME_AFFAIRS"],
  JUSTICE: ["JUSTICE"],
  PARTY_MASS_ORGANISATIONS: [],
  OTHER: ["EDUCATION", "HEALTH", "AGRICULTURE", "INDUSTRY_TRADE", "TRANSPORT", "FINANCE"],
};
const SOURCES_BY_POST: readonly (readonly [string, number])[] = [["POST", 58], ["FORWARDED_BY_ELECTED_BODY", 12], ["FORWARDED_BY_LEADER", 8], ["ONLINE", 20], ["PRESS", 2]];

/** A leader's term of office: terms start in July 2011, 2016, 2021 (after the Party congresses and elections). */
const termOfDate = (date: string): number => Math.floor((Number(date.slice(0, 4)) - (date.slice(5) < "07-01" ? 1 : 0) - 2011) / 5);

/** A group's size: most 5–10, some up to 45. */
function largeGroupSize(random: Random): number {
  return random.weighted<[number, number]>([
    [[5, 10], 65],
    [[11, 20], 25],
    [[21, 45], 10],
  ]).reduce((a, b) => random.int(a, b));
}

/** Representatives a group of `persons` names, within the rule (1–2 up to 10 persons, up to 5 beyond). */
function representativesOf(random: Random, persons: number): number {
  const rule = representativeRule(persons);
  return rule.maxRepresentatives === 0 ? 0 : random.int(Math.max(rule.minRepresentatives, Math.min(rule.maxRepresentatives, persons > 10 ? 3 : 1)), rule.maxRepresentatives);
}

/** Splits `total` persons over `count` visits of 1 to `max` persons each, most of them alone (an exact total). */
export function splitPersons(random: Random, total: number, count: number, max = 4): number[] {
  if (count <= 0 || total < count || total > count * max) {
    throw new Error(`cannot split ${total} persons into ${count} visits of 1 to ${max}`);
  }
  const out = new Array<number>(count).fill(1);
  let extra = total - count;
  while (extra > 0) {
    const i = random.int(0, count - 1);
    if (out[i]! < max) {
      out[i]! += 1;
      extra -= 1;
    }
  }
  return out;
}

/** A step with its date, before the case's steps are put in date order. */
interface Dated {
  on: string;
  step: HistoricStep;
}

/** A case being planned. */
interface Draft {
  ref: string;
  unit: Unit;
  body: BodySeed;
  receivedOn: string;
  petition: HistoricPetition;
  steps: Dated[];
  signers: PersonInput[];
  field: Field;
  /** Last day of its last step (a repeat or a visit may come later). */
  lastOn: string;
  /** The day nothing more was to be done (null while open). */
  closedOn: string | null;
  decision?: { number: string; on: string; result: string };
  /** Sessions its first petition's visit needs, created only when the draft is kept. */
  pending: (() => void)[];
}

/** The sessions of the first replica that later replicas reuse: periodic reception days by body, desk sessions by day. */
interface Schedule {
  periodic: Map<string, { date: string; ref: string }[]>;
  regular: Map<string, string>;
  /** The desks' regular session days, in order, by desk. */
  regularDays: Map<string, string[]>;
}

/** Everything shared by the replicas: units, bodies, leaders, working days. */
class PlanContext {
  readonly units: Record<Level, Unit[]> = { province: [], district: [], commune: [] };
  readonly weightedUnits: Record<Level, (readonly [Unit, number])[]> = { province: [], district: [], commune: [] };
  readonly leaders: Record<Level, LeaderHistory[]> = { province: [], district: [], commune: [] };
  readonly days: WorkingDays;
  readonly partyDays: WorkingDays;
  readonly start: string;
  readonly end: string;
  readonly districtsUntil: string;
  private readonly leaderRefs = new Set<string>();

  constructor(readonly options: PlanOptions) {
    this.start = `${options.from}-01-01`;
    this.end = `${options.to}-12-31`;
    this.districtsUntil = earlier(this.end, daysAfter(DISTRICTS_ABOLISHED_FROM, -1));
    this.days = new WorkingDays(this.start, this.end, caseYearWeight);
    this.partyDays = new WorkingDays(this.start, this.end, partyYearWeight);
    const random = mulberry32(deriveSeed(options.seed, "units"));
    const g = options.gazetteer;
    const province = g.provinces.find((p) => p.code === options.provinceCode);
    if (!province) {
      throw new Error(`province ${options.provinceCode} is not in the gazetteer given`);
    }
    const districts = g.districts.filter((d) => d.provinceCode === province.code);
    const communes = g.communes.filter((c) => c.provinceCode === province.code);
    const remoteDistrict = districts.find((d) => d.kind === "RURAL_DISTRICT" && /Nho Quan/.test(d.name))?.code;
    const unitOf = (u: GazetteerUnit, weight: number, remote: boolean): Unit => {
      const bodies = receptionBodiesFor(u);
      const bySlug = (slug: string): BodySeed => bodies.find((b) => b.id === `${u.code}.${slug}`)!;
      return {
        gazetteer: u,
        level: u.level,
        bodies,
        ubnd: bySlug("ubnd"),
        capUy: bySlug("cap-uy"),
        desk: bodies.find((b) => b.kind === ReceptionBodyKind.RECEPTION_BOARD)!,
        agencies: bodies.filter((b) => b.kind === ReceptionBodyKind.SPECIALISED_AGENCY || b.kind === ReceptionBodyKind.INSPECTORATE),
        remote,
        weight,
      };
    };
    this.units.province.push(unitOf(province, 1, false));
    for (const d of districts) {
      this.units.district.push(unitOf(d, communes.filter((c) => c.parentCode === d.code).length + 6, false));
    }
    for (const [i, c] of communes.entries()) {
      // Half of the mountain district's communes are remote; busy wards weigh more than quiet villages.
      this.units.commune.push(unitOf(c, 0.5 + random.next() + (c.kind === "WARD" ? 0.4 : 0), c.parentCode === remoteDistrict && i % 2 === 0));
    }
    for (const level of LEVELS) {
      this.weightedUnits[level] = this.units[level].map((u) => [u, u.weight] as const);
    }
  }

  /** Last day a unit of `level` may have records. */
  until(level: Level): string {
    return level === "district" ? this.districtsUntil : this.end;
  }

  /** The leader of a body in office on `date` (registered once per body, role and term). */
  leader(unit: Unit, role: LeaderRole, date: string): string {
    const body = role === LeaderRole.CHAIRMAN ? unit.ubnd : role === LeaderRole.PARTY_SECRETARY ? unit.capUy : null;
    return this.leaderOf(unit, body!, role, date);
  }

  /** The head of an agency in office on `date`. */
  agencyHead(unit: Unit, agency: BodySeed, date: string): string {
    return this.leaderOf(unit, agency, LeaderRole.AGENCY_HEAD, date);
  }

  private leaderOf(unit: Unit, body: BodySeed, role: LeaderRole, date: string): string {
    const term = termOfDate(date);
    const ref = `leader:${body.id}:${role}:${term}`;
    if (!this.leaderRefs.has(ref)) {
      this.leaderRefs.add(ref);
      const random = mulberry32(deriveSeed(this.options.seed, ref));
      const title =
        role === LeaderRole.CHAIRMAN
          ? `Chủ tịch ${body.name}`
          : role === LeaderRole.PARTY_SECRETARY
            ? `Bí thư ${body.name}`
            : body.kind === ReceptionBodyKind.INSPECTORATE
              ? `Chánh ${body.name}`
              : body.id.split(".")[1]!.startsWith("so-")
                ? `Giám đốc ${body.name}`
                : `Trưởng ${body.name.replace(/^Phòng/, "phòng")}`;
      const from = 2011 + term * 5;
      this.leaders[unit.level].push({ ref, bodyId: body.id, name: personName(random), title: `${title} (nhiệm kỳ ${from}–${from + 5})`, role });
    }
    return ref;
  }
}

/** Builds one replica of the records. */
class ReplicaBuilder {
  readonly histories: Record<Level, LevelHistory> = {
    province: { leaders: [], sessions: [], cases: [], visits: [] },
    district: { leaders: [], sessions: [], cases: [], visits: [] },
    commune: { leaders: [], sessions: [], cases: [], visits: [] },
  };
  private readonly random: Random;
  private readonly prefix: string;
  private readonly q: (n: number) => number;
  /** The periodic reception days of each body (the leaders' schedule), in date order. */
  private readonly sessionsByBody: Map<string, { date: string; ref: string }[]>;
  /** The desks' regular session of a day, by "body|date". */
  private readonly regular: Map<string, string>;
  private readonly partyScheduled: { unit: Unit; ref: string; date: string }[] = [];
  private readonly partyUnscheduled: { unit: Unit; ref: string; date: string }[] = [];
  private readonly drafts: Draft[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly unitPickers: Record<Level, () => Unit>;
  private statePersons = 0;
  private stateLargeGroups = 0;
  private seq = 0;

  /**
   * `schedule`: the reception days and desk sessions of the first replica, for the others. More
   * citizens do not give the leaders more reception days: a later replica's visits go to the same
   * days and desk sessions (only the Party secretaries' sessions, a published figure, come again).
   */
  constructor(
    private readonly ctx: PlanContext,
    private readonly targets: PublishedFigures,
    replica: number,
    private readonly volume: number,
    private readonly schedule?: Schedule,
  ) {
    this.sessionsByBody = schedule ? schedule.periodic : new Map();
    this.regular = new Map(schedule?.regular ?? []);
    this.random = mulberry32(deriveSeed(ctx.options.seed, `replica:${replica}`));
    this.prefix = `r${replica}`;
    this.unitPickers = { province: weightedPicker(this.random, ctx.weightedUnits.province), district: weightedPicker(this.random, ctx.weightedUnits.district), commune: weightedPicker(this.random, ctx.weightedUnits.commune) };
    this.q = (n) => Math.round(n * volume);
  }

  /** The schedule this replica made (for the replicas after it). */
  scheduleOf(): Schedule {
    const regularDays = new Map<string, string[]>();
    for (const key of this.regular.keys()) {
      const [body, date] = key.split("|") as [string, string];
      regularDays.set(body, [...(regularDays.get(body) ?? []), date]);
    }
    for (const days of regularDays.values()) {
      days.sort();
    }
    return { periodic: this.sessionsByBody, regular: new Map(this.regular), regularDays };
  }

  build(): Record<Level, LevelHistory> {
    this.scheduleSessions();
    this.planComplaints();
    this.planDenunciations();
    this.planRecommendations();
    this.planSecondInstance();
    this.planRepeats();
    this.planFollowUps();
    this.planPartyVisits();
    this.planFillVisits();
    for (const d of this.drafts) {
      const steps = d.steps.map((s, i) => ({ ...s, i })).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.i - b.i));
      this.histories[d.unit.level].cases.push({ ref: d.ref, petition: d.petition, steps: steps.map((s) => s.step) });
    }
    return this.histories;
  }

  // -------------------------------------------------------------------------------------------
  // Units, bodies, dates

  /** A ref reserved earlier for a session created late (see `sessionFor`). */
  private nextRef: string | null = null;

  private ref(kind: string): string {
    if (this.nextRef) {
      const reserved = this.nextRef;
      this.nextRef = null;
      return reserved;
    }
    this.seq += 1;
    return `${this.prefix}:${kind}:${this.seq}`;
  }

  /** A unit of a level, by its weight. */
  private unit(level: Level): Unit {
    return this.unitPickers[level]();
  }

  private levelBy(shares: readonly [Level, number][]): Level {
    return this.random.weighted(shares.filter(([level]) => level !== "district" || this.ctx.districtsUntil >= this.ctx.start));
  }

  /** The agency of a unit for a field, if it has one. */
  private agencyFor(unit: Unit, field: Field): BodySeed | null {
    const sectors = SECTORS_OF_FIELD[field];
    const fit = unit.agencies.filter((a) => a.sector !== null && sectors.includes(a.sector));
    return fit.length > 0 ? this.random.pick(fit) : null;
  }

  private number(body: BodySeed, year: string, kind: "QĐ" | "KL" | "TB"): string {
    const key = `${body.id}|${year}|${kind}`;
    const n = (this.numbers.get(key) ?? this.random.int(3, 40)) + this.random.int(1, 9);
    this.numbers.set(key, n);
    const slug = body.id.split(".")[1]!;
    const issuer = slug.startsWith("so-") || slug.startsWith("phong-") ? slug.replace(/^(so|phong)-/, "").toUpperCase() : slug === "thanh-tra" ? "TTr" : "UBND";
    return `${n}/${kind}-${issuer}`;
  }

  /** Where a unit's people live, written as offices write it: "xã Gia Lâm, huyện Nho Quan, tỉnh Ninh Bình". */
  private address(unit: Unit): string {
    const g = unit.gazetteer;
    const province = inText(this.ctx.units.province[0]!.gazetteer.fullName);
    if (unit.level === "commune") {
      const district = this.ctx.units.district.find((d) => d.gazetteer.code === g.parentCode);
      return [g.fullName, district?.gazetteer.fullName].filter(Boolean).map((n) => inText(n!)).join(", ") + `, ${province}`;
    }
    if (unit.level === "district") {
      const commune = this.random.pick(this.ctx.units.commune.filter((c) => c.gazetteer.parentCode === g.code));
      return `${inText(commune.gazetteer.fullName)}, ${inText(g.fullName)}, ${province}`;
    }
    return `${inText(this.random.pick(this.ctx.units.district).gazetteer.fullName)}, ${province}`;
  }

  private signers(unit: Unit, receivedOn: string, count: number): PersonInput[] {
    const address = this.address(unit);
    return Array.from({ length: count }, () => person(this.random, address, receivedOn, this.ctx.options.provinceCode));
  }

  // -------------------------------------------------------------------------------------------
  // Sessions

  private session(unit: Unit, s: Omit<SessionHistory, "ref">, index = true): string {
    const ref = this.ref("session");
    this.histories[unit.level].sessions.push({ ref, ...s });
    if (index) {
      const list = this.sessionsByBody.get(s.bodyId) ?? [];
      list.push({ date: s.date, ref });
      this.sessionsByBody.set(s.bodyId, list);
    }
    return ref;
  }

  private chairmanSession(unit: Unit, date: string, mode: ReceptionMode, delegated: boolean): string {
    return this.session(
      unit,
      {
        bodyId: unit.desk.id,
        date,
        mode,
        host: delegated ? ReceptionHost.DELEGATED : ReceptionHost.IN_PERSON,
        leaderRef: this.ctx.leader(unit, LeaderRole.CHAIRMAN, date),
        ...(delegated ? { hostName: personName(mulberry32(deriveSeed(this.ctx.options.seed, `${unit.ubnd.id}:deputy:${termOfDate(date)}`))), hostTitle: `Phó Chủ tịch ${unit.ubnd.name}` } : {}),
      },
      mode === ReceptionMode.PERIODIC,
    );
  }

  /**
   * The leaders' reception days: chairmen monthly at the province and the communes, twice a month
   * at the districts; province agencies monthly and district offices quarterly; and the Party
   * secretaries' sessions, whose number is a published figure (209 of them unscheduled).
   */
  private scheduleSessions(): void {
    const { ctx, random } = this;
    for (const level of this.schedule ? [] : LEVELS) {
      for (const unit of ctx.units[level]) {
        for (const month of ctx.days.months(ctx.until(level))) {
          const days = ctx.days.ofMonth(month).filter((d) => d <= ctx.until(level));
          if (days.length === 0) {
            continue;
          }
          const chairmanDays = level === "district" ? [days[random.int(0, Math.floor(days.length / 2) - 1)]!, days[random.int(Math.floor(days.length / 2), days.length - 1)]!] : [random.pick(days)];
          // A small plan (tests) keeps that share of the reception days.
          if (this.volume >= 1 || random.chance(this.volume)) {
            for (const date of chairmanDays) {
              this.chairmanSession(unit, date, ReceptionMode.PERIODIC, random.chance(0.15));
            }
          }
          const quarterly = level !== "province";
          if (level !== "commune" && (!quarterly || Number(month.slice(5)) % 3 === 1) && (this.volume >= 1 || random.chance(this.volume))) {
            for (const agency of unit.agencies) {
              const date = random.pick(days);
              this.session(unit, { bodyId: agency.id, date, mode: ReceptionMode.PERIODIC, host: ReceptionHost.IN_PERSON, leaderRef: ctx.agencyHead(unit, agency, date) });
            }
          }
        }
      }
    }
    // Party secretaries: the province and every district monthly, the communes share the rest.
    const total = this.q(this.targets.reception.partySessions);
    const unscheduled = this.q(this.targets.reception.partyUnscheduledSessions);
    const party = (unit: Unit, date: string, mode: ReceptionMode): void => {
      const ref = this.session(unit, { bodyId: unit.capUy.id, date, mode, host: ReceptionHost.PARTY_SECRETARY, leaderRef: ctx.leader(unit, LeaderRole.PARTY_SECRETARY, date) }, false);
      (mode === ReceptionMode.UNSCHEDULED ? this.partyUnscheduled : this.partyScheduled).push({ unit, ref, date });
    };
    const upper = [...ctx.units.province, ...ctx.units.district];
    for (const unit of upper) {
      for (const month of ctx.partyDays.months(ctx.until(unit.level))) {
        const days = ctx.partyDays.ofMonth(month).filter((d) => d <= ctx.until(unit.level));
        if (days.length > 0 && this.partyScheduled.length < total - unscheduled) {
          party(unit, random.pick(days), ReceptionMode.PERIODIC);
        }
      }
    }
    while (this.partyScheduled.length < total - unscheduled) {
      const unit = this.unit("commune");
      party(unit, ctx.partyDays.draw(random, ctx.start, ctx.end)!, ReceptionMode.PERIODIC);
    }
    while (this.partyUnscheduled.length < unscheduled) {
      const level = this.levelBy([["province", 3], ["district", 12], ["commune", 85]]);
      const unit = this.unit(level);
      party(unit, ctx.partyDays.draw(random, ctx.start, ctx.until(level))!, ReceptionMode.UNSCHEDULED);
    }
  }

  /**
   * The session a citizen is received in at a body on (or soon after) `date`: an agency's next
   * reception day; at a reception desk, the chairman's reception day within a month (a third of
   * visits), an unscheduled session called for a large group, or the desk's regular session.
   * With `pending`, a session that does not exist yet is created only when the caller keeps it.
   */
  private sessionFor(unit: Unit, body: BodySeed, date: string, large: boolean, pending?: (() => void)[]): { ref: string; date: string } {
    const until = this.ctx.until(unit.level);
    const periodic = this.sessionsByBody.get(body.id) ?? [];
    if (body.id !== unit.desk.id) {
      const next = periodic.find((s) => s.date >= date && s.date <= until) ?? [...periodic].reverse().find((s) => s.date <= until);
      if (next) {
        return next;
      }
      // An agency without reception days (a small plan): the citizen goes to the desk.
      body = unit.desk;
    }
    const create = (make: () => string): string => {
      if (!pending) {
        return make();
      }
      const ref = this.ref("session");
      pending.push(() => {
        this.nextRef = ref;
        make();
      });
      return ref;
    };
    if (large && this.random.chance(0.45)) {
      const delegated = this.random.chance(0.3);
      return { ref: create(() => this.chairmanSession(unit, date, ReceptionMode.UNSCHEDULED, delegated)), date };
    }
    if (this.random.chance(0.3)) {
      const next = periodic.find((s) => s.date >= date && s.date <= earlier(until, daysAfter(date, 31)));
      if (next) {
        return next;
      }
    }
    // A later replica's citizens come on the desk's days of the first one when there is one within two weeks.
    const known = this.schedule?.regularDays.get(body.id)?.find((d) => d >= date && d <= earlier(until, daysAfter(date, 14)));
    if (known) {
      date = known;
    }
    const key = `${body.id}|${date}`;
    const existing = this.regular.get(key);
    if (existing) {
      return { ref: existing, date };
    }
    const deskId = body.id;
    const ref = create(() => {
      const made = this.session(unit, { bodyId: deskId, date, mode: ReceptionMode.REGULAR }, false);
      this.regular.set(key, made);
      return made;
    });
    return { ref, date };
  }

  /** A visit of `persons`, with representatives when they are a large group. */
  private visitFields(persons: number, outcome: VisitOutcome, repeatVisit: boolean, note?: string): VisitFields {
    return { persons, representatives: representativesOf(this.random, persons), repeatVisit, outcome, ...(note ? { note } : {}) };
  }

  /** Counts a State visit kept in the plan towards the published persons and large groups. */
  private count(visit: VisitFields): VisitFields {
    this.statePersons += visit.persons;
    this.stateLargeGroups += visit.persons >= 5 ? 1 : 0;
    return visit;
  }

  // -------------------------------------------------------------------------------------------
  // Cases

  /**
   * Opens a case: picks its body and its day (in a session when it is lodged in person), its
   * signers and its first petition. `window` bounds the day of receipt.
   */
  private open(
    kind: "COMPLAINT" | "DENUNCIATION" | "RECOMMENDATION",
    level: Level,
    o: {
      field: Field;
      inPerson: boolean;
      window: [string, string];
      large?: boolean;
      anonymous?: boolean;
      body?: BodySeed;
      unit?: Unit;
      /** The session it is handed in at (a Party secretary's), instead of one found at the body. */
      session?: { ref: string; date: string };
      contentTypes?: string[] | null;
      content?: (unit: Unit, body: BodySeed, receivedOn: string) => string;
    },
  ): Draft | null {
    const { random, ctx } = this;
    const unit = o.unit ?? this.unit(level);
    const until = ctx.until(level);
    const wanted = ctx.days.draw(random, o.window[0], earlier(o.window[1], until));
    if (!wanted) {
      return null;
    }
    let body: BodySeed;
    let receivedOn = wanted;
    let petitionAt: { sessionRef: string } | null = null;
    if (o.body) {
      body = o.body;
    } else if (o.inPerson) {
      const agency = level !== "commune" && random.chance(0.2) ? this.agencyFor(unit, o.field) : null;
      body = agency ?? unit.desk;
    } else {
      const agency = level !== "commune" && random.chance(0.28) ? this.agencyFor(unit, o.field) : null;
      body = agency ?? (kind === "DENUNCIATION" && level !== "commune" && random.chance(0.12) ? unit.agencies.find((a) => a.kind === ReceptionBodyKind.INSPECTORATE)! : random.chance(0.85) ? unit.ubnd : unit.desk);
    }
    const large = Boolean(o.large);
    const count = o.anonymous ? 0 : large ? random.int(5, 40) : random.weighted([[1, 85], [2, 9], [3, 4], [random.int(5, 30), o.inPerson ? 0 : 2]] as const);
    const pending: (() => void)[] = [];
    if (o.inPerson) {
      const session = o.session ?? this.sessionFor(unit, body, wanted, large, pending);
      receivedOn = session.date;
      petitionAt = { sessionRef: session.ref };
    }
    if (receivedOn > o.window[1] || receivedOn > until) {
      return null;
    }
    const signers = this.signers(unit, receivedOn, count);
    const content = o.content
      ? o.content(unit, body, receivedOn)
      : kind === "COMPLAINT"
        ? complaintContent(random, o.field, `Chủ tịch ${unit.ubnd.name}`, `Quyết định số ${this.number(unit.ubnd, receivedOn.slice(0, 4), "QĐ")} ngày ${daysAfter(receivedOn, -random.int(20, 80)).split("-").reverse().join("/")}`, this.ctx.options.provinceCode)
        : kind === "DENUNCIATION"
          ? denunciationContent(random, o.field, accusedOfficial(random, inText(unit.gazetteer.fullName)))
          : recommendationContent(random, o.field, random.chance(0.4), inText(unit.gazetteer.fullName));
    const respondent = kind === "RECOMMENDATION" ? null : kind === "COMPLAINT" ? `Chủ tịch ${unit.ubnd.name}` : null;
    // Most desks know the content at once; a tenth is left for the classification to decide.
    const contentTypes = o.contentTypes !== undefined ? o.contentTypes : random.chance(0.9) ? [kind] : null;
    const input = { content, respondent, contentTypes, anonymous: o.anonymous ?? false, petitioners: signers };
    let petition: HistoricPetition;
    if (petitionAt) {
      const persons = large ? Math.max(count, largeGroupSize(random)) : Math.min(4, count + (random.chance(0.25) ? 1 : 0));
      petition = { lodged: "AT_VISIT", sessionRef: petitionAt.sessionRef, visit: this.visitFields(persons, VisitOutcome.RECEIVED_FOR_PROCESSING, false), input };
    } else {
      petition = { lodged: "AT_BODY", input: { ...input, bodyId: body.id, source: random.weighted(SOURCES_BY_POST), receivedOn } };
    }
    return { ref: this.ref("case"), unit, body, receivedOn, petition, steps: [], signers, field: o.field, lastOn: receivedOn, closedOn: null, pending };
  }

  private add(d: Draft, on: string, step: HistoricStep): string {
    d.steps.push({ on, step });
    d.lastOn = later(d.lastOn, on);
    return on;
  }

  private act(d: Draft, on: string, action: CaseAction, input: Record<string, unknown> = {}): string {
    return this.add(d, on, { step: "ACT", action, input: { on, ...input } });
  }

  private classify(d: Draft, on: string, kind: "COMPLAINT" | "DENUNCIATION" | "RECOMMENDATION", o: { eligible?: string | null; within?: boolean; complex?: boolean; instance?: number }): string {
    const { random } = this;
    const contentTypes =
      kind === "COMPLAINT"
        ? random.weighted([[["COMPLAINT"], 85], [["COMPLAINT", "RECOMMENDATION"], 10], [["COMPLAINT", "REFLECTION"], 5]] as const)
        : kind === "DENUNCIATION"
          ? random.weighted([[["DENUNCIATION"], 94], [["DENUNCIATION", "REFLECTION"], 6]] as const)
          : random.weighted([[["RECOMMENDATION"], 55], [["REFLECTION"], 35], [["RECOMMENDATION", "REFLECTION"], 10]] as const);
    return this.add(d, on, {
      step: "CLASSIFY",
      input: {
        on,
        contentTypes: [...contentTypes],
        eligible: !o.eligible,
        ineligibilityReason: o.eligible ?? null,
        withinCompetence: o.within ?? true,
        field: d.field,
        complex: o.complex ?? false,
        complexityReason: o.complex ? random.pick(COMPLEXITY_REASONS) : null,
        remoteArea: kind === "RECOMMENDATION" ? false : d.unit.remote,
        instance: kind === "COMPLAINT" ? (o.instance ?? 1) : null,
      },
    });
  }

  /**
   * Tries `build` with fresh draws until the whole history fits before the level's last day (a
   * history that ends too late is drawn again, received earlier by its overshoot), then keeps it:
   * its new sessions are created and its visit counted. `window` bounds the day of receipt.
   */
  private fit(level: Level, build: (window: [string, string]) => Draft | null, window: [string, string] = [this.ctx.start, this.ctx.end]): Draft {
    const limit = this.ctx.until(level);
    let to = window[1];
    for (let attempt = 0; attempt < 80; attempt++) {
      const d = build([window[0], to]);
      if (d && d.lastOn <= limit) {
        return this.keep(d);
      }
      if (d) {
        const earlierTo = daysAfter(d.receivedOn, -daysFrom(limit, d.lastOn));
        to = earlierTo >= window[0] ? earlierTo : window[1];
      }
    }
    throw new Error(`could not fit a ${level} case received in ${window[0]}..${window[1]} before ${limit}`);
  }

  /** Keeps a draft: creates the sessions it needs and counts its visit. */
  private keep(d: Draft): Draft {
    for (const create of d.pending) {
      create();
    }
    d.pending = [];
    if (d.petition.lodged === "AT_VISIT" && d.body.kind !== ReceptionBodyKind.PARTY_COMMITTEE) {
      this.count(d.petition.visit);
    }
    this.drafts.push(d);
    return d;
  }

  /** Enforcement figures of a decision found (partly) right: money or land returned, people disciplined. */
  private enforcement(result: string, denunciation: boolean): Record<string, number> {
    const { random } = this;
    if (result === "WRONG") {
      return {};
    }
    const share = result === "RIGHT" ? 1 : 0.4;
    const out: Record<string, number> = {};
    if (denunciation) {
      if (random.chance(0.5)) {
        out.moneyToRecoverVnd = Math.round(random.int(5, 600) * share) * 1_000_000;
      }
      out.peopleDisciplined = random.int(result === "RIGHT" ? 1 : 0, 3);
      if (random.chance(0.04)) {
        out.sentToInvestigation = 1;
      }
    } else if (random.chance(0.45)) {
      out.landToReturnM2 = Math.round(random.int(300, 20_000) * share) / 10;
    } else if (random.chance(0.5)) {
      out.moneyToReturnVnd = Math.round(random.int(10, 800) * share) * 1_000_000;
    }
    return out;
  }

  /** A complaint or denunciation accepted and resolved: classify, accept, verify, then `end` decides how it ends. */
  private accepted(
    kind: "COMPLAINT" | "DENUNCIATION",
    level: Level,
    o: { inPerson: boolean; large?: boolean; window?: [string, string]; end: (d: Draft, verifiedOn: string, due: string, complex: boolean) => void; instance?: number; unit?: Unit; body?: BodySeed; signers?: PersonInput[]; content?: (unit: Unit, body: BodySeed, receivedOn: string) => string },
  ): Draft {
    return this.fit(
      level,
      (window) => {
        const { random } = this;
        const field = random.weighted(FIELDS_OF_COMPLAINTS);
        const d = this.open(kind, level, { field, inPerson: o.inPerson, large: o.large, window, unit: o.unit, body: o.body, content: o.content });
        if (!d) {
          return null;
        }
        if (o.signers && d.petition.lodged === "AT_BODY") {
          d.petition.input.petitioners = o.signers;
          d.signers = o.signers;
        }
        const complex = random.chance(kind === "DENUNCIATION" ? 0.2 : 0.15);
        const classified = this.classify(d, workingDaysAfter(d.receivedOn, random.int(0, 2)), kind, { complex, instance: o.instance });
        const acceptedOn = this.act(d, workingDaysAfter(classified, random.int(1, kind === "DENUNCIATION" ? 4 : 7)), CaseAction.ACCEPT);
        const verifiedOn = this.act(d, workingDaysAfter(acceptedOn, random.int(1, 5)), CaseAction.START_VERIFICATION);
        const step = kind === "DENUNCIATION" ? "DENUNCIATION_RESOLUTION" : o.instance === 2 ? "COMPLAINT_SECOND_INSTANCE" : "COMPLAINT_FIRST_INSTANCE";
        const due = dueDate({ step, start: acceptedOn, complex, remote: d.unit.remote && kind === "COMPLAINT" }).dueAt;
        o.end(d, verifiedOn, due, complex);
        return d;
      },
      o.window,
    );
  }

  /** A complaint decided on time (or `late`), published, the decision numbered. */
  private decideComplaint(result: string, late: boolean) {
    return (d: Draft, verifiedOn: string, due: string): void => {
      const { random } = this;
      const decidedOn = late ? daysAfter(due, random.int(3, 45)) : later(daysAfter(verifiedOn, 3), daysAfter(due, -random.int(0, Math.max(0, daysFrom(verifiedOn, due) - 3))));
      const secondInstance = result === "UPHELD" || result === "ANNULLED_OR_AMENDED";
      if (secondInstance || random.chance(result === "PARTLY_RIGHT" ? 0.7 : 0.4)) {
        this.act(d, daysAfter(verifiedOn, Math.max(1, Math.floor(daysFrom(verifiedOn, decidedOn) * random.next()))), CaseAction.HOLD_DIALOGUE);
      }
      const number = this.number(d.body.kind === ReceptionBodyKind.RECEPTION_BOARD ? d.unit.ubnd : d.body, decidedOn.slice(0, 4), "QĐ");
      this.act(d, decidedOn, CaseAction.DECIDE, { result, decisionNumber: number, ...this.enforcement(result, false) });
      d.decision = { number, on: decidedOn, result };
      d.closedOn = decidedOn;
      if (random.chance(0.9)) {
        this.act(d, daysAfter(decidedOn, random.int(1, 12)), CaseAction.PUBLISH_DECISION);
      }
    };
  }

  private planComplaints(): void {
    const c = QUOTAS.complaint;
    const shares: [Level, number][] = [["province", 15], ["district", 52], ["commune", 33]];
    const decisions = [
      ...Array<string>(this.q(c.right)).fill("RIGHT"),
      ...Array<string>(this.q(c.partlyRight)).fill("PARTLY_RIGHT"),
      ...Array<string>(this.q(c.wrong)).fill("WRONG"),
    ];
    const late = new Set(this.random.shuffle(decisions.map((_, i) => i)).slice(0, this.q(c.late)));
    decisions.forEach((result, i) => {
      this.accepted("COMPLAINT", this.levelBy(shares), { inPerson: this.random.chance(0.35), large: this.random.chance(0.12), end: this.decideComplaint(result, late.has(i)) });
    });
    const withdraw = (afterPersuasion: boolean) => (d: Draft, verifiedOn: string, due: string) => {
      const on = daysAfter(verifiedOn, this.random.int(2, Math.max(2, daysFrom(verifiedOn, due) - 1)));
      if (afterPersuasion && this.random.chance(0.35)) {
        this.act(d, daysAfter(verifiedOn, 1), CaseAction.HOLD_DIALOGUE);
      }
      this.act(d, on, CaseAction.WITHDRAW, afterPersuasion
        ? { afterPersuasion: true, reason: "Công dân tự nguyện rút đơn sau khi được giải thích, thuyết phục", note: "Đã đối thoại, giải thích chính sách; công dân nhất trí" }
        : { afterPersuasion: false, reason: "Công dân có đơn xin rút khiếu nại" });
      d.closedOn = on;
    };
    for (let i = 0; i < this.q(c.withdrawnAfterPersuasion); i++) {
      this.accepted("COMPLAINT", this.levelBy(shares), { inPerson: this.random.chance(0.4), large: this.random.chance(0.15), end: withdraw(true) });
    }
    for (let i = 0; i < this.q(c.withdrawn); i++) {
      this.accepted("COMPLAINT", this.levelBy(shares), { inPerson: false, end: withdraw(false) });
    }
    // Accepted in the last weeks of the period, still being verified when it ends: not yet overdue.
    const lastDecember = `${this.ctx.options.to}-12`;
    for (let i = 0; i < this.q(c.unresolved); i++) {
      this.accepted("COMPLAINT", this.levelBy([["province", 20], ["commune", 80]]), {
        inPerson: this.random.chance(0.5),
        window: [`${lastDecember}-01`, `${lastDecember}-12`],
        end: () => undefined,
      });
    }
    this.notAccepted("COMPLAINT", { guided: this.q(c.guided), refused: this.q(c.refused), archived: this.q(c.archived), urged: this.q(c.urged) }, shares);
  }

  private planDenunciations(): void {
    const q = QUOTAS.denunciation;
    const shares: [Level, number][] = [["province", 16], ["district", 46], ["commune", 38]];
    const results = [...Array<string>(this.q(q.right)).fill("RIGHT"), ...Array<string>(this.q(q.partlyRight)).fill("PARTLY_RIGHT"), ...Array<string>(this.q(q.wrong)).fill("WRONG")];
    const late = new Set(this.random.shuffle(results.map((_, i) => i)).slice(0, this.q(q.late)));
    const { random } = this;
    results.forEach((result, i) => {
      this.accepted("DENUNCIATION", this.levelBy(shares), {
        inPerson: random.chance(0.25),
        end: (d, verifiedOn, _due, complex) => {
          let extensions = 0;
          const suspensions: { from: string; to: string }[] = [];
          let cursor = verifiedOn;
          if (complex && random.chance(0.75)) {
            extensions = random.chance(0.3) ? 2 : 1;
            for (let e = 0; e < extensions; e++) {
              cursor = this.act(d, daysAfter(cursor, random.int(15, 25)), CaseAction.EXTEND, { reason: "Vụ việc phức tạp, cần thêm thời gian xác minh, thu thập chứng cứ" });
            }
          }
          if (random.chance(0.02)) {
            const from = this.act(d, daysAfter(cursor, random.int(3, 10)), CaseAction.SUSPEND, { reason: "Chờ kết quả giám định của cơ quan chuyên môn" });
            const to = this.act(d, daysAfter(from, random.int(10, 40)), CaseAction.RESUME);
            suspensions.push({ from, to });
            cursor = to;
          }
          const acceptedOn = (d.steps.find((s) => s.step.step === "ACT" && s.step.action === CaseAction.ACCEPT)!.on);
          const due = dueDate({ step: "DENUNCIATION_RESOLUTION", start: acceptedOn, extensions, suspensions }).dueAt;
          const on = late.has(i) ? daysAfter(due, random.int(3, 40)) : later(daysAfter(cursor, 2), daysAfter(due, -random.int(0, Math.max(0, daysFrom(cursor, due) - 2))));
          const number = this.number(d.body.kind === ReceptionBodyKind.RECEPTION_BOARD ? d.unit.ubnd : d.body, on.slice(0, 4), "KL");
          this.act(d, on, CaseAction.CONCLUDE, { result, decisionNumber: number, ...this.enforcement(result, true) });
          d.decision = { number, on, result };
          d.closedOn = on;
        },
      });
    });
    for (let i = 0; i < this.q(q.withdrawn); i++) {
      this.accepted("DENUNCIATION", this.levelBy(shares), {
        inPerson: false,
        end: (d, verifiedOn, due) => {
          d.closedOn = this.act(d, daysAfter(verifiedOn, random.int(2, Math.max(2, daysFrom(verifiedOn, due) - 1))), CaseAction.WITHDRAW, { reason: "Người tố cáo rút toàn bộ nội dung tố cáo" });
        },
      });
    }
    // Terminations follow Law 25/2018 (from 2019): the denounced person died, or the body was dissolved.
    const from2019 = later(this.ctx.start, "2019-01-01") <= this.ctx.end ? later(this.ctx.start, "2019-01-01") : this.ctx.start;
    for (let i = 0; i < this.q(q.terminated); i++) {
      this.accepted("DENUNCIATION", this.levelBy(shares), {
        inPerson: false,
        window: [from2019, this.ctx.end],
        end: (d, verifiedOn, due) => {
          const reason = random.pick(["Người bị tố cáo đã chết, nội dung tố cáo chỉ liên quan đến trách nhiệm của người đó", "Cơ quan, tổ chức bị tố cáo đã giải thể"]);
          d.closedOn = this.act(d, daysAfter(verifiedOn, random.int(2, Math.max(2, daysFrom(verifiedOn, due) - 1))), CaseAction.TERMINATE, { reason });
        },
      });
    }
    const lastDecember = `${this.ctx.options.to}-12`;
    for (let i = 0; i < this.q(q.unresolved); i++) {
      this.accepted("DENUNCIATION", this.levelBy([["province", 25], ["commune", 75]]), { inPerson: false, window: [`${lastDecember}-01`, `${lastDecember}-12`], end: () => undefined });
    }
    for (let i = 0; i < this.q(q.anonymous); i++) {
      this.fit("commune", (window) => {
        const d = this.open("DENUNCIATION", this.levelBy(shares), { field: random.weighted(FIELDS_OF_COMPLAINTS), inPerson: false, anonymous: true, window, contentTypes: ["DENUNCIATION"] });
        if (d) {
          const on = this.classify(d, workingDaysAfter(d.receivedOn, random.int(1, 5)), "DENUNCIATION", { eligible: "NO_NAME_ADDRESS_SIGNATURE" });
          d.closedOn = this.act(d, on, CaseAction.ARCHIVE, { reason: "Đơn tố cáo nặc danh, không có căn cứ để xác minh: lưu đơn" });
        }
        return d;
      });
    }
    this.notAccepted("DENUNCIATION", { guided: this.q(q.guided), refused: this.q(q.refused), archived: this.q(q.archived), urged: this.q(q.urged) }, shares);
  }

  /** Petitions processed without acceptance: guided to the competent body, refused, archived, or a late lower body urged. */
  private notAccepted(kind: "COMPLAINT" | "DENUNCIATION" | "RECOMMENDATION", counts: { guided: number; refused: number; archived: number; urged: number }, shares: [Level, number][]): void {
    const { random } = this;
    const fields = kind === "RECOMMENDATION" ? FIELDS_OF_RECOMMENDATIONS : FIELDS_OF_COMPLAINTS;
    const plan = (outcome: "guided" | "refused" | "archived" | "urged", n: number): void => {
      for (let i = 0; i < n; i++) {
        // Urging needs a body below: only the province and the districts urge.
        const level = outcome === "urged" ? this.levelBy(shares.filter(([l]) => l !== "commune")) : this.levelBy(shares);
        this.fit(level, (window) => {
          const d = this.open(kind, level, { field: random.weighted(fields), inPerson: outcome === "guided" ? random.chance(0.55) : random.chance(0.25), window });
          if (!d) {
            return null;
          }
          const decideOn = workingDaysAfter(d.receivedOn, random.int(1, 9));
          if (outcome === "guided") {
            this.classify(d, workingDaysAfter(d.receivedOn, random.int(0, 1)), kind, { within: false });
            d.closedOn = this.act(d, decideOn, CaseAction.GUIDE, { reason: "Nội dung không thuộc thẩm quyền: hướng dẫn công dân gửi đơn đến cơ quan có thẩm quyền giải quyết" });
          } else if (outcome === "refused") {
            const reason = random.pick(["PAST_TIME_LIMIT", "FINALLY_RESOLVED_NO_NEW_FACTS", "ALREADY_SENT_TO_COMPETENT_BODY"]);
            this.classify(d, workingDaysAfter(d.receivedOn, random.int(0, 1)), kind, { eligible: reason });
            d.closedOn = this.act(d, decideOn, CaseAction.REFUSE, { reason: "Thông báo không thụ lý: đơn không đủ điều kiện thụ lý giải quyết", note: `Thông báo số ${this.number(d.unit.ubnd, decideOn.slice(0, 4), "TB")}` });
          } else if (outcome === "archived") {
            const reason = random.pick(["NO_NAME_ADDRESS_SIGNATURE", "ALREADY_GUIDED", "NO_CONTENT", "ALREADY_SENT_TO_COMPETENT_BODY"]);
            this.classify(d, workingDaysAfter(d.receivedOn, random.int(0, 1)), kind, { eligible: reason });
            d.closedOn = this.act(d, decideOn, CaseAction.ARCHIVE, { reason: "Đơn không đủ điều kiện xử lý: lưu đơn" });
          } else {
            // A late body below: a district while districts exist, otherwise a commune.
            const below = level === "province" && decideOn < DISTRICTS_ABOLISHED_FROM ? this.unit("district") : level === "province" ? this.unit("commune") : this.random.pick(this.ctx.units.commune.filter((c) => c.gazetteer.parentCode === d.unit.gazetteer.code));
            this.classify(d, workingDaysAfter(d.receivedOn, random.int(0, 1)), kind, { within: false });
            d.closedOn = this.act(d, decideOn, CaseAction.URGE, { targetBodyId: below.ubnd.id, reason: `Vụ việc thuộc thẩm quyền của ${below.ubnd.name}, đã quá thời hạn giải quyết: đôn đốc giải quyết, báo cáo kết quả` });
          }
          return d;
        });
      }
    };
    plan("guided", counts.guided);
    plan("refused", counts.refused);
    plan("archived", counts.archived);
    plan("urged", counts.urged);
  }

  private planRecommendations(): void {
    const q = QUOTAS.recommendation;
    const { random } = this;
    const shares: [Level, number][] = [["province", 12], ["district", 33], ["commune", 55]];
    const answered = (level: Level, o: { inPerson: boolean; window?: [string, string]; end?: "withdrawn" | "open" }): void => {
      this.fit(
        level,
        (window) => {
          const d = this.open("RECOMMENDATION", level, { field: random.weighted(FIELDS_OF_RECOMMENDATIONS), inPerson: o.inPerson, large: o.inPerson && random.chance(0.04), window });
          if (!d) {
            return null;
          }
          const classified = this.classify(d, workingDaysAfter(d.receivedOn, random.int(0, 2)), "RECOMMENDATION", {});
          const acceptedOn = this.act(d, workingDaysAfter(classified, random.int(1, 6)), CaseAction.ACCEPT);
          if (o.end === "withdrawn") {
            d.closedOn = this.act(d, daysAfter(acceptedOn, random.int(3, 20)), CaseAction.WITHDRAW, { reason: "Công dân rút kiến nghị do sự việc đã được giải quyết tại cơ sở" });
          } else if (o.end !== "open") {
            const on = daysAfter(acceptedOn, random.int(5, 45));
            d.closedOn = this.act(d, on, CaseAction.ANSWER, { note: `Đã trả lời công dân bằng văn bản số ${this.number(d.body, on.slice(0, 4), "TB")}` });
          }
          return d;
        },
        o.window,
      );
    };
    for (let i = 0; i < this.q(q.answered); i++) {
      answered(this.levelBy(shares), { inPerson: random.chance(0.33) });
    }
    for (let i = 0; i < this.q(q.withdrawn); i++) {
      answered(this.levelBy(shares), { inPerson: false, end: "withdrawn" });
    }
    const lastDecember = `${this.ctx.options.to}-12`;
    for (let i = 0; i < this.q(q.open); i++) {
      answered(this.levelBy([["province", 20], ["commune", 80]]), { inPerson: false, window: [`${lastDecember}-01`, `${lastDecember}-20`], end: "open" });
    }
    this.notAccepted("RECOMMENDATION", { guided: this.q(q.guided), refused: this.q(q.refused), archived: this.q(q.archived), urged: this.q(q.urged) }, shares);
    // The last days of the period: petitions registered, not yet classified or not yet decided.
    const p = QUOTAS.pending;
    for (let i = 0; i < this.q(p.received) + this.q(p.classified); i++) {
      const level = this.levelBy([["province", 20], ["commune", 80]]);
      this.fit(level, (window) => {
        const d = this.open("RECOMMENDATION", level, { field: random.weighted(FIELDS_OF_RECOMMENDATIONS), inPerson: random.chance(0.3), window });
        if (d && i >= this.q(p.received)) {
          this.classify(d, d.receivedOn, "RECOMMENDATION", {});
        }
        return d;
      }, [daysAfter(this.ctx.end, -9), this.ctx.end]);
    }
  }

  /**
   * 2nd-instance complaints: complainants who reject a 1st-instance decision of a commune (before
   * 2025-07-01) or of a district lodge a 2nd complaint with the head one level up within 30 days
   * (Law on Complaints Art. 33), citing the decision; there it is accepted, verified, discussed in a
   * dialogue and decided: upheld or annulled.
   */
  private planSecondInstance(): void {
    const q = QUOTAS.complaint;
    const results = [...Array<string>(this.q(q.upheld)).fill("UPHELD"), ...Array<string>(this.q(q.annulled)).fill("ANNULLED_OR_AMENDED")];
    const candidates = this.random.shuffle(
      this.drafts.filter((d) => d.decision && d.decision.result !== "RIGHT" && d.unit.level !== "province" && d.body.kind !== ReceptionBodyKind.SPECIALISED_AGENCY && d.signers.length > 0),
    );
    for (const result of results) {
      const first = candidates.find((d) => {
        const upper = this.upperOf(d);
        return upper !== null && daysAfter(d.decision!.on, 100) <= this.ctx.until(upper.level);
      });
      if (!first) {
        throw new Error("no 1st-instance decision left to take to the 2nd instance");
      }
      candidates.splice(candidates.indexOf(first), 1);
      const upper = this.upperOf(first)!;
      const decision = first.decision!;
      this.accepted("COMPLAINT", upper.level, {
        inPerson: false,
        instance: 2,
        unit: upper,
        body: upper.ubnd,
        signers: first.signers,
        window: [daysAfter(decision.on, 5), daysAfter(decision.on, 28)],
        content: () =>
          `Khiếu nại lần hai đối với Quyết định giải quyết khiếu nại lần đầu số ${decision.number} ngày ${decision.on.split("-").reverse().join("/")} của Chủ tịch ${first.unit.ubnd.name}. ` +
          "Người khiếu nại không đồng ý với kết quả giải quyết lần đầu, đề nghị xem xét lại.",
        end: this.decideComplaint(result, false),
      });
    }
  }

  /** The unit whose head decides a 2nd complaint against a decision of `d`'s unit. */
  private upperOf(d: Draft): Unit | null {
    if (d.unit.level === "commune") {
      const district = this.ctx.units.district.find((u) => u.gazetteer.code === d.unit.gazetteer.parentCode);
      return district && d.decision!.on < DISTRICTS_ABOLISHED_FROM ? district : this.ctx.units.province[0]!;
    }
    return d.unit.level === "district" ? this.ctx.units.province[0]! : null;
  }

  /** The same people come back on the same matter, by post or at the desk: linked to the case, not a new one. */
  private planRepeats(): void {
    const { random } = this;
    const pool = this.drafts.filter((d) => d.signers.length > 0);
    // Decided and still open matters come back more often than answered ones.
    const draw = weightedPicker(random, pool.map((d) => [d, d.decision || d.closedOn === null ? 3 : 1] as const));
    let largeLeft = this.q(QUOTAS.largeGroups.repeats);
    for (let i = 0; i < this.q(QUOTAS.repeats); i++) {
      const d = draw();
      const until = earlier(this.ctx.until(d.unit.level), daysAfter(d.closedOn ?? d.lastOn, 240));
      const on = this.ctx.days.draw(random, daysAfter(d.receivedOn, 10), until);
      if (!on) {
        continue;
      }
      const input = { content: `Đơn gửi lần ${random.int(2, 4)}: ${(d.petition.input.content as string).slice(0, 400)}`, contentTypes: d.petition.input.contentTypes ?? null, petitioners: d.signers.slice(0, 3) };
      let petition: HistoricPetition;
      if (random.chance(0.4)) {
        const large = largeLeft > 0 && random.chance(0.15);
        const session = this.sessionFor(d.unit, d.unit.desk, on, large);
        if (session.date > until) {
          continue;
        }
        largeLeft -= large ? 1 : 0;
        const persons = large ? largeGroupSize(random) : Math.min(4, input.petitioners.length + (random.chance(0.3) ? 1 : 0));
        petition = { lodged: "AT_VISIT", sessionRef: session.ref, visit: this.count(this.visitFields(persons, VisitOutcome.RECEIVED_FOR_PROCESSING, true)), input };
        this.add(d, session.date, { step: "REPEAT", petition });
      } else {
        petition = { lodged: "AT_BODY", input: { ...input, bodyId: d.body.id, source: random.weighted(SOURCES_BY_POST), receivedOn: on } };
        this.add(d, on, { step: "REPEAT", petition });
      }
    }
  }

  /** Visits on a known matter: documents brought in while it is open, told it is resolved after, a few refused with notice. */
  private planFollowUps(): void {
    const { random } = this;
    const pool = this.drafts.filter((d) => d.signers.length > 0);
    let largeLeft = this.q(QUOTAS.largeGroups.followUps);
    for (let i = 0, tries = 0; i < this.q(QUOTAS.followUps) && pool.length > 0 && tries < 100 * this.q(QUOTAS.followUps) + 100; i++, tries++) {
      const d = random.pick(pool);
      const until = earlier(this.ctx.until(d.unit.level), daysAfter(d.closedOn ?? this.ctx.end, 365));
      const on = this.ctx.days.draw(random, daysAfter(d.receivedOn, 5), until);
      if (!on) {
        i -= 1;
        continue;
      }
      const large = largeLeft > 0 && random.chance(0.05);
      const session = this.sessionFor(d.unit, d.unit.desk, on, large);
      if (session.date > until) {
        i -= 1;
        continue;
      }
      largeLeft -= large ? 1 : 0;
      const resolved = d.closedOn !== null && d.closedOn < session.date;
      const refused = resolved && d.decision !== undefined && random.chance(0.06);
      const outcome = refused ? VisitOutcome.REFUSED_WITH_NOTICE : resolved ? (random.chance(0.85) ? VisitOutcome.TOLD_RESOLVED : VisitOutcome.GUIDED) : random.chance(0.5) ? VisitOutcome.RECEIVED_FOR_PROCESSING : VisitOutcome.GUIDED;
      const persons = large ? largeGroupSize(random) : random.weighted([[1, 70], [2, 22], [3, 6], [4, 2]] as const);
      const note = refused ? `Thông báo từ chối tiếp số ${this.number(d.unit.ubnd, session.date.slice(0, 4), "TB")}: vụ việc đã được giải quyết đúng chính sách, pháp luật` : undefined;
      this.histories[d.unit.level].visits.push({ sessionRef: session.ref, caseRef: d.ref, ...this.count(this.visitFields(persons, outcome, true, note)) });
    }
  }

  /**
   * The Party secretaries' visitors: exactly the published citizens, at few of the scheduled
   * sessions (most receive nobody) and at most unscheduled ones; some hand in a recommendation.
   */
  private planPartyVisits(): void {
    const { random } = this;
    const r = this.targets.reception;
    // Unscheduled: one visit each at most of them.
    const unscheduledPersons = this.q(r.partyUnscheduledCitizens);
    const withVisitors = Math.min(this.partyUnscheduled.length, Math.round(unscheduledPersons * 0.915));
    const sessions = random.shuffle(this.partyUnscheduled).slice(0, withVisitors);
    if (sessions.length > 0) {
      splitPersons(random, unscheduledPersons, sessions.length, 3).forEach((persons, i) => {
        this.partyVisit(sessions[i]!, persons);
      });
    }
    // Scheduled: recommendations handed in, a few groups, then single visitors to the exact total.
    let persons = this.q(r.partyCitizens) - unscheduledPersons;
    const receiving = random.shuffle(this.partyScheduled).slice(0, Math.round(persons * 0.62));
    const pick = (): (typeof receiving)[number] => random.pick(receiving);
    for (let i = 0; i < this.q(QUOTAS.recommendation.atPartySessions); i++) {
      // A session early enough for the answer to come within the period.
      let s = pick();
      for (let tries = 0; daysAfter(s.date, 60) > this.ctx.until(s.unit.level) && tries < 100; tries++) {
        s = pick();
      }
      const d = this.open("RECOMMENDATION", s.unit.level, { field: "PARTY_MASS_ORGANISATIONS", inPerson: true, body: s.unit.capUy, unit: s.unit, session: s, window: [s.date, s.date] })!;
      if (d.petition.lodged === "AT_VISIT") {
        d.petition.visit = this.visitFields(Math.min(3, d.signers.length + (random.chance(0.2) ? 1 : 0)), VisitOutcome.RECEIVED_FOR_PROCESSING, false);
        persons -= d.petition.visit.persons;
      }
      const classified = this.classify(d, workingDaysAfter(s.date, 1), "RECOMMENDATION", {});
      const acceptedOn = this.act(d, workingDaysAfter(classified, random.int(1, 4)), CaseAction.ACCEPT);
      d.closedOn = this.act(d, daysAfter(acceptedOn, random.int(5, 30)), CaseAction.ANSWER, { note: "Đã chỉ đạo cấp ủy cơ sở kiểm tra, trả lời công dân" });
      this.keep(d);
    }
    for (let i = 0; i < this.q(QUOTAS.largeGroups.partySessions); i++) {
      const size = random.int(5, 8);
      this.partyVisit(pick(), size);
      persons -= size;
    }
    const visits = Math.round(persons / 1.3);
    splitPersons(random, persons, visits, 3).forEach((n) => this.partyVisit(pick(), n));
  }

  private partyVisit(s: { unit: Unit; ref: string }, persons: number): void {
    const outcome = this.random.weighted([[VisitOutcome.GUIDED, 70], [VisitOutcome.TOLD_RESOLVED, 20], [VisitOutcome.RECEIVED_FOR_PROCESSING, 10]] as const);
    this.histories[s.unit.level].visits.push({ sessionRef: s.ref, persons, representatives: representativesOf(this.random, persons), repeatVisit: outcome === VisitOutcome.TOLD_RESOLVED, outcome });
  }

  /** Everyone else received at the State's desks and reception days, to the published persons and large groups. */
  private planFillVisits(): void {
    const { random, ctx } = this;
    const r = this.targets.reception;
    const party = this.q(r.partyCitizens);
    const partyLarge = this.q(QUOTAS.largeGroups.partySessions);
    const place = (persons: number, outcome: VisitOutcome, repeatVisit: boolean): void => {
      const level = this.levelBy([["province", 12], ["district", 30], ["commune", 58]]);
      const unit = this.unit(level);
      const on = ctx.days.draw(random, ctx.start, ctx.until(level))!;
      const body = level !== "commune" && random.chance(0.12) && unit.agencies.length > 0 ? random.pick(unit.agencies) : unit.desk;
      const session = this.sessionFor(unit, body, on, persons >= 5);
      this.histories[level].visits.push({ sessionRef: session.ref, ...this.count(this.visitFields(persons, outcome, repeatVisit)) });
    };
    const outcome = (): [VisitOutcome, boolean] => random.weighted([[[VisitOutcome.GUIDED, false], 68], [[VisitOutcome.GUIDED, true], 12], [[VisitOutcome.TOLD_RESOLVED, true], 20]] as const) as [VisitOutcome, boolean];
    const largeLeft = this.q(r.largeGroups) - partyLarge - this.stateLargeGroups;
    for (let i = 0; i < largeLeft; i++) {
      place(largeGroupSize(random), ...outcome());
    }
    const persons = this.q(r.persons) - party - this.statePersons;
    if (persons > 0) {
      const counts = splitPersons(random, persons, Math.max(1, Math.round(persons / 1.33)), 4);
      for (const n of counts) {
        place(n, ...outcome());
      }
    }
  }
}

/** Checks that the quotas give the published figures: a change to either must keep them in step. */
function checkQuotas(figures: PublishedFigures): void {
  const c = QUOTAS.complaint;
  const d = QUOTAS.denunciation;
  const decided = c.right + c.partlyRight + c.wrong + c.upheld + c.annulled;
  const complaints = { toResolve: decided + c.withdrawnAfterPersuasion + c.withdrawn + c.unresolved, resolved: decided + c.withdrawnAfterPersuasion + c.withdrawn, withdrawnAfterPersuasion: c.withdrawnAfterPersuasion };
  const concluded = d.right + d.partlyRight + d.wrong;
  const denunciations = { toResolve: concluded + d.withdrawn + d.terminated + d.unresolved, resolved: concluded + d.withdrawn + d.terminated };
  if (JSON.stringify(complaints) !== JSON.stringify(figures.complaints) || JSON.stringify(denunciations) !== JSON.stringify(figures.denunciations)) {
    throw new Error(`the quotas give ${JSON.stringify({ complaints, denunciations })}, not the published ${JSON.stringify(figures)}`);
  }
}

/** A province's plan over a period, from a seed: the same options give the same records. */
export function planProvince(options: PlanOptions): ProvincePlan {
  const figures = options.figures ?? NINH_BINH_2014_2024;
  checkQuotas(figures);
  const ctx = new PlanContext(options);
  const volume = options.volume ?? 1;
  const scale = (n: number): number => Math.round(n * volume);
  const targets: PublishedFigures = {
    complaints: {
      toResolve: scale(QUOTAS.complaint.right) + scale(QUOTAS.complaint.partlyRight) + scale(QUOTAS.complaint.wrong) + scale(QUOTAS.complaint.upheld) + scale(QUOTAS.complaint.annulled) + scale(QUOTAS.complaint.withdrawnAfterPersuasion) + scale(QUOTAS.complaint.withdrawn) + scale(QUOTAS.complaint.unresolved),
      resolved: 0,
      withdrawnAfterPersuasion: scale(QUOTAS.complaint.withdrawnAfterPersuasion),
    },
    denunciations: {
      toResolve: scale(QUOTAS.denunciation.right) + scale(QUOTAS.denunciation.partlyRight) + scale(QUOTAS.denunciation.wrong) + scale(QUOTAS.denunciation.withdrawn) + scale(QUOTAS.denunciation.terminated) + scale(QUOTAS.denunciation.unresolved),
      resolved: 0,
    },
    reception: Object.fromEntries(Object.entries(figures.reception).map(([k, v]) => [k, scale(v)])) as PublishedFigures["reception"],
  };
  targets.complaints.resolved = targets.complaints.toResolve - scale(QUOTAS.complaint.unresolved);
  targets.denunciations.resolved = targets.denunciations.toResolve - scale(QUOTAS.denunciation.unresolved);
  // Leaders of every body and term the period needs, registered before any replica is drawn.
  for (const level of LEVELS) {
    for (const unit of ctx.units[level]) {
      for (const month of ctx.days.months(ctx.until(level))) {
        const date = `${month}-15`;
        ctx.leader(unit, LeaderRole.CHAIRMAN, date);
        ctx.leader(unit, LeaderRole.PARTY_SECRETARY, date);
        for (const agency of level === "commune" ? [] : unit.agencies) {
          ctx.agencyHead(unit, agency, date);
        }
      }
    }
  }
  let schedule: Schedule | undefined;
  return {
    period: { from: ctx.start, to: ctx.end },
    districtsUntil: ctx.districtsUntil,
    leaders: ctx.leaders,
    targets,
    replica: (index) => {
      if (index === 0 || !schedule) {
        const first = new ReplicaBuilder(ctx, targets, 0, volume);
        const histories = first.build();
        schedule ??= first.scheduleOf();
        if (index === 0) {
          return histories;
        }
      }
      return new ReplicaBuilder(ctx, targets, index, volume, schedule).build();
    },
  };
}
