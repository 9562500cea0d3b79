import { hash, verify } from "@node-rs/argon2";
import { InputError } from "@overture/runtime";

// The library's `Algorithm` is a const enum, which isolated modules cannot read: Argon2id is its value 2.
const ARGON2ID = 2;

/** The shortest password accepted: NIST SP 800-63B asks for at least 8; a team tool holding customer data asks 10. */
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256;

/** A password's hash: argon2id with the library's defaults (OWASP's m=19 MiB, t=2, p=1), salt and settings inside. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// Verifying against this when the email is unknown makes a wrong email take as long as a wrong password.
let decoy: Promise<string> | undefined;

/** True when the password matches the hash; with no hash (unknown user, SSO-only user) it still spends the time. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    decoy ??= hashPassword("overture decoy password");
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** Throws InputError("invalid_password") when a new password is too short or too long, saying which. */
export function checkNewPassword(password: string, path = "body.password"): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new InputError(
      "invalid_password",
      `A password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters; this one has ${password.length}.`,
      [{ path, code: "invalid_password", message: `${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters` }],
    );
  }
}
