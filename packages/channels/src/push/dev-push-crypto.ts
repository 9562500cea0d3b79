import { createDecipheriv, createECDH, hkdfSync, randomBytes } from "node:crypto";

/**
 * The browser's side of RFC 8291 for the dev push service: its P-256 key pair and auth secret, and the decryption of
 * an `aes128gcm` body (RFC 8188). Written on node:crypto rather than with http_ece, which web-push encrypts with, so
 * the tests check web-push's output against a second, independent reading of the RFCs.
 */
export type BrowserKeys = {
  /** The private key, base64url; the public key and auth secret are what PushSubscription.toJSON() shows. */
  privateKey: string;
  p256dh: string;
  auth: string;
};

/** A new subscription's keys, as a browser makes them. */
export function createBrowserKeys(): BrowserKeys {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    privateKey: ecdh.getPrivateKey().toString("base64url"),
    p256dh: ecdh.getPublicKey().toString("base64url"),
    auth: randomBytes(16).toString("base64url"),
  };
}

const HEADER_FIXED = 16 + 4 + 1;
const TAG_BYTES = 16;

function hkdf(salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync("sha256", ikm, salt, info, length));
}

/** Why a body could not be decrypted, said as the push service would (a 400 for the sender). */
export class DecryptError extends Error {}

/**
 * Decrypts one `Content-Encoding: aes128gcm` push message for `keys`: the header (salt, record size, the sender's
 * public key as key id), then each record, whose padding ends with 0x02 on the last record and 0x01 on the others.
 */
export function decryptPushBody(body: Buffer, keys: BrowserKeys): Buffer {
  if (body.length < HEADER_FIXED) throw new DecryptError("the body is shorter than an aes128gcm header");
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderPublic = body.subarray(HEADER_FIXED, HEADER_FIXED + idLength);
  if (idLength !== 65 || senderPublic[0] !== 0x04)
    throw new DecryptError("the key id is not an uncompressed P-256 public key (RFC 8291 section 4)");
  if (recordSize < TAG_BYTES + 2) throw new DecryptError(`record size ${recordSize} is too small`);
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(Buffer.from(keys.privateKey, "base64url"));
  let shared: Buffer;
  try {
    shared = ecdh.computeSecret(senderPublic);
  } catch {
    throw new DecryptError("the sender's public key is not on the P-256 curve");
  }
  const info = Buffer.concat([Buffer.from("WebPush: info\0"), ecdh.getPublicKey(), senderPublic]);
  const ikm = hkdf(Buffer.from(keys.auth, "base64url"), shared, info, 32);
  const cek = hkdf(salt, ikm, Buffer.from("Content-Encoding: aes128gcm\0"), 16);
  const baseNonce = hkdf(salt, ikm, Buffer.from("Content-Encoding: nonce\0"), 12);
  const records = body.subarray(HEADER_FIXED + idLength);
  const plain: Buffer[] = [];
  for (let offset = 0, seq = 0; offset < records.length; offset += recordSize, seq++) {
    const record = records.subarray(offset, offset + recordSize);
    const last = offset + recordSize >= records.length;
    const nonce = Buffer.from(baseNonce);
    // The record's sequence number XORed into the nonce's low bytes (fewer than 2^32 records in a push message).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    let padded: Buffer;
    try {
      padded = Buffer.concat([decipher.update(record.subarray(0, record.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new DecryptError(`record ${seq} does not decrypt with this subscription's keys`);
    }
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== (last ? 2 : 1)) throw new DecryptError(`record ${seq} has no valid padding delimiter`);
    plain.push(padded.subarray(0, end));
  }
  return Buffer.concat(plain);
}
