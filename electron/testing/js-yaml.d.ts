// js-yaml comes with electron-builder (which reads electron-builder.yml with it); the packaging test
// reads the same file the same way. Only the one function the test uses is declared.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
