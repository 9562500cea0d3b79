import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { type AppOptions, createApp } from "./create-app.ts";
import { type HttpTimeouts, httpServerOptions } from "./http-timeouts.ts";
import type { OvertureApi } from "./route.ts";

/** Options of {@link serve}: where to listen (port 0 picks a free one) and the app's options. */
export type ServeOptions = AppOptions & { port?: number; host?: string; timeouts?: Partial<HttpTimeouts> };

/** A running HTTP server: its address, and how to stop it. */
export type RunningServer = { url: string; port: number; host: string; close(): Promise<void> };

/**
 * Serves the API over HTTP on Node (the Node adapter is only used here; the app itself is web-standard).
 * Resolves once listening; `close()` stops accepting connections and ends idle keep-alive ones.
 */
export async function serve(overture: OvertureApi, options: ServeOptions = {}): Promise<RunningServer> {
  const { port = 3000, host = "127.0.0.1", timeouts, ...appOptions } = options;
  const app = createApp(overture, appOptions);
  const server = createAdaptorServer({
    fetch: app.fetch,
    port,
    hostname: host,
    serverOptions: httpServerOptions(timeouts),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    host: address.address,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      }),
  };
}
