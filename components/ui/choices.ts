// A set of named choices (data sets, presets, features, ...) defined once, as one table from each name to
// all that belongs to it (its label, its data), rather than a list of names beside tables keyed by them.
// The names, in the table's order, and a menu's options come from the table.

/** The table's names, in its order: for `z.enum`, loops and lookups. */
export const namesOf = <K extends string>(table: Record<K, unknown>): [K, ...K[]] => Object.keys(table) as [K, ...K[]];

/** The table's choices as a menu's options (the Select component's). */
export const optionsOf = <K extends string>(table: Record<K, { label: string }>): { value: K; label: string }[] =>
  namesOf(table).map((value) => ({ value, label: table[value].label }));
