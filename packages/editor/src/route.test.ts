import { describe, expect, it } from "vitest";
import { parseRoute, routeHref, WORKSPACE_PAGES } from "./route.ts";

describe("routes (issue 15: each workspace screen has its own address)", () => {
  it("reads the journeys screen from #/, #/journeys and anything unknown", () => {
    for (const hash of ["", "#/", "#/journeys", "#/journeys/", "#/nowhere"])
      expect(parseRoute(hash)).toEqual({ page: "journeys" });
  });

  it("reads every workspace screen back from its own link", () => {
    for (const page of WORKSPACE_PAGES) expect(parseRoute(routeHref({ page }))).toEqual({ page });
    expect(routeHref({ page: "content" })).toBe("#/content");
  });

  it("keeps journeys and versions, and the old list name links to the journeys", () => {
    expect(parseRoute("#/journeys/a%20b/versions/3")).toEqual({ page: "journey", journeyId: "a b", version: 3 });
    expect(routeHref({ page: "journey", journeyId: "a b" })).toBe("#/journeys/a%20b");
    expect(routeHref({ page: "list" })).toBe("#/journeys");
  });

  it("opens one review request at its own address (issue 13)", () => {
    expect(routeHref({ page: "approvals", requestId: "r 1" })).toBe("#/approvals/r%201");
    expect(parseRoute("#/approvals/r%201")).toEqual({ page: "approvals", requestId: "r 1" });
    expect(parseRoute("#/approvals")).toEqual({ page: "approvals" });
  });

  it("opens the audiences, a segment and a new segment at their own address (issue 14)", () => {
    expect(WORKSPACE_PAGES.indexOf("audiences")).toBe(WORKSPACE_PAGES.indexOf("journeys") + 1);
    expect(routeHref({ page: "audiences", segmentId: "seg 1" })).toBe("#/audiences/seg%201");
    expect(parseRoute("#/audiences/seg%201")).toEqual({ page: "audiences", segmentId: "seg 1" });
    expect(parseRoute("#/audiences/new")).toEqual({ page: "audiences", segmentId: "new" });
    expect(parseRoute("#/audiences")).toEqual({ page: "audiences" });
  });

  it("opens a journey's report at its own address (issue 14)", () => {
    expect(routeHref({ page: "journey-report", journeyId: "a b" })).toBe("#/journeys/a%20b/report");
    expect(parseRoute("#/journeys/a%20b/report")).toEqual({ page: "journey-report", journeyId: "a b" });
    expect(parseRoute("#/reports")).toEqual({ page: "reports" });
  });
});
