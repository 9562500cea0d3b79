import type Database from "better-sqlite3";

/**
 * An INSERT of many rows per statement: one statement per row cost more in the call from JavaScript than in SQLite
 * (docs/benchmarks.md). Rows are added one at a time and sent `rowsPerStatement` at once; `flush` sends the rest
 * one row per statement, so only two statements are ever prepared.
 */
export class MultiRowInsert {
  private readonly one: Database.Statement;
  private readonly many: Database.Statement;
  private readonly values: unknown[] = [];

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

  /** Adds one row's values (exactly `width` of them). */
  add(...row: unknown[]): void {
    for (const v of row) this.values.push(v);
    // The array itself, not spread: hundreds of arguments spread cost more than binding them.
    if (this.values.length === this.width * this.rowsPerStatement) {
      this.many.run(this.values);
      this.values.length = 0;
    }
  }

  /** Forgets rows held from a write that failed before its flush (its transaction was rolled back). */
  discard(): void {
    this.values.length = 0;
  }

  /** Writes the rows still held. Call before anything reads the table. */
  flush(): void {
    for (let at = 0; at < this.values.length; at += this.width) this.one.run(this.values.slice(at, at + this.width));
    this.values.length = 0;
  }
}
