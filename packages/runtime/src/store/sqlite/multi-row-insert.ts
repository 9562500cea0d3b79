import type Database from "better-sqlite3";

/**
 * An INSERT of many rows per statement: one statement per row cost more in the call from JavaScript than in SQLite
 * (docs/benchmarks.md). Rows go `rowsPerStatement` at once and the rest one per statement, so only two statements
 * are ever prepared.
 */
export class MultiRowInsert {
  private readonly one: Database.Statement;
  private readonly many: Database.Statement;

  constructor(
    db: Database.Database,
    head: string,
    private readonly width: number,
    tail = "",
    private readonly rowsPerStatement = 32,
  ) {
    const row = `(${Array(width).fill("?").join(", ")})`;
    this.one = db.prepare(`${head} VALUES ${row} ${tail}`);
    this.many = db.prepare(`${head} VALUES ${Array(rowsPerStatement).fill(row).join(", ")} ${tail}`);
  }

  /** Inserts one row per item; `values` gives its `width` values. */
  insertAll<T>(items: T[], values: (item: T) => unknown[]): void {
    const whole = items.length - (items.length % this.rowsPerStatement);
    const bound: unknown[] = [];
    for (let n = 0; n < items.length; n++) {
      for (const v of values(items[n]!)) bound.push(v);
      // The array itself, not spread: hundreds of arguments spread cost more than binding them.
      const statement = n >= whole ? this.one : bound.length === this.width * this.rowsPerStatement ? this.many : null;
      if (statement) {
        statement.run(bound);
        bound.length = 0;
      }
    }
  }
}
