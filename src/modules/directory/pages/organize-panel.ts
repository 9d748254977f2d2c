import type { Db } from '../../../db/client';
import type { Viewer } from '../../../platform/http/context';
import { hasRole } from '../../../platform/auth/roles';
import type { Locale } from '../../../platform/i18n';
import { postsNotYetPublic } from '../service';
import { tr } from '../messages';
import { pick } from '../views/entries';
import { ORGANIZE } from './organize';

/** The organizer home's box for the directory: posts not public yet, and the way to write entries. */
export async function directoryOrganizePanels(db: Db, q: { viewer: Viewer; locale: Locale }) {
  if (!hasRole(q.viewer, 'organizer')) return [];
  const t = tr(q.locale);
  const waiting = await postsNotYetPublic(db, 5);
  return [
    {
      heading: t('directory.organize.waitingPosts'),
      items: waiting.map((p) => ({
        label: pick(q.locale, p.title, p.titleEs),
        href: `/posts/${p.slug}`,
        detail: p.status === 'draft' ? t('directory.write.postStatus.draft') : undefined,
      })),
      empty: t('directory.organize.noWaitingPosts'),
      more: { label: t('directory.organize.title'), href: ORGANIZE },
      actions: [
        { label: t('directory.organize.newPost'), href: `${ORGANIZE}/posts/new` },
        { label: t('directory.organize.newOrganization'), href: `${ORGANIZE}/organizations/new` },
      ],
    },
  ];
}
