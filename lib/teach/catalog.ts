// What the teacher pages know of each exercise in the book: where it sits and its spec. The content layer
// builds the list from every chapter's bank (content/teach/), so the views here never reach into content.
import type { ExerciseSpec } from '../exercises/types.ts';

export interface CatalogEntry {
  /** "bank/exercise". */
  fullId: string;
  bankId: string;
  /** The chapter's title, e.g. "Backpropagation". */
  chapter: string;
  /** The heading of the chapter section the exercise sits under, or ''. */
  section: string;
  /** Where it sits in the book. */
  href: string;
  spec: ExerciseSpec;
}

export const KIND_NAMES: Record<ExerciseSpec['kind'], string> = {
  choice: 'Multiple choice',
  numeric: 'Number',
  vector: 'Vector or matrix',
  widget: 'Figure goal',
  code: 'Code',
};

/** The props of the three teacher's pages (compose, do, grade): the book's exercises. */
export interface CatalogProps {
  catalog: CatalogEntry[];
}

/** The catalog's entries by full id. */
export const indexCatalog = (catalog: CatalogEntry[]): Map<string, CatalogEntry> => new Map(catalog.map((c) => [c.fullId, c]));

/** A lookup by full id over the catalog. */
export function lookup(catalog: CatalogEntry[]): (fullId: string) => ExerciseSpec | null {
  const map = indexCatalog(catalog);
  return (id) => map.get(id)?.spec ?? null;
}
