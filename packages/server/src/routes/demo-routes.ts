import { customerToken, listContent } from "@overture/channels";
import { InputError } from "@overture/runtime";
import type { Hono } from "hono";
import { z } from "zod";
import { defineRoute, type RouteDef } from "../route.ts";
import { portalStore } from "./portal-routes.ts";

/** A customer the demo portal offers to sign in as. */
export type DemoCustomer = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  plan: string;
  /** A mobile number in E.164, for the onboarding journey's SMS reminder (with `consent.sms`). */
  phone?: string;
  /** What the customer agreed to be contacted by; SMS is opt-in, so only `sms: true` lets a text go. */
  consent?: { sms: boolean };
};

/** One file of the demo portal (built by @overture/demo-portal's buildPortal). */
export type DemoPortalFile = { body: string; contentType: string };

/**
 * Demo mode (what `npm start` runs): the customer portal at /portal and the routes only a demo may have: sign in as
 * a demo customer without a password, and move the clock forward. Never turn it on for real customers.
 */
export type DemoOptions = {
  /** The portal's files by name: index.html, portal.js, portal.css. */
  portal: Record<string, DemoPortalFile>;
  /** The runtime's clock, which the demo may move forward (an OffsetClock). */
  clock: { now(): number; advance(ms: number): number; readonly offsetMs: number };
  /** Who can sign in (default {@link DEMO_CUSTOMERS}). */
  customers?: DemoCustomer[];
};

/**
 * The demo customers: a few people at made-up companies, with the attributes the onboarding templates use. Grace gave
 * a (fictional) mobile number and opted in to SMS, so her onboarding's follow-up also texts her: the message shows in
 * the development SMS inbox (/sms).
 */
export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    id: "ada",
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@analytical.example",
    company: "Analytical Engines Ltd",
    plan: "none",
  },
  {
    id: "grace",
    firstName: "Grace",
    lastName: "Hopper",
    email: "grace@cobol.example",
    company: "Compiler Works",
    plan: "none",
    phone: "+15555550123",
    consent: { sms: true },
  },
  {
    id: "alan",
    firstName: "Alan",
    lastName: "Turing",
    email: "alan@bletchley.example",
    company: "Bletchley Labs",
    plan: "none",
  },
  {
    id: "katherine",
    firstName: "Katherine",
    lastName: "Johnson",
    email: "katherine@orbit.example",
    company: "Orbit Analytics",
    plan: "none",
  },
];

const tag = "Demo";
const DAY = 86_400_000;
const ClockSchema = z.object({
  now: z.number().describe("The server's time (epoch ms)."),
  offsetMs: z.number().describe("How far the demo moved it ahead."),
});

/** The demo-only API: customers, sessions, the library for the portal, and the demo clock. */
export function demoRoutes(demo: DemoOptions): RouteDef[] {
  const customers = demo.customers ?? DEMO_CUSTOMERS;
  const clock = () => ({ now: demo.clock.now(), offsetMs: demo.clock.offsetMs });
  return [
    defineRoute({
      method: "get",
      path: "/demo/customers",
      operationId: "demoCustomers",
      summary: "Demo mode: the customers the portal can sign in as",
      tag,
      auth: "none",
      success: { status: 200, description: "The demo customers." },
      handle: async () => ({ customers }),
    }),
    defineRoute({
      method: "post",
      path: "/demo/session",
      operationId: "demoSession",
      summary: "Demo mode: sign in as a demo customer (what a portal's backend does with GET /v1/portal/token)",
      description: "Saves the customer's profile, mints their portal token, and hands the page the write key.",
      tag,
      auth: "none",
      body: z.object({ customerId: z.string().min(1).max(200) }),
      success: { status: 200, description: "The customer, their token and the write key." },
      errors: [404],
      handle: async ({ overture, body }) => {
        const customer = customers.find((c) => c.id === body.customerId);
        if (!customer) {
          throw new InputError("not_found", `No demo customer '${body.customerId}'; see GET /demo/customers.`, [
            { path: "customerId", code: "not_found", message: `no demo customer '${body.customerId}'` },
          ]);
        }
        const keys = await overture.workspaces.ensureDefault();
        const { id, ...attributes } = customer;
        await overture.customers.upsert(keys.workspaceId, { id, attributes });
        const token = await customerToken(await portalStore(overture), keys.workspaceId, id, overture.clock.now());
        return { customerId: id, token, writeKey: keys.writeKey, customer };
      },
    }),
    defineRoute({
      method: "get",
      path: "/demo/library",
      operationId: "demoLibrary",
      summary: "Demo mode: the content library, for the portal's library page",
      tag,
      auth: "none",
      success: { status: 200, description: "Every content item." },
      handle: async ({ overture }) => {
        const keys = await overture.workspaces.ensureDefault();
        return { items: await listContent(await portalStore(overture), keys.workspaceId) };
      },
    }),
    defineRoute({
      method: "get",
      path: "/demo/clock",
      operationId: "demoClock",
      summary: "Demo mode: the server's time and how far the demo moved it",
      tag,
      auth: "none",
      success: { status: 200, description: "The clock.", schema: ClockSchema },
      handle: async () => clock(),
    }),
    defineRoute({
      method: "post",
      path: "/demo/clock/advance",
      operationId: "demoAdvanceClock",
      summary: "Demo mode: move the clock forward, so journey waits fall due (it never goes back)",
      tag,
      auth: "none",
      body: z.object({
        ms: z
          .number()
          .int()
          .positive()
          .max(365 * DAY)
          .describe("How far to move, in ms (at most a year)."),
      }),
      success: { status: 200, description: "The clock after the move.", schema: ClockSchema },
      handle: async ({ body }) => {
        demo.clock.advance(body.ms);
        return clock();
      },
    }),
  ];
}

/** Serves the portal's files at /portal; any other path under it gets the page (the portal routes by hash). */
export function mountDemoPortal(app: Hono, demo: DemoOptions): void {
  const page = demo.portal["index.html"];
  app.get("/portal", (c) => c.redirect("/portal/"));
  app.get("/portal/*", (c) => {
    const name = c.req.path.slice("/portal/".length);
    const file = demo.portal[name] ?? (name.includes(".") ? undefined : page);
    if (!file) return c.text("Not found", 404);
    return c.body(file.body, 200, { "content-type": file.contentType, "cache-control": "no-cache" });
  });
}
