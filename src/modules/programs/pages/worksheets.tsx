import crypto from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { AppError, forbidden, notFound } from '../../../platform/http/errors';
import { form } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { Button, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { pickText } from '../../events';
import { programsMessages, tr } from '../messages';
import { assertManageProgram } from '../permissions';
import type { LocalText, Program, Team, Worksheet, WorksheetSection, WorksheetTemplate } from '../schema';
import { When } from '../views/when';
import { PageTop } from '../views/notices';
import { ProgramNav } from '../views/nav';
import { managedProgram } from './organize';
import { openWorksheet } from '../api-worksheets';
import {
  addComment,
  compareVersions,
  completion,
  createTemplate,
  getProgram,
  listComments,
  listTeams,
  listTemplates,
  listVersions,
  restoreVersion,
  saveWorksheet,
  teamWorksheets,
  worksheetCommentInput,
  worksheetSaveInput,
  worksheetTemplateInput,
  getTemplate,
  updateTemplate,
  worksheetTemplateChangeInput,
} from '../service';

export const worksheetPages = new Hono<AppEnv>();

const base = (c: Ctx, p: Program, teamId: string, key: string) =>
  localePath(c.var.locale, `/programs/${p.slug}/teams/${teamId}/worksheets/${key}`);
const author = (c: Ctx) => ({ id: c.var.viewer!.id, name: c.var.viewer!.preferredName || c.var.viewer!.fullName });
const answerField = (questionId: string) => `answer-${questionId}`;

/**
 * The outline organizers type: a line starting with `#` is a section, one starting with `-` a question,
 * each "English | Español" (either side may be left out). No script is needed to add sections.
 */
export function readOutline(text: string) {
  type Local = { en: string | null; es: string | null };
  const sections: { id?: string; title: Local; questions: { id?: string; label: Local }[] }[] = [];
  // "[s1-q1] Who? | ¿Quién?": the id in brackets is optional (the edit form writes it, so answers follow it).
  const read = (line: string) => {
    const m = /^\s*\[([^\]]{1,40})\]\s*(.*)$/.exec(line);
    const [en, es] = (m ? m[2] : line).split('|').map((x) => x.trim());
    return { id: m?.[1].trim(), text: { en: en || null, es: es || null } };
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#')) {
      const { id, text: title } = read(line.replace(/^#+/, ''));
      sections.push({ ...(id ? { id } : {}), title, questions: [] });
    } else if (line.startsWith('-') && sections.length) {
      const { id, text: label } = read(line.slice(1));
      sections[sections.length - 1].questions.push({ ...(id ? { id } : {}), label });
    }
  }
  return sections;
}

/** A template as the outline the edit form shows, every line with its id. */
function writeOutline(t: WorksheetTemplate): string {
  const both = (x: LocalText) => [x.en ?? '', x.es ?? ''].join(' | ');
  return t.sections.flatMap((s) => [`# [${s.id}] ${both(s.title)}`, ...s.questions.map((q) => `- [${q.id}] ${both(q.label)}`)]).join('\n');
}

/** Lines added without an id get a fresh one, never one a dropped question had (its answers keep that). */
function withFreshIds(sections: ReturnType<typeof readOutline>) {
  const fresh = () => `n${crypto.randomBytes(4).toString('hex')}`;
  return sections.map((s) => ({ ...s, id: s.id ?? fresh(), questions: s.questions.map((q) => ({ ...q, id: q.id ?? fresh() })) }));
}

async function templateEditPage(
  c: Ctx,
  p: Program,
  tpl: WorksheetTemplate,
  state: { values?: Record<string, string>; errors?: Record<string, string> } = {},
) {
  const t = tr(c);
  const l = c.var.locale;
  const v = state.values ?? { titleEn: tpl.title.en ?? '', titleEs: tpl.title.es ?? '', outline: writeOutline(tpl) };
  const e = state.errors ?? {};
  const title = t('programs.worksheets.editTitle', { worksheet: pickText(tpl.title, l) });
  return page(
    c,
    { title, index: false },
    <>
      <PageTop title={title} notice={c.req.query('done') === 'saved' ? t('programs.worksheets.templateSaved') : undefined} />
      <ProgramNav c={c} p={p} />
      <p>{t('programs.worksheets.editLead')}</p>
      <form
        method="post"
        action={localePath(l, `/programs/${p.slug}/worksheets/${tpl.key}/edit`)}
        class="usa-form usa-form--large"
        novalidate
      >
        <Csrf token={c.var.csrfToken} />
        <ErrorSummary errors={e} t={c.var.t} />
        <TextField name="titleEn" label={t('programs.worksheets.titleEn')} value={v.titleEn} error={e.titleEn} />
        <TextField name="titleEs" label={t('programs.worksheets.titleEs')} value={v.titleEs} />
        <TextArea
          name="outline"
          label={t('programs.worksheets.outline')}
          hint={t('programs.worksheets.editHint')}
          value={v.outline}
          error={e.outline}
          rows={16}
          maxlength={60_000}
        />
        <Button>{t('programs.sessions.saveChanges')}</Button>
      </form>
    </>,
    Object.keys(e).length ? 422 : 200,
  );
}

worksheetPages.get('/programs/:slug/worksheets/:key/edit', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  return templateEditPage(c, p, await getTemplate(c.var.db, p.id, c.req.param('key')));
});

