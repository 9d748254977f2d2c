// Door check-in on a phone: live counts, and QR scanning where the browser has BarcodeDetector.
// Without JavaScript or a camera, the page works by typing a name or the ticket code.
import { fillAndSubmit, startQrScanner } from '../../../platform/ui/client/qr-scanner';

const counts = document.getElementById('door-counts');
if (counts?.dataset.src) {
  setInterval(async () => {
    try {
      const res = await fetch(counts.dataset.src!, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) return;
      const fresh = await fetch(location.href, { credentials: 'same-origin' }).then((r) => r.text());
      const next = new DOMParser().parseFromString(fresh, 'text/html').getElementById('door-counts');
      if (next) counts.innerHTML = next.innerHTML;
    } catch {
      /* offline for a moment: keep the last numbers */
    }
  }, 10_000);
}

const slot = document.getElementById('qr-scan');
startQrScanner(slot, fillAndSubmit('code'));
// The hint mentions scanning only where the scan button appeared (a browser with a camera and BarcodeDetector).
const hint = document.getElementById('code-hint');
if (slot?.querySelector('button') && slot.dataset.hint && hint) hint.textContent = slot.dataset.hint;
