/** The first `arm-N` id not taken by an arm. */
export function freeArmId(arms: { id: string }[]): string {
  for (let n = arms.length + 1; ; n++) if (!arms.some((a) => a.id === `arm-${n}`)) return `arm-${n}`;
}
