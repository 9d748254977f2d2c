import { customType } from 'drizzle-orm/pg-core';

/** Case-insensitive text: emails compare equal whatever their case (the extension is in db/migrations). */
export const citext = customType<{ data: string }>({ dataType: () => 'citext' });
