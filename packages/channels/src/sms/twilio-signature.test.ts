import { describe, expect, it } from "vitest";
import { isTwilioSignatureValid, twilioSignature } from "./twilio-signature.ts";

// Twilio's published example (its security docs and its helper libraries' tests): token 12345.
const URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
const PARAMS = {
  CallSid: "CA1234567890ABCDE",
  Caller: "+14158675309",
  Digits: "1234",
  From: "+14158675309",
  To: "+18005551212",
};
const SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

describe("X-Twilio-Signature", () => {
  it("reproduces Twilio's published example, whatever the order of the parameters", () => {
    expect(twilioSignature("12345", URL, PARAMS)).toBe(SIGNATURE);
    const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
    expect(isTwilioSignatureValid("12345", URL, reversed, SIGNATURE)).toBe(true);
  });

  it("rejects another token, URL, value, or a missing signature", () => {
    expect(isTwilioSignatureValid("54321", URL, PARAMS, SIGNATURE)).toBe(false);
    expect(isTwilioSignatureValid("12345", `${URL}&x=1`, PARAMS, SIGNATURE)).toBe(false);
    expect(isTwilioSignatureValid("12345", URL, { ...PARAMS, Digits: "9999" }, SIGNATURE)).toBe(false);
    expect(isTwilioSignatureValid("12345", URL, PARAMS, null)).toBe(false);
    expect(isTwilioSignatureValid("12345", URL, PARAMS, "short")).toBe(false);
  });
});
