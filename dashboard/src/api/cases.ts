import { useCallback, useEffect, useRef, useState } from "react";

import type { CaseFilter, CaseRowFragment } from "../gql/graphql";
import type { Level } from "../router";
import { execute } from "./client";
import { CasePageCommune, CasePageDistrictThreeLevel, CasePageProvince } from "./operations";

/** The API's orders of a case list (CaseOrder). */
export type ServerOrder = "RECEIVED_DESC" | "DAYS_LATE_DESC";

/** A case in a list, whatever its level. */
export type CaseRow = CaseRowFragment & { summary: string; dueStep?: string | null };

/** One page of one level's list. */
interface Page {
  total: number;
  rows: CaseRow[];
  endCursor: string | null;
  hasNext: boolean;
}

/** Reads one page of a level's case list. */
export async function casePage(level: Level, filter: CaseFilter, first: number, after: string | null, signal?: AbortSignal, orderBy?: ServerOrder): Promise<Page> {
  // orderBy only when asked: an API without CaseOrder still answers the default order.
  const vars = orderBy ? { first, after, filter, orderBy } : { first, after, filter };
  const connection =
    level === "PROVINCE"
      ? (await execute(CasePageProvince, vars, signal)).data.provinceCases
      : level === "DISTRICT"
        ? (await execute(CasePageDistrictThreeLevel, vars, signal)).data.districtCases
        : (await execute(CasePageCommune, vars, signal)).data.communeCases;
  return {
    total: connection.totalCount,
    rows: connection.edges.map((e) => e.node),
    endCursor: connection.pageInfo.endCursor ?? null,
    hasNext: connection.pageInfo.hasNextPage,
  };
}

/** How a merged list is sorted. */
export type CaseOrder = "received" | "daysLate";

/** Days past the due date (0 when not late), from the API's daysLate (or daysLeft before it had one). */
export function daysLate(row: Pick<CaseRow, "daysLeft" | "overdue"> & { daysLate?: number | null }): number {
  if (row.daysLate !== undefined && row.daysLate !== null) {
    return row.daysLate;
  }
  return row.overdue && row.daysLeft !== null && row.daysLeft !== undefined ? Math.max(0, -row.daysLeft) : 0;
}

const COMPARE: Record<CaseOrder, (a: CaseRow, b: CaseRow) => number> = {
  // The API's own order: newest receipt first, then id (descending).
  received: (a, b) => (a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : -1) : a.receivedAt < b.receivedAt ? 1 : -1),
  daysLate: (a, b) => daysLate(b) - daysLate(a) || (a.dueAt ?? "").localeCompare(b.dueAt ?? "") || a.id.localeCompare(b.id),
};

/** One level's part of a merged list. */
export interface CaseSource {
  level: Level;
  filter: CaseFilter;
}

const PAGE = 50;
/** The API's largest page. */
const MAX_PAGE = 200;

/** The state of a list merged from several levels. */
export interface MergedCases {
  rows: CaseRow[];
  /** Cases matching, all levels and pages. */
  total: number | undefined;
  totals: Partial<Record<Level, number>>;
  loading: boolean;
  error: Error | undefined;
  hasMore: boolean;
  /** Sorted on the page, not by the server: only the first MAX_PAGE of each level are in order. */
  partial: boolean;
  more(): void;
}

/**
 * The cases of several levels as one list, `PAGE` at a time. With `serverSorted` each level's list
 * comes in `order` already, and the pages are merged (k-way) so the whole list is in order.
 * Without it (an API that sorts only by receipt), a days-late order is made on the page from the
 * first MAX_PAGE cases of each level, and `partial` says when a level had more.
 */
export function useMergedCases(sources: CaseSource[], order: CaseOrder, serverSorted: boolean): MergedCases {
  const key = JSON.stringify({ sources, order, serverSorted });
  const [state, setState] = useState<{ rows: CaseRow[]; total?: number; totals: Partial<Record<Level, number>>; loading: boolean; error?: Error; hasMore: boolean; partial: boolean }>({
    rows: [],
    totals: {},
    loading: true,
    hasMore: false,
    partial: false,
  });
  const work = useRef<{ key: string; buffers: CaseRow[][]; cursors: (string | null)[]; hasNext: boolean[]; started: boolean[]; rows: CaseRow[]; controller: AbortController } | null>(null);

  const fill = useCallback(
    async (target: number) => {
      const w = work.current;
      if (!w) {
        return;
      }
      const clientSorted = order !== "received" && !serverSorted;
      setState((s) => ({ ...s, loading: true }));
      try {
        const totals: Partial<Record<Level, number>> = {};
        let partial = false;
        while (w.rows.length < target) {
          // Every level whose buffer ran dry and that has more gets its next page (in parallel).
          await Promise.all(
            sources.map(async (source, i) => {
              if (w.buffers[i]!.length === 0 && w.hasNext[i]) {
                const page = await casePage(
                  source.level,
                  source.filter,
                  clientSorted ? MAX_PAGE : PAGE,
                  w.cursors[i]!,
                  w.controller.signal,
                  serverSorted && order === "daysLate" ? "DAYS_LATE_DESC" : undefined,
                );
                w.started[i] = true;
                w.buffers[i] = page.rows;
                w.cursors[i] = page.endCursor;
                w.hasNext[i] = clientSorted ? false : page.hasNext;
                totals[source.level] = page.total;
                if (clientSorted && page.total > page.rows.length) {
                  partial = true;
                }
                if (clientSorted) {
                  w.buffers[i]!.sort(COMPARE[order]);
                }
              }
            }),
          );
          let best = -1;
          for (let i = 0; i < sources.length; i++) {
            const head = w.buffers[i]![0];
            if (head && (best < 0 || COMPARE[order](head, w.buffers[best]![0]!) < 0)) {
              best = i;
            }
          }
          if (best < 0) {
            break;
          }
          w.rows.push(w.buffers[best]!.shift()!);
        }
        if (work.current !== w) {
          return;
        }
        setState((s) => {
          const allTotals = { ...s.totals, ...totals };
          const complete = sources.every((src) => allTotals[src.level] !== undefined);
          return {
            rows: [...w.rows],
            totals: allTotals,
            total: complete ? Object.values(allTotals).reduce((a, b) => a + (b ?? 0), 0) : undefined,
            loading: false,
            hasMore: w.buffers.some((b) => b.length > 0) || w.hasNext.some(Boolean),
            partial: s.partial || partial,
          };
        });
      } catch (error) {
        if (work.current === w && !w.controller.signal.aborted) {
          setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error : new Error(String(error)) }));
        }
      }
    },
    // The sources are part of `key`.
    [key],
  );

  useEffect(() => {
    const w = {
      key,
      buffers: sources.map(() => [] as CaseRow[]),
      cursors: sources.map(() => null),
      hasNext: sources.map(() => true),
      started: sources.map(() => false),
      rows: [] as CaseRow[],
      controller: new AbortController(),
    };
    work.current = w;
    setState({ rows: [], totals: {}, loading: true, hasMore: false, partial: false });
    void fill(PAGE);
    return () => w.controller.abort();
    // `key` stands for the sources and the order.
  }, [key]);

  const more = useCallback(() => {
    const w = work.current;
    if (w) {
      void fill(w.rows.length + PAGE);
    }
  }, [fill]);

  return { ...state, total: state.total, error: state.error, more };
}
