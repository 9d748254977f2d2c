import { expect, it } from 'vitest';
import { safeHref } from './urls';

it('accepts only http and https links (mailto where asked), however a script link is spelled', () => {
  const hostile = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\tjavascript:alert(1)',
    '\njavascript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u001fjavascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java&#x09;script:alert(1)',
    'java&#9;script:alert(1)',
    'java&Tab;script:alert(1)',
    '&#106;avascript:alert(1)',
    'javascript&colon;alert(1)',
    'java&amp;#x09;script:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative/path',
    'example.org',
    'https://',
    'mailto:someone@example.org',
    '',
    null,
    undefined,
  ];
  for (const raw of hostile) expect(safeHref(raw), JSON.stringify(raw)).toBeNull();
  expect(safeHref('mailto:someone@example.org', { mailto: true })).toBe('mailto:someone@example.org');
  expect(safeHref('javascript:alert(1)', { mailto: true })).toBeNull();
  expect(safeHref('  https://example.org/apply?id=1&x=2  ')).toBe('https://example.org/apply?id=1&x=2');
  expect(safeHref('HTTP://Example.ORG/Jobs')).toBe('http://example.org/Jobs');
  expect(safeHref('https://example.org/a b')).toBe('https://example.org/a%20b');
});