worksheetPages.post('/programs/:slug/worksheets/:key/edit', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const tpl = await getTemplate(c.var.db, p.id, c.req.param('key'));
  const v = await form(c);
  const parsed = worksheetTemplateChangeInput.safeParse({
    key: tpl.key,
    title: { en: v.titleEn || null, es: v.titleEs || null },
    sections: withFreshIds(readOutline(v.outline ?? '')),
  });
  // Problems inside the outline show beside the outline; a missing title beside the English title.
  const errorsOf = (fields: Record<string, string>) =>
    Object.fromEntries(Object.entries(fields).map(([k, m]) => [k.startsWith('sections') ? 'outline' : k === 'title' ? 'titleEn' : k, m]));
  if (!parsed.success)
    return templateEditPage(c, p, tpl, { values: v, errors: errorsOf(errorMessages(c, parsed.error, programsMessages)) });
  await updateTemplate(c.var.db, tpl, parsed.data);
  return c.redirect(`${localePath(c.var.locale, `/programs/${p.slug}/worksheets/${tpl.key}/edit`)}?done=saved`, 303);
});

/** Organizers: the program's templates, how far each team is, and the form for a new template. */
async function templatesPage(c: Ctx, p: Program, state: { values?: Record<string, string>; errors?: Record<string, string> } = {}) {
  const t = tr(c);
  const l = c.var.locale;
  const title = t('programs.worksheets.title', { program: pickText(p.title, l) });
  const [templates, { list: teams }] = await Promise.all([
    listTemplates(c.var.db, p.id),
    listTeams(c.var.db, p.id, { limit: 200, offset: 0 }),
  ]);
  const rows = await Promise.all(teams.map(async (team) => ({ team, sheets: await teamWorksheets(c.var.db, p.id, team.id) })));
  const v = state.values ?? {};
  const e = state.errors ?? {};
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <ProgramNav c={c} p={p} />
      {templates.length > 0 && (
        <ul class="usa-list">
          {templates.map((x) => (
            <li>
              <a href={localePath(l, `/programs/${p.slug}/worksheets/${x.key}/edit`)}>
                {t('programs.worksheets.editTitle', { worksheet: pickText(x.title, l) })}
              </a>
            </li>
          ))}
        </ul>
      )}
      {templates.length > 0 && (
        <DataTable
          caption={t('programs.worksheets.caption')}
          rows={rows}
          empty={t('programs.worksheets.noTeams')}
          columns={[
            { label: t('programs.report.team'), rowHeader: true, cell: (r) => r.team.name },
            ...templates.map((x) => ({
              label: pickText(x.title, l),
              cell: (r: (typeof rows)[number]) => {
                const s = r.sheets.find((y) => y.key === x.key)!;
                return (
                  <a href={base(c, p, r.team.id, x.key)}>{t('programs.worksheets.answered', { answered: s.answered, total: s.total })}</a>
                );
              },
            })),
          ]}
        />
      )}
      <h2>{t('programs.worksheets.new')}</h2>
      <form method="post" action={localePath(l, `/programs/${p.slug}/worksheets`)} class="usa-form usa-form--large">
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="key"
          label={t('programs.worksheets.key')}
          hint={t('programs.worksheets.keyHint')}
          value={v.key}
          error={e.key}
          required
        />
        <TextField name="titleEn" label={t('programs.worksheets.titleEn')} value={v.titleEn} error={e.title} />
        <TextField name="titleEs" label={t('programs.worksheets.titleEs')} value={v.titleEs} />
        <TextArea
          name="outline"
          label={t('programs.worksheets.outline')}
          hint={t('programs.worksheets.outlineHint')}
          value={v.outline}
          error={e.sections}
          rows={12}
          maxlength={60_000}
        />
        <Button>{t('programs.worksheets.create')}</Button>
      </form>
    </>,
    Object.keys(e).length ? 422 : 200,
  );
}

