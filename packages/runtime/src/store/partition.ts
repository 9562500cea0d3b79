/** How many partitions customers are spread over. Fixed per database: changing it needs a migration. */
export const PARTITIONS = 16;

/** The partition of a customer: a stable hash of workspace and customer id (FNV-1a). */
export function partitionOf(workspaceId: string, customerId: string, partitions = PARTITIONS): number {
  let hash = 0x811c9dc5;
  const key = `${workspaceId}\u0000${customerId}`;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
