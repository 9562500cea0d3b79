import { useEffect, useState } from "react";
import { type Segment, segmentApi } from "../api/segment-api.ts";

/** What the journey editor needs of a segment: its id (written in the journey), its name and size (shown). */
export type SegmentChoice = Pick<Segment, "id" | "name" | "size">;

/** How long a loaded list is reused by panels opened one after another (a new segment shows within seconds). */
const FRESH_MS = 15_000;
let cached: { at: number; segments: Promise<SegmentChoice[]> } | null = null;

function loadSegments(): Promise<SegmentChoice[]> {
  if (!cached || Date.now() - cached.at > FRESH_MS) {
    // A server without segments (or offline) leaves the picker empty: ids already in the journey still show.
    const segments = segmentApi.list().then(
      (list) => list.map(({ id, name, size }) => ({ id, name, size })),
      () => [],
    );
    cached = { at: Date.now(), segments };
  }
  return cached.segments;
}

/** The workspace's segments, shared by every picker and summary of the journey editor. */
export function useSegments(): SegmentChoice[] {
  const [segments, setSegments] = useState<SegmentChoice[]>([]);
  useEffect(() => {
    let live = true;
    void loadSegments().then((s) => live && setSegments(s));
    return () => {
      live = false;
    };
  }, []);
  return segments;
}
