import type { Level } from "../router";
import { useCapabilities } from "./capabilities";
import { useQuery } from "./client";
import { CommuneUnit, CommuneUnitThreeLevel, DistrictUnitsThreeLevel, ProvinceUnits, ProvinceUnitsThreeLevel } from "./operations";

/** A unit by code and name. */
export interface UnitRef {
  code: string;
  name: string;
  level: Level;
  /** The unit above, when the scope lists it (a commune's district). */
  parent?: string;
}

/** The unit the dashboard looks at, the units above it and the unit codes of each level under it. */
export interface Scope {
  level: Level;
  code: string;
  name: string;
  /** From the province down to this unit. */
  path: UnitRef[];
  /** The units one level down: districts (or communes without districts) of a province, communes of a district. */
  children: UnitRef[];
  /** Every unit under the scope, by level: what the case lists filter on (unitCodes). */
  codes: Partial<Record<Level, string[]>>;
  /** Every unit of the scope and under it, for the unit filter of the overdue list. */
  units: UnitRef[];
}

/** The level of a statistics office code: 2 digits province, 3 district, 5 commune. */
export function levelOfCode(code: string): Level {
  return code.length <= 2 ? "PROVINCE" : code.length === 3 ? "DISTRICT" : "COMMUNE";
}

/** Loads a scope's units (one small request); `undefined` while loading. */
export function useScope(code: string): { scope?: Scope; error?: Error; loading: boolean; reload(): void } {
  const caps = useCapabilities();
  const level = levelOfCode(code);
  const vars = { code };
  const p3 = useQuery(level === "PROVINCE" && caps.districts ? ProvinceUnitsThreeLevel : null, vars);
  const p2 = useQuery(level === "PROVINCE" && !caps.districts ? ProvinceUnits : null, vars);
  const d3 = useQuery(level === "DISTRICT" && caps.districts ? DistrictUnitsThreeLevel : null, vars);
  const c3 = useQuery(level === "COMMUNE" && caps.districts ? CommuneUnitThreeLevel : null, vars);
  const c2 = useQuery(level === "COMMUNE" && !caps.districts ? CommuneUnit : null, vars);
  const error = p3.error ?? p2.error ?? d3.error ?? c3.error ?? c2.error ?? (level === "DISTRICT" && !caps.districts ? new Error(`District ${code}: the graph has no district level`) : undefined);
  const loading = p3.loading || p2.loading || d3.loading || c3.loading || c2.loading;
  const reload = (): void => [p3, p2, d3, c3, c2].forEach((q) => q.reload());
  const ref = (u: { code: string; fullName: string }, l: Level): UnitRef => ({ code: u.code, name: u.fullName, level: l });

  let scope: Scope | undefined;
  if (p3.data) {
    const p = p3.data.province;
    const districts = p.districts ?? [];
    const communes = districts.flatMap((d) => (d.communes ?? []).map((c) => ref(c, "COMMUNE")));
    scope = {
      level,
      code: p.code,
      name: p.fullName,
      path: [ref(p, "PROVINCE")],
      children: districts.map((d) => ref(d, "DISTRICT")),
      codes: { PROVINCE: [p.code], DISTRICT: districts.map((d) => d.code), COMMUNE: communes.map((c) => c.code) },
      units: [ref(p, "PROVINCE"), ...districts.flatMap((d) => [ref(d, "DISTRICT"), ...(d.communes ?? []).map((c) => ({ ...ref(c, "COMMUNE"), parent: d.code }))])],
    };
  } else if (p2.data) {
    const p = p2.data.province;
    const communes = (p.communes ?? []).map((c) => ref(c, "COMMUNE"));
    scope = {
      level,
      code: p.code,
      name: p.fullName,
      path: [ref(p, "PROVINCE")],
      children: communes,
      codes: { PROVINCE: [p.code], COMMUNE: communes.map((c) => c.code) },
      units: [ref(p, "PROVINCE"), ...communes],
    };
  } else if (d3.data) {
    const d = d3.data.district;
    const communes = (d.communes ?? []).map((c) => ref(c, "COMMUNE"));
    const province = d.province ? [ref(d.province, "PROVINCE")] : [];
    scope = {
      level,
      code: d.code,
      name: d.fullName,
      path: [...province, ref(d, "DISTRICT")],
      children: communes,
      codes: { DISTRICT: [d.code], COMMUNE: communes.map((c) => c.code) },
      units: [ref(d, "DISTRICT"), ...communes.map((c) => ({ ...c, parent: d.code }))],
    };
  } else if (c3.data ?? c2.data) {
    const c = (c3.data ?? c2.data)!.commune;
    const district = c3.data?.commune.district;
    scope = {
      level,
      code: c.code,
      name: c.fullName,
      path: [...(c.province ? [ref(c.province, "PROVINCE")] : []), ...(district ? [ref(district, "DISTRICT")] : []), ref(c, "COMMUNE")],
      children: [],
      codes: { COMMUNE: [c.code] },
      units: [ref(c, "COMMUNE")],
    };
  }
  return { scope, error, loading, reload };
}

/** The unit codes of each level a list covers: the whole scope, or one unit under it and its communes. */
export function codesFor(scope: Scope, only?: string): Partial<Record<Level, string[]>> {
  if (!only || only === scope.code || !scope.units.some((u) => u.code === only)) {
    return scope.codes;
  }
  const level = levelOfCode(only);
  if (level === "DISTRICT") {
    return { DISTRICT: [only], COMMUNE: scope.units.filter((u) => u.parent === only).map((u) => u.code) };
  }
  return { [level]: [only] };
}
