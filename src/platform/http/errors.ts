/**
 * The one error type domain code throws. `messageKey` and `fields` hold catalog keys (platform
 * i18n `errors.*`/`validation.*` or a module's own), translated where the error is shown.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503,
    readonly messageKey: string,
    readonly fields: Record<string, string> = {},
    readonly values: Record<string, string | number> = {},
    /** Placeholder values for field messages that need them ("Use 200 characters or fewer"). */
    readonly fieldValues: Record<string, Record<string, string | number>> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('not_found', 404, 'errors.notFound');
export const forbidden = () => new AppError('forbidden', 403, 'errors.forbidden');
export const unauthorized = () => new AppError('unauthorized', 401, 'errors.unauthorized');

/** Field errors collected while checking one input, thrown together as one 422 so the reader sees them all. */
export class FieldProblems {
  readonly fields: Record<string, string> = {};
  readonly values: Record<string, Record<string, string | number>> = {};
  /** The first problem found for a field is the one shown. */
  add(field: string, key: string, values: Record<string, string | number> = {}): void {
    if (this.fields[field]) return;
    this.fields[field] = key;
    this.values[field] = values;
  }
  throwIfAny(): void {
    if (Object.keys(this.fields).length > 0)
      throw new AppError('validation_failed', 422, 'errors.validation', this.fields, {}, this.values);
  }
}
