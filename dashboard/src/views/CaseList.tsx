import { useMemo } from "react";

import { useCapabilities } from "../api/capabilities";
import { type CaseSource, useMergedCases } from "../api/cases";
import { levelsOf } from "../api/counts";
import { type Scope, codesFor } from "../api/scope";
import { CaseTable } from "../components/CaseTable";
import { Loadable } from "../components/Status";
import { formatCount, formatDate } from "../i18n/format";
import { useI18n } from "../i18n";
import { parseCaseList } from "../links";
import { periodRange } from "../period";
import { Link, href } from "../router";

/** The cases behind a figure: the scope's levels (or one), filtered as the figure says. */
export function CaseList({ scope, params, defaults }: { scope: Scope; params: URLSearchParams; defaults: { unit: string; period: string } }) {
  const { t, label } = useI18n();
  const caps = useCapabilities();
  const spec = parseCaseList(params, defaults);
  const range = periodRange(spec.period);
  const codes = codesFor(scope, spec.only);
  const sources = useMemo<CaseSource[]>(
    () =>
      levelsOf(codes)
        .filter((l) => !spec.levels || spec.levels.includes(l))
        .filter((l) => l !== "DISTRICT" || caps.districts)
        .map((level) => ({
          level,
          filter: {
            unitCodes: codes[level],
            ...(spec.statuses ? { statuses: [...spec.statuses] } : {}),
            ...(spec.kinds ? { kinds: [...spec.kinds] } : {}),
            ...(spec.overdue ? { overdue: true } : {}),
            ...(spec.sector ? { sectors: [spec.sector] } : {}),
            ...(spec.received ? { receivedFrom: range.from, receivedTo: range.to } : {}),
            ...(spec.accepted ? { acceptedFrom: range.from, acceptedTo: range.to } : {}),
            ...(spec.resolved ? { resolvedFrom: range.from, resolvedTo: range.to } : {}),
            ...(spec.persuaded ? { withdrawnAfterPersuasion: true } : {}),
          },
        })),
    // The parsed URL is a new object on every render: its content is the dependency.
    [JSON.stringify({ codes, spec, range }), caps.districts],
  );
  const list = useMergedCases(sources, "received", false);
  const keep = { unit: spec.unit, period: spec.period };
  const dates = `${formatDate(range.from)} – ${formatDate(range.to)}`;
  const words = [
    ...(spec.levels ?? []).map((l) => label("level", l)),
    ...(spec.kinds ?? []).map((k) => label("kind", k)),
    ...(spec.statuses ?? []).map((s) => label("status", s)),
    ...(spec.overdue ? [t("cases.filter.overdue")] : []),
    ...(spec.sector ? [label("sector", spec.sector)] : []),
    ...(spec.persuaded ? [t("cases.filter.persuaded")] : []),
    ...(spec.received ? [`${t("cases.filter.period")} (${dates})`] : []),
    ...(spec.accepted ? [`${t("cases.filter.accepted")} (${dates})`] : []),
    ...(spec.resolved ? [`${t("cases.filter.resolved")} (${dates})`] : []),
  ];

  return (
    <section className="card">
      <div className="card-head">
        <h2>
          {spec.title ? t(spec.title) : t("cases.title")} · {scope.name}
        </h2>
        <Link to={href("", keep)} className="button-link">
          ← {t("nav.overview")}
        </Link>
      </div>
      <p className="muted" data-testid="case-filter">
        {t("cases.filter")}: {words.join(" · ") || "–"}
      </p>
      <p className="count" data-testid="case-count">
        {list.total === undefined ? "…" : t("cases.count", { n: formatCount(list.total) })}
      </p>
      <Loadable loading={list.loading && list.rows.length === 0} error={list.error} testId="cases">
        {list.rows.length === 0 ? <p className="muted">{t("cases.none")}</p> : <CaseTable rows={list.rows} keep={keep} />}
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
