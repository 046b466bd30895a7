// How the CharacterModel figure starts its trainer's Web Worker (the URL is written here for the bundler to find it).
import type { WorkerLike } from '../trainer/connection.ts';

export const charWorker = (): WorkerLike =>
  new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'character-model-trainer' }) as unknown as WorkerLike;
