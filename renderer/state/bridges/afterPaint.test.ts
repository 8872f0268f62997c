// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { afterPaint } from './afterPaint';

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const task = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('afterPaint', () => {
  it('runs after the next frame, not in the task that asked for it', async () => {
    const order: string[] = [];
    afterPaint(() => order.push('after paint'));
    order.push('same task');
    await frame();
    order.push('frame');
    for (let i = 0; i < 5; i++) await task();
    expect(order).toEqual(['same task', 'frame', 'after paint']);
  });

  it('does not run once cancelled, before or after the frame', async () => {
    const ran: string[] = [];
    afterPaint(() => ran.push('early'))();
    const late = afterPaint(() => ran.push('late'));
    await frame();
    late();
    for (let i = 0; i < 5; i++) await task();
    expect(ran).toEqual([]);
  });
});
