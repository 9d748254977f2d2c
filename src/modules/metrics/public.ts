// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to metrics.
export { registerFigure, type Figure, type FigureKind, type FigureScope, type FigureValue } from './registry';
export type { MetricsHooks, ChapterInfo } from './hooks';
