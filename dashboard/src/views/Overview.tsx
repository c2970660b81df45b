import { useMemo } from "react";

import { useCapabilities } from "../api/capabilities";
import { useQuery } from "../api/client";
import { STATUS_GROUPS, type StatusGroup, useLevelCounts, useStatusGroups } from "../api/counts";
import { CommuneDashboard, DistrictDashboardThreeLevel, MonthlyCommune, MonthlyDistrictThreeLevel, MonthlyProvince, MonthlyProvinceThreeLevel, ProvinceDashboard, ProvinceDashboardThreeLevel } from "../api/operations";
import type { Scope } from "../api/scope";
import { useTransferFlows } from "../api/flows";
import { FlowChart, MonthlyChart, RatesChart, StatusChart } from "../components/Charts";
import { Downloads } from "../components/Downloads";
import { type FiguresRow, FiguresTable } from "../components/FiguresTable";
import { Kpis } from "../components/Kpis";
import { Loadable, PartialNotice } from "../components/Status";
import type { HeadlineFragment, IntakeFragment } from "../gql/graphql";
import { formatDate } from "../i18n/format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/vi";
import { casesHref } from "../links";
import { monthSpan, monthsOf, periodRange } from "../period";
import { type Level, Link, href, navigate } from "../router";

interface Report {
  from: string;
  to: string;
  total: HeadlineFragment | null | undefined;
  rows: { key: string; label: MessageKey; figures: HeadlineFragment | null | undefined; level?: Level; indent?: boolean }[];
  children: { code: string; name: string; figures: HeadlineFragment | null | undefined }[];
}

/** The report of the scope's unit, one request whatever the level and profile. */
function useReport(scope: Scope, period: string) {
  const caps = useCapabilities();
  const vars = { code: scope.code, period };
  const p3 = useQuery(scope.level === "PROVINCE" && caps.districts ? ProvinceDashboardThreeLevel : null, vars);
  const p2 = useQuery(scope.level === "PROVINCE" && !caps.districts ? ProvinceDashboard : null, vars);
  const d3 = useQuery(scope.level === "DISTRICT" ? DistrictDashboardThreeLevel : null, vars);
  const c = useQuery(scope.level === "COMMUNE" ? CommuneDashboard : null, vars);
  const q = scope.level === "PROVINCE" ? (caps.districts ? p3 : p2) : scope.level === "DISTRICT" ? d3 : c;
  let report: Report | undefined;
  if (p3.data && scope.level === "PROVINCE" && caps.districts) {
    const r = p3.data.province.report;
    report = {
      from: r.from,
      to: r.to,
      total: r.total,
      rows: [
        { key: "provincialCommittee", label: "row.provincialCommittee", figures: r.provincialCommittee, indent: true },
        { key: "departments", label: "row.departments", figures: r.departments, indent: true },
        { key: "provinceLevel", label: "row.provinceLevel", figures: r.provinceLevel, level: "PROVINCE" },
        { key: "districtLevel", label: "row.districtLevel", figures: r.districtLevel, level: "DISTRICT" },
        { key: "communeLevel", label: "row.communeLevel", figures: r.communeLevel, level: "COMMUNE" },
      ],
      children: (p3.data.province.districts ?? []).map((d) => ({ code: d.code, name: d.fullName, figures: d.report.total })),
    };
  } else if (p2.data && scope.level === "PROVINCE") {
    const r = p2.data.province.report;
    report = {
      from: r.from,
      to: r.to,
      total: r.total,
      rows: [
        { key: "provincialCommittee", label: "row.provincialCommittee", figures: r.provincialCommittee, indent: true },
        { key: "departments", label: "row.departments", figures: r.departments, indent: true },
        { key: "provinceLevel", label: "row.provinceLevel", figures: r.provinceLevel, level: "PROVINCE" },
        { key: "communeLevel", label: "row.communeLevel", figures: r.communeLevel, level: "COMMUNE" },
      ],
      children: (p2.data.province.communes ?? []).map((x) => ({ code: x.code, name: x.fullName, figures: x.report.total })),
    };
  } else if (d3.data && scope.level === "DISTRICT") {
    const r = d3.data.district.report;
    report = {
      from: r.from,
      to: r.to,
      total: r.total,
      rows: [
        { key: "districtCommittee", label: "row.districtCommittee", figures: r.districtCommittee, indent: true },
        { key: "offices", label: "row.offices", figures: r.offices, indent: true },
        { key: "districtLevel", label: "row.districtLevel", figures: r.districtLevel, level: "DISTRICT" },
        { key: "communeLevel", label: "row.communeLevel", figures: r.communeLevel, level: "COMMUNE" },
      ],
      children: (d3.data.district.communes ?? []).map((x) => ({ code: x.code, name: x.fullName, figures: x.report.total })),
    };
  } else if (c.data && scope.level === "COMMUNE") {
    const r = c.data.commune.report;
    report = { from: r.from, to: r.to, total: r.total, rows: [], children: [] };
  }
  return { report, errors: q.errors, error: q.error, loading: q.loading, reload: q.reload };
}

