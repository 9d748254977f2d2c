import { defineMessages, translator } from '../i18n';

const en = {
  'auth.signin.title': 'Sign in',
  'auth.signin.intro': 'No password needed. Enter your email and we will send you a link and a 6-digit code.',
  'auth.signin.email': 'Email address',
  'auth.signin.submit': 'Email me a sign-in link',
  'auth.signin.noAccount': 'New to Pathways?',
  'auth.signin.createAccount': 'Create an account',
  'auth.check.title': 'Check your email',
  'auth.check.intro': 'If {email} has an account, we sent a sign-in link to it. The link works once, for 15 minutes.',
  'auth.check.codeHelp': 'Did the link open in a different browser or app? Type the 6-digit code from the email here instead.',
  'auth.check.code': '6-digit code',
  'auth.check.submit': 'Sign in with the code',
  'auth.check.badCode': 'That code is wrong or has expired. Check the newest email, or ask for a new code.',
  'auth.check.again': 'Send a new email',
  'auth.verify.failed': 'This sign-in link has expired or was already used. Links work once, for 15 minutes.',
  'auth.verify.title': 'Sign-in link not valid',
  'auth.verify.confirm': 'Continue signing in',
  'auth.verify.confirmIntro': 'Press the button to finish signing in on this device.',
  'auth.signout': 'Sign out',
  'auth.email.subject': 'Your Pathways sign-in link',
  'auth.email.greeting': 'Hello {name},',
  'auth.email.body': 'Use this button to sign in to Pathways. It works once, for 15 minutes.',
  'auth.email.button': 'Sign in to Pathways',
  'auth.email.code': 'Or type this code on the sign-in page: {code}',
  'auth.email.ignore': 'If you did not ask to sign in, you can ignore this email. Nobody can sign in without it.',
  'auth.email.noAccountSubject': 'Sign in to Pathways',
  'auth.email.noAccountBody':
    'Someone asked to sign in to Pathways with this email address, but there is no account for it yet. You can create one here:',
  'auth.email.noAccountButton': 'Create an account',
};

const es: typeof en = {
  'auth.signin.title': 'Iniciar sesión',
  'auth.signin.intro': 'No necesitas contraseña. Escribe tu correo electrónico y te enviaremos un enlace y un código de 6 dígitos.',
  'auth.signin.email': 'Correo electrónico',
  'auth.signin.submit': 'Enviarme un enlace para entrar',
  'auth.signin.noAccount': '¿Eres nuevo en Pathways?',
  'auth.signin.createAccount': 'Crear una cuenta',
  'auth.check.title': 'Revisa tu correo',
  'auth.check.intro': 'Si {email} tiene una cuenta, le enviamos un enlace para entrar. El enlace funciona una vez, durante 15 minutos.',
  'auth.check.codeHelp': '¿El enlace se abrió en otro navegador o aplicación? Escribe aquí el código de 6 dígitos del correo.',
  'auth.check.code': 'Código de 6 dígitos',
  'auth.check.submit': 'Entrar con el código',
  'auth.check.badCode': 'Ese código no es correcto o ya venció. Revisa el correo más reciente o pide un código nuevo.',
  'auth.check.again': 'Enviar otro correo',
  'auth.verify.failed': 'Este enlace ya venció o ya se usó. Los enlaces funcionan una vez, durante 15 minutos.',
  'auth.verify.title': 'El enlace no es válido',
  'auth.verify.confirm': 'Continuar para entrar',
  'auth.verify.confirmIntro': 'Pulsa el botón para terminar de entrar en este dispositivo.',
  'auth.signout': 'Cerrar sesión',
  'auth.email.subject': 'Tu enlace para entrar a Pathways',
  'auth.email.greeting': 'Hola, {name}:',
  'auth.email.body': 'Usa este botón para entrar a Pathways. Funciona una vez, durante 15 minutos.',
  'auth.email.button': 'Entrar a Pathways',
  'auth.email.code': 'O escribe este código en la página para entrar: {code}',
  'auth.email.ignore': 'Si no pediste entrar, puedes ignorar este correo. Nadie puede entrar sin él.',
  'auth.email.noAccountSubject': 'Entrar a Pathways',
  'auth.email.noAccountBody':
    'Alguien pidió entrar a Pathways con este correo, pero todavía no hay una cuenta con él. Puedes crear una aquí:',
  'auth.email.noAccountButton': 'Crear una cuenta',
};

export const authMessages = defineMessages('auth', en, es);
/** This module's translator, for a request (`tr(c)`) or a locale (`tr('en')`). */
export const tr = translator(authMessages);
