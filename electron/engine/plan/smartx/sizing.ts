/*
 * The `性能配置` column describes a VM's size the way SmartX engineers write
 * it: `8vCPU\19GB-Mem\400GB Disk`. Parts are separated by `\`, `/`, `,`, `;`
 * or spaces and may come in any order; GB in this column means GiB (the
 * CloudTower installer's sizes are binary). Chinese words (`核`, `内存`, `磁盘`)
 * are accepted too.
 */

export interface Sizing {
  vcpu: number;
  memoryMiB: number;
  diskGiB: number;
}

const unitsInMiB: Record<string, number> = { m: 1, mb: 1, mib: 1, g: 1024, gb: 1024, gib: 1024, t: 1048576, tb: 1048576, tib: 1048576 };

function amountInMiB(value: string, unit: string): number | null {
  const factor = unitsInMiB[unit.toLowerCase()];
  return factor === undefined ? null : Math.round(Number(value) * factor);
}

/** Null when any of the three parts is missing, so the caller can point at the cell. */
export function parseSizing(text: string): Sizing | null {
  const cpu = /(\d+)\s*(?:v\s*cpus?|vcore|cores?|c(?![a-z])|核)/i.exec(text);
  const mem = /(\d+(?:\.\d+)?)\s*(mib|mb|m|gib|gb|g|tib|tb|t)\s*[-_ ]?\s*(?:mem(?:ory)?|ram|内存)/i.exec(text)
    ?? /(?:mem(?:ory)?|ram|内存)\s*[:：]?\s*(\d+(?:\.\d+)?)\s*(mib|mb|m|gib|gb|g|tib|tb|t)/i.exec(text);
  const disk = /(\d+(?:\.\d+)?)\s*(mib|mb|m|gib|gb|g|tib|tb|t)\s*[-_ ]?\s*(?:disk|storage|hdd|磁盘|硬盘)/i.exec(text)
    ?? /(?:disk|storage|磁盘|硬盘)\s*[:：]?\s*(\d+(?:\.\d+)?)\s*(mib|mb|m|gib|gb|g|tib|tb|t)/i.exec(text);
  if (!cpu || !mem || !disk) return null;
  const memoryMiB = amountInMiB(mem[1] ?? '', mem[2] ?? '');
  const diskMiB = amountInMiB(disk[1] ?? '', disk[2] ?? '');
  const vcpu = Number(cpu[1]);
  if (memoryMiB === null || diskMiB === null || vcpu < 1 || memoryMiB < 1) return null;
  return { vcpu, memoryMiB, diskGiB: Math.round((diskMiB / 1024) * 100) / 100 };
}
