// Booth scanning on a phone: QR scanning where the browser has BarcodeDetector. Without JavaScript or
// a camera the page works by typing the pass code.
import { fillAndSubmit, startQrScanner } from '../../../platform/ui/client/qr-scanner';

startQrScanner(document.getElementById('qr-scan'), fillAndSubmit('code'));
