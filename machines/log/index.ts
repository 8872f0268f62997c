export { LogReader, LogReadError, readLog, PROBE_CHARS } from './reader';
export { LOG_PATTERNS, type LogPattern } from './patterns';
export { logToScenario, type ImportedLog, type ImportedLine, type ImportOptions } from './toScenario';
export { LogImporter, importLog, MAX_OBSERVATIONS } from './importer';
export { parseHead, type LineHead } from './header';
export type { Observation, ObservationKind, LogStats, UnrecognisedLine } from './types';
