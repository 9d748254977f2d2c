// The load generator, in its own thread so it never shares an event loop with the server it measures.
// Keep-alive connections, each sending its next request as soon as the previous answer has been read
// (closed loop, like autocannon's default). Posts back every latency in ms and the counts.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, connections, warmupMs, durationMs, headers } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let ok = 0;
let errors = 0;
let non2xx = 0;
let bytes = 0;
let measuring = false;
let stopped = false;

function once() {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'GET', agent, headers },
      (res) => {
        let size = 0;
        res.on('data', (chunk) => (size += chunk.length));
        res.on('end', () => {
          if (measuring) {
            latencies.push(performance.now() - started);
            bytes += size;
            if (res.statusCode >= 200 && res.statusCode < 400) ok++;
            else non2xx++;
          }
          resolve();
        });
      },
    );
    req.on('error', () => {
      if (measuring) errors++;
      resolve();
    });
    req.end();
  });
}

async function lane() {
  while (!stopped) await once();
}

const lanes = Array.from({ length: connections }, lane);
setTimeout(() => {
  measuring = true;
  const began = performance.now();
  setTimeout(async () => {
    measuring = false;
    const seconds = (performance.now() - began) / 1000;
    stopped = true;
    await Promise.all(lanes);
    agent.destroy();
    parentPort.postMessage({ latencies, ok, errors, non2xx, bytes, seconds });
  }, durationMs);
}, warmupMs);