type Month = { petitions: number; persons: number };

/** Petitions and citizens of each month of the year, summed over the levels of the scope. */
function useMonthly(scope: Scope, period: string): { months?: Month[]; loading: boolean; error?: Error } {
  const caps = useCapabilities();
  const vars = { code: scope.code, ...monthsOf(period) };
  const p3 = useQuery(scope.level === "PROVINCE" && caps.districts ? MonthlyProvinceThreeLevel : null, vars);
  const p2 = useQuery(scope.level === "PROVINCE" && !caps.districts ? MonthlyProvince : null, vars);
  const d3 = useQuery(scope.level === "DISTRICT" ? MonthlyDistrictThreeLevel : null, vars);
  const c = useQuery(scope.level === "COMMUNE" ? MonthlyCommune : null, vars);
  const q = scope.level === "PROVINCE" ? (caps.districts ? p3 : p2) : scope.level === "DISTRICT" ? d3 : c;
  const unit = (p3.data?.province ?? p2.data?.province ?? d3.data?.district ?? c.data?.commune) as Record<string, Partial<Record<string, IntakeFragment | null>>> | undefined;
  const months = unit
    ? Array.from({ length: 12 }, (_, i) => {
        const parts = Object.values(unit[`m${i + 1}`] ?? {}).filter((p): p is IntakeFragment => !!p && typeof p === "object");
        return { petitions: parts.reduce((s, p) => s + p.processing.petitionsReceived, 0), persons: parts.reduce((s, p) => s + p.reception.persons, 0) };
      })
    : undefined;
  return { months, loading: q.loading, error: q.error };
}

const TOTAL_LABEL: Record<Level, MessageKey> = { PROVINCE: "row.total.province", DISTRICT: "row.total.district", COMMUNE: "row.total.commune" };

