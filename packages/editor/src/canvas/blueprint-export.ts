/** Browsers refuse canvases much larger than this many pixels; a very long journey is exported at a smaller scale. */
const MAX_PIXELS = 64_000_000;
const MAX_SIDE = 16_000;

/** Saves `blob` as a file the browser downloads. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference once started; the page's can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from the journey's name: "Renewal reminder" → "renewal-reminder-blueprint.svg". */
export function blueprintFileName(journeyName: string, extension: "svg" | "png"): string {
  const slug = journeyName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${slug || "journey"}-blueprint.${extension}`;
}

/** The SVG drawn on a canvas at twice its size (crisp on a projector), as a PNG. */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const scale = Math.max(
    0.5,
    Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height))),
  );
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("This browser cannot draw the blueprint as a picture.");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error("This browser cannot save the blueprint as PNG."))),
        "image/png",
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
