import { BlockList, isIP } from "node:net";

/** What an IP address is, for deciding whether Overture may call it. Only `public` is called without an allow entry. */
export type AddressKind =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "unspecified"
  | "multicast"
  | "documentation"
  | "reserved";

type SpecialRange = { kind: Exclude<AddressKind, "public">; network: string; prefix: number; name: string };

/**
 * The IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its updates), plus multicast and the
 * reserved class E. Every range is refused, even those the registry marks "globally reachable" (AS112, AMT, the
 * 6to4 relay, TURN and PCP anycast): no webhook receiver lives there, and a short rule is easier to trust than
 * exceptions. The IPv6 ranges that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that address instead;
 * see {@link classifyAddress}.
 */
export const SPECIAL_IPV4: readonly SpecialRange[] = [
  { kind: "unspecified", network: "0.0.0.0", prefix: 8, name: "this network (RFC 791)" },
  { kind: "private", network: "10.0.0.0", prefix: 8, name: "private use (RFC 1918)" },
  { kind: "private", network: "100.64.0.0", prefix: 10, name: "carrier-grade NAT (RFC 6598)" },
  { kind: "loopback", network: "127.0.0.0", prefix: 8, name: "loopback (RFC 1122)" },
  // Includes 169.254.169.254, the cloud metadata service.
  { kind: "link-local", network: "169.254.0.0", prefix: 16, name: "link local (RFC 3927)" },
  { kind: "private", network: "172.16.0.0", prefix: 12, name: "private use (RFC 1918)" },
  { kind: "reserved", network: "192.0.0.0", prefix: 24, name: "IETF protocol assignments (RFC 6890)" },
  { kind: "documentation", network: "192.0.2.0", prefix: 24, name: "TEST-NET-1 (RFC 5737)" },
  { kind: "reserved", network: "192.31.196.0", prefix: 24, name: "AS112-v4 (RFC 7535)" },
  { kind: "reserved", network: "192.52.193.0", prefix: 24, name: "AMT (RFC 7450)" },
  { kind: "reserved", network: "192.88.99.0", prefix: 24, name: "6to4 relay anycast (RFC 7526)" },
  { kind: "private", network: "192.168.0.0", prefix: 16, name: "private use (RFC 1918)" },
  { kind: "reserved", network: "192.175.48.0", prefix: 24, name: "direct delegation AS112 (RFC 7534)" },
  { kind: "reserved", network: "198.18.0.0", prefix: 15, name: "benchmarking (RFC 2544)" },
  { kind: "documentation", network: "198.51.100.0", prefix: 24, name: "TEST-NET-2 (RFC 5737)" },
  { kind: "documentation", network: "203.0.113.0", prefix: 24, name: "TEST-NET-3 (RFC 5737)" },
  { kind: "multicast", network: "224.0.0.0", prefix: 4, name: "multicast (RFC 5771)" },
  // Also holds 255.255.255.255, the limited broadcast address (RFC 919).
  { kind: "reserved", network: "240.0.0.0", prefix: 4, name: "reserved (RFC 1112)" },
];

/** The IPv6 half of the registry; see {@link SPECIAL_IPV4}. */
export const SPECIAL_IPV6: readonly SpecialRange[] = [
  { kind: "unspecified", network: "::", prefix: 128, name: "unspecified (RFC 4291)" },
  { kind: "loopback", network: "::1", prefix: 128, name: "loopback (RFC 4291)" },
  // The rest of ::/96 are the deprecated IPv4-compatible addresses.
  { kind: "reserved", network: "::", prefix: 96, name: "IPv4-compatible, deprecated (RFC 4291)" },
  { kind: "private", network: "64:ff9b:1::", prefix: 48, name: "local-use IPv4/IPv6 translation (RFC 8215)" },
  { kind: "reserved", network: "100::", prefix: 64, name: "discard-only (RFC 6666)" },
  { kind: "reserved", network: "2001::", prefix: 23, name: "IETF protocol assignments, Teredo, ORCHID (RFC 2928)" },
  { kind: "documentation", network: "2001:db8::", prefix: 32, name: "documentation (RFC 3849)" },
  { kind: "documentation", network: "3fff::", prefix: 20, name: "documentation (RFC 9637)" },
  { kind: "reserved", network: "5f00::", prefix: 16, name: "segment routing SIDs (RFC 9602)" },
  { kind: "private", network: "fc00::", prefix: 7, name: "unique local (RFC 4193)" },
  { kind: "link-local", network: "fe80::", prefix: 10, name: "link local (RFC 4291)" },
  { kind: "private", network: "fec0::", prefix: 10, name: "site local, deprecated (RFC 3879)" },
  { kind: "multicast", network: "ff00::", prefix: 8, name: "multicast (RFC 4291)" },
];

function listsOf(ranges: readonly SpecialRange[], family: "ipv4" | "ipv6"): Array<[SpecialRange, BlockList]> {
  return ranges.map((range) => {
    const list = new BlockList();
    list.addSubnet(range.network, range.prefix, family);
    return [range, list];
  });
}

const V4 = listsOf(SPECIAL_IPV4, "ipv4");
const V6 = listsOf(SPECIAL_IPV6, "ipv6");

/** The 16 bytes of an IPv6 address (a zone `%eth0` ignored, a trailing dotted IPv4 accepted). */
export function ipv6Bytes(ip: string): number[] {
  let text = ip.replace(/%.*$/, "");
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const first = groups(head);
  const last = groups(tail);
  const all =
    tail === undefined ? first : [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/**
 * The IPv4 address an IPv6 address stands for, when it does: IPv4-mapped (`::ffff:0:0/96`), the well-known NAT64
 * prefix (`64:ff9b::/96`, RFC 6052) and 6to4 (`2002::/16`, RFC 3056). A gateway or relay forwards those to the
 * IPv4 address, so that address is the one to judge.
 */
export function embeddedIpv4(ip: string): string | null {
  const b = ipv6Bytes(ip);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const v4 = (at: number) => b.slice(at, at + 4).join(".");
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4(12);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return v4(12);
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2);
  return null;
}

/** The special range `ip` falls in (an embedded IPv4 address judged as such), or null for a public address. */
export function specialRangeOf(ip: string): SpecialRange | null {
  const family = isIP(ip);
  if (family === 0) throw new TypeError(`not an IP address: ${ip}`);
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4 !== null) return specialRangeOf(v4);
  }
  const address = family === 6 ? ip.replace(/%.*$/, "") : ip;
  for (const [range, list] of family === 4 ? V4 : V6)
    if (list.check(address, family === 4 ? "ipv4" : "ipv6")) return range;
  return null;
}

/** Classifies an IP address (v4 or v6); anything outside the special-purpose registries is `public`. */
export function classifyAddress(ip: string): AddressKind {
  return specialRangeOf(ip)?.kind ?? "public";
}

/** True when `ip` is a public address, one Overture may call without an allow entry. */
export function isPublicAddress(ip: string): boolean {
  return specialRangeOf(ip) === null;
}
