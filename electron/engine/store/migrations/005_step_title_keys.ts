import type { Migration } from './types';

/**
 * A step's title as a catalogue key and its parameters (`shared/i18n/engineText`),
 * so every reader says it in its own language; `title` keeps the English,
 * which is all that steps stored before this migration have.
 */
export const stepTitleKeys: Migration = {
  version: 5,
  name: 'step_title_keys',
  up(db) {
    db.exec(`
      ALTER TABLE steps ADD COLUMN title_key TEXT;
      ALTER TABLE steps ADD COLUMN title_params_json TEXT;
    `);
  },
};
