import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { hasRole, organizerScopes } from '../../../platform/auth/roles';
import { forbidden } from '../../../platform/http/errors';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Button, Csrf, ErrorSummary, Radios, Select, TextArea, TextField } from '../../../platform/ui/components';
import { getEventById, isTimeZone, zonedToUtc } from '../../events';
import { listChapters } from '../../people';
import { POST_STATUSES, RECOMMENDATION_STATUSES } from '../schema';
import { actorOf, assertRunConvening } from '../permissions';
import { changeStatus, createPost, getRecommendation, postInput, statusChangeInput } from '../service';
import { tr } from '../messages';
import { pick } from '../views/entries';
import { blankNull, lines, one, postedValues, submitForm, TitleFields, type Values } from './write';
import { ORGANIZE } from './organize';

export const organizePostPages = new Hono<AppEnv>();

const DEFAULT_ZONE = 'America/Los_Angeles';

/** What a post links to, each named by slugs one per line: the field and its label. */
const POST_LINKS = [
  ['convenings', 'directory.write.convenings'],
  ['initiatives', 'directory.write.initiatives'],
  ['organizations', 'directory.field.organizations'],
  ['forms', 'directory.write.forms'],
] as const;

/** The chapters this organizer may post for (admins: every chapter); blank is the whole network. */
async function chapterChoices(c: Ctx) {
  const scopes = organizerScopes(c.var.viewer);
  const all = await listChapters(c.var.db);
  return all
    .filter((ch) => scopes === null || scopes.includes(ch.slug))
    .map((ch) => ({ value: ch.slug, label: pick(c.var.locale, ch.name, ch.nameEs) }));
}

async function postForm(c: Ctx, values: Values, errors: Record<string, string>) {
  const t = tr(c);
  const l = c.var.locale;
  const v = (k: string) => one(values, k);
  const e = errors;
  const opt = c.var.t('form.optional');
  const title = t('directory.organize.newPost');
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <ErrorSummary errors={e} t={c.var.t} />
      <form method="post" action={localePath(l, `${ORGANIZE}/posts/new`)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TitleFields c={c} values={values} errors={e} />
        <TextArea
          name="body"
          label={t('directory.write.body')}
          hint={t('directory.write.markdownHint')}
          value={v('body')}
          error={e.body}
          required
          rows={10}
          maxlength={50000}
        />
        <TextArea
          name="bodyEs"
          label={t('directory.write.bodyEs')}
          value={v('bodyEs')}
          error={e.bodyEs}
          optional={opt}
          rows={10}
          maxlength={50000}
        />
        <Select
          name="chapter"
          label={t('directory.write.chapter')}
          value={v('chapter')}
          error={e.chapter}
          blank={t('directory.write.network')}
          options={await chapterChoices(c)}
        />
        <TextField
          name="tags"
          label={t('directory.write.tags')}
          hint={t('directory.write.tagsHint')}
          value={v('tags')}
          error={e.tags}
          optional={opt}
        />
        <TextField name="series" label={t('directory.write.series')} value={v('series')} error={e.series} optional={opt} maxlength={200} />
        <TextField
          name="coverUrl"
          type="url"
          label={t('directory.write.coverUrl')}
          hint={t('directory.write.urlHint')}
          value={v('coverUrl')}
          error={e.coverUrl}
          optional={opt}
        />
        <TextField
          name="coverAlt"
          label={t('directory.write.coverAlt')}
          value={v('coverAlt')}
          error={e.coverAlt}
          optional={opt}
          maxlength={300}
        />
        <Radios
          name="status"
          legend={t('directory.write.postStatus')}
          value={v('status') || 'draft'}
          error={e.status}
          options={POST_STATUSES.map((s) => ({ value: s, label: t(`directory.write.postStatus.${s}`) }))}
        />
        <TextField
          name="publishAt"
          type="datetime-local"
          label={t('directory.write.publishAt')}
          hint={t('directory.write.publishAtHint')}
          value={v('publishAt')}
          error={e.publishAt}
          optional={opt}
        />
        <TextField
          name="timeZone"
          label={t('directory.write.timeZone')}
          hint={t('directory.write.timeZoneHint')}
          value={v('timeZone') || DEFAULT_ZONE}
          error={e.timeZone}
          maxlength={60}
        />
        {POST_LINKS.map(([name, label]) => (
          <TextArea
            name={name}
            label={t(label)}
            hint={t('directory.write.slugsHint')}
            value={v(name)}
            error={e[name]}
            optional={opt}
            rows={2}
          />
        ))}
        <Button>{t('directory.write.save')}</Button>
      </form>
    </>,
    Object.keys(e).length ? 422 : 200,
  );
}

