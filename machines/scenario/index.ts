export * from './types';
export { scenarioSchema, EVENT_TYPES, type ScenarioFile, type TimelineEventFile, type EventType } from './schema';
export {
  loadScenario,
  parseScenarioText,
  formatErrors,
  formatPath,
  MAX_SCENARIO_BYTES,
  cancelPushId,
  sentPushId,
  type LoadResult,
  type ScenarioError,
  type LoadOptions,
} from './load';
export { migrate, MIGRATIONS, type Migration } from './migrate';
export { serializeScenario } from './serialize';
export { scenarioJsonSchema, SCHEMA_ID } from './jsonSchema';
