import { describe, expect, it } from 'vitest';
import { catalogs, translate, type Translate } from '../i18n/translate';
import { progressText } from './progressText';

const GiB = 1024 ** 3;
const tIn = (language: keyof typeof catalogs): Translate => (key, params) => translate(catalogs[language], key, params);

describe('progressText', () => {
  it('reads steps, bytes, speed and time left', () => {
    const text = progressText(
      { steps: { done: 3, total: 12 }, bytesDone: 1.2 * GiB, bytesTotal: 4 * GiB, bytesPerSecond: 45 * 1024 ** 2, remainingMs: 60_000 },
      tIn('en'),
      'en',
    );
    expect(text).toBe('3 of 12 steps · 1.2 GiB of 4 GiB · 45 MiB/s · 1 min left');
  });

  it('leaves out what is unknown and mentions failures', () => {
    expect(progressText({ steps: { done: 0, total: 5, failed: 2 } }, tIn('en'), 'en')).toBe('0 of 5 steps · 2 failed');
    expect(progressText({ bytesDone: 0, bytesTotal: 10, bytesPerSecond: 0, remainingMs: null }, tIn('en'), 'en')).toBe('0 B of 10 B');
  });

  it('drops speed and time left once the transfer is complete', () => {
    expect(progressText({ bytesDone: GiB, bytesTotal: GiB, bytesPerSecond: 99, remainingMs: 5 }, tIn('en'), 'en')).toBe('1 GiB of 1 GiB');
  });

  it('speaks the chosen language', () => {
    const text = progressText({ steps: { done: 1, total: 2 }, bytesDone: 1.5 * GiB, bytesTotal: 2 * GiB, remainingMs: 125_000 }, tIn('es'), 'es');
    expect(text).toBe('1 de 2 pasos · 1,5 GiB de 2 GiB · quedan 3 min');
  });
});
