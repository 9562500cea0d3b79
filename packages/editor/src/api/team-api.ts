import {
  type ApiKeySchema,
  type AuditEntrySchema,
  type CreatedKeySchema,
  contract as c,
  type KeyScope,
} from "@overture/api-contract";
import type { z } from "zod";
import { request } from "./api-client.ts";

/** A key as listed (masked). */
export type ApiKey = z.output<typeof ApiKeySchema>;
/** A key just created or rotated: the one answer that holds the key. */
export type CreatedKey = z.output<typeof CreatedKeySchema>;
/** One entry of the audit log. */
export type AuditEntry = z.output<typeof AuditEntrySchema>;
/** The audit screen's filters (GET /v1/audit). */
export type AuditFilters = {
  actor?: string;
  kind?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
};

/** The calls of the keys and audit screens (issue 13). */
export const teamApi = {
  keys: () => request(c.listKeys).then((r) => r.keys),
  createKey: (input: { name: string; scopes: KeyScope[]; expiresAt?: string }) => request(c.createKey, { body: input }),
  revokeKey: (id: string) => request(c.revokeKey, { params: { id } }),
  rotateKey: (id: string, overlapSeconds: number) => request(c.rotateKey, { params: { id }, body: { overlapSeconds } }),
  audit: (filters: AuditFilters, cursor?: number) => request(c.listAudit, { query: { ...filters, cursor, limit: 50 } }),
};
