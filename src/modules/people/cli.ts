import type { CliCommand } from '../../platform/module';
import { isEmailAddress } from '../../platform/http/validation';
import { ensurePerson, searchPeople } from './service';

/** `pathways people …`: find people the way the admin screen does, and add people with no role. */
export const peopleCli: Record<string, CliCommand> = {
  search: async ({ deps, args, out }) => {
    const result = await searchPeople(deps.db, { q: args.join(' '), limit: 50, offset: 0 });
    for (const p of result.people) out(`${p.fullName}\t${p.email}\t${p.roles.join(',')}`);
    out(`${result.total} found`);
    return 0;
  },
  // Reviewers and voters need a person before `token create` will issue them a token. Running it again
  // (or on someone who signed up already) leaves the person, their name and their roles as they are.
  add: async ({ deps, args, out, err }) => {
    const [email, ...name] = args;
    if (!email || !isEmailAddress(email.trim())) {
      err('Usage: pathways people add EMAIL [NAME]');
      return 2;
    }
    const { person, created } = await ensurePerson(deps.db, {
      email,
      fullName: name.join(' ').trim() || email.trim().split('@')[0]!,
    });
    out(created ? `Added ${person.fullName} <${person.email}>.` : `${person.fullName} <${person.email}> is already here; nothing changed.`);
    return 0;
  },
};
