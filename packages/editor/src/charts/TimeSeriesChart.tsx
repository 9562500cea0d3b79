import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { durationTicks } from "./axis-ticks.ts";
import { CHART_HEIGHT, seriesStyle } from "./chart-styles.ts";
import { formatBucket, formatCount, formatDuration, formatRate } from "./format.ts";

/** A value's kind on the y axis: every series of one chart shares it. */
export type ValueKind = "count" | "rate" | "duration";

export type TimeSeries = { key: string; label: string };

const FORMAT: Record<ValueKind, (n: number) => string> = {
  count: formatCount,
  rate: (n) => formatRate(n),
  duration: (n) => formatDuration(n),
};

/**
 * Lines over time, one per series, from rows `{ at, [key]: value | null }`; a null is a gap (a bucket with nothing to
 * divide by), not a zero.
 */
export function TimeSeriesChart({
  rows,
  series,
  kind,
  interval,
}: {
  rows: ReadonlyArray<{ at: number } & Record<string, number | null>>;
  series: readonly TimeSeries[];
  kind: ValueKind;
  interval: "hour" | "day" | "week";
}) {
  const format = FORMAT[kind];
  const durationAxis =
    kind === "duration" ? durationTicks(Math.max(0, ...rows.flatMap((r) => series.map((s) => r[s.key] ?? 0)))) : null;
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <LineChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e3e6ec" vertical={false} />
        <XAxis
          dataKey="at"
          tickFormatter={(at: number) =>
            formatBucket(at, interval)
              .replace(/ \d{4}$/, "")
              .replace(" UTC", "")
          }
          tick={{ fontSize: 12, fill: "#4a5263" }}
          minTickGap={24}
        />
        <YAxis
          tickFormatter={(n: number) => (durationAxis ? durationAxis.format(n) : format(n))}
          ticks={durationAxis?.ticks}
          domain={durationAxis ? [0, durationAxis.ticks.at(-1) ?? "auto"] : undefined}
          tick={{ fontSize: 12, fill: "#4a5263" }}
          width={kind === "duration" ? 80 : 64}
          allowDecimals={kind !== "count"}
        />
        <Tooltip
          labelFormatter={(at) => formatBucket(Number(at), interval)}
          formatter={(value) => (typeof value === "number" ? format(value) : "—")}
        />
        {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
        {series.map((s, i) => {
          const style = seriesStyle(i);
          return (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.label}
              stroke={style.color}
              strokeWidth={2}
              strokeDasharray={style.dash}
              dot={{ r: 3, fill: style.color }}
              isAnimationActive={false}
            />
          );
        })}
      </LineChart>
    </ResponsiveContainer>
  );
}
