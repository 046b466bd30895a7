// The registry of exercise banks: one module per chapter, loaded when first needed. This is the one
// place that knows where the banks are; the chapters' Exercise tag and the Progress page ask it.
import type { ExerciseBank, ExerciseSpec } from '../../lib/exercises/types.ts';

const modules = import.meta.glob<{ default: ExerciseBank }>(['./[0-9][0-9]-*.ts', '!./*.test.ts']);

/** Bank ids ("02-neurons", ...) in chapter order. */
export const bankIds = Object.keys(modules)
  .map((p) => p.slice(2, -3))
  .sort();

export async function loadBank(id: string): Promise<ExerciseBank | null> {
  const load = modules[`./${id}.ts`];
  return load ? (await load()).default : null;
}

/** Every bank, in chapter order. */
export async function listBanks(): Promise<ExerciseBank[]> {
  return (await Promise.all(bankIds.map(loadBank))).filter((b): b is ExerciseBank => b !== null);
}

/** The exercise "bank/id", or null if there is none. */
export async function getExercise(fullId: string): Promise<{ bank: ExerciseBank; spec: ExerciseSpec } | null> {
  const [bankId, id] = fullId.split('/');
  const bank = await loadBank(bankId);
  const spec = bank?.exercises.find((e) => e.id === id);
  return bank && spec ? { bank, spec } : null;
}
