import { isAbsolute, resolve } from 'node:path';
import { errorWords, fail } from '../../../../shared/errors';
import { sentences, text } from '../../../../shared/i18n/engineText';
import type { StepContext, StepKind } from '../../runner/types';
import { cachedFileHash, uploadStreamed } from '../../transfer';
import { pause, sessionFor, type OpenStackDeps } from './connect';
import { isStatus } from './errors';
import { createImage, deleteImage, findImages, getImage, importMethods, putImageData, setImageSha256, startImport, type GlanceImage } from './glance';
import type { OpenStackSession } from './session';
import { osKinds, type OsImageInput } from './steps';

/*
 * An image in Glance, reused when one with the same name and sha256 is there:
 *
 *   find by name+sha256 ──found──> done
 *        └─none──> create (queued) ──PUT /file──> active
 *                          └─direct upload refused (403/405/415)──> PUT /stage ──import glance-direct──> importing ──> active
 * The created image's id is recorded before its data is sent, so a retry
 * or a rollback finds it.
 */

export interface ImageArtifact {
  imageId: string;
  created: boolean;
}
export const imageArtifactKey = 'image';

const filePath = (deps: OpenStackDeps, file: string): string => (isAbsolute(file) ? file : resolve(deps.workbookDir, file));

async function localSha256(deps: OpenStackDeps, ctx: StepContext<OsImageInput>): Promise<string | null> {
  const input = ctx.step.input;
  if (!input.file) return null;
  if (input.sha256) return input.sha256;
  return (await cachedFileHash(filePath(deps, input.file), deps.fileHashes ?? null, { signal: ctx.signal })).digest;
}

/** An active image of that name (and, for a file, that sha256); an existing image the plan only names must be there. */
async function findReusable(session: OpenStackSession, input: OsImageInput, sha256: string | null, signal: AbortSignal): Promise<GlanceImage | null> {
  const images = (await findImages(session, input.name, signal)).filter((image) => image.status === 'active');
  if (!input.file) {
    return images[0] ?? fail('plan_invalid', text('openstack.image.missing', { endpoint: input.endpoint, name: input.name }), { hint: text('openstack.image.missingHint'), retryable: false, ...(input.cells.file ? { cell: input.cells.file } : {}) });
  }
  return images.find((image) => image.rackpilot_sha256 === sha256) ?? null;
}

async function waitActive(session: OpenStackSession, id: string, input: OsImageInput, pollMs: number, signal: AbortSignal): Promise<void> {
  for (;;) {
    const image = await getImage(session, id, signal);
    if (image?.status === 'active') return;
    if (!image || image.status === 'killed' || image.status === 'deleted') {
      fail('step_failed', text('openstack.image.dropped', { endpoint: input.endpoint, name: input.name, status: image?.status ?? text('openstack.image.gone') }), { hint: text('openstack.image.droppedHint') });
    }
    await pause(pollMs, signal);
  }
}

async function sendData(deps: OpenStackDeps, session: OpenStackSession, ctx: StepContext<OsImageInput>, id: string, where: 'file' | 'stage'): Promise<string> {
  const result = await uploadStreamed({
    file: filePath(deps, ctx.step.input.file!),
    signal: ctx.signal,
    target: { send: (upload) => putImageData(session, id, where, upload.body, upload.size, upload.signal) },
    onProgress: (progress) => ctx.progress({ fraction: progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : 1, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal, bytesPerSecond: progress.bytesPerSecond }),
    onRetry: (failure, next) => ctx.log('warn', sentences(errorWords(failure.appError), text('openstack.log.sendAgain', { attempt: next }))),
  });
  return result.digests.sha256!;
}

export function imageStepKind(deps: OpenStackDeps): StepKind<OsImageInput> {
  const pollMs = deps.pollMs ?? 2000;
  return {
    kind: osKinds.image,
    policy: {
      retry: { maxAttempts: 2, baseDelayMs: 5000, maxDelayMs: 30_000, jitter: 0.2 },
      timeoutMs: 6 * 60 * 60_000,
      concurrencyKey: (step) => `openstack-upload:${(step.input as OsImageInput).endpoint}`,
      keyLimit: 2,
    },
    check: async (ctx) => (await findReusable(sessionFor(deps, ctx, ctx.step.input.endpoint), ctx.step.input, await localSha256(deps, ctx), ctx.signal)) !== null,
    async run(ctx) {
      const input = ctx.step.input;
      const session = sessionFor(deps, ctx, input.endpoint);
      const sha256 = await localSha256(deps, ctx);
      const reusable = await findReusable(session, input, sha256, ctx.signal);
      if (reusable) {
        ctx.log('info', text('openstack.log.imageReused', { name: input.name, id: reusable.id }));
        ctx.artifacts.set(imageArtifactKey, { imageId: reusable.id, created: ctx.artifacts.get<ImageArtifact>(imageArtifactKey)?.imageId === reusable.id } satisfies ImageArtifact);
        return;
      }
      // A half-done image of an earlier attempt is replaced: Glance cannot resume an upload.
      const earlier = ctx.artifacts.get<ImageArtifact>(imageArtifactKey);
      if (earlier?.created) await deleteImage(session, earlier.imageId, ctx.signal);
      const image = await createImage(session, { name: input.name, disk_format: input.diskFormat, sha256 }, ctx.signal);
      ctx.artifacts.set(imageArtifactKey, { imageId: image.id, created: true } satisfies ImageArtifact);
      let sent: string;
      try {
        sent = await sendData(deps, session, ctx, image.id, 'file');
      } catch (error) {
        const refused = [403, 405, 415].some((status) => isStatus(error, status));
        if (!refused || !(await importMethods(session, ctx.signal)).includes('glance-direct')) throw error;
        ctx.log('info', text('openstack.log.imageStaging', { endpoint: input.endpoint, name: input.name }));
        sent = await sendData(deps, session, ctx, image.id, 'stage');
        await startImport(session, image.id, ctx.signal);
      }
      if (sha256 && sent !== sha256) fail('step_failed', text('openstack.image.changed', { file: input.file ?? '', sent, wanted: sha256 }), { retryable: true, ...(input.cells.file ? { cell: input.cells.file } : {}) });
      if (!sha256) await setImageSha256(session, image.id, sent, false, ctx.signal);
      await waitActive(session, image.id, input, pollMs, ctx.signal);
      ctx.log('info', text('openstack.log.imageActive', { name: input.name, id: image.id }));
    },
    async undo(ctx) {
      const made = ctx.artifacts.get<ImageArtifact>(imageArtifactKey);
      if (!made?.created) return;
      await deleteImage(sessionFor(deps, ctx, ctx.step.input.endpoint), made.imageId, ctx.signal);
      ctx.log('info', text('openstack.log.imageDeleted', { name: ctx.step.input.name }));
    },
  };
}
