import { LOG_PATTERNS, ruleById, type LogPattern } from '../../machines';

const indent = (text: string, pad: string) => text.replace(/\t/g, '⇥').split('\n').join(`\n${pad}`);

function block(p: LogPattern, n: number): string {
  const rule = ruleById(p.rule);
  return [
    `${n}. ${p.id}  →  ${p.rule}${rule ? ` (${rule.title})` : ''}`,
    `   means:   ${p.means}`,
    `   matches: lines containing “${p.needle}”`,
    `   example (${p.exampleIs === 'verbatim' ? 'verbatim from the source' : 'synthetic: format and wording inferred from the source'}):`,
    `     ${indent(p.example, '     ')}`,
    `   source:  ${p.source}`,
  ].join('\n');
}

/**
 * `ringside import --patterns`: every line shape the log reader recognises, generated from the pattern
 * table itself (machines/log/patterns.ts), so support staff see exactly what an import can read: the
 * pattern, the rule its line evidences, an example line and where the line was seen.
 */
export function patternListing(): string {
  const verbatim = LOG_PATTERNS.filter((p) => p.exampleIs === 'verbatim').length;
  return [
    `Ringside's device-log reader recognises ${LOG_PATTERNS.length} line shapes, tried in this order; any other line is counted as unrecognised and kept, never fatal.`,
    `Examples: ${verbatim} verbatim from the seeds; ${LOG_PATTERNS.length - verbatim} synthetic, written in the format and wording their source shows (public threads are cited, not copied). ⇥ marks a tab (Console exports).`,
    '',
    ...LOG_PATTERNS.map((p, i) => `${block(p, i + 1)}\n`),
  ].join('\n');
}
