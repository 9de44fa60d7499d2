import type { AxiosInstance, AxiosResponse } from 'axios';
import { multipartStream } from './multipart';
import type { StreamTarget } from './types';

export interface MultipartTargetOptions {
  /** Usually an `HttpClient` from net/ (TLS pinning, error mapping); any axios instance works. */
  client: AxiosInstance;
  url: string;
  /** Form fields sent before the file (e.g. Proxmox `content`, `checksum-algorithm`, `checksum`, in that order). */
  fields: [string, string][];
  /** Name of the file's form field (`filename` for Proxmox). */
  fileField: string;
  /** Defaults to the upload's name. */
  filename?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /**
   * Whole-request timeout in ms; 0 (default) leaves it to the stall watchdog of
   * uploadStreamed, because a fixed limit would cut a slow but healthy upload.
   */
  timeoutMs?: number;
}

/** A StreamTarget that POSTs the file as multipart/form-data with an exact Content-Length. */
export function multipartTarget<T = unknown>(options: MultipartTargetOptions): StreamTarget<AxiosResponse<T>> {
  return {
    send: ({ body, size, name, signal }) => {
      const form = multipartStream({
        fields: options.fields,
        file: { field: options.fileField, filename: options.filename ?? name, size, ...(options.contentType ? { contentType: options.contentType } : {}) },
        body,
      });
      return options.client.post<T>(options.url, form.stream, {
        headers: { ...options.headers, 'Content-Type': form.contentType, 'Content-Length': String(form.contentLength) },
        signal,
        timeout: options.timeoutMs ?? 0,
        // Native transport: follow-redirects would buffer the body to be able to replay it.
        maxRedirects: 0,
        maxBodyLength: Infinity,
      });
    },
  };
}
