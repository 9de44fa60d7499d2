import { createInterface } from 'node:readline';
import { fail } from '../../../shared/errors';
import { say, text, type TextRef } from '../../../shared/i18n/engineText';
import type { Lang } from '../../../shared/plan/findingCodes';
import type { SecretNeed } from '../../../shared/contract/secretChannels';
import type { SecretTarget } from '../../../shared/secrets';
import type { EngineService } from '../../engine/service/types';
import { call } from './followRun';

/*
 * Passwords the workbook leaves empty, for `rackpilot deploy`: from the
 * environment, else typed without echo on a terminal. Never from the command
 * line, where every user of the machine can read them in `ps`.
 */

const envPrefix: Record<SecretTarget['scope'], string> = { endpoint: 'RACKPILOT_PASSWORD_', jumpHost: 'RACKPILOT_JUMP_PASSWORD_', vm: 'RACKPILOT_VM_PASSWORD_' };

/** `RACKPILOT_PASSWORD_PVE_LAB` for endpoint `pve-lab`: upper case, anything but letters and digits as `_`. */
export function passwordEnvName(target: SecretTarget): string {
  return envPrefix[target.scope] + target.name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export interface PasswordIo {
  env: NodeJS.ProcessEnv;
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
  /** The language of the prompt (`--lang`); the error says itself in the CLI's language. */
  lang?: Lang;
}

// One phrase per scope, not a scope word put into a sentence: Spanish joins the preposition to it ("del endpoint").
const scopeWords = { endpoint: 'host.password.endpoint', jumpHost: 'host.password.jumpHost', vm: 'host.password.vm' } as const satisfies Record<SecretTarget['scope'], string>;

/** `endpoint pve-lab (root@pam@10.0.0.1, Endpoints!F2)`: whose password, and where the workbook leaves it empty. */
function whoseText(need: SecretNeed): TextRef {
  const login = `${need.target.user}@${need.target.address}`;
  const account = need.cell ? text('host.password.accountAt', { account: login, cell: need.cell }) : login;
  return text(scopeWords[need.target.scope], { name: need.target.name, account });
}

/** Before a run starts (`{ plan }`, parsed by the contract like any request) or resumes (`{ runId }`): every password still missing is provided to the engine, or the command stops naming its cell. */
export async function enterMissingPasswords(engine: EngineService, of: { plan: Record<string, unknown> } | { runId: string }, io: PasswordIo): Promise<void> {
  const { needs } = await call(engine, 'secrets:needed', of);
  for (const need of needs.filter((entry) => entry.state === 'missing')) {
    const envName = passwordEnvName(need.target);
    const where = whoseText(need);
    const value = io.env[envName] || (io.input.isTTY ? await promptHidden(`${say(io.lang ?? 'en', text('host.password.prompt', { what: where }))} `, io) : '');
    if (!value) {
      fail('secret_required', text('host.password.missing', { what: where }), { hint: text('host.password.missingHint', { env: envName }) });
    }
    await call(engine, 'secrets:provide', { target: need.target, value, remember: false });
  }
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string, io: PasswordIo): Promise<string> {
  const lines = createInterface({ input: io.input, output: io.output, terminal: true });
  io.output.write(question);
  // readline echoes what is typed through this method; muting it is how Node's own REPL hides input.
  (lines as unknown as { _writeToOutput(text: string): void })._writeToOutput = () => undefined;
  return new Promise((resolve) => {
    lines.once('line', (line) => {
      io.output.write('\n');
      // Before close(): it emits 'close' at once, whose empty answer would otherwise win.
      resolve(line);
      lines.close();
    });
    lines.once('close', () => resolve(''));
  });
}
