export { simulate, Simulator, type SimulateOptions } from './simulate';
export * from './result';
export * from './scenario/types';
export * from './params';
export * from './time';
export type { ScenarioFile, TimelineEventFile } from './scenario';
export { diffOutputs, type OutputDiff } from './diff';
