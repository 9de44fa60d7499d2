import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { planLangs, type PlanLang } from '../../../../shared/plan/model';
import { writeFileAtomic } from '../writeBack/atomicWrite';
import { buildPlanWorkbook } from './writeTemplate';
import { SAMPLE_ISO_FILE, sampleProject, sampleRows } from './samplePlanData';
import { sampleOpenstackProject, sampleOpenstackRows } from './sampleOpenstackData';
import { sampleVsphereProject, sampleVsphereRows } from './sampleVsphereData';

/*
 * Writes the sample plan (assets/sample-plan/): the ISO it names and one
 * workbook per header language. Everything is derived from fixed inputs, so
 * the same code writes the same bytes; `scripts/makeSamplePlan.ts` runs it.
 */

export const SAMPLE_ISO_BYTES = 1024 * 1024;
/** Stamped into the workbooks' properties instead of the current time. */
const SAMPLE_DATE = new Date(Date.UTC(2025, 0, 1));

export function samplePlanFileName(lang: PlanLang): string {
  return `sample-plan.${lang}.xlsx`;
}

/** 1 MiB of SHA-256 in counter mode: incompressible like a real ISO, and the same every time. */
export function sampleIsoBytes(): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; counter * 32 < SAMPLE_ISO_BYTES; counter++) {
    blocks.push(createHash('sha256').update(`rackpilot sample tools.iso block ${counter}`).digest());
  }
  return Buffer.concat(blocks).subarray(0, SAMPLE_ISO_BYTES);
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function buildSampleWorkbook(lang: PlanLang, isoSha256: string): Promise<Buffer> {
  return buildPlanWorkbook(lang, { examples: false, project: sampleProject, rows: sampleRows(isoSha256) }, SAMPLE_DATE);
}

/** The vCenter sample, English headers only (scripts rewrite its endpoint cells by those headers). */
export const SAMPLE_VSPHERE_FILE = 'sample-vsphere.en.xlsx';

export async function buildSampleVsphereWorkbook(isoSha256: string): Promise<Buffer> {
  return buildPlanWorkbook('en', { examples: false, project: sampleVsphereProject, rows: sampleVsphereRows(isoSha256) }, SAMPLE_DATE);
}

/** The OpenStack sample, English headers only, for the same reason. */
export const SAMPLE_OPENSTACK_FILE = 'sample-openstack.en.xlsx';

export async function buildSampleOpenstackWorkbook(): Promise<Buffer> {
  return buildPlanWorkbook('en', { examples: false, project: sampleOpenstackProject, rows: sampleOpenstackRows() }, SAMPLE_DATE);
}

/** Writes `images/tools.iso`, `sample-plan.{en,zh,es}.xlsx`, `sample-vsphere.en.xlsx` and `sample-openstack.en.xlsx` into `outDir`; returns the paths written. */
export async function writeSamplePlan(outDir: string): Promise<string[]> {
  const iso = sampleIsoBytes();
  const isoPath = join(outDir, SAMPLE_ISO_FILE);
  await mkdir(dirname(isoPath), { recursive: true });
  await writeFile(isoPath, iso);
  const written = [isoPath];
  for (const lang of planLangs) {
    const path = join(outDir, samplePlanFileName(lang));
    await writeFileAtomic(path, await buildSampleWorkbook(lang, sha256Hex(iso)));
    written.push(path);
  }
  const vsphere = join(outDir, SAMPLE_VSPHERE_FILE);
  await writeFileAtomic(vsphere, await buildSampleVsphereWorkbook(sha256Hex(iso)));
  written.push(vsphere);
  const openstack = join(outDir, SAMPLE_OPENSTACK_FILE);
  await writeFileAtomic(openstack, await buildSampleOpenstackWorkbook());
  written.push(openstack);
  return written;
}
