import type { CaseKind, CaseStatus, Sector } from "./gql/graphql";
import type { MessageKey } from "./i18n/vi";
import { type Level, href } from "./router";

/** What a case list shows: a figure's cases, described by a filter the API understands. */
export interface CaseListSpec {
  unit: string;
  period: string;
  /** Levels listed (all of the scope's when absent). */
  levels?: Level[];
  statuses?: readonly CaseStatus[];
  kinds?: readonly CaseKind[];
  overdue?: boolean;
  /** "period": received in the period; "toEnd": received by its last day. */
  received?: "period" | "toEnd";
  sector?: Sector;
  /** Only this unit's cases (a district or commune under the scope). */
  only?: string;
  /** What the list is, for its heading. */
  title?: MessageKey;
}

/** The URL of a case list. */
export function casesHref(spec: CaseListSpec): string {
  return href("cases", {
    unit: spec.unit,
    period: spec.period,
    levels: spec.levels?.join(","),
    statuses: spec.statuses?.join(","),
    kinds: spec.kinds?.join(","),
    overdue: spec.overdue ? "1" : undefined,
    received: spec.received,
    sector: spec.sector,
    only: spec.only,
    title: spec.title,
  });
}

/** Reads a case list's spec back from its URL parameters. */
export function parseCaseList(params: URLSearchParams, defaults: { unit: string; period: string }): CaseListSpec {
  const list = <T extends string>(name: string): T[] | undefined => params.get(name)?.split(",").filter(Boolean) as T[] | undefined;
  const received = params.get("received");
  return {
    unit: params.get("unit") ?? defaults.unit,
    period: params.get("period") ?? defaults.period,
    levels: list<Level>("levels"),
    statuses: list<CaseStatus>("statuses"),
    kinds: list<CaseKind>("kinds"),
    overdue: params.get("overdue") === "1",
    received: received === "period" || received === "toEnd" ? received : undefined,
    sector: (params.get("sector") as Sector | null) ?? undefined,
    only: params.get("only") ?? undefined,
    title: (params.get("title") as MessageKey | null) ?? undefined,
  };
}
