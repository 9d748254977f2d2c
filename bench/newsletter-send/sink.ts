/**
 * The SMTP server the newsletter benchmark sends to, in a process of its own (so its work is not
 * counted against the sender's CPU or memory). Started by index.ts with an IPC channel: it says its
 * port, answers "total" with the number of messages received, and stops on "close".
 */
import { startSmtp } from '../../src/modules/newsletter/testing/smtp';

const smtp = await startSmtp({ keep: false });
process.send!({ port: smtp.port });
process.on('message', (m) => {
  if (m === 'total') process.send!({ total: smtp.total() });
  if (m === 'close') void smtp.close().then(() => process.exit(0));
});
