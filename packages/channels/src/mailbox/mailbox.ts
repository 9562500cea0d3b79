import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** One message the development SMTP server received. */
export type MailboxMessage = {
  id: string;
  receivedAt: number;
  /** The SMTP envelope: who sent it and every recipient. */
  from: string;
  to: string[];
  subject: string;
  messageId: string | null;
  /** The outbox key (X-Overture-Key) for journey emails; the same key twice means a retried delivery. */
  overtureKey: string | null;
  workspaceId: string | null;
  headers: Array<[string, string]>;
  html: string;
  text: string;
  size: number;
};

/** Options of {@link createMailbox}. */
export type MailboxOptions = {
  /** A JSONL file the messages are appended to and reloaded from, so they survive restarts. */
  file?: string;
  /** How many messages are kept (default 500); older ones are forgotten. */
  cap?: number;
};

/** The development mailbox: the latest messages, newest first. */
export type Mailbox = {
  add(message: MailboxMessage): void;
  list(options?: { limit?: number; workspaceId?: string }): MailboxMessage[];
  get(id: string): MailboxMessage | null;
  /**
   * Forgets the messages that match (and rewrites the file without them): a customer's erasure takes their copies out
   * of the development mailbox (docs/decisions/0036). Returns how many.
   */
  remove(match: (m: MailboxMessage) => boolean): number;
  /** Every kept message that matches, oldest first (a customer's export). */
  find(match: (m: MailboxMessage) => boolean): MailboxMessage[];
  /** Waits for the next message that matches (tests, demos); rejects after `timeoutMs`. */
  next(match?: (m: MailboxMessage) => boolean, timeoutMs?: number): Promise<MailboxMessage>;
};

/** A capped in-memory mailbox, mirrored to a JSONL file when one is given (rewritten when it grows past twice the cap). */
export function createMailbox(options: MailboxOptions = {}): Mailbox {
  const cap = options.cap ?? 500;
  let messages: MailboxMessage[] = options.file ? load(options.file).slice(-cap) : [];
  let lines = messages.length;
  const waiters = new Set<{ match: (m: MailboxMessage) => boolean; resolve: (m: MailboxMessage) => void }>();
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });

  return {
    add(message) {
      messages.push(message);
      if (messages.length > cap) messages = messages.slice(-cap);
      if (options.file) {
        lines += 1;
        if (lines > cap * 2) {
          writeFileSync(options.file, messages.map((m) => `${JSON.stringify(m)}\n`).join(""));
          lines = messages.length;
        } else appendFileSync(options.file, `${JSON.stringify(message)}\n`);
      }
      for (const w of waiters) {
        if (!w.match(message)) continue;
        waiters.delete(w);
        w.resolve(message);
      }
    },
    list({ limit = 100, workspaceId } = {}) {
      const matching = workspaceId === undefined ? messages : messages.filter((m) => m.workspaceId === workspaceId);
      return matching.slice(-limit).reverse();
    },
    get: (id) => messages.find((m) => m.id === id) ?? null,
    remove(match) {
      const kept = messages.filter((m) => !match(m));
      const removed = messages.length - kept.length;
      if (removed === 0) return 0;
      messages = kept;
      if (options.file) {
        writeFileSync(options.file, messages.map((m) => `${JSON.stringify(m)}\n`).join(""));
        lines = messages.length;
      }
      return removed;
    },
    find: (match) => messages.filter(match),
    next(match = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (m: MailboxMessage) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching message within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}

function load(file: string): MailboxMessage[] {
  if (!existsSync(file)) return [];
  const out: MailboxMessage[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      out.push(JSON.parse(line) as MailboxMessage);
    } catch {
      // A line cut short by a crash is skipped; the others are kept.
    }
  }
  return out;
}
