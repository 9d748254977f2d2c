import type { CliCommand } from '../../platform/module';
import { searchPeople } from './service';

/** `pathways people search TEXT`: find people the way the admin screen does. */
export const peopleCli: Record<string, CliCommand> = {
  search: async ({ deps, args, out }) => {
    const result = await searchPeople(deps.db, { q: args.join(' '), limit: 50, offset: 0 });
    for (const p of result.people) out(`${p.fullName}\t${p.email}\t${p.roles.join(',')}`);
    out(`${result.total} found`);
    return 0;
  },
};
