// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to metrics.
export { registerFigure, type Figure } from './registry';
export type { MetricsHooks } from './hooks';
