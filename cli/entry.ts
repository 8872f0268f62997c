import { bugLines, EXIT } from './errors';
import { main } from './main';

// `ringside run … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  process.stderr.write(`${bugLines(error).join('\n')}\n`);
  process.exit(EXIT.bug);
});

void main(process.argv).then((code) => {
  process.exitCode = code;
});