worksheetPages.get('/programs/:slug/worksheets', allow('organizer'), async (c) => {
  const p = await getProgram(c.var.db, c.req.param('slug'));
  assertManageProgram(c.var.viewer, p);
  return templatesPage(c, p);
});

worksheetPages.post('/programs/:slug/worksheets', allow('organizer'), async (c) => {
  const p = await getProgram(c.var.db, c.req.param('slug'));
  assertManageProgram(c.var.viewer, p);
  const v = await form(c);
  const parsed = worksheetTemplateInput.safeParse({
    key: v.key ?? '',
    title: { en: v.titleEn || null, es: v.titleEs || null },
    sections: readOutline(v.outline ?? ''),
  });
  // Any problem inside the outline is shown beside the outline, the one field it came from.
  const errorsOf = (fields: Record<string, string>) =>
    Object.fromEntries(Object.entries(fields).map(([k, m]) => [k.startsWith('sections') ? 'sections' : k, m]));
  if (!parsed.success) return templatesPage(c, p, { values: v, errors: errorsOf(errorMessages(c, parsed.error, programsMessages)) });
  try {
    await createTemplate(c.var.db, p, parsed.data);
  } catch (err) {
    if (err instanceof AppError && err.status === 422)
      return templatesPage(c, p, { values: v, errors: errorMessages(c, err.fields, programsMessages) });
    throw err;
  }
  return c.redirect(localePath(c.var.locale, `/programs/${p.slug}/worksheets`), 303);
});

function Threads(props: {
  c: Ctx;
  p: Program;
  section: WorksheetSection;
  action: string;
  threads: Awaited<ReturnType<typeof listComments>>;
  canStart: boolean;
  errors: Record<string, string>;
}) {
  const { c, p, section } = props;
  const t = tr(c);
  const mine = props.threads.filter((x) => x.sectionId === section.id);
  const Comment = (x: (typeof mine)[number] | (typeof mine)[number]['replies'][number]) => (
    <>
      <p class="pw-meta">
        {x.fromTeam
          ? t('programs.worksheets.teamSaid', { name: x.authorName ?? '' })
          : t('programs.worksheets.facilitatorSaid', { name: x.authorName ?? '' })}{' '}
        · <When c={c} date={x.createdAt} timeZone={p.timeZone} />
      </p>
      <p class="pw-pre-line">{x.body}</p>
    </>
  );
  return (
    <>
      <h3>{t('programs.worksheets.comments')}</h3>
      {mine.length === 0 && <p>{t('programs.worksheets.noComments')}</p>}
      <ul class="usa-list usa-list--unstyled pw-stack">
        {mine.map((x) => (
          <li>
            <Comment {...x} />
            {x.replies.length > 0 && (
              <ul class="usa-list usa-list--unstyled pw-stack">
                {x.replies.map((r) => (
                  <li>
                    <Comment {...r} />
                  </li>
                ))}
              </ul>
            )}
            <form method="post" action={props.action} class="usa-form">
              <Csrf token={c.var.csrfToken} />
              <input type="hidden" name="sectionId" value={section.id} />
              <input type="hidden" name="parentId" value={x.id} />
              <TextArea
                name="body"
                idPrefix={`reply-${x.id}-`}
                label={t('programs.worksheets.reply')}
                rows={3}
                maxlength={5000}
                error={props.errors[x.id]}
              />
              <Button variant="outline">{t('programs.worksheets.sendReply')}</Button>
            </form>
          </li>
        ))}
      </ul>
      {props.canStart && (
        <form method="post" action={props.action} class="usa-form">
          <Csrf token={c.var.csrfToken} />
          <input type="hidden" name="sectionId" value={section.id} />
          <TextArea
            name="body"
            idPrefix={`comment-${section.id}-`}
            label={t('programs.worksheets.comment')}
            rows={3}
            maxlength={5000}
            error={props.errors[`section-${section.id}`]}
          />
          <Button variant="outline">{t('programs.worksheets.sendComment')}</Button>
        </form>
      )}
    </>
  );
}

