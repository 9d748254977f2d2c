import { AppError } from './errors';

/**
 * Segments that would reach a prototype instead of a field of the form. They are refused outright,
 * never skipped: a name carrying one is an attack or a bug, and silently dropping it would hide both.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** Deep enough for every form in the app (`questions.0.options.1.en` is five). */
const MAX_DEPTH = 8;
/** An index past this would build a huge sparse array before any schema could cap its length. */
const MAX_INDEX = 999;

const formNameError = () => new AppError('bad_form_names', 400, 'errors.formNames');

/** The segments of a field name: `a.b.0.c` or `a[b][0][c]` (as some clients send). */
function nameSegments(name: string): string[] {
  return name.replace(/\[([^\]]*)\]/g, '.$1').split('.');
}

/** Is this field name one that could touch a prototype? */
export function isHostileName(name: string): boolean {
  return nameSegments(name).some((s) => PROTOTYPE_KEYS.has(s));
}

/** Throws the translated 400 when any field name could touch a prototype. */
export function assertSafeNames(names: Iterable<string>): void {
  for (const name of names) if (isHostileName(name)) throw formNameError();
}

type Node = Record<string, unknown> | unknown[];

/**
 * Dotted form names (`speakers.0.name`) to nested objects and arrays, so forms and JSON share one
 * schema. The one parser every form with nested names uses: prototype segments are refused (400),
 * depth and array indexes are capped, and a name that contradicts another (`a=1` and `a.b=2`) is
 * refused rather than half-applied. `_csrf` is not part of any schema and is left out.
 */
export function parseNestedForm(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(values)) {
    if (key === '_csrf') continue;
    const value = values[key];
    const parts = nameSegments(key);
    if (!parts.length || parts.length > MAX_DEPTH || parts.some((p) => PROTOTYPE_KEYS.has(p))) throw formNameError();
    let node: Node = out;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const index = /^\d+$/.test(part) ? Number(part) : null;
      if (index !== null && index > MAX_INDEX) throw formNameError();
      const k = Array.isArray(node) && index !== null ? index : part;
      const container = node as Record<string | number, unknown>;
      const own = Object.hasOwn(container, k);
      if (i === parts.length - 1) {
        if (own && typeof container[k] === 'object') throw formNameError();
        container[k] = value;
        break;
      }
      if (!own) container[k] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      else if (typeof container[k] !== 'object' || container[k] === null) throw formNameError();
      node = container[k] as Node;
    }
  }
  return out;
}
