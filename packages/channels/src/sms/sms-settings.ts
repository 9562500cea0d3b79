import {
  InputError,
  type Problem,
  type SecretBox,
  SecretUnreadableError,
  type SqlMigration,
  type Store,
} from "@overture/runtime";

/** A workspace's Twilio account: who sends (`from`) and through which API (`apiBase`). */
export type SmsSettings = {
  accountSid: string;
  /** In clear here; sealed at rest and never shown by the API. */
  authToken: string;
  /** The sender: a phone number in E.164 (`+15005550006`) or a Messaging Service SID (`MG…`). */
  from: string;
  /** Twilio's API (`https://api.twilio.com`), or the dev SMS sink under `npm start`. */
  apiBase: string;
  updatedAt: number;
};

/** The settings as the API shows them: the token masked (`••••abcd`). */
export type SmsSettingsView = Omit<SmsSettings, "authToken"> & { authToken: string };

/** What a PUT gives; without `authToken` (or with the masked value the GET showed) the stored token is kept. */
export type SmsSettingsInput = { accountSid: string; authToken?: string; from: string; apiBase?: string };

/** The SMS settings port: one row per workspace. */
export type SmsSettingsStore = {
  get(workspaceId: string): Promise<SmsSettings | null>;
  put(workspaceId: string, input: SmsSettingsInput, now: number): Promise<SmsSettingsView>;
  /**
   * Encrypt-on-start, as for webhook secrets: seals again with the current key every token sealed with a previous
   * server secret (after a rotation); a row changed meanwhile is left to its writer. Names the workspaces whose token
   * no key opens.
   */
  reseal(): Promise<{ resealed: number; unreadable: string[] }>;
};

export const TWILIO_API_BASE = "https://api.twilio.com";

/** The SMS settings table, numbered for `store.sql.migrate`. */
export const SMS_MIGRATIONS: SqlMigration[] = [
  {
    id: "sms_0001_settings",
    sqlite: `CREATE TABLE sms_settings (
  workspace_id TEXT NOT NULL PRIMARY KEY, account_sid TEXT NOT NULL, auth_token TEXT NOT NULL, sender TEXT NOT NULL,
  api_base TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`,
    postgres: `CREATE TABLE sms_settings (
  workspace_id text COLLATE "C" NOT NULL PRIMARY KEY, account_sid text NOT NULL, auth_token text NOT NULL, sender text NOT NULL,
  api_base text NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL)`,
  },
];

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

/** True for a phone number in E.164: `+`, a country code and at most 15 digits in all. */
export function isE164(phone: string): boolean {
  return E164.test(phone);
}

/** How a token is shown: its last four characters when long enough to keep the rest hidden. */
export function maskToken(token: string): string {
  return token.length >= 12 ? `••••${token.slice(-4)}` : "••••";
}

/** Every problem of a PUT at once, each naming its field. */
export function smsSettingsProblems(input: SmsSettingsInput, hasToken: boolean): Problem[] {
  const problems: Problem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, code: "invalid_format", message });
  if (!ACCOUNT_SID.test(input.accountSid ?? "")) bad("accountSid", "an account SID: AC followed by 32 hex digits");
  if (input.authToken === undefined ? !hasToken : input.authToken.trim().length < 8)
    bad("authToken", "the account's auth token (at least 8 characters)");
  if (!isE164(input.from ?? "") && !SERVICE_SID.test(input.from ?? ""))
    bad("from", "a phone number in E.164 (+15005550006) or a Messaging Service SID (MG followed by 32 hex digits)");
  if (input.apiBase !== undefined && !isHttpUrl(input.apiBase)) bad("apiBase", "an http(s) URL without a path");
  return problems;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && (url.pathname === "/" || url.pathname === "");
  } catch {
    return false;
  }
}

/** Where the sealed token lives: opening it in another row fails. */
function tokenContext(workspaceId: string): string {
  return `sms_settings/${workspaceId}/auth_token`;
}

/** The settings of `store`, the token sealed with `box` (the server's secret box). */
export function smsSettingsStore(store: Pick<Store, "sql">, box: SecretBox): SmsSettingsStore {
  const read = async (runner: Store["sql"], workspaceId: string): Promise<SmsSettings | null> => {
    const rows = await runner.all("SELECT * FROM sms_settings WHERE workspace_id = ?", [workspaceId]);
    const row = rows[0];
    if (!row) return null;
    return {
      accountSid: String(row.account_sid),
      authToken: box.open(String(row.auth_token), tokenContext(workspaceId)),
      from: String(row.sender),
      apiBase: String(row.api_base),
      updatedAt: Number(row.updated_at),
    };
  };
  return {
    get: (workspaceId) => read(store.sql, workspaceId),
    put: (workspaceId, input, now) =>
      store.sql.transaction(async (tx) => {
        const existing = await read(tx, workspaceId);
        // The masked value the GET showed means "keep it", so a form can send back what it loaded.
        const kept =
          input.authToken === undefined || (existing && input.authToken === maskToken(existing.authToken))
            ? existing?.authToken
            : undefined;
        const problems = smsSettingsProblems(kept ? { ...input, authToken: undefined } : input, kept !== undefined);
        if (problems.length > 0)
          throw new InputError(
            "invalid_input",
            `the SMS settings are not valid: ${problems.map((p) => p.path).join(", ")}`,
            problems,
          );
        const settings: SmsSettings = {
          accountSid: input.accountSid,
          authToken: kept ?? input.authToken!.trim(),
          from: input.from,
          apiBase: (input.apiBase ?? TWILIO_API_BASE).replace(/\/$/, ""),
          updatedAt: now,
        };
        await tx.run(
          `INSERT INTO sms_settings (workspace_id, account_sid, auth_token, sender, api_base, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id) DO UPDATE SET account_sid = excluded.account_sid, auth_token = excluded.auth_token,
             sender = excluded.sender, api_base = excluded.api_base, updated_at = excluded.updated_at`,
          [
            workspaceId,
            settings.accountSid,
            box.seal(settings.authToken, tokenContext(workspaceId)),
            settings.from,
            settings.apiBase,
            now,
            now,
          ],
        );
        return smsSettingsView(settings);
      }),
    async reseal() {
      const rows = await store.sql.all<{ workspace_id: string; auth_token: string; updated_at: unknown }>(
        "SELECT workspace_id, auth_token, updated_at FROM sms_settings",
      );
      const report = { resealed: 0, unreadable: [] as string[] };
      for (const row of rows) {
        if (box.isCurrent(row.auth_token)) continue;
        const context = tokenContext(row.workspace_id);
        let token: string;
        try {
          token = box.open(row.auth_token, context);
        } catch (error) {
          if (!(error instanceof SecretUnreadableError)) throw error;
          report.unreadable.push(row.workspace_id);
          continue;
        }
        report.resealed += await store.sql.run(
          "UPDATE sms_settings SET auth_token = ? WHERE workspace_id = ? AND auth_token = ? AND updated_at = ?",
          [box.seal(token, context), row.workspace_id, row.auth_token, row.updated_at],
        );
      }
      return report;
    },
  };
}

/** The settings without the token in clear. */
export function smsSettingsView(settings: SmsSettings): SmsSettingsView {
  return { ...settings, authToken: maskToken(settings.authToken) };
}
