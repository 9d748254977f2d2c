// Live progress for a running import: polls the progress JSON and updates the text; reloads when it
// ends so the report shows. Without this script the page refreshes itself (meta refresh).
const out = document.getElementById('import-progress');
const url = out?.dataset.url;
if (out && url) {
  document.querySelector('meta[http-equiv="refresh"]')?.remove();
  const template = out.dataset.template ?? '';
  const tick = async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' } });
      const p = (await res.json()) as { status: string; processed: number; total: number };
      if (p.status === 'done' || p.status === 'rejected') return location.reload();
      out.textContent = template.replace('{done}', String(p.processed)).replace('{total}', String(p.total));
      const bar = document.getElementById('import-bar') as HTMLProgressElement | null;
      if (bar) {
        bar.max = Math.max(p.total, 1);
        bar.value = p.processed;
      }
    } catch {
      /* keep trying */
    }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
}
