import { describe, expect, it } from 'vitest';
import { elapsedMs, targetRows } from './targets';
import { makeStep } from '../../../shared/testRuns';

describe('targetRows', () => {
  it('groups steps by target in plan order and picks the step that matters now', () => {
    const rows = targetRows(
      [
        makeStep('web.a', { target: 'web', state: 'succeeded', startedAt: 10, endedAt: 20 }),
        makeStep('db.a', { target: 'db', state: 'failed', startedAt: 5, endedAt: 8 }),
        makeStep('web.b', { target: 'web', state: 'running', startedAt: 20 }),
        makeStep('db.b', { target: 'db', state: 'pending' }),
      ],
      true,
    );
    expect(rows.map((row) => row.target)).toEqual(['web', 'db']);
    expect(rows[0]).toMatchObject({ state: 'running', done: 1, startedAt: 10, endedAt: null });
    expect(rows[0]!.current.id).toBe('web.b');
    expect(rows[1]).toMatchObject({ state: 'failed', done: 0 });
    expect(rows[1]!.current.id).toBe('db.a');
  });

  it('is done when every step is, ending at the last end', () => {
    const [row] = targetRows(
      [
        makeStep('a', { state: 'succeeded', startedAt: 1, endedAt: 4 }),
        makeStep('b', { state: 'skipped', startedAt: 4, endedAt: 9 }),
      ],
      true,
    );
    expect(row).toMatchObject({ state: 'succeeded', fraction: 1, startedAt: 1, endedAt: 9 });
    expect(row!.current.id).toBe('b');
  });

  it('stops the clock of a target with steps that will not run once the run is over', () => {
    const steps = [makeStep('a', { state: 'failed', startedAt: 1, endedAt: 4 }), makeStep('b', { state: 'pending' })];
    expect(targetRows(steps, true)[0]!.endedAt).toBeNull();
    expect(targetRows(steps, false)[0]!.endedAt).toBe(4);
  });
});

describe('elapsedMs', () => {
  it('runs to now until there is an end', () => {
    expect(elapsedMs(null, null, 50)).toBeNull();
    expect(elapsedMs(10, null, 50)).toBe(40);
    expect(elapsedMs(10, 30, 50)).toBe(20);
  });
});
