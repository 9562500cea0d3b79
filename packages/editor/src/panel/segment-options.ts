import type { SegmentNaming } from "@overture/core";
import type { ComboOption } from "./Combobox.tsx";

type Named = { id: string; name: string; size?: number };

/** The segment picker's choices: names shown (the id is what the journey stores), with their size as a hint. */
export function segmentOptions(segments: readonly Named[]): ComboOption[] {
  return segments.map((s) => ({
    value: s.name,
    hint: s.size === undefined ? undefined : `${s.size} customer${s.size === 1 ? "" : "s"}`,
  }));
}

/** What the picker box shows for a stored id: the segment's name, or the id when no segment has it (deleted). */
export function segmentText(segments: readonly Named[], segmentId: string): string {
  return segments.find((s) => s.id === segmentId)?.name ?? segmentId;
}

/**
 * The id to store for what was typed or picked: the segment whose name it is (case and outer spaces ignored), else
 * one whose id it is; null while it names none (the journey keeps its last segment until then).
 */
export function segmentIdFor(segments: readonly Named[], text: string): string | null {
  const wanted = text.trim().toLowerCase();
  if (wanted === "") return null;
  return (
    segments.find((s) => s.name.trim().toLowerCase() === wanted)?.id ?? segments.find((s) => s.id === text)?.id ?? null
  );
}

/** Segment names for step summaries and descriptions ("enters segment 'Lapsed buyers'"), ids when unknown. */
export function segmentNaming(segments: readonly Named[]): SegmentNaming {
  return { segmentName: (id) => segments.find((s) => s.id === id)?.name };
}
