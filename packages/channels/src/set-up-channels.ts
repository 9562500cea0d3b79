import { type ChannelHandler, type Overture, TransientError } from "@overture/runtime";
import type { ChannelDeps, ChannelModule, DevSink } from "./channel-module.ts";
import { channelModules } from "./registry.ts";

/** The channel modules wired into a runtime: what the server mounts (routes, dev sink pages) and how to stop them. */
export type ChannelsSetup = {
  modules: readonly ChannelModule[];
  deps: ChannelDeps;
  sinks: readonly DevSink[];
  close(): Promise<void>;
};

/**
 * Wires every channel module of the registry into an opened runtime, the same way for `serve` and `worker`: its
 * tables, its dev sink (demo only), its handler with the dispatcher (or, unconfigured, one that holds its messages
 * back until it is). Email and webhooks keep their own set-up (`setUpEmail`, `setUpDelivery`), called before.
 */
export async function setUpChannels(
  overture: Pick<Overture, "store" | "clock" | "dispatcher">,
  options: Omit<ChannelDeps, "store" | "clock" | "devSinks">,
  modules: readonly ChannelModule[] = channelModules(),
): Promise<ChannelsSetup> {
  const sinks = new Map<string, DevSink>();
  const deps: ChannelDeps = { ...options, store: overture.store, clock: overture.clock, devSinks: sinks };
  for (const module of modules) if (module.tables) await overture.store.sql.migrate(module.tables);
  if (options.demo) {
    for (const module of modules) {
      if (module.devSink) sinks.set(module.ui.spec.channel, await module.devSink(deps));
    }
  }
  for (const module of modules) {
    if (!module.handler) continue;
    overture.dispatcher.register((await module.handler(deps)) ?? notConfigured(module));
  }
  return {
    modules,
    deps,
    sinks: [...sinks.values()],
    async close() {
      await Promise.all([...sinks.values()].map((s) => s.close()));
    },
  };
}

/** The handler of a channel without its provider settings: each message waits (a transient failure) until they are set. */
function notConfigured(module: ChannelModule): ChannelHandler {
  const channel = module.ui.spec.channel;
  const code = `${channel}_not_configured`;
  return {
    channel,
    async deliver() {
      throw new TransientError(
        code,
        `${code}: ${module.ui.spec.label} has no provider settings yet; set them in Settings and held messages go out on their next attempt`,
      );
    },
  };
}
