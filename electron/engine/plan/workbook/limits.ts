/** What a workbook may cost before Rackpilot refuses it. Every limit names what it protects. */
export interface WorkbookLimits {
  /** Size of the file on disk. */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes the ZIP directory announces (zip bombs). */
  maxUncompressedBytes: number;
  /** Uncompressed/compressed ratio of one large entry (zip bombs); XML sheets compress ~5-30x. */
  maxCompressionRatio: number;
  /** Entries may be ratio-checked only above this size, where ratios become meaningful. */
  ratioCheckMinBytes: number;
  maxEntries: number;
  /** Wall-clock time the parser worker may take. */
  parseTimeoutMs: number;
  /** Old-generation heap of the parser worker; exceeding it ends the worker, not the engine. */
  maxWorkerHeapMb: number;
  /** Longer strings are cut, with a `cell.truncated` finding. */
  maxStringChars: number;
}

export const defaultWorkbookLimits: WorkbookLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioCheckMinBytes: 1024 * 1024,
  maxEntries: 10_000,
  parseTimeoutMs: 30_000,
  maxWorkerHeapMb: 1024,
  maxStringChars: 1024 * 1024,
};

export function resolveLimits(overrides: Partial<WorkbookLimits> = {}): WorkbookLimits {
  return { ...defaultWorkbookLimits, ...overrides };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
