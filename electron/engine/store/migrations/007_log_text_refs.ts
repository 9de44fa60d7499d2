import type { Migration } from './types';

/**
 * Rackpilot's own log lines as catalogue text (shared/i18n `TextRef`, as
 * JSON) beside their English `text`, so the Deploy screen's live log says
 * them in the reader's language. NULL: a platform's or script's own output,
 * or a line stored before this migration; both are shown as they were said.
 */
export const logTextRefs: Migration = {
  version: 7,
  name: 'log_text_refs',
  up(db) {
    db.exec('ALTER TABLE log_lines ADD COLUMN text_ref_json TEXT;');
  },
};
