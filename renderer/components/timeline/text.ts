// Label texts as the page draws them: their widths, and shorter wordings that fit. No React.

/** Widths of label texts (px), by font and text: measured once each on a canvas, as the page draws them. */
const textWidths = new Map<string, number>();
let measuring: { context: CanvasRenderingContext2D | null; family: string } | undefined;

/** The width of `text` at `size` px (and `weight`) in the page's font. */
export function textWidth(text: string, size: number, weight = 400): number {
  const key = `${weight} ${size} ${text}`;
  let w = textWidths.get(key);
  if (w === undefined) {
    measuring ??= {
      context: document.createElement('canvas').getContext('2d'),
      family: getComputedStyle(document.documentElement).fontFamily || 'sans-serif',
    };
    const { context, family } = measuring;
    if (context) {
      context.font = `${weight} ${size}px ${family}`;
      w = context.measureText(text).width;
    } else w = text.length * size * 0.6;
    // Labels with times in them change while dragging: keep the cache from growing without end.
    if (textWidths.size > 4_000) textWidths.clear();
    textWidths.set(key, w);
  }
  return w;
}

/**
 * The first of `texts` (longest first) that fits in `room` px, or the last one cut short with an
 * ellipsis; '' when not even a few characters fit. SVG text cannot ellipsize itself.
 */
export function fitText(texts: readonly string[], room: number, size: number): string {
  for (const t of texts) if (textWidth(t, size) <= room) return t;
  const last = texts[texts.length - 1] ?? '';
  let lo = 0;
  let hi = last.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(`${last.slice(0, mid).trimEnd()}…`, size) <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo < 3 ? '' : `${last.slice(0, lo).trimEnd()}…`;
}

/** The first of `texts` (longest first) that fits in `room` px whole, or '' : never cut short. */
export function fitWhole(texts: readonly string[], room: number, size: number): string {
  return texts.find((t) => textWidth(t, size) <= room) ?? '';
}

/**
 * A bar's label, then shorter wordings for a narrow bar, longest first: without what is in brackets
 * ("Poor cellular (handshake cannot complete)" → "Poor cellular"), then also without the actor the
 * lane already names ("APNs: connected" → "connected", "apsd reconnecting" → "reconnecting"), then
 * also without the push the bar is about ("call-1 ringing" → "ringing"; its tooltip names it). Cut
 * short, the last one keeps what tells the state ("reconn…", not "apsd r…"; "ring…", not "call-1 r…").
 */
export function shorterLabels(label: string, push?: string): string[] {
  const bare = label.replace(/\s*\([^)]*\)$/, '');
  const unnamed = bare.replace(/^(APNs|apsd|powerd):?\s+/, '');
  const anonymous = push && unnamed.startsWith(`${push} `) ? unnamed.slice(push.length + 1) : unnamed;
  return [...new Set([label, bare, unnamed, anonymous].filter((t) => t !== ''))];
}
