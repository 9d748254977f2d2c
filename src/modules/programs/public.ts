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
  getProgramById,
  programInput,
  sessionInput,
  slotInput,
  worksheetTemplateInput,
} from './service';
