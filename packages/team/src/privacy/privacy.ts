import type { CustomerErasure, CustomerExport, Retention, RetentionSettings } from "@overture/api-contract";
import type { Mailbox } from "@overture/channels";
import type { Clock, Store } from "@overture/runtime";
import { eraseCustomer, exportCustomer } from "./customer-rights.ts";
import { type RetentionRun, runRetention } from "./retention-job.ts";
import { getRetention, putRetention } from "./retention-settings.ts";

/** Customers' data rights, as the server's routes call them (issue 13, docs/decisions/0036). */
export type Privacy = {
  erase(workspaceId: string, customerId: string): Promise<CustomerErasure>;
  export(workspaceId: string, customerId: string): Promise<CustomerExport>;
  getRetention(workspaceId: string): Promise<Retention>;
  putRetention(workspaceId: string, settings: RetentionSettings): Promise<Retention>;
  /** One retention pass now (the background job's work; tests and operators call it directly). */
  runRetention(): Promise<RetentionRun>;
};

/** The privacy port over a store; `mailbox`, when this process keeps the development mailbox, is erased too. */
export function createPrivacy(deps: { store: Store; clock: Clock; mailbox?: Mailbox | null }): Privacy {
  const { store, clock } = deps;
  return {
    erase: (workspaceId, customerId) => eraseCustomer(deps, workspaceId, customerId, clock.now()),
    export: (workspaceId, customerId) => exportCustomer(deps, workspaceId, customerId, clock.now()),
    getRetention: (workspaceId) => getRetention(store, workspaceId),
    putRetention: (workspaceId, settings) => putRetention(store, workspaceId, settings, clock.now()),
    runRetention: () => runRetention(store, clock.now()),
  };
}
