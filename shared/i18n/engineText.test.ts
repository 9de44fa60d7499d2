import { describe, expect, it } from 'vitest';
import { appError, errorWords } from '../errors';
import { findingLangs } from '../plan/findingCodes';
import { chineseSpacingProblems } from './chineseSpacing';
import { clauses, engineText, engineTextCatalogues, listSomeText, runName, say, sayOr, sentences, text } from './engineText';
import { textRefSchema } from './textRef';

const placeholders = (message: string): string[] => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

describe('the engine text catalogue', () => {
  for (const lang of findingLangs) {
    it(`${lang} has every English key with the same placeholders, and nothing empty`, () => {
      const catalogue = engineTextCatalogues[lang];
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(engineTextCatalogues.en).sort());
      for (const [key, english] of Object.entries(engineTextCatalogues.en)) {
        const translated = catalogue[key as keyof typeof catalogue];
        expect(translated.trim(), key).not.toBe('');
        expect(placeholders(translated), key).toEqual(placeholders(english));
      }
    });
  }

  it('has no English sentence left in Chinese', () => {
    // Product names, units and codes stay Latin; three English words in a row are a sentence nobody translated.
    const english = Object.entries(engineTextCatalogues.zh).filter(([, message]) => /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/.test(message.replace(/\{\w+\}/g, '')));
    expect(english).toEqual([]);
  });
});

describe('text references', () => {
  it('say nested text, lists and numbers in the reader language, with Chinese spacing around filled values', () => {
    const ref = text('preflight.stopped', { name: 'pve1', error: text('error.net.refused', { where: '10.0.0.1:8006', doing: 'GET /version' }) });
    expect(say('en', ref)).toBe('The checks of pve1 stopped: 10.0.0.1:8006 refused the connection (nothing listens on that port, or a firewall rejects it) (GET /version).');
    const zh = say('zh', ref);
    expect(zh).toBe('pve1 的检查中止：10.0.0.1:8006 拒绝了连接（该端口没有服务在监听，或被防火墙拒绝）（GET /version）。');
    expect(chineseSpacingProblems(zh)).toEqual([]);
    expect(say('es', sentences(text('preflight.skip'), null, text('preflight.capacity.offline', { nodes: 'pve2' })))).toBe('No comprobado. Sin conexión: pve2.');
    expect(say('zh', sentences(text('preflight.skip'), text('preflight.capacity.offline', { nodes: 'pve2' })))).toBe('未检查。离线：pve2。');
    expect(say('zh', clauses([text('preflight.capacity.vsDatastore', { name: 'ds1', need: '1 GiB', free: '2 GiB' }), 'x']))).toBe('数据存储 ds1：空闲 2 GiB，需要 1 GiB；x');
    expect(say('es', text('preflight.capacity.noneOnline', { nodes: listSomeText(['a', 'b', 'c'], 2) }))).toBe('Ningún nodo está en línea (a, b y 1 más).');
  });

  it('are kept by errors next to their English, survive the contract schema, and fall back to the English for unknown keys', () => {
    const error = appError('network', text('error.net.tls', { where: 'h:1', doing: 'GET /' }), { hint: text('error.net.tlsHint') });
    expect(error.title).toBe('The TLS handshake with h:1 failed (GET /).');
    expect(error.hint).toBe('Is it an HTTPS port? Check the endpoint URL and port.');
    expect(textRefSchema.parse(error.text)).toEqual(error.text);
    expect(sayOr('zh', error.hintText, error.hint!)).toBe(engineText('zh', 'error.net.tlsHint'));
    expect(sayOr('zh', { key: 'no.such.key' }, 'English kept')).toBe('English kept');
    expect(errorWords(appError('io', 'plain'))).toBe('plain');
    expect(textRefSchema.safeParse({ key: 'x', params: { a: { nope: 1 } } }).success).toBe(false);
  });
});

describe('run names', () => {
  it('say the demo and the rehearsal mark in the reader language, and leave a plan\'s own name alone', () => {
    expect(runName({ planName: 'Demo (2 targets)', environment: 'demo' }, 'zh')).toBe('演示（2 个目标）');
    expect(runName({ planName: 'Demo (2 targets)', environment: 'demo' }, 'es')).toBe('Demostración (2 destinos)');
    expect(runName({ planName: 'Demo (2 targets)', environment: 'proxmox:pve1' }, 'zh')).toBe('Demo (2 targets)');
    expect(runName({ planName: 'Site A', rehearsal: true, environment: 'lab:pve1' }, 'zh')).toBe('Site A（实验室演练）');
  });
});
