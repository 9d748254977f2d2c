import { describe, expect, it } from 'vitest';
import { htmlText, renderMarkdown, safeHtml } from './markdown';

const hostile =
  '<script>alert(1)</script><iframe src="https://evil.example"></iframe><img src=x onerror="alert(1)">' +
  '<p onclick="x()" style="color:red">ok</p><a href="javascript:alert(1)">js</a> <a href="JaVaScRiPt&colon;alert(1)">js2</a>' +
  '<a href="data:text/html,x">data</a><form><input name="q"></form>';

describe('markdown and the one allow-list', () => {
  it('strips scripts, iframes, handlers, styles and javascript:/data: links', () => {
    const html = safeHtml(hostile);
    expect(html).not.toMatch(/script|iframe|onerror|onclick|style=|javascript|data:|<form|<input|<img/i);
    expect(html).toContain('<p>ok</p>');
    expect(html).toContain('<a>js</a>');
  });

  it('keeps the allowed tags and http, https and mailto links', () => {
    const md = [
      '# Title',
      '',
      'Some **bold**, *em* and `code` with a [link](https://example.org/a "Example") and [mail](mailto:a@example.org).',
      '',
      '- one',
      '- two',
      '',
      '> quoted',
      '',
      '| A | B |',
      '| - | - |',
      '| 1 | 2 |',
      '',
      '##### small',
    ].join('\n');
    const html = renderMarkdown(md);
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<a href="https://example.org/a" title="Example">link</a>');
    expect(html).toContain('<a href="mailto:a@example.org">mail</a>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<h4>small</h4>');
  });

  it('keeps images only where asked, and only from http(s), always with an alt', () => {
    const md = '![A chart](https://example.org/c.png) ![x](javascript:alert(1))';
    expect(renderMarkdown(md)).not.toContain('<img');
    const html = renderMarkdown(md, { images: true });
    expect(html).toContain('<img src="https://example.org/c.png" alt="A chart" />');
    expect(html).not.toContain('javascript');
  });

  it('tidies feed HTML under a lower top heading', () => {
    expect(safeHtml('<h1>T</h1><h2>S</h2><b>b</b><i>i</i><p> </p><li></li>', { topHeading: 3, tidy: true })).toBe(
      '<h3>T</h3><h3>S</h3><strong>b</strong><em>i</em>',
    );
  });

  it('reads the text out of HTML', () => {
    expect(htmlText('<p>a <b>b</b></p><script>c</script>')).toBe('a b');
  });
});