interface SheetState {
  notice?: string;
  error?: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

async function sheetPage(
  c: Ctx,
  o: { p: Program; team: Team; role: 'organizer' | 'member'; template: WorksheetTemplate; w: Worksheet },
  state: SheetState = {},
  status: 200 | 409 | 422 = 200,
) {
  const { p, team, role, template, w } = o;
  const t = tr(c);
  const l = c.var.locale;
  const title = t('programs.worksheets.sheetTitle', { worksheet: pickText(template.title, l), team: team.name });
  const [threads, versions] = await Promise.all([listComments(c.var.db, w.id), listVersions(c.var.db, w.id)]);
  const last = versions[0];
  const done = completion(w);
  const action = base(c, p, team.id, template.key);
  const errors = state.errors ?? {};
  return page(
    c,
    { title, index: false, scripts: ['events.js'] },
    <>
      <PageTop title={title} notice={state.notice} error={state.error} />
      <p>
        {last ? (
          <>
            {t('programs.worksheets.lastSaved', { version: last.number, name: last.savedByName ?? '' })}{' '}
            <When c={c} date={last.savedAt} timeZone={p.timeZone} />.
          </>
        ) : (
          t('programs.worksheets.neverSaved')
        )}{' '}
        {t('programs.worksheets.answered', done)}
      </p>
      <p>
        <a href={`${action}/versions`}>{t('programs.worksheets.history')}</a>
        {role === 'member' && (
          <>
            {' · '}
            <a href={localePath(l, `/programs/${p.slug}/team`)}>{t('programs.worksheets.backToTeam')}</a>
          </>
        )}
      </p>
      {w.sections.map((s) => (
        <section aria-labelledby={`section-${s.id}`}>
          <h2 id={`section-${s.id}`}>{pickText(s.title, l)}</h2>
          {role === 'member' ? (
            <form method="post" action={`${action}/sections/${s.id}`} class="usa-form usa-form--large">
              <Csrf token={c.var.csrfToken} />
              <input type="hidden" name="baseVersion" value={String(w.version)} />
              {s.questions.map((q) => (
                <TextArea
                  name={answerField(q.id)}
                  label={pickText(q.label, l)}
                  value={state.values?.[q.id] ?? w.answers[q.id] ?? ''}
                  error={errors[q.id]}
                  rows={5}
                  maxlength={20_000}
                />
              ))}
              <Button>{t('programs.worksheets.save')}</Button>
            </form>
          ) : (
            <dl>
              {s.questions.map((q) => (
                <>
                  <dt>
                    <strong>{pickText(q.label, l)}</strong>
                  </dt>
                  <dd class="pw-pre-line">{w.answers[q.id] || t('programs.worksheets.unanswered')}</dd>
                </>
              ))}
            </dl>
          )}
          <Threads
            c={c}
            p={p}
            section={s}
            action={`${action}/comments`}
            threads={threads}
            canStart={role === 'organizer'}
            errors={errors}
          />
        </section>
      ))}
    </>,
    status,
  );
}

const notices = (c: Ctx): Record<string, string> => {
  const t = tr(c);
  return {
    saved: t('programs.worksheets.saved'),
    unchanged: t('programs.worksheets.unchanged'),
    commented: t('programs.worksheets.commented'),
    restored: t('programs.worksheets.restored'),
  };
};

worksheetPages.get('/programs/:slug/teams/:id/worksheets/:key', allow('signedIn'), async (c) => {
  const o = await openWorksheet(c, { slug: c.req.param('slug'), id: c.req.param('id'), key: c.req.param('key') });
  const done = c.req.query('done') ?? '';
  const all = notices(c);
  return sheetPage(c, o, { notice: Object.hasOwn(all, done) ? all[done] : undefined });
});

worksheetPages.post('/programs/:slug/teams/:id/worksheets/:key/sections/:section', allow('signedIn'), async (c) => {
  const o = await openWorksheet(c, { slug: c.req.param('slug'), id: c.req.param('id'), key: c.req.param('key') });
  if (o.role !== 'member') throw forbidden();
  const section = o.w.sections.find((s) => s.id === c.req.param('section'));
  if (!section) throw notFound();
  const v = await form(c);
  const answers = Object.fromEntries(section.questions.map((q) => [q.id, v[answerField(q.id)] ?? '']));
  const parsed = worksheetSaveInput.safeParse({ answers, baseVersion: v.baseVersion || undefined });
  // Field errors arrive as `answers.<question>`: shown beside that question, the writer's text kept.
  const byQuestion = (fields: Record<string, string>) =>
    Object.fromEntries(Object.entries(fields).map(([k, m]) => [k.replace(/^answers\./, ''), m]));
  if (!parsed.success)
    return sheetPage(c, o, { values: answers, errors: byQuestion(errorMessages(c, parsed.error, programsMessages)) }, 422);
  try {
    const r = await saveWorksheet(c.var.db, o.w, parsed.data, author(c));
    return c.redirect(`${base(c, o.p, o.team.id, o.template.key)}?done=${r.saved ? 'saved' : 'unchanged'}#section-${section.id}`, 303);
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || err.status === 422))
      return sheetPage(
        c,
        o,
        {
          error: translateKey(c, err.messageKey, undefined, programsMessages),
          values: answers,
          errors: byQuestion(errorMessages(c, err.fields, programsMessages)),
        },
        err.status,
      );
    throw err;
  }
});

