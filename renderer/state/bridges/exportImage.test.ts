// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { timelineSvg } from './exportImage';

function onScreen(): SVGSVGElement {
  const host = document.createElement('div');
  host.innerHTML =
    '<svg width="400" height="200" role="application"><rect x="10" y="10" width="50" height="20"></rect>' +
    '<text x="12" y="24">call-1</text></svg>';
  document.body.appendChild(host);
  return host.querySelector('svg')!;
}

describe('timelineSvg (the SVG and PNG export)', () => {
  it("writes the scenario's title above the timeline, as text and as the image's name", () => {
    const image = timelineSvg(onScreen(), 'Five strikes: <throttled>');
    const doc = new DOMParser().parseFromString(image.text, 'image/svg+xml');
    const svg = doc.documentElement;
    expect(svg.querySelector('title')?.textContent).toBe('Five strikes: <throttled>');
    expect(svg.getAttribute('aria-label')).toBe('Timeline of Five strikes: <throttled>');
    expect(svg.querySelector('text.export-title')?.textContent).toBe('Five strikes: <throttled>');
    // The picture moves down to make room for the title, and the image grows by as much.
    const body = svg.querySelector('g[transform]');
    expect(body?.getAttribute('transform')).toBe('translate(0 30)');
    expect(body?.querySelector('text')?.textContent).toBe('call-1');
    expect(image.height).toBe(200 + 34 + 30);
    expect(svg.getAttribute('viewBox')).toBe(`0 0 400 ${image.height}`);
  });

  it('without a title, the timeline starts at the top', () => {
    const image = timelineSvg(onScreen());
    expect(image.height).toBe(200 + 34);
    expect(image.text).not.toContain('export-title');
  });
});