organizePostPages.get(`${ORGANIZE}/posts/new`, allow('organizer'), async (c) => postForm(c, {}, {}));

organizePostPages.post(`${ORGANIZE}/posts/new`, allow('organizer'), async (c) => {
  const t = tr(c);
  const values = await postedValues(c);
  const viewer = c.var.viewer!;
  const chapter = blankNull(one(values, 'chapter'));
  if (chapter && !hasRole(viewer, 'organizer', chapter)) throw forbidden();
  // The scheduled moment is typed as wall-clock time in a named zone, as events' times are.
  const zone = one(values, 'timeZone').trim() || DEFAULT_ZONE;
  const local = one(values, 'publishAt').trim();
  if (local && !isTimeZone(zone)) return postForm(c, values, { timeZone: t('directory.error.timeZone') });
  const at = local ? zonedToUtc(local, zone) : null;
  if (local && !at) return postForm(c, values, { publishAt: c.var.t('validation.date') });
  return submitForm(c, {
    schema: postInput,
    sent: {
      title: one(values, 'title'),
      titleEs: blankNull(one(values, 'titleEs')),
      body: one(values, 'body'),
      bodyEs: blankNull(one(values, 'bodyEs')),
      chapter,
      tags: lines(one(values, 'tags')),
      series: one(values, 'series'),
      coverUrl: blankNull(one(values, 'coverUrl')),
      coverAlt: blankNull(one(values, 'coverAlt')),
      status: one(values, 'status'),
      publishAt: at ? at.toISOString() : null,
      ...Object.fromEntries(POST_LINKS.map(([name]) => [name, lines(one(values, name))])),
    },
    show: (errors) => postForm(c, values, errors),
    save: async (data) => {
      await createPost(c.var.db, data, actorOf(c));
      return localePath(c.var.locale, `${ORGANIZE}?saved=post`);
    },
  });
});

/* ---------------------------------------------------------------- a recommendation's status */

async function runRecommendation(c: Ctx) {
  const r = await getRecommendation(c.var.db, c.req.param('id') ?? '');
  const event = await getEventById(c.var.db, r.eventId);
  assertRunConvening(c.var.viewer, event);
  return { r, event };
}

async function statusForm(c: Ctx, values: Values, errors: Record<string, string>) {
  const t = tr(c);
  const l = c.var.locale;
  const { r } = await runRecommendation(c);
  const v = (k: string) => one(values, k);
  const title = t('directory.organize.changeStatus', { title: pick(l, r.title, r.titleEs) });
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>
        {t('directory.organize.currentStatus')} <strong>{t(`directory.rstatus.${r.status}`)}</strong> ·{' '}
        <a href={localePath(l, `/recommendations/${r.id}`)}>{t('directory.organize.historyLink')}</a>
      </p>
      <ErrorSummary errors={errors} t={c.var.t} />
      <form method="post" action={localePath(l, `${ORGANIZE}/recommendations/${r.id}`)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <Select
          name="status"
          label={t('directory.write.newStatus')}
          value={v('status')}
          error={errors.status}
          blank=""
          required
          options={RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: t(`directory.rstatus.${s}`) }))}
        />
        <TextArea
          name="note"
          label={t('directory.write.note')}
          hint={t('directory.write.noteHint')}
          value={v('note')}
          error={errors.note}
          required
          maxlength={2000}
        />
        <TextField
          name="evidenceUrl"
          type="url"
          label={t('directory.write.evidenceUrl')}
          hint={t('directory.write.urlHint')}
          value={v('evidenceUrl')}
          error={errors.evidenceUrl}
          optional={c.var.t('form.optional')}
        />
        <Button>{t('directory.write.saveStatus')}</Button>
      </form>
    </>,
    Object.keys(errors).length ? 422 : 200,
  );
}

organizePostPages.get(`${ORGANIZE}/recommendations/:id`, allow('organizer'), async (c) => statusForm(c, {}, {}));

organizePostPages.post(`${ORGANIZE}/recommendations/:id`, allow('organizer'), async (c) => {
  const { r } = await runRecommendation(c);
  const values = await postedValues(c);
  return submitForm(c, {
    schema: statusChangeInput,
    sent: { status: one(values, 'status'), note: one(values, 'note'), evidenceUrl: blankNull(one(values, 'evidenceUrl')) },
    show: (errors) => statusForm(c, values, errors),
    save: async (data) => {
      await changeStatus(c.var.db, r.id, data, actorOf(c));
      return localePath(c.var.locale, `/recommendations/${r.id}`);
    },
  });
});
