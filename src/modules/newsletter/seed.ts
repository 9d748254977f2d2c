import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/http/context';
import { rows } from '../../db/client';
import { demoCrowd, ensurePerson } from '../people';
import { subscribers, TOPICS, type Topic } from './schema';
import { beginSending, createIssue } from './service';
import type { NewsletterHooks } from './service/hooks';

const SUBSCRIBERS = 320;

/**
 * A few hundred subscribers in both languages, one sent issue with opens and clicks, and a draft.
 * Runs once (skips when demo subscribers exist).
 */
export async function seedNewsletter(deps: Deps, hooks: NewsletterHooks): Promise<void> {
  const db = deps.db;
  const [{ n }] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM newsletter_subscribers WHERE email LIKE '%@demo.pathways.localhost'`,
  );
  if (Number(n) > 0) return;
  const now = Date.now();
  // Past the stretch of the demo crowd that event and fair seeds use: every demo name is someone else.
  const names = demoCrowd(SUBSCRIBERS + 120).slice(120);
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const fullName = names[i].name;
    const email = `subscriber${i + 1}@demo.pathways.localhost`;
    const language = i % 3 === 0 ? 'es' : 'en';
    const topics: Topic[] = TOPICS.filter((_t, k) => (i + k) % 4 !== 0);
    const consentedAt = new Date(now - ((i * 37) % 330) * 86_400_000);
    const status = i % 29 === 0 ? 'unsubscribed' : i % 41 === 0 ? 'bounced' : i % 53 === 0 ? 'pending' : 'confirmed';
    const { person } = await ensurePerson(db, { email, fullName, language, verified: true });
    await db
      .insert(subscribers)
      .values({
        email,
        personId: person.id,
        name: fullName,
        language,
        topics,
        chapterSlug: i % 5 === 0 ? null : 'los-angeles',
        status,
        source: i % 4 === 0 ? 'mailchimp' : 'form',
        consentedAt: status === 'pending' ? null : consentedAt,
        statusChangedAt: status === 'confirmed' ? consentedAt : new Date(now - (i % 60) * 86_400_000),
      })
      .onConflictDoNothing();
    if (status === 'unsubscribed' || status === 'bounced') {
      await db.execute(
        sql`INSERT INTO newsletter_suppressions (email_hash, email, reason) VALUES (encode(sha256(convert_to(lower(${email}), 'UTF8')), 'hex'), ${email}, ${status}) ON CONFLICT DO NOTHING`,
      );
    }
  }
  const sent = await createIssue(db, {
    subject: {
      en: 'October in Los Angeles: civic tech night and new county jobs',
      es: 'Octubre en Los Ángeles: noche de tecnología cívica y nuevos empleos del condado',
    },
    body: {
      en: '## Hello, neighbors\n\nThis month we met at the Central Library to talk about **digital services** for renters. Thank you to everyone who came.\n\n- Read the [notes from the evening](https://example.org/notes)\n- Tell us what to cover next by replying to this email.',
      es: '## Hola, vecinos\n\nEste mes nos reunimos en la Biblioteca Central para hablar de **servicios digitales** para inquilinos. Gracias a todas las personas que vinieron.\n\n- Lee las [notas de la noche](https://example.org/notes)\n- Dinos qué tratar la próxima vez respondiendo a este correo.',
    },
    blocks: { events: true, jobs: true, recordings: true },
    tracking: true,
  });
  await beginSending(deps, hooks, sent.id);
  // The demo issue is shown as already delivered: its messages are marked sent (none is emailed).
  await db.execute(sql`UPDATE newsletter_deliveries SET status = 'sent', sent_at = now() - interval '20 days' WHERE issue_id = ${sent.id}`);
  await db.execute(
    sql`UPDATE newsletter_issues SET status = 'sent', started_at = now() - interval '20 days', finished_at = now() - interval '20 days' WHERE id = ${sent.id}`,
  );
  await db.execute(sql`INSERT INTO newsletter_events (issue_id, delivery_id, kind, machine, created_at)
    SELECT issue_id, id, 'open', (row_number() OVER (ORDER BY id)) % 6 = 0, now() - interval '19 days'
    FROM newsletter_deliveries WHERE issue_id = ${sent.id} AND (abs(hashtext(id::text)) % 100) < 48`);
  await db.execute(sql`INSERT INTO newsletter_events (issue_id, delivery_id, kind, link_index, created_at)
    SELECT issue_id, id, 'click', 0, now() - interval '19 days'
    FROM newsletter_deliveries WHERE issue_id = ${sent.id} AND (abs(hashtext(id::text)) % 100) < 9`);
  await createIssue(db, {
    subject: { en: 'November: fall career fair and a new cohort', es: 'Noviembre: feria de empleo de otoño y una nueva cohorte' },
    body: {
      en: '## The fall career fair is coming\n\nMeet hiring managers from the city, the county and the state. Bring questions, not a résumé.',
      es: '## Llega la feria de empleo de otoño\n\nConoce a responsables de contratación de la ciudad, el condado y el estado. Trae preguntas, no hace falta currículum.',
    },
    blocks: { events: true, jobs: true },
    tracking: true,
  });
}
