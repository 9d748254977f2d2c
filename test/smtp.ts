// Test support shared by tests anywhere: a real SMTP server (it lives with the newsletter, which sends the most).
export { startSmtp } from '../src/modules/newsletter/testing/smtp';
