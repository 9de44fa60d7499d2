import { describe, expect, it } from 'vitest';
import { connect, exec, guestPassword, labForTest } from './sshTestKit';

describe('ssh lab sudo', () => {
  it('sudo -S with the right password runs as root and caches the ticket for the connection', async () => {
    const lab = await labForTest();
    const client = await connect(lab);
    expect(await exec(client, `sudo -S -p 'pw: ' whoami`, { stdin: `${guestPassword}\n` })).toEqual({ stdout: 'root\n', stderr: 'pw: ', code: 0, signal: null });
    expect(await exec(client, 'sudo -n id -u')).toMatchObject({ stdout: '0\n', code: 0 });
    expect(await exec(client, 'sudo -k; sudo -n true')).toMatchObject({ stderr: 'sudo: a password is required\n', code: 1 });
  });

  it('a wrong password is "Sorry, try again." and exit 1', async () => {
    const lab = await labForTest();
    const result = await exec(await connect(lab), 'sudo -S whoami', { stdin: 'wrong\n' });
    expect(result).toEqual({
      stdout: '',
      stderr: '[sudo] password for ubuntu: Sorry, try again.\n[sudo] password for ubuntu: sudo: 1 incorrect password attempt\n',
      code: 1,
      signal: null,
    });
  });

  it('without -S or a ticket sudo needs a terminal; -n needs a password', async () => {
    const lab = await labForTest();
    const client = await connect(lab);
    expect(await exec(client, 'sudo whoami')).toMatchObject({ stderr: expect.stringContaining('a terminal is required'), code: 1 });
    expect(await exec(client, 'sudo -n whoami')).toEqual({ stdout: '', stderr: 'sudo: a password is required\n', code: 1, signal: null });
  });

  it('sudo -S bash -s takes the password line and leaves the script on stdin', async () => {
    const lab = await labForTest();
    const result = await exec(await connect(lab), "sudo -S -p '' bash -s", { stdin: `${guestPassword}\nwhoami\necho $HOME > where\ncat where\n` });
    expect(result).toMatchObject({ stdout: 'root\n/root\n', code: 0 });
  });
});

describe('ssh lab background processes', () => {
  it('tail -n +1 -F follows nohup.out until a background script writes the keyword', async () => {
    const lab = await labForTest();
    const client = await connect(lab);
    const started = await exec(client, "nohup sh -c 'echo installing; sleep 1; echo Install Operation Center Successfully >> nohup.out' & echo \"pid $!\"");
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^pid \d+\n$/);
    expect((await exec(client, 'pgrep -f Operation')).stdout).toBe(started.stdout.slice(4));
    const followed = await exec(client, 'tail -n +1 -F nohup.out', {
      keepStdinOpen: true,
      onChannel: (channel, output) => {
        const poll = setInterval(() => output().includes('Successfully') && (clearInterval(poll), channel.close()), 10);
      },
    });
    expect(followed.stdout).toBe('installing\nInstall Operation Center Successfully\n');
    expect(lab.files().read('/home/ubuntu/nohup.out').toString()).toBe('installing\nInstall Operation Center Successfully\n');
  });

  it('tail -F waits for a file that does not exist yet, with tail\'s messages', async () => {
    const lab = await labForTest();
    const client = await connect(lab);
    const followed = exec(client, 'tail -n +1 -F later.log', {
      keepStdinOpen: true,
      onChannel: (channel, output) => {
        const poll = setInterval(() => output().includes('ready') && (clearInterval(poll), channel.signal('INT')), 10);
      },
    });
    await exec(client, "sh -c 'sleep 0.2; echo ready > later.log' &");
    expect(await followed).toEqual({
      stdout: 'ready\n',
      stderr: "tail: cannot open 'later.log' for reading: No such file or directory\ntail: 'later.log' has appeared;  following new file\n",
      code: null,
      signal: 'SIGINT',
    });
  });

  it('kill ends a background sleep; pgrep then finds nothing', async () => {
    const lab = await labForTest();
    const client = await connect(lab);
    const pid = (await exec(client, 'sleep 100 & echo $!')).stdout.trim();
    expect(await exec(client, `kill ${pid}; pgrep sleep`)).toMatchObject({ stdout: '', code: 1 });
    expect(await exec(client, `kill ${pid}`)).toMatchObject({ stderr: `bash: kill: (${pid}) - No such process\n`, code: 1 });
  });
});
