import { useState } from "react";
import { Combobox } from "./Combobox.tsx";
import { segmentIdFor, segmentOptions, segmentText } from "./segment-options.ts";
import { useSegments } from "./use-segments.ts";

type Props = {
  label: string;
  segmentId: string;
  onChange: (segmentId: string) => void;
  readOnly?: boolean;
  testId?: string;
};

/**
 * Picks one of the workspace's segments by name, like the event picker: type to filter, pick from the list. The
 * journey stores the segment's id; the box shows its name, and flags a name (or a deleted segment's id) that is not a
 * segment.
 */
export function SegmentPicker({ label, segmentId, onChange, readOnly, testId }: Props) {
  const segments = useSegments();
  // What is being typed, for the segment stored when typing began: once another segment is stored (picked, or
  // changed under us), the box shows that segment's name again.
  const [typed, setTyped] = useState<{ over: string; text: string } | null>(null);
  const text = typed?.over === segmentId ? typed.text : null;
  const choose = (value: string) => {
    setTyped({ over: segmentId, text: value });
    const id = segmentIdFor(segments, value);
    if (id !== null && id !== segmentId) onChange(id);
  };
  return (
    <Combobox
      label={label}
      value={text ?? segmentText(segments, segmentId)}
      options={segmentOptions(segments)}
      onChange={choose}
      onPick={choose}
      readOnly={readOnly}
      unseenText={segments.length === 0 && segmentId === "" ? "" : "no such segment"}
      placeholder="Pick a segment"
      testId={testId}
    />
  );
}
