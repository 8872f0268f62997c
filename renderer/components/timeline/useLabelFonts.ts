import { useLayoutEffect, useState, type RefObject } from 'react';
import { PUSH_FONT, SMALL } from './geometry';

/** The font sizes (px) of the axis's, the bars', the inputs' and the pushes' labels, as styled. */
export function useLabelFonts(svgRef: RefObject<SVGSVGElement | null>) {
  // The axis's labels are larger in present mode (styles.css): the playhead's pill is sized to its text.
  // So are the bars' labels, and their rows are taller to hold them; there may be no bar to measure
  // yet, so a label is measured on a probe.
  const [axisFont, setAxisFont] = useState(SMALL);
  const [barFont, setBarFont] = useState(SMALL);
  const [inputFont, setInputFont] = useState(SMALL);
  const [pushFont, setPushFont] = useState(PUSH_FONT);
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const tick = svg?.querySelector('.playhead-label');
    if (tick) setAxisFont(parseFloat(getComputedStyle(tick).fontSize) || SMALL);
    if (!svg) return;
    const probe = svg.appendChild(document.createElementNS(svg.namespaceURI, 'text'));
    probe.setAttribute('class', 'iv-label');
    setBarFont(parseFloat(getComputedStyle(probe).fontSize) || SMALL);
    probe.setAttribute('class', 'input-label');
    setInputFont(parseFloat(getComputedStyle(probe).fontSize) || SMALL);
    probe.setAttribute('class', 'push-label');
    setPushFont(parseFloat(getComputedStyle(probe).fontSize) || PUSH_FONT);
    probe.remove();
  }, [svgRef]);
  return { axisFont, barFont, inputFont, pushFont };
}
