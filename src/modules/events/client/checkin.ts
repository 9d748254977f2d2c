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

startQrScanner(document.getElementById('qr-scan'), fillAndSubmit('code'));
