import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { localTime } from "../../model/customer-words.ts";

/** A segment's size over time: a line chart and, beside it, the same figures as a table (every chart has its table). */
export function SizeHistory({ history }: { history: readonly { at: number; size: number }[] }) {
  const rows = history.map((h) => ({ at: h.at, when: localTime(h.at), size: h.size }));
  return (
    <section className="card" aria-label="Size over time">
      <h2>Size over time</h2>
      {rows.length === 0 ? (
        <p className="muted">No figures yet: the size is recorded each hour it changes.</p>
      ) : (
        <div className="size-history">
          <div className="size-chart" role="img" aria-label="Chart of the segment's size over time">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                <CartesianGrid stroke="#e3e6ec" strokeDasharray="3 3" />
                <XAxis dataKey="when" tick={{ fontSize: 11 }} minTickGap={24} />
                <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={56} />
                <Tooltip formatter={(v) => [Number(v).toLocaleString("en-US"), "customers"]} />
                <Line
                  type="stepAfter"
                  dataKey="size"
                  stroke="#4f46e5"
                  strokeWidth={2}
                  dot={rows.length < 30}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <div className="size-table-wrap">
            <table className="journey-table size-table">
              <thead>
                <tr>
                  <th>When</th>
                  <th className="num">Customers</th>
                </tr>
              </thead>
              <tbody>
                {[...rows].reverse().map((r) => (
                  <tr key={r.at}>
                    <td>{r.when}</td>
                    <td className="num">{r.size.toLocaleString("en-US")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
