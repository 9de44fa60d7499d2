import { describe, expect, it } from 'vitest';
import type { ContractHandlers } from './api';
import { channels } from './channels';
import { dispatch } from './dispatch';

describe('the rollback channels', () => {
  it('default force to false and refuse unknown fields before the engine sees them', async () => {
    expect(channels['run:rollback'].request.parse({ runId: 'r1' })).toEqual({ runId: 'r1', force: false });
    expect(channels['run:rollbackPreview'].request.parse({ runId: 'r1', force: true })).toEqual({ runId: 'r1', force: true });
    let reached = false;
    const handlers = { 'run:rollback': () => ((reached = true), {}) } as unknown as ContractHandlers;
    for (const payload of [{}, { runId: '' }, { runId: 'r1', force: 'yes' }, { runId: 'r1', everything: true }]) {
      expect(await dispatch(handlers, 'run:rollback', payload)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect(reached).toBe(false);
  });

  it('reply with an outcome that names what was removed and why the rest was not', () => {
    const item = { stepId: 'vm.create:web-01', title: 'Create VM web-01', target: 'web-01', resources: [] };
    const error = { code: 'network', title: 'No answer.', retryable: true };
    expect(channels['run:rollback'].reply.safeParse({ runId: 'r1', state: 'rollback_failed', removed: [], notRemoved: [{ ...item, error }], kept: [] }).success).toBe(true);
    expect(channels['run:rollback'].reply.safeParse({ runId: 'r1', state: 'failed', removed: [], notRemoved: [], kept: [] }).success).toBe(false);
    expect(channels['run:rollback'].reply.safeParse({ runId: 'r1', state: 'rollback_failed', removed: [], notRemoved: [item], kept: [] }).success).toBe(false);
  });
});
