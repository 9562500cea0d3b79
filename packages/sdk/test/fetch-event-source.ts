import type { EventSourceLike } from "../src/index.ts";

/**
 * Node 20 has no EventSource, so the tests give the SDK this small one on fetch: it reads the text/event-stream
 * and dispatches each event by name (no reconnection, which the tests do not need).
 */
export class FetchEventSource implements EventSourceLike {
  private readonly listeners = new Map<string, Array<(event: { data?: unknown }) => void>>();
  private readonly abort = new AbortController();

  constructor(url: string) {
    void this.read(url).catch((error: unknown) => {
      if (!this.abort.signal.aborted) this.emit("error", { data: String(error) });
    });
  }

  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.abort.abort();
  }

  private emit(type: string, event: { data?: unknown }): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  private async read(url: string): Promise<void> {
    const response = await fetch(url, { signal: this.abort.signal, headers: { accept: "text/event-stream" } });
    if (!response.ok || !response.body) return this.emit("error", { data: `status ${response.status}` });
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: ?(.*)$/m.exec(block)?.[1] ?? "message";
        const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join("\n");
        if (data !== "") this.emit(type, { data });
        end = buffer.indexOf("\n\n");
      }
    }
  }
}
