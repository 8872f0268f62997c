import { FATE_STYLE } from '../view/labels';

const PROPS = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-decoration',
  'color',
];
const LEGEND_HEIGHT = 34;
const TITLE_HEIGHT = 30;

/**
 * The timeline exactly as on screen, as a standalone SVG: computed styles are inlined (the theme's
 * CSS variables do not travel with the file), the scenario's title is written above it (a slide or a
 * ticket shows which scenario the picture is of) and a legend of fates is added at the bottom.
 */
export function timelineSvg(svg: SVGSVGElement, title = ''): { text: string; width: number; height: number } {
  const width = svg.width.baseVal.value;
  const top = title ? TITLE_HEIGHT : 0;
  const height = svg.height.baseVal.value + LEGEND_HEIGHT + top;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = svg.querySelectorAll('*');
  const to = clone.querySelectorAll('*');
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    to[i]?.setAttribute('style', PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'));
  });
  const ns = 'http://www.w3.org/2000/svg';
  if (title) {
    // Everything drawn moves down under the title; the lanes' own coordinates stay as on screen.
    const body = document.createElementNS(ns, 'g');
    body.setAttribute('transform', `translate(0 ${top})`);
    while (clone.firstChild) body.appendChild(clone.firstChild);
    clone.appendChild(body);
  }
  clone.setAttribute('xmlns', ns);
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const page = getComputedStyle(document.documentElement);
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', page.getPropertyValue('--lane').trim() || '#ffffff');
  clone.insertBefore(background, clone.firstChild);
  if (title) {
    const name = document.createElementNS(ns, 'title');
    name.textContent = title;
    clone.insertBefore(name, clone.firstChild);
    clone.setAttribute('aria-label', `Timeline of ${title}`);
    const heading = document.createElementNS(ns, 'text');
    heading.setAttribute('class', 'export-title');
    heading.setAttribute('x', '12');
    heading.setAttribute('y', '21');
    heading.setAttribute(
      'style',
      `font: 600 15px system-ui, sans-serif; fill: ${page.getPropertyValue('--text').trim() || '#1d232a'}`,
    );
    heading.textContent = title;
    background.after(heading);
  }
  const legend = document.createElementNS(ns, 'text');
  legend.setAttribute('x', '12');
  legend.setAttribute('y', String(height - 12));
  legend.setAttribute(
    'style',
    `font: 12px system-ui, sans-serif; fill: ${page.getPropertyValue('--muted').trim() || '#555'}`,
  );
  legend.textContent = `Fates: ${Object.values(FATE_STYLE)
    .map((f) => `${f.icon} ${f.label}`)
    .join('   ')}   ·   Ringside`;
  clone.appendChild(legend);
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}

/** Renders the SVG to a PNG at `scale` (2× for slides). */
export async function svgToPng(svg: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * scale);
    canvas.height = Math.round(svg.height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((done, fail) =>
      canvas.toBlob((b) => (b ? done(b) : fail(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
