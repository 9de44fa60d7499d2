// ISO upload to the Proxmox lab on loopback: our streamed multipart (SHA-256 in
// the same pass) next to `curl -F` in the same run, against the same lab node
// and storage. The lab runs in count mode (it parses and hashes the multipart
// stream but writes nothing), so disk speed does not blur the comparison.
// Run: npx tsx scripts/bench/labUpload.ts [--size-mib 2048] [--rounds 2]
import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { fileURLToPath } from 'node:url';
import { startProxmoxLab } from '../../electron/lab/proxmox';

const passThrough = process.argv.slice(2);
const lab = await startProxmoxLab({ uploads: { mode: 'count' }, latency: { authFailureMs: 0 } });

function login(): Promise<{ ticket: string; csrf: string }> {
  const body = new URLSearchParams({ username: lab.username, password: lab.password }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${lab.apiUrl}/access/ticket`,
      { method: 'POST', ca: lab.certPem, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const data = (JSON.parse(text) as { data: { ticket: string; CSRFPreventionToken: string } }).data;
          resolve({ ticket: data.ticket, csrf: data.CSRFPreventionToken });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

try {
  const { ticket, csrf } = await login();
  const args = [
    fileURLToPath(new URL('./uploadThroughput.ts', import.meta.url)),
    '--url', `${lab.apiUrl}/nodes/pve1/storage/local/upload`,
    '--field', 'content=iso',
    '--file-field', 'filename',
    '--header', `Cookie: PVEAuthCookie=${ticket}`,
    '--header', `CSRFPreventionToken: ${csrf}`,
    '--fingerprint', lab.fingerprint,
    // Both sides send the checksum fields (in pveproxy's order), and the lab verifies, as a node does.
    '--checksum',
    ...passThrough,
  ];
  console.log(`Proxmox lab on ${lab.url} (count mode): uploading to pve1/local`);
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  process.exitCode = code ?? 1;
} finally {
  await lab.close();
}
