import { describe, expect, it } from "vitest";
import { accountHref, parseAccountRoute, ssoErrorWords } from "./account-route.ts";

describe("account routes (issue 13: sign-in, password reset, invitations)", () => {
  it("reads the sign-in screen, with a single sign-on error when one came back", () => {
    expect(parseAccountRoute("#/sign-in")).toEqual({ page: "sign-in" });
    expect(parseAccountRoute("#/sign-in?sso_error=access_denied")).toEqual({
      page: "sign-in",
      ssoError: "access_denied",
    });
  });

  it("reads the reset request and the emailed link's token", () => {
    expect(parseAccountRoute("#/reset-password")).toEqual({ page: "reset-password" });
    expect(parseAccountRoute("#/reset-password/abc%2Fdef")).toEqual({ page: "reset-password", token: "abc/def" });
  });

  it("reads an invitation's token, and needs one", () => {
    expect(parseAccountRoute("#/invitations/tok_1")).toEqual({ page: "invitation", token: "tok_1" });
    expect(parseAccountRoute("#/invitations")).toBeNull();
  });

  it("leaves workspace screens alone", () => {
    for (const hash of ["", "#/", "#/members", "#/journeys/sign-in", "#/settings"])
      expect(parseAccountRoute(hash)).toBeNull();
  });

  it("reads every route back from its own link", () => {
    for (const route of [
      { page: "sign-in" as const },
      { page: "sign-in" as const, ssoError: "invalid_state" },
      { page: "reset-password" as const },
      { page: "reset-password" as const, token: "a b" },
      { page: "invitation" as const, token: "x/y" },
    ])
      expect(parseAccountRoute(accountHref(route))).toEqual(route);
  });

  it("says single sign-on errors in words, naming an unknown code", () => {
    expect(ssoErrorWords("access_denied")).toMatch(/refused/);
    expect(ssoErrorWords("login_required")).toContain("(login_required)");
    // Words from the address are never shown: anyone can send a link to the sign-in page.
    expect(ssoErrorWords("Call 555-0100 to unlock")).not.toContain("555");
  });
});
