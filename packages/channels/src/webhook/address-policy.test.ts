import { PermanentError, TransientError } from "@overture/runtime";
import { describe, expect, it } from "vitest";
import {
  checkDestination,
  classifyAddress,
  isDestinationAllowed,
  isPublicAddress,
  parseAllowList,
} from "./address-policy.ts";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["100.64.0.1", "private"],
    ["fd12:3456::1", "private"],
    ["fc00::1", "private"],
    ["169.254.169.254", "link-local"],
    ["::ffff:169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["172.32.0.1", "public"],
    ["172.15.255.255", "public"],
    ["8.8.8.8", "public"],
    ["93.184.216.34", "public"],
    ["2606:4700::1111", "public"],
  ])("%s is %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it("refuses what is not an IP address", () => {
    expect(() => classifyAddress("example.com")).toThrow(TypeError);
  });
});

// Issue 12, finding 10: the guard let 198.18.0.0/15, 192.0.0.0/24, 192.0.2.0/24, 64:ff9b::/96 and 2002::/16 through.
// These check the guard's decision only: nothing here opens a connection.
describe("the IANA special-purpose registries are refused", () => {
  const none = parseAllowList("");
  it.each([
    "0.0.0.0",
    "0.1.2.3",
    "10.0.0.1",
    "100.64.0.1",
    "100.127.255.254",
    "127.0.0.1",
    "169.254.169.254",
    "172.16.0.1",
    "192.0.0.1",
    "192.0.0.170",
    "192.0.2.1",
    "192.31.196.1",
    "192.52.193.1",
    "192.88.99.1",
    "192.168.0.1",
    "192.175.48.1",
    "198.18.0.1",
    "198.19.255.254",
    "198.51.100.7",
    "203.0.113.9",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "::127.0.0.1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "::ffff:198.18.0.1",
    "64:ff9b::127.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "64:ff9b::10.0.0.1",
    "64:ff9b:1::1",
    "64:ff9b:1::8.8.8.8",
    "100::1",
    "2001::1",
    "2001:1::1",
    "2001:1ff::1",
    "2001:db8::1",
    "2002:7f00:1::",
    "2002:a9fe:a9fe::1",
    "2002:c612:1::",
    "3fff::1",
    "3fff:fff::1",
    "5f00::1",
    "fc00::1",
    "fd00::1",
    "fe80::1",
    "fe80::1%eth0",
    "fec0::1",
    "ff02::1",
  ])("%s is refused", (ip) => {
    expect(classifyAddress(ip)).not.toBe("public");
    expect(isPublicAddress(ip)).toBe(false);
    expect(isDestinationAllowed("hooks.example.com", ip, none)).toBe(false);
  });

  it.each([
    "1.1.1.1",
    "8.8.8.8",
    "100.63.255.255",
    "100.128.0.1",
    "192.0.1.255",
    "192.0.3.1",
    "198.17.255.255",
    "198.20.0.1",
    "223.255.255.255",
    "2606:4700::1111",
    "2001:200::1",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
    "2002:808:808::1",
    "4000::1",
  ])("%s is public", (ip) => {
    expect(classifyAddress(ip)).toBe("public");
    expect(isDestinationAllowed("hooks.example.com", ip, none)).toBe(true);
  });

  it("names the kind of range", () => {
    expect(classifyAddress("198.18.0.1")).toBe("reserved");
    expect(classifyAddress("192.0.2.1")).toBe("documentation");
    expect(classifyAddress("2001:db8::1")).toBe("documentation");
    expect(classifyAddress("64:ff9b::7f00:1")).toBe("loopback");
    expect(classifyAddress("2002:a9fe:a9fe::")).toBe("link-local");
  });

  it("refuses a name resolving to a NAT64 or 6to4 address of an inside host", async () => {
    for (const ip of ["64:ff9b::a9fe:a9fe", "2002:0a00:0001::1", "198.18.0.1", "192.0.0.8"]) {
      await expect(
        checkDestination("https://hooks.example.com/x", none, async () => [ip]),
        ip,
      ).rejects.toMatchObject({
        code: "destination_not_allowed",
      });
    }
  });
});

describe("allow list", () => {
  const allow = parseAllowList("127.0.0.1, 10.20.0.0/16, hooks.internal, fd00::/8");

  it("allows listed addresses, ranges and hosts, and public addresses; nothing else", () => {
    expect(isDestinationAllowed("localhost", "127.0.0.1", allow)).toBe(true);
    expect(isDestinationAllowed("localhost", "::ffff:127.0.0.1", allow)).toBe(true);
    expect(isDestinationAllowed("localhost", "127.0.0.2", allow)).toBe(false);
    expect(isDestinationAllowed("x", "10.20.9.9", allow)).toBe(true);
    expect(isDestinationAllowed("x", "10.21.0.1", allow)).toBe(false);
    expect(isDestinationAllowed("HOOKS.internal", "192.168.0.5", allow)).toBe(true);
    expect(isDestinationAllowed("x", "fd00::5", allow)).toBe(true);
    expect(isDestinationAllowed("x", "169.254.169.254", allow)).toBe(false);
    expect(isDestinationAllowed("x", "8.8.8.8", parseAllowList(undefined))).toBe(true);
  });

  it("names a malformed entry", () => {
    expect(() => parseAllowList("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseAllowList("http://x")).toThrow(/http:\/\/x/);
  });
});

describe("checkDestination", () => {
  const none = parseAllowList("");
  const resolvesTo =
    (...ips: string[]) =>
    async () =>
      ips;

  it("refuses the metadata address, loopback and private ranges with destination_not_allowed", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data",
      "http://127.0.0.1:8080/",
      "http://[::1]/",
      "http://10.0.0.5/hook",
    ]) {
      const error = await checkDestination(url, none).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).code).toBe("destination_not_allowed");
    }
  });

  it("refuses a name when any of its addresses is not allowed (a public name pointing inside)", async () => {
    await expect(
      checkDestination("https://hooks.example.com/x", none, resolvesTo("93.184.216.34", "10.0.0.1")),
    ).rejects.toMatchObject({
      code: "destination_not_allowed",
      message: expect.stringContaining("10.0.0.1, a private address"),
    });
    await expect(
      checkDestination("https://hooks.example.com/x", none, resolvesTo("93.184.216.34")),
    ).resolves.toBeInstanceOf(URL);
  });

  it("refuses other schemes and non-URLs as invalid_webhook_url", async () => {
    await expect(checkDestination("file:///etc/passwd", none)).rejects.toMatchObject({ code: "invalid_webhook_url" });
    await expect(checkDestination("gopher://x", none)).rejects.toMatchObject({ code: "invalid_webhook_url" });
    await expect(checkDestination("not a url", none)).rejects.toMatchObject({ code: "invalid_webhook_url" });
  });

  it("calls an allowed loopback address, and retries a name that does not resolve", async () => {
    await expect(checkDestination("http://127.0.0.1:9/x", parseAllowList("127.0.0.1"))).resolves.toBeInstanceOf(URL);
    const failing = async () => {
      throw new Error("getaddrinfo EAI_AGAIN");
    };
    await expect(checkDestination("http://nowhere.invalid/", none, failing)).rejects.toBeInstanceOf(TransientError);
  });
});
