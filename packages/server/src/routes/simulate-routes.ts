import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_SIMULATED_CUSTOMERS, SimulationInput, SimulationSchema } from "@overture/api-contract";
import { type JourneyDocument, validateJourney } from "@overture/core";
import { InputError, type JourneyStats } from "@overture/runtime";
import type { z } from "zod";
import { defineRoute, type RouteDef } from "../route.ts";
import { runDraftSimulation } from "../simulation/draft-simulation.ts";

/** Simulations running at once in this process; more are refused (409) rather than queued behind each other. */
const MAX_RUNNING = 2;
/** Finished simulations kept for their figures; the oldest are forgotten first. */
const MAX_KEPT = 50;
/** Where simulated time starts: a fixed Monday, as `overture simulate` does, so a seed always gives the same funnel. */
const SIMULATION_START = Date.UTC(2025, 0, 6, 0, 0, 0);

/** A draft simulation as the API shows it. */
export type Simulation = z.output<typeof SimulationSchema>;

/** The funnel in the draft's step order: a customer who reached a step waits there, went on, or left there. */
export function simulationFunnel(document: JourneyDocument, stats: JourneyStats): Simulation["funnel"] {
  const counts = new Map(stats.steps.map((s) => [s.stepId, s]));
  return document.steps.map((step) => {
    const c = counts.get(step.id);
    const [waiting, passed, exited] = [c?.waiting ?? 0, c?.passed ?? 0, c?.exited ?? 0];
    return {
      stepId: step.id,
      reached: waiting + passed + exited,
      waiting,
      passed,
      exited,
      converted: c?.converted ?? 0,
      outcomes: { ...c?.outcomes },
    };
  });
}

/**
 * Runs a draft on synthetic customers in a runtime of its own (a temporary SQLite file under a virtual clock, deleted
 * afterwards), on a thread of its own, so the live data is never read or written, nothing is delivered (only the
 * engine runs, not the outbox), and the server keeps answering while it runs. The job lives in this process until
 * it is forgotten.
 */
async function simulate(job: Simulation, document: JourneyDocument): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "overture-draft-simulation-"));
  try {
    await runDraftSimulation(
      { document, customers: job.customers, days: job.days, seed: job.seed, start: SIMULATION_START, dataDir },
      {
        onProgress: (fraction, virtualDay) => {
          job.progress = Math.min(1, Math.max(job.progress, fraction));
          job.virtualDay = virtualDay;
        },
        onDone: (stats, nobodyEntered) => {
          Object.assign(job, {
            entered: stats.entered,
            converted: stats.converted,
            funnel: simulationFunnel(document, stats),
          });
          if (nobodyEntered) job.nobodyEntered = nobodyEntered;
          job.progress = 1;
          job.state = "done";
        },
        onFailed: (error) => {
          job.state = "failed";
          job.error = error;
        },
      },
    );
  } catch (error) {
    job.state = "failed";
    job.error = error instanceof Error ? error.message : String(error);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Draft simulations: start one, then poll it for its progress and funnel. Each app keeps its own jobs. */
export function simulateRoutes(): RouteDef[] {
  const jobs = new Map<string, Simulation>();
  const key = (workspaceId: string, journeyId: string, simId: string) => `${workspaceId}\n${journeyId}\n${simId}`;
  const forgetOld = () => {
    for (const [k, job] of jobs) if (jobs.size > MAX_KEPT && job.state !== "running") jobs.delete(k);
  };
  const tag = "Journeys";
  return [
    defineRoute({
      method: "post",
      path: "/v1/journeys/:id/simulations",
      operationId: "simulateDraft",
      summary: "Simulate the draft on synthetic customers under virtual time",
      description: `Runs the draft in a throwaway store, never on live data, and sends nothing. Refused with 422 journey_invalid (with every problem) when the draft is not valid, 400 with more than ${MAX_SIMULATED_CUSTOMERS} customers, 409 when ${MAX_RUNNING} simulations are already running. Poll GET …/simulations/{simId} for progress and the funnel.`,
      tag,
      auth: "secret",
      body: SimulationInput,
      success: { status: 201, description: "The simulation, started.", schema: SimulationSchema },
      errors: [404, 409, 422],
      handle: async ({ overture, workspaceId, params, body }) => {
        const journeyId = params.id ?? "";
        const journey = await overture.journeys.get(workspaceId, journeyId);
        const { document, problems } = validateJourney(journey.draft);
        if (!document || problems.length > 0)
          throw new InputError(
            "journey_invalid",
            `The draft has ${problems.length} problem(s); fix them before simulating`,
            problems.map((p) => ({ path: p.path, code: p.code, message: p.message, stepId: p.stepId })),
          );
        const running = [...jobs.values()].filter((j) => j.state === "running").length;
        if (running >= MAX_RUNNING)
          throw new InputError("conflict", `${running} simulations are running already; try again when one is done`);
        const job: Simulation = {
          id: randomUUID(),
          journeyId,
          state: "running",
          progress: 0,
          customers: body?.customers ?? 500,
          days: body?.days ?? 30,
          seed: body?.seed ?? 1,
          virtualDay: 0,
          entered: 0,
          converted: 0,
          funnel: [],
        };
        jobs.set(key(workspaceId, journeyId, job.id), job);
        forgetOld();
        void simulate(job, document);
        return { ...job };
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/journeys/:id/simulations/:simId",
      operationId: "getSimulation",
      summary: "A draft simulation: its state, progress and, once done, the funnel per step",
      tag,
      auth: "secret",
      success: { status: 200, description: "The simulation.", schema: SimulationSchema },
      errors: [404],
      handle: async ({ workspaceId, params }) => {
        const job = jobs.get(key(workspaceId, params.id ?? "", params.simId ?? ""));
        if (!job)
          throw new InputError(
            "not_found",
            `No simulation '${params.simId}' of journey '${params.id}' (simulations are kept while the server runs)`,
          );
        return { ...job, funnel: job.funnel.map((s) => ({ ...s })) };
      },
    }),
  ];
}
