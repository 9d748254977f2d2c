import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary } from '../../../platform/ui/components';
import { confirmPage } from '../../../platform/ui/confirm';
import { DataTable } from '../../../platform/ui/data-table';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { fieldsOf } from '../lib/kinds';
import { playbookMessages, tr } from '../messages';
import { catchUp, chapterCopies, chapterCopy, contentInput, saveCopy, type ChapterCopy } from '../service';
import { ChangesView, ContentFields, ContentView, contentValues } from '../views/content';
import { chapterName, contentFrom, managedChapter } from './shared';

type V = Record<string, string>;
type Chapter = Awaited<ReturnType<typeof managedChapter>>;

const titleOf = (c: Ctx, x: ChapterCopy) =>
  (c.var.locale === 'es' && x.copy.content.title?.es) || x.copy.content.title?.en || x.template.slug;
const copyPath = (c: Ctx, ch: Chapter, slug: string) => localePath(c.var.locale, `/organize/playbook/chapters/${ch.slug}/${slug}`);

function Status(props: { c: Ctx; x: ChapterCopy }) {
  const t = tr(props.c);
  const { copy, template } = props.x;
  return copy.baseVersion < template.version ? (
    <strong>{t('playbook.status.behind', { from: copy.baseVersion, to: template.version })}</strong>
  ) : (
    <span>{t('playbook.status.current', { version: copy.baseVersion })}</span>
  );
}

function CopyPage(props: { c: Ctx; ch: Chapter; x: ChapterCopy; errors: V; values: V; notice?: string }) {
  const { c, ch, x, errors } = props;
  const t = tr(c);
  const fields = fieldsOf(x.template.kind);
  const path = copyPath(c, ch, x.template.slug);
  return (
    <>
      <h1>{titleOf(c, x)}</h1>
      {props.notice && <Alert type="success">{props.notice}</Alert>}
      <p>{t('playbook.copyPage.intro', { chapter: chapterName(c, ch) })}</p>
      <p>
        <Status c={c} x={x} />
      </p>
      <p>
        <a href={localePath(c.var.locale, `/organize/playbook/chapters/${ch.slug}`)}>{t('playbook.copyPage.back')}</a>
      </p>
      <h2>{t('playbook.changes.heading')}</h2>
      {x.networkChanges.length === 0 ? (
        <p>{t('playbook.changes.none', { version: x.template.version })}</p>
      ) : (
        <>
          <p>{t('playbook.changes.intro', { from: x.copy.baseVersion, to: x.template.version })}</p>
          <ChangesView c={c} changes={x.networkChanges} />
          <div class="pw-actions">
            <a class="usa-button" href={`${path}/take?version=${x.template.version}`}>
              {t('playbook.changes.take')}
            </a>
            <form method="post" action={`${path}/keep`} class="pw-inline-form">
              <Csrf token={c.var.csrfToken} />
              <input type="hidden" name="version" value={String(x.template.version)} />
              <Button variant="outline">{t('playbook.changes.keep')}</Button>
            </form>
          </div>
        </>
      )}
      <h2>{t('playbook.copyPage.edit')}</h2>
      <details>
        <summary>{t('playbook.template.read')}</summary>
        <ContentView c={c} fields={fields} content={x.copy.content} />
      </details>
      <form method="post" action={path} class="usa-form usa-form--large">
        <ErrorSummary errors={errors} t={c.var.t} />
        <Csrf token={c.var.csrfToken} />
        <ContentFields c={c} fields={fields} values={{ ...contentValues(x.copy.content), ...props.values }} errors={errors} />
        <Button>{t('playbook.copyPage.save')}</Button>
      </form>
    </>
  );
}

/** A chapter's copies of the playbook: its own text, and what the network changed since. */
export const chapterPlaybookPages = new Hono<AppEnv>();

