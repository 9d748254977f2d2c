import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { isAdmin, organizerScopes } from '../../../platform/auth/roles';
import { localePath } from '../../../platform/i18n';
import { formatDate } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Select, TextField } from '../../../platform/ui/components';
import { DataTable } from '../../../platform/ui/data-table';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { AppError, forbidden } from '../../../platform/http/errors';
import { listChapters } from '../../people';
import { KIND_KEYS, TEMPLATE_KINDS, fieldsOf, type TemplateKind } from '../lib/kinds';
import { playbookMessages, tr } from '../messages';
import type { PlaybookTemplate } from '../schema';
import {
  copyCounts,
  copyToChapter,
  createTemplate,
  getTemplate,
  listTemplates,
  templateInput,
  templateUpdate,
  updateTemplate,
} from '../service';
import { ContentFields, ContentView, contentValues } from '../views/content';
import { contentFrom, translatedFields } from './shared';
import { chapterPlaybookPages } from './chapter';
import type { PlaybookHooks } from '../hooks';

type V = Record<string, string>;

const templateTitle = (c: Ctx, t: PlaybookTemplate) => (c.var.locale === 'es' && t.content.title?.es) || t.content.title?.en || t.slug;

async function pickable(c: Ctx) {
  const all = await listChapters(c.var.db);
  const scopes = organizerScopes(c.var.viewer);
  return scopes === null ? all : all.filter((ch) => scopes.includes(ch.slug));
}

