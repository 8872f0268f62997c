// `npm test`'s first step: is there a browser for the end-to-end tests? Says so in one line, with the
// command that fixes it, before five minutes of unit tests rather than after (issue #27).
import { preflight, systemBrowser } from './browser.mjs';

process.exitCode = preflight(systemBrowser({ install: true }));
