import { actorOf, type Principal } from "@overture/api-contract";
import { diffJourneys, type JourneyDiff, sameJson } from "@overture/core";
import { InputError, type JourneyService, type Problem, type Store, type VersionRecord } from "@overture/runtime";
import {
  type ApprovalActor,
  type ApprovalRequestRecord,
  type ApprovalStatus,
  type ApprovalStore,
  approvalStore,
} from "./approval-store.ts";

/** A request with the snapshot reviewed and its diff against the version running now. */
export type ApprovalRequestDetail = ApprovalRequestRecord & { diff: JourneyDiff };

/** A request as listed: without the snapshot (it can be large; the detail has it). */
export type ApprovalRequestSummary = Omit<ApprovalRequestRecord, "snapshot">;

/**
 * Review before publishing (issue 13). Who may call what is the router's business (`approvals.request`,
 * `approvals.decide`); this port keeps the rules of the workflow: a request snapshots a valid draft, a newer request
 * supersedes older ones, nobody decides their own request, a request is decided once, and approval publishes exactly
 * the snapshot reviewed.
 */
export type Approvals = {
  /** Whether publishing needs an approved request (off until a workspace turns it on). */
  isRequired(workspaceId: string): Promise<boolean>;
  setRequired(workspaceId: string, required: boolean): Promise<void>;
  /**
   * Asks for review of the journey's draft as it is now. `problems` checks the draft as publishing would: a draft with
   * problems is refused (422 journey_invalid) before anyone is asked to review it.
   */
  request(
    workspaceId: string,
    journeyId: string,
    input: { principal: Principal; note?: string; problems(draft: unknown): Promise<Problem[]> },
  ): Promise<ApprovalRequestSummary>;
  list(workspaceId: string, filter: { status?: ApprovalStatus; journeyId?: string }): Promise<ApprovalRequestSummary[]>;
  /** The request, its snapshot and the diff against the journey's version running now. 404 when unknown. */
  get(workspaceId: string, id: string): Promise<ApprovalRequestDetail>;
  /**
   * Approves and publishes the snapshot through `publish` (which publishes the journey's draft, checked as
   * POST /publish checks it). Refused when the draft changed since the request (the request is then superseded).
   */
  approve(
    workspaceId: string,
    id: string,
    input: { principal: Principal; comment?: string; publish(journeyId: string): Promise<VersionRecord> },
  ): Promise<ApprovalRequestSummary>;
  reject(
    workspaceId: string,
    id: string,
    input: { principal: Principal; comment: string },
  ): Promise<ApprovalRequestSummary>;
};

/** The approvals of a runtime: its store (the tables, created on first use), its journeys and its clock. */
export function createApprovals(runtime: {
  store: Store;
  journeys: JourneyService;
  clock: { now(): number };
}): Approvals {
  const { journeys } = runtime;
  const tables: ApprovalStore = approvalStore(runtime.store, () => runtime.clock.now());
  const found = async (workspaceId: string, id: string) => {
    const request = await tables.get(workspaceId, id);
    if (!request) throw new InputError("not_found", `No approval request '${id}' in this workspace`);
    return request;
  };
  const summary = ({ snapshot: _, ...rest }: ApprovalRequestRecord): ApprovalRequestSummary => rest;
  const decidable = (request: ApprovalRequestRecord, principal: Principal) => {
    if (request.status !== "pending")
      throw new InputError(
        "request_decided",
        `This request is already ${request.status}${request.decidedBy ? ` (by ${request.decidedBy.name})` : ""}: ask for review again to decide on the current draft`,
      );
    if (sameActor(request.requestedBy, actorOf(principal)))
      throw new InputError(
        "own_request",
        "You asked for this review: someone else (a publisher) must approve or reject it",
      );
  };
  const decided = async (workspaceId: string, id: string) => summary(await found(workspaceId, id));
  return {
    isRequired: (workspaceId) => tables.isRequired(workspaceId),
    setRequired: (workspaceId, required) => tables.setRequired(workspaceId, required),
    async request(workspaceId, journeyId, { principal, note, problems }) {
      const journey = await journeys.get(workspaceId, journeyId);
      if (journey.status === "archived")
        throw new InputError("invalid_state", "The journey is archived: it cannot be published again");
      const found = await problems(journey.draft);
      if (found.length > 0)
        throw new InputError(
          "journey_invalid",
          `The journey has ${found.length} problem(s); fix them before asking for review`,
          found,
        );
      return summary(
        await tables.create(workspaceId, {
          journeyId,
          journeyName: journey.name,
          note: note?.trim() ?? "",
          snapshot: journey.draft,
          baseVersion: journey.currentVersion,
          requestedBy: actorOf(principal),
        }),
      );
    },
    async list(workspaceId, filter) {
      return (await tables.list(workspaceId, filter)).map(summary);
    },
    async get(workspaceId, id) {
      const request = await found(workspaceId, id);
      const journey = await journeys.get(workspaceId, request.journeyId);
      const running =
        journey.currentVersion === null
          ? null
          : (await journeys.version(workspaceId, request.journeyId, journey.currentVersion)).document;
      return { ...request, diff: diffJourneys(running, request.snapshot) };
    },
    async approve(workspaceId, id, { principal, comment, publish }) {
      const request = await found(workspaceId, id);
      decidable(request, principal);
      const journey = await journeys.get(workspaceId, request.journeyId);
      if (!sameJson(journey.draft, request.snapshot)) {
        await tables.decide(workspaceId, id, { status: "superseded", by: null, comment: "" });
        throw new InputError(
          "draft_changed",
          "The draft changed since review was asked: the request is superseded; ask for review of the current draft",
        );
      }
      // Claimed first, so two publishers approving at once publish once; undone if publishing fails.
      const claimed = await tables.decide(workspaceId, id, {
        status: "approved",
        by: actorOf(principal),
        comment: comment?.trim() ?? "",
      });
      if (!claimed) throw lost(await found(workspaceId, id));
      let version: VersionRecord;
      try {
        version = await publish(request.journeyId);
      } catch (error) {
        await tables.reopen(workspaceId, id);
        throw error;
      }
      await tables.setPublishedVersion(workspaceId, id, version.version);
      return decided(workspaceId, id);
    },
    async reject(workspaceId, id, { principal, comment }) {
      decidable(await found(workspaceId, id), principal);
      const done = await tables.decide(workspaceId, id, { status: "rejected", by: actorOf(principal), comment });
      if (!done) throw lost(await found(workspaceId, id));
      return decided(workspaceId, id);
    },
  };
}

/** The error when another decision got there first. */
function lost(request: ApprovalRequestRecord): InputError {
  return new InputError("request_decided", `This request was ${request.status} meanwhile: it cannot be decided again`);
}

function sameActor(a: ApprovalActor, b: ApprovalActor): boolean {
  return a.kind === b.kind && a.id === b.id;
}
