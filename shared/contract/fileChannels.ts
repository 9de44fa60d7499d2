import { z } from 'zod';

const filePath = z.string().min(1).max(4096);
const done = z.object({});

/** A piece of an exported file: the web host has no other way to hand a file to the browser. */
export const fileChunkBytes = 512 * 1024;

/*
 * What happens to a file after an export wrote it. Only files this engine
 * exported since it started are served or opened: the channels never become
 * a way to read or launch arbitrary paths.
 */
export const fileChannels = {
  /** The bytes of an exported file, `fileChunkBytes` at a time; `nextOffset` is null after the last chunk. */
  'file:read': {
    request: z.object({ path: filePath, offset: z.number().int().min(0) }).strict(),
    reply: z.object({ name: z.string(), chunkBase64: z.string(), totalBytes: z.number().int().nonnegative(), nextOffset: z.number().int().nullable() }),
  },
  /** Desktop only: opens an exported file in the program the system has for it. */
  'file:open': { request: z.object({ path: filePath }).strict(), reply: done },
  /** Desktop only: shows an exported file in the system's file manager. */
  'file:showInFolder': { request: z.object({ path: filePath }).strict(), reply: done },
} as const;
