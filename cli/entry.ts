import { main } from './main';

void main(process.argv).then((code) => {
  process.exitCode = code;
});
