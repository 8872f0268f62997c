// Label texts as the page draws them: their widths, and the wording that fits. No React.
import { longestThatFits } from './labelForms';

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

/** The first of `forms` (longest first) that fits in `room` px whole, or '': never cut short. */
export function fitWhole(forms: readonly string[], room: number, size: number): string {
  return longestThatFits(forms, room, (t) => textWidth(t, size));
}
