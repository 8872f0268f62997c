export * from './types';
export { scenarioSchema, EVENT_TYPES, type ScenarioFile, type TimelineEventFile, type EventType } from './schema';
export {
  loadScenario,
  movedEventsError,
  parseScenarioText,
  formatErrors,
  formatPath,
  cancelPushId,
  sentPushId,
  type LoadResult,
  type ScenarioError,
  type LoadOptions,
} from './load';
export { loadEdited, type LoadedFrom } from './loadEdited';
export { MAX_DEPTH, MAX_EVENTS, MAX_PUSHES, MAX_SCENARIO_BYTES, MAX_TIME_MS } from './limits';
export { migrate, MIGRATIONS, type Migration } from './migrate';
export { savedScenarioText, serializeScenario } from './serialize';
export { scenarioJsonSchema, SCHEMA_ID } from './jsonSchema';
