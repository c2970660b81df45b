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
  /** Received in the period. */
  received?: "period";
  /** Accepted (thụ lý) in the period: the forms' newlyAccepted. */
  accepted?: "period";
  /** Resolved in the period: the forms' resolved. */
  resolved?: "period";
  /** Withdrawn after explanation and persuasion. */
  persuaded?: boolean;
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
    accepted: spec.accepted,
    resolved: spec.resolved,
    persuaded: spec.persuaded ? "1" : undefined,
    sector: spec.sector,
    only: spec.only,
    title: spec.title,
  });
}

/** Reads a case list's spec back from its URL parameters. */
export function parseCaseList(params: URLSearchParams, defaults: { unit: string; period: string }): CaseListSpec {
  const list = <T extends string>(name: string): T[] | undefined => params.get(name)?.split(",").filter(Boolean) as T[] | undefined;
  const inPeriod = (name: string): "period" | undefined => (params.get(name) === "period" ? "period" : undefined);
  return {
    unit: params.get("unit") ?? defaults.unit,
    period: params.get("period") ?? defaults.period,
    levels: list<Level>("levels"),
    statuses: list<CaseStatus>("statuses"),
    kinds: list<CaseKind>("kinds"),
    overdue: params.get("overdue") === "1",
    received: inPeriod("received"),
    accepted: inPeriod("accepted"),
    resolved: inPeriod("resolved"),
    persuaded: params.get("persuaded") === "1",
    sector: (params.get("sector") as Sector | null) ?? undefined,
    only: params.get("only") ?? undefined,
    title: (params.get("title") as MessageKey | null) ?? undefined,
  };
}

/** The figures of the resolution forms whose cases a list holds exactly: its count is the figure. */
export type Figure = "complaintsAccepted" | "complaintsResolved" | "denunciationsAccepted" | "denunciationsResolved" | "withdrawn";

/**
 * Each figure's list, as the forms count it (01/KQGQ, 03/KQGQ): accepted in the period
 * (`newlyAccepted`), resolved in the period (`resolved`), withdrawn after persuasion and resolved in
 * the period (`withdrawnAfterPersuasion`, complaints and denunciations).
 */
const FIGURE_LISTS: Readonly<Record<Figure, Omit<CaseListSpec, "unit" | "period">>> = {
  complaintsAccepted: { kinds: ["COMPLAINT"], accepted: "period", title: "list.complaintsAccepted" },
  complaintsResolved: { kinds: ["COMPLAINT"], resolved: "period", title: "list.complaintsResolved" },
  denunciationsAccepted: { kinds: ["DENUNCIATION"], accepted: "period", title: "list.denunciationsAccepted" },
  denunciationsResolved: { kinds: ["DENUNCIATION"], resolved: "period", title: "list.denunciationsResolved" },
  withdrawn: { kinds: ["COMPLAINT", "DENUNCIATION"], resolved: "period", persuaded: true, title: "kpi.withdrawn" },
};

/** The URL of a figure's cases, in the scope, levels or unit of `base`. */
export function figureHref(figure: Figure, base: Omit<CaseListSpec, "title">): string {
  return casesHref({ ...base, ...FIGURE_LISTS[figure] });
}
