// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to people.
export {
  addPersonWithoutEmail,
  chapterOrganizers,
  findChapter,
  ensureChapter,
  ensurePerson,
  ensurePersonId,
  erasePerson,
  exportPersonData,
  findPersonByEmail,
  getPerson,
  grantRole,
  listChapters,
  updateConsents,
  updateProfile,
} from './service';
export { findPeopleByEmails } from './service';
export { registerPersonData } from './data-rights';
export { peopleIdentity } from './identity';
export { demoCrowd, demoPeople } from './seed';
export { GOVERNMENT_SECTORS, SECTORS, isGovernmentSector, type Role } from './schema';
export { attendeeDomains, governmentAttendance } from './lib/government';
/** For foreign keys in other modules' schemas only: other modules read and write people through the functions above. */
export { people } from './schema';
