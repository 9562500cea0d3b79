import {
  CreateJourneyInput,
  DraftInput,
  InstancePageSchema,
  InstanceSchema,
  JourneyListSchema,
  JourneyMetaInput,
  JourneySchema,
  StartInput,
  StatsQuery,
  StatsSchema,
  StepCustomersQuery,
  ValidateInput,
  ValidationSchema,
  VersionListSchema,
  VersionParam,
  VersionSchema,
} from "@overture/api-contract";
import { auditedChange } from "../access/audit-route.ts";
import { parseWith } from "../parse-request.ts";
import { defineRoute, type RouteDef } from "../route.ts";
import { publishFully, validateDraftFully } from "./journey-validation.ts";

const tag = "Journeys";
const id = (params: Record<string, string>) => params.id ?? "";

const lifecycle = (action: "pause" | "resume" | "archive", summary: string): RouteDef =>
  defineRoute({
    method: "post",
    path: `/v1/journeys/:id/${action}`,
    operationId: `${action}Journey`,
    summary,
    tag,
    auth: "secret",
    success: { status: 200, description: "The journey with its new status.", schema: JourneySchema },
    errors: [404, 409],
    handle: ({ overture, workspaceId, params }) => overture.journeys[action](workspaceId, id(params)),
  });

/** Journeys: drafts, validation, publishing, lifecycle, versions and the figures per step. */
export const journeyRoutes: RouteDef[] = [
  defineRoute({
    method: "post",
    path: "/v1/journeys",
    operationId: "createJourney",
    summary: "Create a journey, optionally with its first draft",
    tag,
    auth: "secret",
    body: CreateJourneyInput,
    success: { status: 201, description: "The new journey, in status draft.", schema: JourneySchema },
    handle: ({ overture, workspaceId, body }) => overture.journeys.create(workspaceId, body),
  }),
  defineRoute({
    method: "get",
    path: "/v1/journeys",
    operationId: "listJourneys",
    summary: "List the workspace's journeys",
    tag,
    auth: "secret",
    success: { status: 200, description: "Every journey of the workspace.", schema: JourneyListSchema },
    handle: async ({ overture, workspaceId }) => ({ journeys: await overture.journeys.list(workspaceId) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/journeys/:id",
    operationId: "getJourney",
    summary: "Get a journey with its draft",
    tag,
    auth: "secret",
    success: { status: 200, description: "The journey.", schema: JourneySchema },
    errors: [404],
    handle: ({ overture, workspaceId, params }) => overture.journeys.get(workspaceId, id(params)),
  }),
  defineRoute({
    method: "put",
    path: "/v1/journeys/:id",
    operationId: "updateJourney",
    summary: "Rename, tag or set the owner of a journey",
    description:
      "Fields left out stay as they are. A new name is written into the draft too. Works on archived journeys (filing is not editing).",
    tag,
    auth: "secret",
    body: JourneyMetaInput,
    success: { status: 200, description: "The journey as stored.", schema: JourneySchema },
    errors: [404],
    handle: ({ overture, workspaceId, params, body }) => overture.journeys.updateMeta(workspaceId, id(params), body),
  }),
  defineRoute({
    method: "post",
    path: "/v1/journeys/:id/duplicate",
    operationId: "duplicateJourney",
    summary: 'Copy a journey as a new draft named "X (copy)"',
    description: "The copy has the source's draft (not its published versions), tags and owner; nobody is in it.",
    tag,
    auth: "secret",
    success: { status: 201, description: "The new draft journey.", schema: JourneySchema },
    errors: [404],
    handle: ({ overture, workspaceId, params }) => overture.journeys.duplicate(workspaceId, id(params)),
  }),
  defineRoute({
    method: "put",
    path: "/v1/journeys/:id/draft",
    operationId: "updateDraft",
    summary: "Save the draft (the body is the journey document)",
    description: "Drafts may be incomplete: they are checked by validate and publish, not when saved.",
    tag,
    auth: "secret",
    body: DraftInput,
    success: { status: 200, description: "The journey with its new draft.", schema: JourneySchema },
    errors: [404, 409],
    handle: ({ overture, workspaceId, params, body, c }) =>
      auditedChange(
        c,
        overture.journeys.get(workspaceId, id(params)).then((journey) => journey.draft),
        () => overture.journeys.updateDraft(workspaceId, id(params), body),
        (journey) => journey.draft,
      ),
  }),
  defineRoute({
    method: "post",
    path: "/v1/journeys/:id/validate",
    operationId: "validateDraft",
    summary: "Validate the draft: every problem, with the step it concerns",
    description:
      "Besides the journey's shape: saved templates and webhook endpoints it names must exist, and the Liquid of email, notification and " +
      "webhook payload templates must parse (and a payload render JSON); those problems carry `field`, `line` and `column`. " +
      "With `document` in the body, that document is checked instead of the saved draft (the editor checks what is on screen).",
    tag,
    auth: "secret",
    body: ValidateInput,
    success: {
      status: 200,
      description: "Whether the draft can be published, and every problem.",
      schema: ValidationSchema,
    },
    errors: [404],
    handle: ({ overture, workspaceId, params, body }) =>
      validateDraftFully(overture, workspaceId, id(params), body?.document),
  }),
  defineRoute({
    method: "post",
    path: "/v1/journeys/:id/publish",
    operationId: "publishJourney",
    summary: "Publish the draft as a new immutable version",
    description: "Refused with 422 journey_invalid, naming every problem and its step, when the draft is not valid.",
    tag,
    auth: "secret",
    success: { status: 201, description: "The new version; new customers enter it.", schema: VersionSchema },
    errors: [404, 409, 422],
    handle: ({ overture, workspaceId, params }) => publishFully(overture, workspaceId, id(params)),
  }),
  lifecycle("pause", "Pause: nobody enters and no step runs until resumed"),
  lifecycle("resume", "Resume a paused journey"),
  lifecycle("archive", "Archive: the journey ends for good"),
  defineRoute({
    method: "get",
    path: "/v1/journeys/:id/versions",
    operationId: "listVersions",
    summary: "List the published versions",
    tag,
    auth: "secret",
    success: { status: 200, description: "Every published version, oldest first.", schema: VersionListSchema },
    errors: [404],
    handle: async ({ overture, workspaceId, params }) => ({
      versions: await overture.journeys.versions(workspaceId, id(params)),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/journeys/:id/versions/:version",
    operationId: "getVersion",
    summary: "Get one published version",
    tag,
    auth: "secret",
    success: { status: 200, description: "The version and its document.", schema: VersionSchema },
    errors: [404],
    handle: ({ overture, workspaceId, params }) =>
      overture.journeys.version(workspaceId, id(params), parseWith(VersionParam, params.version, "version number")),
  }),
  defineRoute({
    method: "get",
    path: "/v1/journeys/:id/stats",
    operationId: "journeyStats",
    summary: "Counts per step: waiting, passed, exited, converted",
    tag,
    auth: "secret",
    query: StatsQuery,
    success: { status: 200, description: "The journey's figures for one version.", schema: StatsSchema },
    errors: [404],
    handle: ({ overture, workspaceId, params, query }) =>
      overture.journeys.stats(workspaceId, id(params), query.version),
  }),
  defineRoute({
    method: "get",
    path: "/v1/journeys/:id/steps/:stepId/customers",
    operationId: "customersAtStep",
    summary: "List the customers at a step (one page)",
    tag,
    auth: "secret",
    query: StepCustomersQuery,
    success: {
      status: 200,
      description: "Instances at the step, and the cursor of the next page.",
      schema: InstancePageSchema,
    },
    errors: [404],
    handle: async ({ overture, workspaceId, params, query }) => {
      const instances = await overture.journeys.customersAtStep(workspaceId, id(params), params.stepId ?? "", query);
      const last = instances.at(-1);
      return { instances, next: instances.length === query.limit && last ? last.id : null };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/journeys/:id/start",
    operationId: "startJourney",
    summary: "Enter one customer through the journey's API trigger",
    tag,
    auth: "secret",
    body: StartInput,
    success: { status: 201, description: "The new instance.", schema: InstanceSchema },
    errors: [404, 409],
    handle: ({ overture, workspaceId, params, body }) =>
      overture.journeys.start(workspaceId, id(params), body.customerId, body.properties),
  }),
];
