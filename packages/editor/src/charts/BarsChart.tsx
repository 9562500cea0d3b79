import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_HEIGHT, seriesStyle } from "./chart-styles.ts";
import { formatCount, formatRate } from "./format.ts";

export type BarSeries = { key: string; label: string };

/**
 * Counts as bars: across (`layout: "horizontal"`, one bar group per category along the bottom) or down the page (the
 * funnel, where step names need width); `stacked` piles the series (messages per channel on a day).
 */
export function BarsChart({
  rows,
  category,
  series,
  layout = "horizontal",
  stacked = false,
  categoryFormat,
  values = "count",
}: {
  rows: ReadonlyArray<Record<string, string | number>>;
  category: string;
  series: readonly BarSeries[];
  layout?: "horizontal" | "vertical";
  stacked?: boolean;
  categoryFormat?: (value: string | number) => string;
  /** Whether the bars are counts or shares between 0 and 1 (a split's conversion rates). */
  values?: "count" | "rate";
}) {
  const format = values === "rate" ? (n: number) => formatRate(n) : formatCount;
  const down = layout === "vertical";
  // Down the page, every category gets a readable row, and one category is not a wall of colour.
  const height = down ? rows.length * (series.length * 16 + 20) + 64 : CHART_HEIGHT;
  const categoryAxis = {
    dataKey: category,
    tick: { fontSize: 12, fill: "#4a5263" },
    tickFormatter: categoryFormat ? (v: string | number) => categoryFormat(v) : undefined,
  };
  const valueAxis = {
    tick: { fontSize: 12, fill: "#4a5263" },
    tickFormatter: format,
    allowDecimals: values === "rate",
  };
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={[...rows]} layout={layout} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e3e6ec" horizontal={!down} vertical={down} />
        {down ? (
          <>
            <XAxis type="number" {...valueAxis} />
            <YAxis type="category" width={180} {...categoryAxis} />
          </>
        ) : (
          <>
            <XAxis {...categoryAxis} minTickGap={16} />
            <YAxis width={64} {...valueAxis} />
          </>
        )}
        <Tooltip
          labelFormatter={(v) => (categoryFormat ? categoryFormat(v as string | number) : String(v))}
          formatter={(value) => (typeof value === "number" ? format(value) : String(value))}
        />
        {(series.length > 1 || stacked) && <Legend wrapperStyle={{ fontSize: 12 }} />}
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={seriesStyle(i).color}
            stackId={stacked ? "all" : undefined}
            maxBarSize={56}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
