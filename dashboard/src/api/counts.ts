import { useEffect, useState } from "react";

import type { CaseFilter, CaseStatus } from "../gql/graphql";
import type { Level } from "../router";
import { casePage } from "./cases";
import { execute } from "./client";
import {
  StatusCountsCommune,
  StatusCountsDistrictThreeLevel,
  StatusCountsProvince,
  StatusGroupsCommune,
  StatusGroupsDistrictThreeLevel,
  StatusGroupsProvince,
} from "./operations";

/** Statuses grouped the way a manager reads them. */
export const STATUS_GROUPS = {
  PENDING: ["RECEIVED", "CLASSIFIED"],
  ACTIVE: ["ACCEPTED", "VERIFYING", "DIALOGUE", "SUSPENDED"],
  DONE: ["DECIDED", "CONCLUDED", "RESOLVED", "WITHDRAWN", "TERMINATED"],
  CLOSED: ["TRANSFERRED", "GUIDED", "URGED", "ARCHIVED", "NOT_ACCEPTED", "RETURNED"],
} as const satisfies Record<string, readonly CaseStatus[]>;
/** A key of STATUS_GROUPS. */
export type StatusGroup = keyof typeof STATUS_GROUPS;
/** The groups in display order. */
export const GROUP_ORDER: StatusGroup[] = ["PENDING", "ACTIVE", "DONE", "CLOSED"];

/** The levels of a scope, top down. */
export function levelsOf(codes: Partial<Record<Level, string[]>>): Level[] {
  return (["PROVINCE", "DISTRICT", "COMMUNE"] as const).filter((l) => (codes[l]?.length ?? 0) > 0);
}

/** A level's filter narrowed to the scope's units of that level. */
export function scoped(filter: CaseFilter, codes: string[]): CaseFilter {
  return { ...filter, unitCodes: filter.unitCodes ? filter.unitCodes.filter((c) => codes.includes(String(c))) : codes };
}

/** The state of an asynchronous read. */
export interface AsyncState<T> {
  data?: T;
  error?: Error;
  loading: boolean;
}

/** Runs `run` when `key` changes; `skip` leaves it idle. */
export function useAsync<T>(key: string, run: (signal: AbortSignal) => Promise<T>, skip = false): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T> & { key?: string }>({ loading: !skip });
  useEffect(() => {
    if (skip) {
      setState({ loading: false, key });
      return undefined;
    }
    const controller = new AbortController();
    setState({ loading: true, key });
    run(controller.signal).then(
      (data) => setState({ data, loading: false, key }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false, key });
        }
      },
    );
    return () => controller.abort();
    // `key` stands for everything `run` reads.
  }, [key, skip]);
  return state.key === key ? state : { loading: !skip };
}

/** How many cases match a filter at each level of a scope (one count per level, in parallel). */
export function useLevelCounts(codes: Partial<Record<Level, string[]>> | undefined, filter: CaseFilter): AsyncState<Partial<Record<Level, number>>> {
  return useAsync(
    JSON.stringify({ codes, filter }),
    async (signal) => {
      const levels = levelsOf(codes ?? {});
      const totals = await Promise.all(levels.map((l) => casePage(l, scoped(filter, codes![l]!), 1, null, signal).then((p) => p.total)));
      return Object.fromEntries(levels.map((l, i) => [l, totals[i]!])) as Partial<Record<Level, number>>;
    },
    !codes,
  );
}

const GROUP_OF = new Map<string, StatusGroup>(GROUP_ORDER.flatMap((g) => STATUS_GROUPS[g].map((s) => [s, g] as const)));

/** One level's counts by status (`<level>CaseStatusCounts`, one request), added up by group. */
async function groupsFromStatusCounts(level: Level, filter: CaseFilter, signal: AbortSignal): Promise<Record<StatusGroup, number>> {
  const vars = { filter };
  const rows =
    level === "PROVINCE"
      ? (await execute(StatusCountsProvince, vars, signal)).data.provinceCaseStatusCounts
      : level === "DISTRICT"
        ? (await execute(StatusCountsDistrictThreeLevel, vars, signal)).data.districtCaseStatusCounts
        : (await execute(StatusCountsCommune, vars, signal)).data.communeCaseStatusCounts;
  const out: Record<StatusGroup, number> = { PENDING: 0, ACTIVE: 0, DONE: 0, CLOSED: 0 };
  for (const row of rows) {
    out[GROUP_OF.get(row.status) ?? "CLOSED"] += row.count;
  }
  return out;
}

/**
 * Cases of each status group at each level of a scope: one `<level>CaseStatusCounts` per level
 * when the graph has it, else one count per group.
 */
export function useStatusGroups(codes: Partial<Record<Level, string[]>> | undefined, filter: CaseFilter, withStatusCounts: boolean): AsyncState<Partial<Record<Level, Record<StatusGroup, number>>>> {
  return useAsync(
    JSON.stringify({ codes, filter, withStatusCounts }),
    async (signal) => {
      const levels = levelsOf(codes ?? {});
      const results = await Promise.all(
        levels.map(async (level) => {
          const base = scoped(filter, codes![level]!);
          if (withStatusCounts) {
            return groupsFromStatusCounts(level, base, signal);
          }
          const vars = {
            pending: { ...base, statuses: [...STATUS_GROUPS.PENDING] },
            active: { ...base, statuses: [...STATUS_GROUPS.ACTIVE] },
            done: { ...base, statuses: [...STATUS_GROUPS.DONE] },
            closed: { ...base, statuses: [...STATUS_GROUPS.CLOSED] },
          };
          const data =
            level === "PROVINCE"
              ? (await execute(StatusGroupsProvince, vars, signal)).data
              : level === "DISTRICT"
                ? (await execute(StatusGroupsDistrictThreeLevel, vars, signal)).data
                : (await execute(StatusGroupsCommune, vars, signal)).data;
          return { PENDING: data.pending.totalCount, ACTIVE: data.active.totalCount, DONE: data.done.totalCount, CLOSED: data.closed.totalCount };
        }),
      );
      return Object.fromEntries(levels.map((l, i) => [l, results[i]!])) as Partial<Record<Level, Record<StatusGroup, number>>>;
    },
    !codes,
  );
}
