import type { BlueprintRow } from "./blueprint-lanes.ts";
import { BLUEPRINT_SIZES, type BlueprintItem, type BlueprintLayout } from "./blueprint-layout.ts";

/** Each band's fill and the fill of its label cell, light enough to print. */
export const BAND_COLORS: Record<BlueprintRow, { fill: string; label: string; text: string }> = {
  time: { fill: "#ffffff", label: "#f8fafc", text: "#475569" },
  customer: { fill: "#f5f7ff", label: "#e0e7ff", text: "#3730a3" },
  frontstage: { fill: "#f2fbff", label: "#d9f1fd", text: "#075985" },
  backstage: { fill: "#f8f6ff", label: "#ebe5fe", text: "#5b21b6" },
  support: { fill: "#f7f8fa", label: "#e8ebf0", text: "#334155" },
};

/** The colour of each step type, as on the canvas (styles.css `.type-*`). */
export const KIND_COLORS: Record<string, string> = {
  trigger: "#4f46e5",
  email: "#0ea5e9",
  notification: "#0ea5e9",
  webhook: "#0ea5e9",
  personalize: "#14b8a6",
  recommend: "#14b8a6",
  "update-profile": "#14b8a6",
  wait: "#f59e0b",
  "wait-for-event": "#f59e0b",
  branch: "#a855f7",
  split: "#a855f7",
  goal: "#1f9d55",
  exit: "#6b7385",
};

/** How each line is drawn: interaction solid, visibility dashed, internal interaction dotted. */
export const LINE_DASH = { interaction: "", visibility: "10 6", internal: "2 6" } as const;

const FONT = "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Text safe inside SVG markup. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