chapterPlaybookPages.get('/organize/playbook/chapters/:chapter', allow('organizer'), async (c) => {
  const ch = await managedChapter(c);
  const t = tr(c);
  const copies = await chapterCopies(c.var.db, ch.slug);
  const copied = c.req.query('copied');
  const title = t('playbook.chapter.title', { chapter: chapterName(c, ch) });
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      {copied !== undefined && /^\d+$/.test(copied) && <Alert type="success">{t('playbook.copy.done', { copied: Number(copied) })}</Alert>}
      <p>{t('playbook.chapter.intro')}</p>
      <DataTable
        caption={title}
        captionHidden
        empty={t('playbook.chapter.none')}
        rows={copies}
        columns={[
          {
            label: t('playbook.col.template'),
            rowHeader: true,
            cell: (x: ChapterCopy) => <a href={copyPath(c, ch, x.template.slug)}>{titleOf(c, x)}</a>,
          },
          { label: t('playbook.col.kind'), cell: (x: ChapterCopy) => t(`playbook.kind.${x.template.kind}`) },
          { label: t('playbook.col.status'), cell: (x: ChapterCopy) => <Status c={c} x={x} /> },
          {
            label: t('playbook.col.started'),
            cell: (x: ChapterCopy) =>
              x.copy.started.length ? (
                <ul class="usa-list usa-list--unstyled">
                  {x.copy.started.map((s) => (
                    <li>
                      <a href={localePath(c.var.locale, s.path)}>{t(`playbook.started.${s.kind}`, { slug: s.slug })}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                t('playbook.started.none')
              ),
          },
        ]}
      />
      <p>
        <a href={localePath(c.var.locale, '/organize/playbook')}>{t('playbook.title')}</a>
      </p>
    </>,
  );
});

chapterPlaybookPages.get('/organize/playbook/chapters/:chapter/:slug', allow('organizer'), async (c) => {
  const ch = await managedChapter(c);
  const x = await chapterCopy(c.var.db, ch.slug, c.req.param('slug'));
  const t = tr(c);
  const done = c.req.query('done');
  const notice =
    done === 'saved'
      ? t('playbook.copyPage.saved')
      : done === 'take' || done === 'keep'
        ? t(`playbook.changes.${done === 'take' ? 'taken' : 'kept'}`, { version: x.copy.baseVersion })
        : undefined;
  return page(c, { title: titleOf(c, x), index: false }, <CopyPage c={c} ch={ch} x={x} errors={{}} values={{}} notice={notice} />);
});

chapterPlaybookPages.post('/organize/playbook/chapters/:chapter/:slug', allow('organizer'), async (c) => {
  const ch = await managedChapter(c);
  const x = await chapterCopy(c.var.db, ch.slug, c.req.param('slug'));
  const values = await form(c);
  const parsed = contentInput.safeParse(contentFrom(values));
  if (!parsed.success) {
    const errors = Object.fromEntries(
      Object.entries(errorMessages(c, parsed.error, playbookMessages)).map(([k, v]) => [`content.${k}`, v]),
    );
    return page(c, { title: titleOf(c, x), index: false }, <CopyPage c={c} ch={ch} x={x} errors={errors} values={values} />, 422);
  }
  await saveCopy(c.var.db, ch.slug, x.template.slug, parsed.data);
  return c.redirect(`${copyPath(c, ch, x.template.slug)}?done=saved`, 303);
});

/** Replacing a chapter's own text cannot be undone: a page asks first (decision 34). */
chapterPlaybookPages.get('/organize/playbook/chapters/:chapter/:slug/take', allow('organizer'), async (c) => {
  const ch = await managedChapter(c);
  const x = await chapterCopy(c.var.db, ch.slug, c.req.param('slug'));
  const t = tr(c);
  const version = Number(c.req.query('version')) || x.template.version;
  const path = copyPath(c, ch, x.template.slug);
  return confirmPage(c, {
    question: t('playbook.changes.takeQuestion'),
    detail: t('playbook.changes.takeDetail', { version }),
    action: `${path}/take`,
    fields: { version: String(version) },
    confirm: t('playbook.changes.take'),
    back: { label: t('playbook.changes.back'), href: path },
    danger: true,
  });
});

for (const how of ['take', 'keep'] as const) {
  chapterPlaybookPages.post(`/organize/playbook/chapters/:chapter/:slug/${how}`, allow('organizer'), async (c) => {
    const ch = await managedChapter(c);
    const slug = c.req.param('slug');
    const values = await form(c);
    const seen = Number(values.version);
    await catchUp(c.var.db, ch.slug, slug, how, Number.isInteger(seen) ? seen : 0);
    return c.redirect(`${copyPath(c, ch, slug)}?done=${how}`, 303);
  });
}
