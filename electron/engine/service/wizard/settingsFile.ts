import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { settingsSchema, type Settings } from '../../../../shared/contract/wizardChannels';
import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { defaultStepConcurrency } from '../../../../shared/runModel';
import { writeFileAtomically } from './atomicWrite';

export const defaultSettings: Settings = { language: 'en', theme: 'system', concurrency: defaultStepConcurrency, recentFiles: [] };
const maxRecent = 10;

/**
 * `<dataDir>/settings.json`. A field the file lacks, or holds in a shape this
 * version cannot read, takes its default, so a hand-edited or older file
 * never stops the app. Changes are serialised: a `set` and a recent file
 * recorded at the same moment do not lose each other.
 */
export class SettingsFile {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json');
  }

  async get(): Promise<Settings> {
    await this.queue.catch(() => undefined);
    return this.read();
  }

  /** Merges the given fields into the current settings; the result is validated as a whole. */
  set(change: Partial<Settings>): Promise<Settings> {
    return this.update((current) => ({ ...current, ...change }));
  }

  /** Most recent first, each path once, at most ten. */
  addRecentFile(path: string): Promise<Settings> {
    const absolute = resolve(path);
    return this.update((current) => ({
      ...current,
      recentFiles: [absolute, ...current.recentFiles.filter((entry) => entry !== absolute)].slice(0, maxRecent),
    }));
  }

  private update(change: (current: Settings) => Settings): Promise<Settings> {
    const next = this.queue.catch(() => undefined).then(async () => {
      const parsed = settingsSchema.safeParse(change(await this.read()));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        fail('invalid_request', text('service.settings.invalid', { setting: issue?.path.join('.') || '(settings)', problem: issue?.message ?? text('service.settings.unknownProblem') }));
      }
      await mkdir(dirname(this.path), { recursive: true });
      try {
        await writeFileAtomically(this.path, `${JSON.stringify(parsed.data, null, 2)}\n`);
      } catch (cause) {
        fail('io', text('service.settings.saveFailed', { path: this.path }), { detail: cause instanceof Error ? cause.message : String(cause) });
      }
      return parsed.data;
    });
    this.queue = next;
    return next;
  }

  private async read(): Promise<Settings> {
    let stored: unknown;
    try {
      stored = JSON.parse(await readFile(this.path, 'utf8'));
    } catch {
      return { ...defaultSettings };
    }
    const settings: Settings = { ...defaultSettings };
    if (stored === null || typeof stored !== 'object') return settings;
    const fields = stored as Record<string, unknown>;
    for (const key of Object.keys(defaultSettings) as Array<keyof Settings>) {
      const parsed = settingsSchema.shape[key].safeParse(fields[key]);
      if (parsed.success) Object.assign(settings, { [key]: parsed.data });
    }
    return settings;
  }
}
