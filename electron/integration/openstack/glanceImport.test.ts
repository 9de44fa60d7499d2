import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageArtifactKey, type ImageArtifact } from '../../engine/providers/openstack/imageStep';
import { osKinds } from '../../engine/providers/openstack/steps';
import { openStackLabSkipReason, releaseOpenStackLab, useOpenStackLab, type OpenStackLab } from '../../engine/testing/openstackLab';
import { labPlan } from './openstackPlanKit';
import { deploy, depsFor, rollback, writeDiskImage, type LabRun } from './openstackRun';

/*
 * A cloud that refuses direct image uploads (Glance's `upload_image` policy
 * left to admins, as some operators set it) but offers the interoperable
 * import: the image step, as a project member, sends PUT .../file, is
 * refused, stages the data and imports it with glance-direct, and the real
 * Glance ends with the image active and the file's checksums.
 */

const skip = openStackLabSkipReason();
if (skip) console.warn(`Glance import tests skipped: ${skip}`);

type Row = Record<string, unknown>;
const imageName = 'rp-import-image';

describe.skipIf(skip)('the OpenStack image step on a Glance that refuses direct uploads', () => {
  let lab: OpenStackLab;
  let dir: string;
  let run: LabRun | undefined;

  beforeAll(async () => {
    lab = await useOpenStackLab();
    await lab.setDirectUpload(false);
    dir = mkdtempSync(join(tmpdir(), 'rp-os-import-'));
    writeDiskImage(dir, 11);
  }, 30 * 60_000);

  afterAll(async () => {
    try {
      if (run) await rollback(run).catch(() => undefined);
      await lab?.setDirectUpload(true);
    } finally {
      releaseOpenStackLab();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }, 5 * 60_000);

  it('stages and imports the image (glance-direct): active, with the md5, sha512 and size of the file', async () => {
    const { demo } = lab;
    const plan = labPlan(lab, { viaBastion: true, workbookDir: dir, username: demo.username, password: demo.password, project: demo.project, image: { name: imageName }, slice: { image: imageName }, flavor: null });
    const started = Date.now();
    run = await deploy(plan, depsFor(plan, dir), undefined, (step) => step.kind === osKinds.image);
    console.log(`image step through the import flow: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(run.steps.map((step) => step.kind)).toEqual([osKinds.image]);
    const failed = run.hooks.states.filter((event) => event.error).map((event) => `${event.stepId}: ${event.error!.title}`);
    expect(failed).toEqual([]);
    expect(run.outcome).toBe('succeeded');

    const { imageId } = run.hooks.artifactsFor(run.steps[0]!.id).get<ImageArtifact>(imageArtifactKey)!;
    // Refused at PUT .../file, then staged and imported.
    const sent = run.requests.map((request) => new URL(request.url).pathname.replace(/^.*\/v2\//, 'v2/'));
    expect(sent).toEqual(expect.arrayContaining([`v2/images/${imageId}/file`, 'v2/info/import', `v2/images/${imageId}/stage`, `v2/images/${imageId}/import`]));
    expect(sent.indexOf(`v2/images/${imageId}/file`)).toBeLessThan(sent.indexOf(`v2/images/${imageId}/stage`));
    // A refusal is an answer, not a failure to retry.
    expect(sent.filter((path) => path === `v2/images/${imageId}/file`)).toHaveLength(1);

    const data = readFileSync(join(dir, 'disk.raw'));
    const [image, projects] = (await lab.openstackMany([['image', 'show', imageId], ['project', 'list']])) as [Row, Row[]];
    const properties = image.properties as Record<string, unknown>;
    expect({ name: image.name, status: image.status, checksum: image.checksum, size: image.size }).toEqual({ name: imageName, status: 'active', checksum: createHash('md5').update(data).digest('hex'), size: data.length });
    expect(properties.os_hash_algo).toBe('sha512');
    expect(properties.os_hash_value).toBe(createHash('sha512').update(data).digest('hex'));
    expect(properties.rackpilot_sha256).toBe(createHash('sha256').update(data).digest('hex'));
    // A member's image, in the member's project.
    expect(image.owner).toBe(projects.find((project) => project.Name === demo.project)!.ID);

    await rollback(run);
    run = undefined;
    const left = ((await lab.openstack(['image', 'list'])) as Row[]).filter((row) => row.Name === imageName);
    expect(left).toEqual([]);
  }, 10 * 60_000);
});