async function PlaybookHome(props: { c: Ctx; errors: V; values: V; notice?: string }) {
  const { c, errors, values } = props;
  const t = tr(c);
  const l = c.var.locale;
  const [templates, chapters, counts] = await Promise.all([listTemplates(c.var.db), pickable(c), copyCounts(c.var.db)]);
  const chosen = (slug: string) => (values.chapter === undefined ? true : values[`template.${slug}`] === 'on');
  return (
    <>
      <h1>{t('playbook.title')}</h1>
      {props.notice && <Alert type="success">{props.notice}</Alert>}
      <p class="pw-lead">{t('playbook.intro')}</p>
      <h2>{t('playbook.steps.heading')}</h2>
      <ol class="usa-process-list">
        {([1, 2, 3, 4] as const).map((n) => (
          <li class="usa-process-list__item">
            <p>{t(`playbook.steps.${n}`)}</p>
            {n === 1 && <a href={localePath(l, '/organize/chapters')}>{t('playbook.chaptersLink')}</a>}
          </li>
        ))}
      </ol>
      <h2>{t('playbook.templates')}</h2>
      {isAdmin(c.var.viewer) && (
        <p>
          <a class="usa-button usa-button--outline" href={localePath(l, '/organize/playbook/new')}>
            {t('playbook.new.link')}
          </a>
        </p>
      )}
      <DataTable
        caption={t('playbook.templates')}
        captionHidden
        empty={t('playbook.none')}
        rows={templates}
        columns={[
          {
            label: t('playbook.col.template'),
            rowHeader: true,
            cell: (x: PlaybookTemplate) => <a href={localePath(l, `/organize/playbook/templates/${x.slug}`)}>{templateTitle(c, x)}</a>,
          },
          { label: t('playbook.col.kind'), cell: (x: PlaybookTemplate) => t(`playbook.kind.${x.kind}`) },
          { label: t('playbook.col.version'), cell: (x: PlaybookTemplate) => String(x.version) },
          { label: t('playbook.col.changed'), cell: (x: PlaybookTemplate) => formatDate(l, x.updatedAt) },
          {
            label: t('playbook.col.copies'),
            cell: (x: PlaybookTemplate) => t('playbook.copiesCount', counts.get(x.id) ?? { copies: 0, behind: 0 }),
          },
        ]}
      />
      <h2>{t('playbook.copy.heading')}</h2>
      {chapters.length === 0 ? (
        <p>{t('playbook.copy.noChapter')}</p>
      ) : (
        templates.length > 0 && (
          <form method="post" action={localePath(l, '/organize/playbook/copy')} class="usa-form usa-form--large">
            <ErrorSummary errors={errors} t={c.var.t} />
            <Csrf token={c.var.csrfToken} />
            <Select
              name="chapter"
              label={t('playbook.copy.chapter')}
              value={values.chapter ?? chapters[0].slug}
              error={errors.chapter}
              options={chapters.map((ch) => ({ value: ch.slug, label: (l === 'es' && ch.nameEs) || ch.name }))}
            />
            <fieldset class="usa-fieldset" aria-describedby="templates-hint">
              <legend class="usa-legend">{t('playbook.copy.choose')}</legend>
              <span class="usa-hint" id="templates-hint">
                {t('playbook.copy.chooseHint')}
              </span>
              {errors.templates && (
                <span class="usa-error-message" id="templates-error">
                  {errors.templates}
                </span>
              )}
              {templates.map((x) => (
                <Checkbox
                  name={`template.${x.slug}`}
                  id={`template-${x.slug}`}
                  label={templateTitle(c, x)}
                  hint={t(`playbook.kind.${x.kind}`)}
                  checked={chosen(x.slug)}
                />
              ))}
            </fieldset>
            <Button>{t('playbook.copy.submit')}</Button>
          </form>
        )
      )}
      {chapters.length > 0 && (
        <>
          <h2>{t('playbook.chapterCopies')}</h2>
          <ul class="usa-list">
            {chapters.map((ch) => (
              <li>
                <a href={localePath(l, `/organize/playbook/chapters/${ch.slug}`)}>
                  {t('playbook.chapter.title', { chapter: (l === 'es' && ch.nameEs) || ch.name })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

const homeTitle = (c: Ctx) => tr(c)('playbook.title');

function NewTemplate(props: { c: Ctx; errors: V; values: V }) {
  const { c, errors, values } = props;
  const t = tr(c);
  return (
    <>
      <h1>{t('playbook.new.title')}</h1>
      <form method="post" action={localePath(c.var.locale, '/organize/playbook/new')} class="usa-form usa-form--large">
        <ErrorSummary errors={errors} t={c.var.t} />
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="slug"
          label={t('playbook.new.slug')}
          hint={t('playbook.new.slugHint')}
          value={values.slug}
          error={errors.slug}
          required
        />
        <Select
          name="kind"
          label={t('playbook.new.kind')}
          hint={t('playbook.new.kindHint')}
          value={values.kind ?? 'event_series'}
          error={errors.kind}
          options={KIND_KEYS.map((k) => ({ value: k, label: t(`playbook.kind.${k}`) }))}
        />
        <ContentFields
          c={c}
          fields={fieldsOf((values.kind as TemplateKind) in TEMPLATE_KINDS ? (values.kind as TemplateKind) : 'event_series')}
          values={values}
          errors={errors}
        />
        <Button>{t('playbook.new.submit')}</Button>
      </form>
    </>
  );
}

function TemplatePage(props: { c: Ctx; tpl: PlaybookTemplate; errors: V; values: V; notice?: string; problem?: string }) {
  const { c, tpl, errors } = props;
  const t = tr(c);
  const l = c.var.locale;
  const fields = fieldsOf(tpl.kind);
  return (
    <>
      <h1>{templateTitle(c, tpl)}</h1>
      {props.notice && <Alert type="success">{props.notice}</Alert>}
      {props.problem && <Alert type="error">{props.problem}</Alert>}
      <p>
        {t(`playbook.kind.${tpl.kind}`)} · {t('playbook.template.version', { version: tpl.version, date: formatDate(l, tpl.updatedAt) })}
      </p>
      <ContentView c={c} fields={fields} content={tpl.content} />
      {isAdmin(c.var.viewer) && (
        <form method="post" action={localePath(l, `/organize/playbook/templates/${tpl.slug}`)} class="usa-form usa-form--large">
          <h2>{t('playbook.template.edit')}</h2>
          <p class="usa-hint">{t('playbook.template.editHint')}</p>
          <ErrorSummary errors={errors} t={c.var.t} />
          <Csrf token={c.var.csrfToken} />
          <input type="hidden" name="version" value={props.values.version ?? String(tpl.version)} />
          <ContentFields c={c} fields={fields} values={{ ...contentValues(tpl.content), ...props.values }} errors={errors} />
          <Button>{t('playbook.template.save')}</Button>
        </form>
      )}
    </>
  );
}

/** The playbook: the network's templates, copying them to a chapter, and writing them (admins). */
/** The playbook's pages; copying starts live series and programs through the hooks. */
export function createPlaybookPages(hooks: PlaybookHooks) {
  const playbookPages = new Hono<AppEnv>();

  playbookPages.get('/organize/playbook', allow('organizer'), async (c) => {
    const copied = c.req.query('copied');
    const notice = copied !== undefined && /^\d+$/.test(copied) ? tr(c)('playbook.copy.done', { copied: Number(copied) }) : undefined;
    return page(c, { title: homeTitle(c), index: false }, await PlaybookHome({ c, errors: {}, values: {}, notice }));
  });

  playbookPages.post('/organize/playbook/copy', allow('organizer'), async (c) => {
    const values = await form(c);
    const again = async (errors: V) => page(c, { title: homeTitle(c), index: false }, await PlaybookHome({ c, errors, values }), 422);
    const chapter = values.chapter ?? '';
    if (!(await pickable(c)).some((ch) => ch.slug === chapter)) {
      if (chapter && (await listChapters(c.var.db)).some((ch) => ch.slug === chapter)) throw forbidden();
      return again({ chapter: c.var.t('validation.choose') });
    }
    const templates = Object.keys(values)
      .filter((k) => k.startsWith('template.') && values[k] === 'on')
      .map((k) => k.slice('template.'.length));
    if (!templates.length) return again({ templates: tr(c)('playbook.error.unknownTemplate') });
    try {
      const r = await copyToChapter(c.var.db, chapter, { templates }, c.var.viewer!.id, hooks);
      return c.redirect(`${localePath(c.var.locale, `/organize/playbook/chapters/${chapter}`)}?copied=${r.copied.length}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return again(translatedFields(c, err));
      throw err;
    }
  });

  const newTitle = (c: Ctx) => tr(c)('playbook.new.title');

  playbookPages.get('/organize/playbook/new', allow('admin'), (c) =>
    page(c, { title: newTitle(c), index: false }, <NewTemplate c={c} errors={{}} values={{}} />),
  );

  playbookPages.post('/organize/playbook/new', allow('admin'), async (c) => {
    const values = await form(c);
    const again = (errors: V) => page(c, { title: newTitle(c), index: false }, <NewTemplate c={c} errors={errors} values={values} />, 422);
    const parsed = templateInput.safeParse({ slug: values.slug ?? '', kind: values.kind ?? '', content: contentFrom(values) });
    if (!parsed.success) return again(errorMessages(c, parsed.error, playbookMessages));
    try {
      const tpl = await createTemplate(c.var.db, parsed.data, c.var.viewer!.id);
      return c.redirect(localePath(c.var.locale, `/organize/playbook/templates/${tpl.slug}`), 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return again(translatedFields(c, err));
      throw err;
    }
  });

  playbookPages.get('/organize/playbook/templates/:slug', allow('organizer'), async (c) => {
    const tpl = await getTemplate(c.var.db, c.req.param('slug'));
    const saved = c.req.query('saved');
    return page(
      c,
      { title: templateTitle(c, tpl), index: false },
      <TemplatePage
        c={c}
        tpl={tpl}
        errors={{}}
        values={{}}
        notice={saved ? tr(c)('playbook.template.saved', { version: tpl.version }) : undefined}
      />,
    );
  });

  playbookPages.post('/organize/playbook/templates/:slug', allow('admin'), async (c) => {
    const tpl = await getTemplate(c.var.db, c.req.param('slug'));
    const values = await form(c);
    const again = (errors: V, current = tpl, problem?: string) =>
      page(
        c,
        { title: templateTitle(c, current), index: false },
        <TemplatePage c={c} tpl={current} errors={errors} values={values} problem={problem} />,
        problem ? 409 : 422,
      );
    const parsed = templateUpdate.safeParse({ version: Number(values.version), content: contentFrom(values) });
    if (!parsed.success) return again(errorMessages(c, parsed.error, playbookMessages));
    try {
      const saved = await updateTemplate(c.var.db, tpl.slug, parsed.data, c.var.viewer!.id);
      return c.redirect(`${localePath(c.var.locale, `/organize/playbook/templates/${saved.slug}`)}?saved=1`, 303);
    } catch (err) {
      // The text typed stays on the page; the form now carries the version saved meanwhile.
      if (err instanceof AppError && err.status === 409) {
        const current = await getTemplate(c.var.db, tpl.slug);
        values.version = String(current.version);
        return again({}, current, tr(c)('playbook.error.changed'));
      }
      throw err;
    }
  });

  playbookPages.route('/', chapterPlaybookPages);
  return playbookPages;
}
