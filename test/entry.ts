import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/**
 * The command that runs the compiled server (`main`) or command line (`cli`) as a child process. They
 * are built by scripts/build.mjs, which the global setup runs, so they always match the sources; a child
 * then starts without compiling every TypeScript file again. It is node itself, not a wrapper such as
 * npx, so a signal sent to its pid reaches the app.
 */
export function entryCommand(entry: 'main' | 'cli', args: string[] = []): [string, string[]] {
  return [process.execPath, ['--enable-source-maps', path.join(root, 'dist', `${entry}.mjs`), ...args]];
}
