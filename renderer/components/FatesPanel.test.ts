import { describe, expect, it } from 'vitest';
import { rowsToRender } from './FatesPanel';

const range = (startIndex: number, endIndex: number) => ({ startIndex, endIndex, overscan: 8, count: 200 });

describe("the Fates table's rendered rows", () => {
  it('the rows in view and 8 either side, within the table', () => {
    const rows = rowsToRender(range(50, 60), undefined);
    expect([rows[0], rows.at(-1), rows.length]).toEqual([42, 68, 27]);
    expect(rowsToRender(range(0, 10), undefined)[0]).toBe(0);
    expect(rowsToRender(range(190, 199), undefined).at(-1)).toBe(199);
  });

  it('a focused row near the rendered ones is rendered with its neighbours, so Tab and Shift+Tab find the next row', () => {
    const rows = rowsToRender(range(50, 60), 70);
    expect(rows.at(-1)).toBe(71);
    // One run of rows, no gaps: the spacers hold the rest.
    expect(rows.every((r, i) => i === 0 || r === rows[i - 1]! + 1)).toBe(true);
    expect(rowsToRender(range(50, 60), 41)[0]).toBe(40);
  });

  it('a focused row scrolled far away does not make every row between render', () => {
    expect(rowsToRender(range(150, 160), 3).length).toBe(27);
  });
});
