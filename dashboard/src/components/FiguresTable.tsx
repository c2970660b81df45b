import type { ReactNode } from "react";

import { useCapabilities } from "../api/capabilities";
import type { HeadlineFragment } from "../gql/graphql";
import { formatCount, formatRate } from "../i18n/format";
import { useI18n } from "../i18n";
import { type CaseListSpec, type Figure, figureHref } from "../links";
import { Link } from "../router";

/** One row of a figures table. */
export interface FiguresRow {
  key: string;
  label: ReactNode;
  figures: HeadlineFragment | null | undefined;
  /** Overdue now, when known for the row. */
  overdue?: number;
  /** The row's overdue list. */
  casesTo?: string;
  /** The cases the row counts (unit, levels): its resolution figures open their lists. */
  list?: Omit<CaseListSpec, "title">;
  total?: boolean;
  indent?: boolean;
}

/** The headline figures of several rows (levels, or the units under the scope) side by side. */
export function FiguresTable({ rows, testId, showOverdue }: { rows: FiguresRow[]; testId: string; showOverdue?: boolean }) {
  const { t } = useI18n();
  const caps = useCapabilities();
  /** A resolution figure, a link to its cases when the row has a list and the API can filter it so. */
  const figure = (row: FiguresRow, name: Figure, value: number | undefined): ReactNode =>
    row.list && caps.figureLists && value !== undefined ? (
      <Link to={figureHref(name, row.list)} title={t("kpi.openList")}>
        {formatCount(value)}
      </Link>
    ) : (
      formatCount(value)
    );
  return (
    // Long lists (a province's 143 communes) scroll inside the card, under their header.
    <div className={rows.length > 15 ? "table-wrap tall" : "table-wrap"}>
      <table className="figures" data-testid={testId}>
        <thead>
          <tr>
            <th className="label">{t("col.unit")}</th>
            <th>{t("col.persons")}</th>
            <th>{t("col.largeGroups")}</th>
            <th>{t("col.petitions")}</th>
            <th>{t("col.complaintsAccepted")}</th>
            <th>{t("col.complaintsResolved")}</th>
            <th>{t("col.denunciationsAccepted")}</th>
            <th>{t("col.denunciationsResolved")}</th>
            <th>{t("col.resolutionRate")}</th>
            <th>{t("col.onTimeRate")}</th>
            <th>{t("col.withdrawn")}</th>
            {showOverdue && <th>{t("col.overdue")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const f = row.figures;
            const c = f?.complaints;
            const d = f?.denunciations;
            // One rate over complaints and denunciations together, from the summed counts.
            const toResolve = (c?.toResolve ?? 0) + (d?.toResolve ?? 0);
            const decided = (c?.onTime ?? 0) + (c?.late ?? 0) + (d?.onTime ?? 0) + (d?.late ?? 0);
            const resolved = (c?.resolved ?? 0) + (d?.resolved ?? 0);
            return (
              <tr key={row.key} className={`${row.total ? "total" : ""}${row.indent ? " indent" : ""}`} data-testid={`${testId}-row-${row.key}`}>
                <th className="label" scope="row">
                  {row.label}
                </th>
                <td data-col="persons">{formatCount(f?.reception.persons)}</td>
                <td data-col="largeGroups">{formatCount(f?.reception.largeGroups)}</td>
                <td data-col="petitions">{formatCount(f?.processing.petitionsReceived)}</td>
                <td data-col="complaintsAccepted">{figure(row, "complaintsAccepted", c?.newlyAccepted)}</td>
                <td data-col="complaintsResolved">{figure(row, "complaintsResolved", c?.resolved)}</td>
                <td data-col="denunciationsAccepted">{figure(row, "denunciationsAccepted", d?.newlyAccepted)}</td>
                <td data-col="denunciationsResolved">{figure(row, "denunciationsResolved", d?.resolved)}</td>
                <td data-col="resolutionRate">{f ? formatRate(toResolve ? resolved / toResolve : null) : "–"}</td>
                <td data-col="onTimeRate">{f ? formatRate(decided ? ((c?.onTime ?? 0) + (d?.onTime ?? 0)) / decided : null) : "–"}</td>
                <td data-col="withdrawn">{f ? figure(row, "withdrawn", (c?.withdrawnAfterPersuasion ?? 0) + (d?.withdrawnAfterPersuasion ?? 0)) : "–"}</td>
                {showOverdue && (
                  <td data-col="overdue" className={row.overdue ? "alert" : undefined}>
                    {row.overdue === undefined ? "" : row.casesTo ? <Link to={row.casesTo}>{formatCount(row.overdue)}</Link> : formatCount(row.overdue)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
