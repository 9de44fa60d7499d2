export { uploadStreamed } from './uploadStreamed';
export { uploadChunked } from './uploadChunked';
export { multipartStream, type MultipartBody, type MultipartInput } from './multipart';
export { multipartTarget, type MultipartTargetOptions } from './multipartTarget';
export { hashFile } from './hashFile';
export { cachedFileHash } from './hashCache';
export { ProgressMeter } from './progressMeter';
export { defaultUploadRetry } from './attempts';
export type {
  ChunkResumeState,
  ChunkSession,
  ChunkTarget,
  ChunkedResult,
  Digests,
  FileHashCache,
  FileHashKey,
  OnProgress,
  StreamTarget,
  StreamUpload,
  StreamedResult,
  TransferProgress,
  UploadChunkedOptions,
  UploadStreamedOptions,
} from './types';
