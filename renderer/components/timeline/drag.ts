// Dragging inputs on the timeline: which inputs move, to what times, and where the dragged time's box
// goes. Plain numbers, no React or DOM (`useInputDrag` wires it to the pointer).
import { DRAG_LABEL_ABOVE, DRAG_LABEL_BELOW, DRAG_LABEL_W } from './geometry';
import { textWidth } from './text';

/** A press becomes a drag once the pointer has moved this far (px): a click must not nudge an input. */
export const DRAG_FROM_PX = 2;
/** The dragged time's box: its height, its text's inset and baseline, and its gap from the pointer (px). */
export const DRAG_BOX_H = 20;
export const DRAG_TEXT_X = 6;
export const DRAG_TEXT_Y = 14;
export const DRAG_BOX_GAP = 10;
/** The dragged time's size and weight (px), as `.drag-time` in styles.css draws it. */
const DRAG_FONT = 12;
const DRAG_WEIGHT = 600;
/** Room beside the text inside the box (px). */
const DRAG_PAD = 12;

/**
 * The inputs a press on input `index` drags: the selection if it holds the input; else the input
 * alone, or (Shift, `additive`) added to the selection.
 */
export function draggedInputs(selection: readonly number[], index: number, additive: boolean): readonly number[] {
  if (selection.includes(index)) return selection;
  return additive ? [...selection, index] : [index];
}

/** Whether a pointer that moved the drag by `deltaMs`, at `msPerPx`, has begun a drag. */
export function isDrag(deltaMs: number, msPerPx: number): boolean {
  return Math.abs(deltaMs) / msPerPx >= DRAG_FROM_PX;
}

/** Each dragged input's new time: its time when the drag began moved by `deltaMs`, snapped by `snap`. */
export function movedTimes(
  starts: ReadonlyMap<number, number>,
  deltaMs: number,
  snap: (t: number) => number,
): Map<number, number> {
  const times = new Map<number, number>();
  for (const [i, t0] of starts) times.set(i, snap(t0 + deltaMs));
  return times;
}

/** The dragged time's text and where it is: next to the pointer (`x`, `y`), above it or `below`. */
export interface DragLabel {
  readonly label: string;
  readonly relation: string | undefined;
  readonly x: number;
  readonly y: number;
  readonly below: boolean;
}

/**
 * Whether the dragged time's box goes below the pointer: above it would cover the sticky axis strip
 * (`stripBottom`, in the viewport: a push in the top row).
 */
export const boxBelow = (pointerY: number, stripBottom: number) => pointerY - DRAG_LABEL_ABOVE < stripBottom;

/**
 * The dragged time's box, as wide as its text: right of the pointer, or left of it when it would pass
 * the timeline's right edge (`width`).
 */
export function dragBox(drag: DragLabel, width: number): { x: number; y: number; w: number; relation: string } {
  const relation = drag.relation ? ` · ${drag.relation}` : '';
  const w = Math.max(
    DRAG_LABEL_W,
    textWidth(drag.label, DRAG_FONT, DRAG_WEIGHT) + (relation ? textWidth(relation, DRAG_FONT) : 0) + DRAG_PAD,
  );
  const right = drag.x + DRAG_BOX_GAP;
  const x = right + w <= width - 2 ? right : drag.x - DRAG_BOX_GAP - w;
  const y = drag.below ? drag.y + DRAG_LABEL_BELOW : drag.y - DRAG_LABEL_ABOVE;
  return { x, y, w, relation };
}
