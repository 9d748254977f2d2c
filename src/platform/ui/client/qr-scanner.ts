// Camera QR scanning for pages that also work by typing a code: the scan button appears only where the
// browser has BarcodeDetector and a camera API, and a refused or missing camera leaves typing as it was.
// Knows nothing of the page: its labels come from the slot's data-label and data-stop (rendered from
// the message catalogs), and what a code does is the caller's.
type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };

/**
 * Adds a scan button and a video preview to `slot`. Each code read is given to `onCode`; when it
 * returns true the camera stops, otherwise scanning goes on.
 */
export function startQrScanner(slot: HTMLElement | null, onCode: (code: string) => boolean): void {
  const BD = (window as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
  if (!slot || !BD || !navigator.mediaDevices?.getUserMedia) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'usa-button usa-button--outline';
  button.textContent = slot.dataset.label ?? 'Scan';
  const video = document.createElement('video');
  video.setAttribute('playsinline', '');
  // The preview only helps aim the camera; the code it reads lands in the form, which is announced.
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
      if (found[0] && onCode(found[0].rawValue)) {
        stop();
        return;
      }
      requestAnimationFrame(tick);
    };
    void tick();
  });
}

/** An `onCode` that puts the code in the form field `inputId` and submits its form, as typing would. */
export function fillAndSubmit(inputId: string): (code: string) => boolean {
  return (code) => {
    const input = document.getElementById(inputId) as HTMLInputElement | null;
    if (!input) return false;
    input.value = code;
    input.form?.requestSubmit();
    return true;
  };
}