/** Words wrapped to lines of at most `width` characters, at most `lines` of them, the last cut with an ellipsis. */
export function wrapWords(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) line = next;
    else {
      if (line) out.push(line);
      line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  const last = kept[lines - 1]!;
  kept[lines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return kept;
}

/**
 * The blueprint's backdrop: the bands with their labels, the time axis with each column's time, and the three
 * labelled lines. Drawn under the steps both in the editor and in the exported file.
 */
export function blueprintBackdrop(layout: BlueprintLayout): string {
  const S = BLUEPRINT_SIZES;
  const parts: string[] = [];
  for (const band of layout.bands) {
    const colors = BAND_COLORS[band.id];
    parts.push(
      `<rect x="0" y="${band.y}" width="${layout.width}" height="${band.height}" fill="${colors.fill}" class="blueprint-band" data-band="${band.id}"/>`,
      `<rect x="0" y="${band.y}" width="${S.labelWidth}" height="${band.height}" fill="${colors.label}"/>`,
      `<text x="18" y="${band.y + band.height / 2}" dominant-baseline="middle" font-size="15" font-weight="700" fill="${colors.text}" class="blueprint-band-label">${escapeXml(band.label)}</text>`,
    );
  }
  const time = layout.bands[0]!;
  const axisY = time.y + S.headerHeight;
  parts.push(
    `<line x1="${S.labelWidth + 12}" y1="${axisY}" x2="${layout.width - 16}" y2="${axisY}" stroke="#94a3b8" stroke-width="1.5"/>`,
    `<path d="M${layout.width - 16} ${axisY} l-9 -5 v10 z" fill="#94a3b8"/>`,
  );
  // A time is written where it changes; the columns after it until the next one share it.
  layout.columns.forEach((column, i) => {
    const middle = column.x + column.width / 2;
    parts.push(
      `<line x1="${middle}" y1="${axisY - 4}" x2="${middle}" y2="${axisY + 4}" stroke="#94a3b8" stroke-width="1.5"/>`,
    );
    if (column.time && column.time !== layout.columns[i - 1]?.time)
      parts.push(
        `<text x="${middle}" y="${axisY - 10}" text-anchor="middle" font-size="12.5" font-weight="700" fill="#334155" class="blueprint-time">${escapeXml(column.time)}</text>`,
      );
  });
  for (const line of layout.lines) {
    const dash = LINE_DASH[line.id];
    parts.push(
      `<line x1="0" y1="${line.y}" x2="${layout.width}" y2="${line.y}" stroke="#1e293b" stroke-width="2"${dash ? ` stroke-dasharray="${dash}" stroke-linecap="round"` : ""} class="blueprint-line" data-line="${line.id}"/>`,
      `<text x="${S.labelWidth + 10}" y="${line.y - 7}" font-size="11" font-weight="700" letter-spacing="0.06em" fill="#1e293b" class="blueprint-line-label">${escapeXml(line.label.toUpperCase())}</text>`,
    );
  }
  return parts.join("");
}

/**
 * Where a connection runs: straight down within a column, else out of the right side, across, into the left side.
 * `shift` moves the vertical stretch sideways, so lines into different boxes of one column do not run together.
 */
export function connectionPath(
  from: BlueprintItem,
  to: BlueprintItem,
  options: { shift?: number; lines?: readonly number[] } = {},
): { d: string; labelAt: { x: number; y: number } } {
  if (from.column === to.column) {
    const x = from.x + from.width / 2;
    const [y1, y2] = from.y < to.y ? [from.y + from.height, to.y] : [from.y, to.y + to.height];
    return { d: `M${x} ${y1} V${y2}`, labelAt: { x, y: (y1 + y2) / 2 } };
  }
  const [x1, y1] = [from.x + from.width, from.y + from.height / 2];
  const [x2, y2] = [to.x, to.y + to.height / 2];
  const bend = x2 - BLUEPRINT_SIZES.columnGap / 2 + (options.shift ?? 0);
  // The label sits on the first stretch when it is long enough; else half-way down the vertical one, moved into the
  // padding of the lane it goes to when half-way is on one of the lines between lanes (where no box is).
  const roomy = bend - x1 > BLUEPRINT_SIZES.columnGap * 1.5;
  const middle = (y1 + y2) / 2;
  const line = options.lines?.find((y) => Math.abs(y - middle) < 14);
  const y = line === undefined ? middle : line + (y2 > y1 ? 13 : -13);
  return {
    d: `M${x1} ${y1} H${bend} V${y2} H${x2}`,
    labelAt: y1 === y2 || roomy ? { x: (x1 + bend) / 2, y: y1 } : { x: bend, y },
  };
}

/** How far sideways each connection's vertical stretch goes: lines into one column spread 12 px apart. */
function shifts(layout: BlueprintLayout, byId: ReadonlyMap<string, BlueprintItem>): Map<string, number> {
  const into = new Map<number, string[]>();
  for (const c of layout.connections) {
    const [from, to] = [byId.get(c.from), byId.get(c.to)];
    if (!from || !to || from.column === to.column) continue;
    into.set(to.column, [...(into.get(to.column) ?? []), c.id]);
  }
  const out = new Map<string, number>();
  for (const ids of into.values()) {
    // Only different boxes need apart: lines into one box may share their last stretch.
    const targets = [...new Set(ids.map((id) => layout.connections.find((c) => c.id === id)!.to))];
    for (const id of ids) {
      const k = targets.indexOf(layout.connections.find((c) => c.id === id)!.to);
      out.set(id, (k - (targets.length - 1) / 2) * 12);
    }
  }
  return out;
}

function drawItem(item: BlueprintItem): string {
  // A channel from the registry without a colour of its own is drawn as a message.
  const color = item.kind === "support" ? "#64748b" : (KIND_COLORS[item.stepType] ?? "#0ea5e9");
  const { x, y, width, height } = item;
  if (item.kind === "marker") {
    const title = wrapWords(item.title, 20, 1)[0] ?? "";
    return (
      `<g class="blueprint-item" ${item.stepId === null ? "" : ` data-step-id="${escapeXml(item.stepId)}"`}><rect x="${x}" y="${y}" width="${width}" height="${height}" rx="${height / 2}" fill="#fffbeb" stroke="${color}" stroke-width="1.5"/>` +
      `<text x="${x + width / 2}" y="${y + 21}" text-anchor="middle" font-size="14" font-weight="700" fill="#92400e">${escapeXml(item.kindLabel)}</text>` +
      `<text x="${x + width / 2}" y="${y + 38}" text-anchor="middle" font-size="11" fill="#6b7385">${escapeXml(title)}</text></g>`
    );
  }
  const fill = item.kind === "support" ? "#fbfcfd" : item.kind === "journey" ? "#fcfcfd" : "#ffffff";
  const summary = wrapWords(item.summary, 31, 3)
    .map((line, i) => `<tspan x="${x + 14}" dy="${i === 0 ? 0 : 15}">${escapeXml(line)}</tspan>`)
    .join("");
  return (
    `<g class="blueprint-item" ${item.stepId === null ? "" : ` data-step-id="${escapeXml(item.stepId)}"`}><rect x="${x}" y="${y}" width="${width}" height="${height}" rx="10" fill="${fill}" stroke="#d5d9e2"${item.kind === "support" ? ' stroke-dasharray="5 4"' : ""}/>` +
    `<rect x="${x}" y="${y + 10}" width="4" height="${height - 20}" rx="2" fill="${color}"/>` +
    `<circle cx="${x + 18}" cy="${y + 17}" r="4" fill="${color}"/>` +
    `<text x="${x + 28}" y="${y + 21}" font-size="10.5" font-weight="600" letter-spacing="0.05em" fill="#6b7385">${escapeXml(item.kindLabel.toUpperCase())}</text>` +
    `<text x="${x + 14}" y="${y + 41}" font-size="14" font-weight="700" fill="#1c2130">${escapeXml(wrapWords(item.title, 23, 1)[0] ?? "")}</text>` +
    `<text x="${x + 14}" y="${y + 60}" font-size="11.5" fill="#4a5263">${summary}</text></g>`
  );
}

/** The whole blueprint as an SVG file: a title, the backdrop, the connections and every box, in plain shapes and text. */
export function blueprintSvg(layout: BlueprintLayout, title: string): string {
  const top = 64;
  const byId = new Map(layout.items.map((i) => [i.id, i]));
  const apart = shifts(layout, byId);
  const connections = layout.connections.flatMap((c) => {
    const [from, to] = [byId.get(c.from), byId.get(c.to)];
    if (!from || !to) return [];
    const { d, labelAt } = connectionPath(from, to, {
      shift: apart.get(c.id),
      lines: layout.bands.map((band) => band.y),
    });
    const dash = c.kind === "starts" ? ' stroke-dasharray="5 4"' : "";
    const label = c.label
      ? `<rect x="${labelAt.x - c.label.length * 3.2 - 6}" y="${labelAt.y - 9}" width="${c.label.length * 6.4 + 12}" height="18" rx="4" fill="#ffffff" stroke="#e3e6ec"/>` +
        `<text x="${labelAt.x}" y="${labelAt.y + 4}" text-anchor="middle" font-size="11" fill="#4a5263">${escapeXml(c.label)}</text>`
      : "";
    return [`<path d="${d}" fill="none" stroke="#64748b" stroke-width="1.6"${dash} marker-end="url(#arrow)"/>${label}`];
  });
  const width = layout.width;
  const height = layout.height + top;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#64748b"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="18" y="30" font-size="20" font-weight="700" fill="#1c2130">${escapeXml(title)}</text>`,
    `<text x="18" y="50" font-size="12.5" fill="#6b7385">Service blueprint · time runs left to right</text>`,
    `<g transform="translate(0 ${top})">`,
    blueprintBackdrop(layout),
    ...connections,
    ...layout.items.map(drawItem),
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${layout.height - 1}" fill="none" stroke="#cbd2dc"/>`,
    "</g></svg>",
  ].join("\n");
}
