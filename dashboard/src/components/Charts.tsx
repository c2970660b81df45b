import { useMemo } from "react";

import { GROUP_ORDER, type StatusGroup } from "../api/counts";
import type { HeadlineFragment } from "../gql/graphql";
import { formatCount, formatDecimal } from "../i18n/format";
import { useI18n } from "../i18n";
import type { Level } from "../router";
import { type ChartClick, type ChartOption, EChart } from "./EChart";

/** Colours shared by every chart: levels and status groups keep theirs everywhere. */
export const LEVEL_COLOURS: Record<Level, string> = { PROVINCE: "#1d4e89", DISTRICT: "#3b8bc2", COMMUNE: "#7cc0c4" };
const GROUP_COLOURS: Record<StatusGroup, string> = { PENDING: "#f0a43a", ACTIVE: "#3a78d1", DONE: "#3b9a5c", CLOSED: "#9aa5b1" };
const FONT = "'Be Vietnam Pro', system-ui, sans-serif";
const TEXT = { fontFamily: FONT, color: "#334155" };

/** Cases of each level by status group, stacked; a click opens that part's cases. */
export function StatusChart({ counts, onOpen }: { counts: Partial<Record<Level, Record<StatusGroup, number>>>; onOpen(level: Level, group: StatusGroup): void }) {
  const { t, lang } = useI18n();
  const levels = (["PROVINCE", "DISTRICT", "COMMUNE"] as const).filter((l) => counts[l]);
  const option = useMemo<ChartOption>(
    () => ({
      textStyle: TEXT,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: unknown) => formatCount(Number(v)) },
      legend: { bottom: 0, textStyle: TEXT },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: levels.map((l) => t(`level.${l}`)), axisLabel: TEXT },
      yAxis: { type: "value", minInterval: 1, axisLabel: { ...TEXT, formatter: (v: number) => formatCount(v) } },
      series: GROUP_ORDER.map((g) => ({
        name: t(`group.${g}`),
        type: "bar",
        stack: "status",
        barMaxWidth: 64,
        itemStyle: { color: GROUP_COLOURS[g] },
        emphasis: { focus: "series" },
        data: levels.map((l) => counts[l]![g]),
      })),
    }),
    // `lang` changes every label.
    [counts, lang],
  );
  const click = (c: ChartClick): void => {
    const level = levels[c.dataIndex];
    const group = GROUP_ORDER[c.seriesIndex ?? -1];
    if (level && group) {
      onOpen(level, group);
    }
  };
  return <EChart option={option} onClick={click} testId="chart-status" label={t("chart.status")} />;
}

/** A unit's rates from its summed counts (complaints and denunciations together). */
export function rates(f: HeadlineFragment | null | undefined): { resolution: number | null; onTime: number | null } {
  if (!f) {
    return { resolution: null, onTime: null };
  }
  const c = f.complaints;
  const d = f.denunciations;
  const toResolve = c.toResolve + d.toResolve;
  const decided = c.onTime + c.late + d.onTime + d.late;
  return { resolution: toResolve ? (c.resolved + d.resolved) / toResolve : null, onTime: decided ? (c.onTime + d.onTime) / decided : null };
}

/** Resolution and on-time rates of the units under the scope; a click drills down. */
export function RatesChart({ units, onOpen }: { units: { code: string; name: string; figures: HeadlineFragment | null | undefined }[]; onOpen(code: string): void }) {
  const { t, lang } = useI18n();
  const many = units.length > 12;
  const option = useMemo<ChartOption>(() => {
    const names = units.map((u) => u.name);
    const pct = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 10);
    const category = { type: "category", data: names, axisLabel: { ...TEXT, interval: 0, rotate: many ? 0 : 20, width: 120, overflow: "truncate" }, inverse: many };
    const value = { type: "value", max: 100, axisLabel: { ...TEXT, formatter: (v: number) => `${formatDecimal(v).replace(/,0$/, "")}%` } };
    return {
      textStyle: TEXT,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: unknown) => (v === null || v === undefined ? "–" : `${formatDecimal(Number(v))}%`) },
      legend: { bottom: 0, textStyle: TEXT },
      grid: { left: 8, right: many ? 40 : 16, top: 16, bottom: many ? 40 : 48, containLabel: true },
      xAxis: many ? value : category,
      yAxis: many ? category : value,
      dataZoom: many ? [{ type: "slider", yAxisIndex: 0, right: 4, width: 14, startValue: 0, endValue: 14, showDetail: false }, { type: "inside", yAxisIndex: 0 }] : [],
      series: [
        { name: t("chart.rates.resolution"), type: "bar", itemStyle: { color: "#1d4e89" }, data: units.map((u) => pct(rates(u.figures).resolution)) },
        { name: t("chart.rates.onTime"), type: "bar", itemStyle: { color: "#3b9a5c" }, data: units.map((u) => pct(rates(u.figures).onTime)) },
      ],
    };
  }, [units, lang, many]);
  return <EChart option={option} onClick={(c) => units[c.dataIndex] && onOpen(units[c.dataIndex]!.code)} height={many ? 420 : 320} testId="chart-rates" label={t("chart.rates")} />;
}

