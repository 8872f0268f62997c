/**
 * The core's one door. The renderer and the CLI import from here and from nowhere deeper (a lint rule
 * holds them to it), so a room inside machines/ can be rearranged without touching the layers above.
 * Rooms: `engine/` (clock, journal, simulate, result), `actors/` (one folder per XState actor with its
 * rule tests), `scenario/` (format, loader, params, iOS versions), `explain/` (rule catalog, fates,
 * reports, what-if and sweeps).
 */
export { simulate, Simulator, type SimulateOptions } from './engine/simulate';
export * from './engine/result';
export * from './engine/time';
export * from './scenario';
export * from './scenario/params';
export { iosChangesBetween, IOS_PICKS, onIos, parseIos, thresholdText } from './scenario/versions';
export { FATE_INFO, RULES, ruleById } from './explain/rules';
export { FATE_SYMBOL, fateTone } from './explain/fates';
export { LATE_MARK, lateSentence } from './explain/late';
export { fatesBySendTime, sweepSendTimes, sweepStep, type FateSpan } from './explain/sweep';
export { COMMON_CHANGES, GOOD_FATES, whatWouldHaveSaved } from './explain/whatif';
export { describeExpectation, expectationSubject } from './explain/expectations';
export { htmlReport, markdownReport } from './explain/report';
export { timelineImage, type TimelineImageOptions } from './explain/timelineImage';
export { diffOutputs, type OutputDiff } from './explain/diff';
export { plainDuration, verdictOf, verdicts, type Verdict } from './explain/verdict';
export { GLOSSARY, lookupTerm, markTerms, type GlossPiece, type Term } from './explain/glossary';
export {
  remedies,
  throttleLifts,
  whatCanBeDone,
  WHO,
  WHO_LABEL,
  type Remedy,
  type ThrottleLift,
  type Who,
} from './explain/remedies';
export { RULE_SYNONYMS, searchRules } from './explain/search';
export { MODEL_CHOICES, modelChoice, type ModelChoice } from './explain/modelChoices';
export * from './log';
