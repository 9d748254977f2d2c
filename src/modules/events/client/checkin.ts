// Door check-in on a phone: live counts, and QR scanning where the browser has BarcodeDetector.
// Without JavaScript or a camera, the page works by typing a name or the ticket code.
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

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
const slot = document.getElementById('qr-scan');
const BD = (window as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
if (slot && BD && navigator.mediaDevices?.getUserMedia) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'usa-button usa-button--outline';
  button.textContent = slot.dataset.label ?? 'Scan';
  const video = document.createElement('video');
  video.setAttribute('playsinline', '');
  video.hidden = true;
  video.style.maxWidth = '100%';
  slot.append(button, video);
  let stream: MediaStream | null = null;
  const stop = () => {
    stream?.getTracks().forEach((t) => t.stop());
    stream = null;
    video.hidden = true;
    button.textContent = slot.dataset.label ?? 'Scan';
  };
  button.addEventListener('click', async () => {
    if (stream) return stop();
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    video.srcObject = stream;
    video.hidden = false;
    button.textContent = slot.dataset.stop ?? 'Stop';
    await video.play();
    const detector = new BD({ formats: ['qr_code'] });
    const tick = async () => {
      if (!stream) return;
      const found = await detector.detect(video).catch(() => []);
      if (found[0]) {
        const input = document.getElementById('code') as HTMLInputElement | null;
        if (input) {
          input.value = found[0].rawValue;
          stop();
          input.form?.requestSubmit();
          return;
        }
      }
      requestAnimationFrame(tick);
    };
    tick();
  });
}
