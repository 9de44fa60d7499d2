import type { Migration } from './types';

/**
 * What a rollback did to each step (shared/runModel `StepUndo`), beside the
 * step's own state: the deployment's record stays as it was, and an
 * interrupted rollback knows which undos are still to do. NULL: not touched.
 */
export const stepUndo: Migration = {
  version: 6,
  name: 'step_undo',
  up(db) {
    db.exec('ALTER TABLE steps ADD COLUMN undo_json TEXT;');
  },
};
