import { BarChart, LineChart, SankeyChart } from "echarts/charts";
import { DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only the parts of ECharts the dashboard draws, so the bundle carries no more.
echarts.use([BarChart, LineChart, SankeyChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, MarkAreaComponent, CanvasRenderer]);

/** The options of a chart (ECharts' own type). */
export type ChartOption = echarts.EChartsCoreOption;

/** What a click on a chart element says: its series, name and data. */
export interface ChartClick {
  seriesName?: string;
  seriesIndex?: number;
  name: string;
  dataIndex: number;
  data: unknown;
}

/** An ECharts chart that follows its container's size and reports clicks. */
export function EChart({ option, onClick, height = 320, testId, label }: { option: ChartOption; onClick?: (click: ChartClick) => void; height?: number; testId?: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current!;
    const instance = echarts.init(el, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (params) => clickRef.current?.(params as unknown as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} className={onClick ? "chart clickable" : "chart"} style={{ height }} data-testid={testId} role="img" aria-label={label} />;
}