worksheetPages.post('/programs/:slug/teams/:id/worksheets/:key/comments', allow('signedIn'), async (c) => {
  const o = await openWorksheet(c, { slug: c.req.param('slug'), id: c.req.param('id'), key: c.req.param('key') });
  const v = await form(c);
  const parsed = worksheetCommentInput.safeParse({ sectionId: v.sectionId ?? '', parentId: v.parentId || undefined, body: v.body ?? '' });
  const where = v.parentId || `section-${v.sectionId ?? ''}`;
  if (!parsed.success)
    return sheetPage(c, o, { errors: { [where]: errorMessages(c, parsed.error, programsMessages).body ?? t422(c) } }, 422);
  try {
    await addComment(c.var.db, o.w, parsed.data, author(c), o.role === 'member');
  } catch (err) {
    if (err instanceof AppError && err.status === 422)
      return sheetPage(c, o, { error: Object.values(errorMessages(c, err.fields, programsMessages))[0] }, 422);
    throw err;
  }
  return c.redirect(`${base(c, o.p, o.team.id, o.template.key)}?done=commented#section-${parsed.data.sectionId}`, 303);
});

const t422 = (c: Ctx) => c.var.t('errors.validation');

/** History: every version, who saved it and when; two versions compared; an earlier one restored. */
worksheetPages.get('/programs/:slug/teams/:id/worksheets/:key/versions', allow('signedIn'), async (c) => {
  const o = await openWorksheet(c, { slug: c.req.param('slug'), id: c.req.param('id'), key: c.req.param('key') });
  const { p, team, role, template, w } = o;
  const t = tr(c);
  const l = c.var.locale;
  const versions = await listVersions(c.var.db, w.id);
  const numbers = new Set([0, ...versions.map((v) => v.number)]);
  const asked = (name: string) => {
    const n = Number(c.req.query(name));
    return Number.isInteger(n) && numbers.has(n) ? n : null;
  };
  const from = asked('from');
  const to = asked('to');
  const changes = from !== null && to !== null ? await compareVersions(c.var.db, w, from, to) : null;
  const action = base(c, p, team.id, template.key);
  const title = t('programs.worksheets.historyTitle', { worksheet: pickText(template.title, l), team: team.name });
  const options = [...numbers]
    .sort((a, b) => b - a)
    .map((n) => ({ value: String(n), label: n === 0 ? t('programs.worksheets.empty') : t('programs.worksheets.version', { version: n }) }));
  return page(
    c,
    { title, index: false, scripts: ['events.js'] },
    <>
      <h1>{title}</h1>
      <p>
        <a href={action}>{t('programs.worksheets.backToSheet')}</a>
      </p>
      <h2>{t('programs.worksheets.compare')}</h2>
      <form method="get" action={`${action}/versions`} class="usa-form">
        <Select name="from" label={t('programs.worksheets.from')} value={String(from ?? versions[1]?.number ?? 0)} options={options} />
        <Select name="to" label={t('programs.worksheets.to')} value={String(to ?? versions[0]?.number ?? 0)} options={options} />
        <Button variant="outline">{t('programs.worksheets.compareButton')}</Button>
      </form>
      {changes && (
        <section aria-labelledby="changes">
          <h2 id="changes">{t('programs.worksheets.changes', { from: from!, to: to! })}</h2>
          {changes.length === 0 && <p>{t('programs.worksheets.noChanges')}</p>}
          {changes.map((x) => (
            <>
              <h3>
                {pickText(x.section.title, l)}: {pickText(x.question.label, l)}
              </h3>
              <dl>
                <dt>{t('programs.worksheets.before')}</dt>
                <dd class="pw-pre-line">{x.from ? <del>{x.from}</del> : t('programs.worksheets.unanswered')}</dd>
                <dt>{t('programs.worksheets.after')}</dt>
                <dd class="pw-pre-line">{x.to ? <ins>{x.to}</ins> : t('programs.worksheets.unanswered')}</dd>
              </dl>
            </>
          ))}
        </section>
      )}
      <h2>{t('programs.worksheets.versions')}</h2>
      <DataTable
        caption={t('programs.worksheets.versions')}
        captionHidden
        rows={versions}
        empty={t('programs.worksheets.neverSaved')}
        columns={[
          {
            label: t('programs.worksheets.versionColumn'),
            rowHeader: true,
            cell: (v) => t('programs.worksheets.version', { version: v.number }),
          },
          { label: t('programs.worksheets.savedBy'), cell: (v) => v.savedByName ?? '' },
          { label: t('programs.worksheets.savedAt'), cell: (v) => <When c={c} date={v.savedAt} timeZone={p.timeZone} /> },
          {
            label: t('programs.worksheets.note'),
            cell: (v) => (v.restoredFrom !== null ? t('programs.worksheets.restoredFrom', { version: v.restoredFrom }) : ''),
          },
          ...(role === 'member'
            ? [
                {
                  label: t('programs.worksheets.restore'),
                  labelHidden: true,
                  cell: (v: (typeof versions)[number]) =>
                    v.number === w.version ? (
                      t('programs.worksheets.current')
                    ) : (
                      <form method="post" action={`${action}/versions/${v.number}/restore`}>
                        <Csrf token={c.var.csrfToken} />
                        <Button variant="outline">{t('programs.worksheets.restoreVersion', { version: v.number })}</Button>
                      </form>
                    ),
                },
              ]
            : []),
        ]}
      />
    </>,
  );
});

worksheetPages.post('/programs/:slug/teams/:id/worksheets/:key/versions/:number/restore', allow('signedIn'), async (c) => {
  const o = await openWorksheet(c, { slug: c.req.param('slug'), id: c.req.param('id'), key: c.req.param('key') });
  if (o.role !== 'member') throw forbidden();
  const n = Number(c.req.param('number'));
  if (!Number.isInteger(n) || n < 0) throw notFound();
  await restoreVersion(c.var.db, o.w, n, author(c));
  return c.redirect(`${base(c, o.p, o.team.id, o.template.key)}?done=restored`, 303);
});
