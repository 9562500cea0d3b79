import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** A person the test provider knows, by login name (the dev login form takes any name; its password is ignored). */
export type TestAccount = { email: string; email_verified: boolean; name: string };

/** A real OpenID provider (`oidc-provider`) on 127.0.0.1, with one confidential client. */
export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Its people by login name; a test may change one (a new email at the provider) between logins. */
  accounts: Map<string, TestAccount>;
  /** Registers the client's redirect URI: known only once the server under test listens. */
  allowRedirect(redirectUri: string): void;
  close(): Promise<void>;
};

/**
 * Starts the provider: the port first (so the issuer URL can be handed to the server under test), the provider itself
 * once `allowRedirect` names the client's callback. Its development interactions are the login and consent forms.
 */
export async function startTestProvider(accounts: Record<string, TestAccount>): Promise<TestProvider> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => {
    if (handle) handle(req, res);
    else res.writeHead(503).end("provider not configured yet");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const people = new Map(Object.entries(accounts));
  const clientId = "overture-test";
  const clientSecret = "overture-test-secret-0123456789abcdef";
  return {
    issuer,
    clientId,
    clientSecret,
    accounts: people,
    allowRedirect(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ["authorization_code"],
            response_types: ["code"],
          },
        ],
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        cookies: { keys: ["oidc-test-cookie-key"] },
        // Set, so the provider does not print a notice for each default it falls back to.
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
        async findAccount(_ctx, accountId) {
          const person = people.get(accountId);
          if (!person) return undefined;
          return { accountId, claims: async () => ({ sub: accountId, ...person }) };
        },
      });
      handle = provider.callback();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A browser made of `fetch`: follows no redirect by itself, keeps cookies per host and port (attributes ignored;
 * everything is loopback), and reaches `localhost` at 127.0.0.1, where the servers under test listen.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** The cookies it holds for a URL's host, as `name=value; …`. */
  cookiesFor(url: URL): string {
    return [...(this.jar.get(hostKey(url)) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** One cookie's value for a URL's host. */
  cookie(url: URL, name: string): string | undefined {
    return this.jar.get(hostKey(url))?.get(name);
  }

  /** Sets a cookie, as another site's page could not (forging a state cookie). */
  setCookie(url: URL, name: string, value: string): void {
    const cookies = this.jar.get(hostKey(url)) ?? new Map<string, string>();
    cookies.set(name, value);
    this.jar.set(hostKey(url), cookies);
  }

  async request(target: URL | string, form?: Record<string, string>): Promise<Response> {
    const url = new URL(target);
    const direct = new URL(url);
    if (direct.hostname === "localhost") direct.hostname = "127.0.0.1";
    const headers: Record<string, string> = { cookie: this.cookiesFor(url) };
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(direct, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const cookies = this.jar.get(hostKey(url)) ?? new Map<string, string>();
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      if (value === "" || /max-age=0\b/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
      this.jar.set(hostKey(url), cookies);
    }
    return response;
  }
}

function hostKey(url: URL): string {
  return `${url.hostname === "localhost" ? "127.0.0.1" : url.hostname}:${url.port}`;
}

/**
 * Walks a browser from `start` through redirects and the provider's login and consent forms (as `login`, or pressing
 * its abort link) until it is sent to a URL beginning with `until`, which it answers without fetching.
 */
export async function throughProvider(
  browser: TestBrowser,
  start: string,
  options: { login: string; until: string; abort?: boolean },
): Promise<URL> {
  let url = new URL(start);
  for (let step = 0; step < 20; step++) {
    const response = await browser.request(url);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      url = new URL(location, url);
      if (url.href.startsWith(options.until)) return url;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200 || !/\/interaction\/[^/]+$/.test(url.pathname)) {
      throw new Error(`unexpected ${response.status} at ${url.href}: ${html.slice(0, 300)}`);
    }
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (options.abort) {
      url = new URL(`${url.pathname}/abort`, url);
      continue;
    }
    const form: Record<string, string> =
      prompt === "login" ? { prompt: "login", login: options.login, password: "any" } : { prompt: "consent" };
    const submitted = await browser.request(url, form);
    const next = submitted.headers.get("location");
    await submitted.arrayBuffer();
    if (!next) throw new Error(`the ${prompt} form at ${url.href} answered ${submitted.status}`);
    url = new URL(next, url);
    if (url.href.startsWith(options.until)) return url;
  }
  throw new Error(`no redirect to ${options.until} after 20 steps from ${start}`);
}
