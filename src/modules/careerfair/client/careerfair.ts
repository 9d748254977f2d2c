// Booth scanning on a phone: QR scanning where the browser has BarcodeDetector. Without JavaScript or
// a camera the page works by typing the pass code.
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
  video.setAttribute('aria-hidden', 'true');
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
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch {
      return; // no permission or no camera: typing the code still works
    }
    video.srcObject = stream;
    video.hidden = false;
    button.textContent = slot.dataset.stop ?? 'Stop';
    await video.play();
    const detector = new BD({ formats: ['qr_code'] });
    const tick = async () => {
      if (!stream) return;
      const found = await detector.detect(video).catch(() => []);
      const input = document.getElementById('code') as HTMLInputElement | null;
      if (found[0] && input) {
        input.value = found[0].rawValue;
        stop();
        input.form?.requestSubmit();
        return;
      }
      requestAnimationFrame(tick);
    };
    void tick();
  });
}
export {};
