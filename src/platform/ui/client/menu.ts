// The phone menu toggle. Without this script the menu is always visible, so nothing depends on it.
const button = document.querySelector<HTMLButtonElement>('.pw-menu-button');
const nav = document.getElementById('primary-nav');
if (button && nav) {
  document.documentElement.classList.add('js');
  button.hidden = false;
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('is-open', open);
  });
}
