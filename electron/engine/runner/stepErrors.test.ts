import { describe, expect, it } from 'vitest';
import { Redactor } from '../util/redactor';
import { attemptError } from './stepErrors';

describe('attemptError', () => {
  it('redacts a thrown message before cutting it to the title and detail sizes', () => {
    const redactor = new Redactor();
    redactor.add('cut-in-half-secret');
    const message = `${'x'.repeat(490)}cut-in-half-secret${'y'.repeat(30_000)}cut-in-half-secret`;
    const error = attemptError('vm.create:web-01', new Error(message), redactor);
    expect(error.title).not.toContain('cut-in');
    expect(error.detail).not.toContain('cut-in');
    expect(error.title.length).toBeLessThan(600);
    expect(error.detail?.length).toBeLessThan(20_100);
  });
});
