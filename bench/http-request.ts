import http from "node:http";

/** One HTTP request over `agent` (keep-alive), its whole answer read; fails when no answer comes within `timeoutMs`. */
export function httpRequest(
  url: URL,
  options: {
    method: "GET" | "POST";
    headers: Record<string, string | number>;
    body?: string;
    agent: http.Agent;
    timeoutMs: number;
  },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: options.method, agent: options.agent, headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(options.timeoutMs, () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on("error", reject);
    request.end(options.body);
  });
}
