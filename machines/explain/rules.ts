import { FATE_TEXTS, RULE_TEXTS, type FateText, type RuleText } from './catalog.generated';
import { PARAM_NAMES, PARAMS, type ParamName } from '../scenario/params';
import type { Fate } from '../scenario/types';

/** A rule with what the UI and CLI need beside its text. */
export interface Rule extends RuleText {
  /** A short title: the rule's first sentence, cut at 70 characters. */
  readonly title: string;
  /** The params (numbers) this rule uses, documented or estimate. */
  readonly params: readonly ParamName[];
}

function titleOf(text: string): string {
  // A sentence ends at a full stop that does not close "e.g." or "i.e.".
  const first = (/^(.+?(?<!\be\.g|\bi\.e)[.])(\s|$)/.exec(text)?.[1] ?? text).replace(/[.]$/, '').replace(/`/g, '');
  return first.length <= 70 ? first : `${first.slice(0, 69).replace(/\s+\S*$/, '')}…`;
}

/** Every rule of RULES.md, in order. */
export const RULES: readonly Rule[] = RULE_TEXTS.map((r) => ({
  ...r,
  title: titleOf(r.text),
  params: PARAM_NAMES.filter((name) => (PARAMS[name].rules as readonly string[]).includes(r.id)),
}));

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this ID (case-insensitive), if any. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id.toUpperCase());
}

/** Every fate's meaning and whether it counts as a strike. */
export const FATE_INFO: Readonly<Record<Fate, FateText>> = Object.fromEntries(
  FATE_TEXTS.map((f) => [f.fate, f]),
) as Record<Fate, FateText>;
