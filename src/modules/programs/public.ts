// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to programs.
export {
  applicationInput,
  buildQuestions,
  formQuestion,
  apply,
  book,
  createDeliverable,
  createProgram,
  createSession,
  createSlot,
  createTemplate,
  decide,
  getProgram,
  programEditInput,
  getProgramById,
  programInput,
  sessionInput,
  slotInput,
  updateProgram,
  worksheetTemplateInput,
} from './service';
// A chapter's new program to finish, started by the playbook (handed on at composition).
export { startProgram } from './service';
export { programsAccountLinks } from './messages';
