import type { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

type Output = Writable & { isTTY?: boolean };

/**
 * The app's logger. A person watching `npm start` in a terminal reads short coloured lines; anything else
 * (a file, a pipe, a log collector) gets one JSON object a line, which is what machines parse.
 */
export function createLogger(level: string, format: 'auto' | 'pretty' | 'json', out: Output = process.stdout): Logger {
  const human = format === 'pretty' || (format === 'auto' && out.isTTY === true);
  if (!human) return pino({ level }, out);
  return pino(
    { level },
    pretty({ destination: out, colorize: out.isTTY === true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname', sync: true }),
  );
}
