/**
 * The little of `oidc-provider` (v8, which ships no types) that the single sign-on test uses: a provider built from a
 * configuration, served through its Node request handler.
 */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  type Account = { accountId: string; claims(): Promise<Record<string, unknown>> };

  export type Configuration = {
    clients?: Array<Record<string, unknown>>;
    claims?: Record<string, string[]>;
    cookies?: { keys?: string[] };
    findAccount?(ctx: unknown, accountId: string): Promise<Account | undefined>;
    [option: string]: unknown;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
