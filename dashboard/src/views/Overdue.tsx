import { useMemo } from "react";

import { useCapabilities } from "../api/capabilities";
import { type CaseSource, useMergedCases } from "../api/cases";
import { levelsOf } from "../api/counts";
import { type Scope, codesFor } from "../api/scope";
import { CaseTable } from "../components/CaseTable";
import { Loadable } from "../components/Status";
import type { Sector } from "../gql/graphql";
import { formatCount } from "../i18n/format";
import { useI18n } from "../i18n";
import { href, navigate } from "../router";

const SECTORS: Sector[] = [
  "NATURAL_RESOURCES_ENVIRONMENT",
  "CONSTRUCTION",
  "LABOUR_INVALIDS_SOCIAL",
  "JUSTICE",
  "AGRICULTURE",
  "FINANCE",
  "HOME_AFFAIRS",
  "EDUCATION",
  "HEALTH",
  "INDUSTRY_TRADE",
  "TRANSPORT",
  "ECONOMY_INFRASTRUCTURE",
];

/** Every case overdue now in the scope, most days late first, filterable by unit and sector. */
export function OverdueList({ scope, params }: { scope: Scope; params: URLSearchParams }) {
  const { t, label } = useI18n();
  const caps = useCapabilities();
  const only = params.get("only") ?? undefined;
  const sector = (params.get("sector") as Sector | null) ?? undefined;
  const period = params.get("period") ?? "";
  const codes = codesFor(scope, only);
  const sources = useMemo<CaseSource[]>(
    () =>
      levelsOf(codes)
        .filter((l) => l !== "DISTRICT" || caps.districts)
        .map((level) => ({ level, filter: { overdue: true, unitCodes: codes[level], ...(sector ? { sectors: [sector] } : {}) } })),
    // Compared by content: the codes are a new object on every render.
    [JSON.stringify(codes), sector, caps.districts],
  );
  const list = useMergedCases(sources, "daysLate", caps.caseOrder);
  const set = (name: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(name, value);
    } else {
      next.delete(name);
    }
    navigate(href("overdue", Object.fromEntries(next)), { replace: true });
  };

  return (
    <section className="card">
      <div className="card-head">
        <h2>{t("overdue.title")}</h2>
        <span className="muted">{t("overdue.sorted")}</span>
      </div>
      <div className="filters">
        <label>
          <span>{t("overdue.unit")}</span>
          <select value={only ?? ""} onChange={(e) => set("only", e.target.value)} data-testid="filter-unit">
            <option value="">{t("overdue.allUnits")}</option>
            {scope.units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.parent ? "\u2003" : ""}
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("overdue.sector")}</span>
          <select value={sector ?? ""} onChange={(e) => set("sector", e.target.value)} data-testid="filter-sector">
            <option value="">{t("overdue.allSectors")}</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {label("sector", s)}
              </option>
            ))}
          </select>
        </label>
        <p className="count" data-testid="case-count">
          {list.total === undefined ? "…" : t("cases.count", { n: formatCount(list.total) })}
        </p>
      </div>
      {list.partial && <p className="notice warn small">{t("overdue.partial", { n: 200 })}</p>}
      <Loadable loading={list.loading && list.rows.length === 0} error={list.error} testId="overdue">
        {list.rows.length === 0 ? <p className="muted">{t("cases.none")}</p> : <CaseTable rows={list.rows} keep={{ unit: scope.code, period }} lateFirst />}
        {list.total !== undefined && list.rows.length > 0 && (
          <div className="more">
            <span className="muted">{t("cases.showing", { shown: formatCount(list.rows.length), total: formatCount(list.total) })}</span>
            {list.hasMore && (
              <button type="button" onClick={list.more} disabled={list.loading} data-testid="more">
                {t("cases.more")}
              </button>
            )}
          </div>
        )}
      </Loadable>
    </section>
  );
}