/** Petitions and citizens received in each month of the year; the selected period shaded. */
export function MonthlyChart({ months, span }: { months: { petitions: number; persons: number }[]; span: [number, number] }) {
  const { t, lang } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const labels = months.map((_, i) => t("chart.month", { m: i + 1 }));
    return {
      textStyle: TEXT,
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => formatCount(Number(v)) },
      legend: { bottom: 0, textStyle: TEXT },
      grid: { left: 8, right: 8, top: 24, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: labels, axisLabel: TEXT },
      yAxis: [
        { type: "value", minInterval: 1, axisLabel: { ...TEXT, formatter: (v: number) => formatCount(v) } },
        { type: "value", minInterval: 1, splitLine: { show: false }, axisLabel: { ...TEXT, formatter: (v: number) => formatCount(v) } },
      ],
      series: [
        {
          name: t("chart.monthly.petitions"),
          type: "bar",
          itemStyle: { color: "#3a78d1" },
          data: months.map((m) => m.petitions),
          markArea: span[0] === 1 && span[1] === 12 ? undefined : { silent: true, itemStyle: { color: "rgba(240, 164, 58, 0.12)" }, data: [[{ xAxis: labels[span[0] - 1] }, { xAxis: labels[span[1] - 1] }]] },
        },
        { name: t("chart.monthly.persons"), type: "line", yAxisIndex: 1, itemStyle: { color: "#f0a43a" }, data: months.map((m) => m.persons) },
      ],
    };
  }, [months, span, lang]);
  return <EChart option={option} testId="chart-monthly" label={t("chart.monthly")} />;
}

/** One flow of transfers between two levels. */
export interface Flow {
  fromLevel: Level;
  toLevel: Level;
  count: number;
}

/** Transfers between levels as a Sankey diagram: senders on the left, receivers on the right. */
export function FlowChart({ flows }: { flows: Flow[] }) {
  const { t, lang } = useI18n();
  const option = useMemo<ChartOption>(() => {
    // Senders and receivers are separate nodes, so flows both ways (and sideways) never make a cycle.
    const used = new Set<string>();
    const links = flows
      .filter((f) => f.count > 0)
      .map((f) => {
        used.add(`from:${f.fromLevel}`);
        used.add(`to:${f.toLevel}`);
        return { source: `from:${f.fromLevel}`, target: `to:${f.toLevel}`, value: f.count };
      });
    const levelName = (l: Level): string => t(`level.${l}`).toLowerCase();
    const nodes = [...used].map((id) => {
      const [side, level] = id.split(":") as ["from" | "to", Level];
      return { name: id, label: { formatter: t(side === "from" ? "chart.flows.from" : "chart.flows.to", { level: levelName(level) }) }, itemStyle: { color: LEVEL_COLOURS[level] } };
    });
    return {
      textStyle: TEXT,
      tooltip: {
        trigger: "item",
        formatter: (p: { dataType: string; data: { source?: string; target?: string; value?: number }; value: number }) => {
          if (p.dataType !== "edge") {
            return "";
          }
          const [, from] = (p.data.source ?? "").split(":") as [string, Level];
          const [, to] = (p.data.target ?? "").split(":") as [string, Level];
          return `${t(`level.${from}`)} → ${t(`level.${to}`)}: <b>${formatCount(p.value)}</b>`;
        },
      },
      series: [
        {
          type: "sankey",
          left: 8,
          right: 120,
          top: 16,
          bottom: 16,
          nodeWidth: 16,
          nodeGap: 18,
          emphasis: { focus: "adjacency" },
          lineStyle: { color: "gradient", opacity: 0.45, curveness: 0.5 },
          label: TEXT,
          data: nodes,
          links,
        },
      ],
    };
  }, [flows, lang]);
  return (
    <>
      <EChart option={option} testId="chart-flows" label={t("chart.flows")} height={260} />
      <ul className="flow-list">
        {flows
          .filter((f) => f.count > 0)
          .map((f) => (
            <li key={`${f.fromLevel}-${f.toLevel}`} data-testid={`flow-${f.fromLevel}-${f.toLevel}`}>
              <span>
                {t(`level.${f.fromLevel}`)} → {t(`level.${f.toLevel}`)}
              </span>
              <strong>{formatCount(f.count)}</strong>
            </li>
          ))}
      </ul>
    </>
  );
}
