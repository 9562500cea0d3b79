/**
 * The look of a chart's series, by position. The colours step through lightness as well as hue (dark blue, amber,
 * teal, light violet…), and lines also differ in dash and mark, so two series stay apart printed in grey or seen
 * without colour.
 */
export type SeriesStyle = {
  color: string;
  dash: string | undefined;
  mark: "circle" | "square" | "triangle" | "diamond";
};

const STYLES: readonly SeriesStyle[] = [
  { color: "#1e3a8a", dash: undefined, mark: "circle" },
  { color: "#d97706", dash: "6 3", mark: "square" },
  { color: "#0f766e", dash: "2 3", mark: "triangle" },
  { color: "#c4b5fd", dash: "10 3 2 3", mark: "diamond" },
  { color: "#6b7385", dash: "4 4", mark: "circle" },
];

/** The style of the series at `index` (styles repeat after five series). */
export function seriesStyle(index: number): SeriesStyle {
  return STYLES[index % STYLES.length] as SeriesStyle;
}

/** A chart's height at 1280×800: room for a few charts and their tables on one scroll. */
export const CHART_HEIGHT = 240;
