// Live markdown preview beside each body field, and a live progress bar while an issue is sending.
// Without JavaScript the "Preview" button and a meta refresh do the same jobs.
const csrf = (document.querySelector('input[name="_csrf"]') as HTMLInputElement | null)?.value ?? '';
const base = location.pathname.startsWith('/es/') ? '/es' : '';

for (const box of Array.from(document.querySelectorAll<HTMLElement>('[data-preview-for]'))) {
  const area = document.getElementById(box.dataset.previewFor!) as HTMLTextAreaElement | null;
  if (!area) continue;
  let timer: number | undefined;
  const update = async () => {
    const body = new URLSearchParams({ _csrf: csrf, markdown: area.value });
    const res = await fetch(`${base}/organize/newsletter/preview`, { method: 'POST', body, headers: { accept: 'application/json' } });
    if (res.ok) box.innerHTML = ((await res.json()) as { html: string }).html;
  };
  area.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(update, 300);
  });
  void update();
}

const progress = document.querySelector<HTMLElement>('[data-progress-url]');
if (progress && (progress.dataset.status === 'sending' || progress.dataset.status === 'paused')) {
  const bar = progress.querySelector('progress')!;
  const poll = async () => {
    const res = await fetch(progress.dataset.progressUrl!, { headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const p = (await res.json()) as { status: string; statusLabel: string; total: number; done: number; counts: string };
    bar.max = Math.max(1, p.total);
    bar.value = p.done;
    progress.querySelector('[data-field="counts"]')!.textContent = p.counts;
    progress.querySelector('[data-field="status"]')!.textContent = p.statusLabel;
    if (p.status === 'sending' || p.status === 'paused') setTimeout(poll, 2000);
    else location.reload();
  };
  setTimeout(poll, 2000);
}
