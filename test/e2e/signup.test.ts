import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { startE2E, type E2E } from './harness';
import { outbox } from '../../src/platform/mail/schema';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

async function mailTo(email: string) {
  const [m] = await e2e.deps.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt)).limit(1);
  return m;
}

describe('signing up in a real browser', () => {
  it('creates an account with JavaScript off, signing in with the emailed code (Spanish)', async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false, locale: 'es-MX' });
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/`);
    // The browser asked for Spanish, so the first visit lands on the Spanish site.
    expect(new URL(page.url()).pathname).toBe('/es/');
    await page.getByRole('link', { name: 'Crea una cuenta gratis' }).click();
    await page.getByRole('main').getByLabel('Nombre completo').fill("Siobhán Ní Dhomhnaill-O'Brien");
    await page.getByRole('main').getByLabel('Correo electrónico').fill('siobhan.e2e@example.org');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Revisa tu correo');

    const mail = await mailTo('siobhan.e2e@example.org');
    expect(mail.subject).toBe('Tu enlace para entrar a Pathways');
    const code = /(\d{6})/.exec(mail.text)![1];
    await page.getByRole('main').getByLabel('Código de 6 dígitos').fill(code);
    await page.getByRole('button', { name: 'Entrar con el código' }).click();
    expect(new URL(page.url()).pathname).toBe('/es/account');
    expect(await page.getByRole('main').getByLabel('Nombre completo').inputValue()).toBe("Siobhán Ní Dhomhnaill-O'Brien");
    await context.close();
  });

  it('signs in with the emailed link and updates the profile (English)', async () => {
    const context = await e2e.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/signup`);
    await page.getByRole('main').getByLabel('Full name').fill('李小龍');
    await page.getByRole('main').getByLabel('Email address').fill('lee.e2e@example.org');
    await page.getByRole('button', { name: 'Create account' }).click();
    const mail = await mailTo('lee.e2e@example.org');
    const link = /(http\S+\/signin\/verify\?token=\S+)/.exec(mail.text)![1];
    await page.goto(link.replace(/^http:\/\/[^/]+/, e2e.baseUrl));
    await page.getByRole('button', { name: 'Continue signing in' }).click();
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByRole('main').getByLabel('Pronouns').fill('he/him');
    await page.getByRole('main').getByLabel('Which kind of organization is that?').selectOption('between_jobs');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Your profile was saved.');
    expect(await page.getByRole('main').getByLabel('Pronouns').inputValue()).toBe('he/him');
    // The same link does not work twice.
    await page.goto(link.replace(/^http:\/\/[^/]+/, e2e.baseUrl));
    await page.getByRole('button', { name: 'Continue signing in' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign-in link not valid');
    await context.close();
  });

  it('shows errors next to the field and keeps what was typed', async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/signup`);
    await page.getByRole('main').getByLabel('Full name').fill('Zoë Saldaña');
    await page.getByRole('main').getByLabel('Email address').fill('zoe-at-example');
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('There is 1 problem with this form');
    expect(await page.locator('#email-error').textContent()).toContain('Enter an email address like name@example.org.');
    expect(await page.getByRole('main').getByLabel('Full name').inputValue()).toBe('Zoë Saldaña');
    await context.close();
  });
});
