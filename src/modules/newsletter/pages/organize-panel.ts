import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Viewer } from '../../../platform/http/context';
import type { Locale } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { issues } from '../schema';
import { issueStats } from '../service/tracking';
import { canManageNewsletter } from '../permissions';
import { newsletterMessages } from '../messages';

/** The organizer home's box for the newsletter: the next issue (scheduled, else the latest draft) and how the last one did. */
export async function newsletterOrganizePanels(db: Db, q: { viewer: Viewer; locale: Locale }) {
  if (!canManageNewsletter(q.viewer)) return [];
  const t = newsletterMessages.for(q.locale);
  const subject = (s: { en?: string; es?: string }) =>
    (q.locale === 'es' ? s.es || s.en : s.en || s.es) || t('newsletter.organize.untitled');
  const [scheduled] = await db.select().from(issues).where(eq(issues.status, 'scheduled')).orderBy(asc(issues.scheduledAt)).limit(1);
  const [draft] = scheduled
    ? []
    : await db.select().from(issues).where(eq(issues.status, 'draft')).orderBy(desc(issues.updatedAt)).limit(1);
  const [last] = await db.select().from(issues).where(eq(issues.status, 'sent')).orderBy(desc(issues.finishedAt)).limit(1);
  const items = [];
  const next = scheduled ?? draft;
  if (next) {
    items.push({
      label: subject(next.subject),
      href: `/organize/newsletter/issues/${next.id}`,
      detail:
        next.status === 'scheduled' && next.scheduledAt
          ? t('newsletter.organize.scheduledFor', { when: formatDateTime(q.locale, next.scheduledAt) })
          : t('newsletter.organize.nextDraft'),
    });
  }
  if (last) {
    const s = await issueStats(db, last.id);
    items.push({
      label: subject(last.subject),
      href: `/organize/newsletter/issues/${last.id}`,
      detail: t('newsletter.organize.lastSend', { sent: s.sent, opens: s.openRate, clicks: s.clickRate }),
    });
  }
  return [
    {
      heading: t('newsletter.nav'),
      items,
      empty: t('newsletter.organize.none'),
      more: { label: t('newsletter.navOrganize'), href: '/organize/newsletter' },
      actions: [
        { label: t('newsletter.edit.titleNew'), href: '/organize/newsletter/issues/new' },
        { label: t('newsletter.import.title'), href: '/organize/newsletter/import' },
      ],
    },
  ];
}
