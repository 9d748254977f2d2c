// What other modules, the composition root, the benchmark and tests outside this folder may use: they
// import the module's index, which re-exports this file. Anything not listed here is internal.
export { solve, countingBound, type SolveInput, type SolveResult, type SolverPerson } from './lib/solver';
export { instances, type Instance } from './lib/instances';
