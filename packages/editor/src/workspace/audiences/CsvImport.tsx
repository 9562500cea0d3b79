import { useState } from "react";
import { segmentApi } from "../../api/segment-api.ts";

type Result = { imported: number; size: number; skipped: { line: number; reason: string }[] };

/** A static segment's members from a CSV of customer ids: replace the list or add to it; skipped lines are listed. */
export function CsvImport({ segmentId, onImported }: { segmentId: string; onImported: () => void }) {
  const [mode, setMode] = useState<"replace" | "add">("replace");
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await segmentApi.importCsv(segmentId, await file.text(), mode));
      onImported();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-label="Import customers">
      <h2>Import customers</h2>
      <p className="muted">
        A CSV with a <code>customerId</code> (or <code>id</code>) column, or one customer id per line.
      </p>
      <div className="inline-fields">
        <select aria-label="Import mode" value={mode} onChange={(e) => setMode(e.target.value as "replace" | "add")}>
          <option value="replace">replace the members</option>
          <option value="add">add to the members</option>
        </select>
        <input
          type="file"
          aria-label="CSV file"
          accept=".csv,text/csv,text/plain"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
            e.target.value = "";
          }}
        />
      </div>
      {busy && <p className="muted">Importing…</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="import-result" role="status">
          <p>
            Imported {result.imported.toLocaleString("en-US")} customer{result.imported === 1 ? "" : "s"}; the segment
            now holds {result.size.toLocaleString("en-US")}.
            {result.skipped.length > 0 &&
              ` ${result.skipped.length} line${result.skipped.length === 1 ? " was" : "s were"} skipped:`}
          </p>
          {result.skipped.length > 0 && (
            <ul>
              {result.skipped.map((s) => (
                <li key={s.line}>
                  line {s.line}: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
