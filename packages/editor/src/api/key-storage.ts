/** The part of the Web Storage API the key storage uses (sessionStorage and localStorage have it). */
export type KeyStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Where the editor keeps a pasted key, under this name. */
export const KEY_STORAGE = "overture.apiKey";

/**
 * Keeps the secret key a user pasted for this tab only (issue 12, finding 11): in sessionStorage, which goes with the
 * tab, never in localStorage, which stays on the disk for any later script of this origin to read. A key that an
 * older editor left in localStorage is removed on first use.
 */
export function createKeyStorage(session: KeyStore, local: KeyStore | null) {
  local?.removeItem(KEY_STORAGE);
  return {
    /** The key pasted earlier in this tab, or null. */
    read: (): string | null => session.getItem(KEY_STORAGE),
    remember: (key: string): void => session.setItem(KEY_STORAGE, key),
    forget: (): void => session.removeItem(KEY_STORAGE),
  };
}
