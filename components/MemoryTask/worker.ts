// How the MemoryTask figure starts its trainer's Web Worker (the URL is written here for the bundler to find it).
import type { WorkerLike } from '../trainer/connection.ts';

export const memoryWorker = (): WorkerLike =>
  new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