/** The overview of a province, district or commune for a period: figures, levels, units, charts, forms. */
export function Overview({ scope, period, periodLabel }: { scope: Scope; period: string; periodLabel: string }) {
  const { t } = useI18n();
  const caps = useCapabilities();
  const { report, errors, error, loading, reload } = useReport(scope, period);
  const range = periodRange(period);
  const overdue = useLevelCounts(scope.codes, { overdue: true });
  const received = useMemo(() => ({ receivedFrom: range.from, receivedTo: range.to }), [range.from, range.to]);
  const groups = useStatusGroups(scope.codes, received, caps.statusCounts);
  const monthly = useMonthly(scope, period);
  const flows = useTransferFlows(scope, period);
  const overdueTotal = overdue.data ? Object.values(overdue.data).reduce((a, b) => a + (b ?? 0), 0) : undefined;
  const list = { unit: scope.code, period };

  const levelRows: FiguresRow[] = report
    ? [
        ...report.rows.map((r) => ({
          key: r.key,
          label: r.level ? <Link to={casesHref({ ...list, levels: [r.level], received: "period", title: "kpi.petitions" })}>{t(r.label)}</Link> : t(r.label),
          figures: r.figures,
          indent: r.indent,
          overdue: r.level ? overdue.data?.[r.level] : undefined,
          casesTo: r.level ? casesHref({ ...list, levels: [r.level], overdue: true, title: "kpi.overdue" }) : undefined,
          list: r.level ? { ...list, levels: [r.level] } : undefined,
        })),
        { key: "total", label: t(TOTAL_LABEL[scope.level]), figures: report.total, total: true, overdue: overdueTotal, casesTo: casesHref({ ...list, overdue: true, title: "kpi.overdue" }), list },
      ]
    : [];
  const childRows: FiguresRow[] = (report?.children ?? []).map((u) => ({
    key: u.code,
    label: (
      <Link to={href("", { unit: u.code, period })} data-testid={`drill-${u.code}`}>
        {u.name}
      </Link>
    ),
    figures: u.figures,
    // A unit's report counts its own bodies and those under it: the list of its own scope.
    list: { unit: u.code, period },
  }));
  const childLevel = scope.children[0]?.level;
  const openGroup = (level: Level, group: StatusGroup): void =>
    navigate(casesHref({ ...list, levels: [level], statuses: STATUS_GROUPS[group], received: "period", title: `group.${group}` }));

  return (
    <Loadable loading={loading && !report} error={error} reload={reload} testId="overview">
      <PartialNotice errors={errors} />
      <section className="card" aria-labelledby="headline">
        <div className="card-head">
          <h2 id="headline">{t("section.headline")}</h2>
          {report && (
            <span className="muted" data-testid="period-range">
              {t("period.label", { from: formatDate(report.from), to: formatDate(report.to) })}
            </span>
          )}
        </div>
        {report?.total && <Kpis figures={report.total} overdue={overdueTotal} list={list} />}
      </section>

      {levelRows.length > 1 && (
        <section className="card">
          <h2>{t("section.levels")}</h2>
          <FiguresTable rows={levelRows} testId="levels" showOverdue />
          <p className="muted small">{t("table.ratesNote")}</p>
        </section>
      )}

      <div className="grid-2">
        <section className="card">
          <h2>{t("chart.status")}</h2>
          <p className="muted small">
            {t("chart.status.note")} · {t("chart.clickHint")}
          </p>
          <Loadable loading={groups.loading} error={groups.error}>
            {groups.data && <StatusChart counts={groups.data} onOpen={openGroup} />}
          </Loadable>
        </section>
        <section className="card">
          <h2>{t("chart.monthly")}</h2>
          <p className="muted small">{periodLabel}</p>
          <Loadable loading={monthly.loading} error={monthly.error}>
            {monthly.months && <MonthlyChart months={monthly.months} span={monthSpan(period)} />}
          </Loadable>
        </section>
      </div>

      {childRows.length > 0 && childLevel && (
        <section className="card">
          <h2>{t(childLevel === "DISTRICT" ? "chart.rates.districts" : "chart.rates.communes")}</h2>
          <RatesChart units={report!.children} onOpen={(code) => navigate(href("", { unit: code, period }))} />
        </section>
      )}

      <div className="grid-2">
        <section className="card">
          <h2>{t("chart.flows")}</h2>
          {!caps.transferFlows ? (
            <p className="muted" data-testid="flows-unavailable">
              {t("chart.flows.unavailable")}
            </p>
          ) : (
            <Loadable loading={flows.loading} error={flows.error}>
              {flows.data && flows.data.some((f) => f.count > 0) ? (
                <FlowChart flows={flows.data} />
              ) : (
                <p className="muted" data-testid="flows-none">
                  {t("chart.flows.none")}
                </p>
              )}
            </Loadable>
          )}
        </section>
        <Downloads unit={scope.code} unitName={scope.name} period={period} periodLabel={periodLabel} />
      </div>

      {childRows.length > 0 && childLevel && (
        <section className="card">
          <h2>{t(childLevel === "DISTRICT" ? "section.children.districts" : "section.children.communes")}</h2>
          <FiguresTable rows={childRows} testId="children" />
        </section>
      )}
    </Loadable>
  );
}
