// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to programs.
export { applicationInput, apply, book, createSlot, decide, getProgram, programInput, slotInput } from './service';
