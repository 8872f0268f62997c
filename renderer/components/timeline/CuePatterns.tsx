/**
 * The patterns of the cued tones (CUED), ids `${prefix}-{tone}`: a bar too narrow for its label tells
 * its tone by one of these too, in the lane's colour. Once per timeline, and in the legend.
 */
export function CuePatterns(props: { prefix: string }) {
  return (
    <>
      <pattern
        id={`${props.prefix}-off`}
        data-tone="off"
        width={5}
        height={5}
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <line className="cue-hatch" x1={0} y1={0} x2={0} y2={5} />
      </pattern>
      <pattern id={`${props.prefix}-mid`} data-tone="mid" width={4} height={4} patternUnits="userSpaceOnUse">
        <circle className="cue-dot" cx={2} cy={2} r={1} />
      </pattern>
      {/* Four stripes to a bar whatever its place: the tile is a quarter of the bar's height. */}
      <pattern
        id={`${props.prefix}-call`}
        data-tone="call"
        width={1}
        height={0.25}
        patternUnits="objectBoundingBox"
        patternContentUnits="objectBoundingBox"
      >
        <rect className="cue-stripe" x={0} y={0.08} width={1} height={0.09} />
      </pattern>
      {/* Upright pause bars, 6 px apart: a suspended app. */}
      <pattern id={`${props.prefix}-rest`} data-tone="rest" width={6} height={4} patternUnits="userSpaceOnUse">
        <rect className="cue-stripe" x={2} y={0} width={1.5} height={4} />
      </pattern>
    </>
  );
}
