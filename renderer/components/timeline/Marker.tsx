import { memo } from 'react';
import { formatTime } from '../../state/view/labels';
import { markerGlyph } from './tones';

export const Marker = memo(function Marker(props: {
  kind: string;
  label: string;
  rule: string | undefined;
  at: number;
  x: number;
  y: number;
}) {
  const { kind, at } = props;
  return (
    <g className={`marker marker-${kind.replace(/\./g, '-')}`}>
      <text x={props.x} y={props.y} textAnchor="middle">
        {markerGlyph(kind)}
        <title>{`${formatTime(at)} ${props.label}${props.rule ? ` (${props.rule})` : ''}`}</title>
      </text>
    </g>
  );
});
