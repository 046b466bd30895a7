// The gradebook as CSV for an LMS: Canvas's and Moodle's import layouts and a plain one, written with
// csv-stringify. Every text cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a
// tab or a carriage return) is neutralised with a leading apostrophe, as OWASP recommends; names in any
// script are kept as they are (UTF-8, with a byte-order mark so spreadsheet programs read it as UTF-8).
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { GradedSubmission } from './grade.ts';
import type { AssignmentSpec } from './spec.ts';

export type CsvLayout = 'canvas' | 'moodle' | 'plain';

/** A text cell made safe from formula injection. Numbers are written as numbers. */
export function safeCell(v: string | number): string | number {
  if (typeof v === 'number') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The gradebook of the files that count, in the chosen layout. */
export function gradebookCsv(spec: AssignmentSpec, assignmentId: string, rows: GradedSubmission[], layout: CsvLayout, titles: (id: string) => string = (id) => id): string {
  const counting = rows.filter((r) => r.counts);
  const column = `${spec.title} (${assignmentId})`;
  let table: (string | number)[][];
  switch (layout) {
    case 'canvas':
      // Canvas matches rows by ID, SIS User ID or SIS Login ID; the book knows only the student's own id,
      // which is the SIS User ID when the class is set up that way. The second row gives the points possible.
      table = [
        ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', column],
        ['Points Possible', '', '', '', '', round(rows[0]?.outOf ?? spec.items.reduce((s, i) => s + i.points, 0))],
        ...counting.map((r) => [r.student.name, '', r.student.rawId, '', '', round(r.total)]),
      ];
      break;
    case 'moodle':
      // Moodle's grade import maps one column to a user field (ID number here) and one to the grade item.
      table = [['ID number', 'Full name', column, 'Feedback'], ...counting.map((r) => [r.student.rawId, r.student.name, round(r.total), r.flags.map((f) => f.message).join(' ')])];
      break;
    case 'plain':
      table = [
        ['Name', 'Student id', ...spec.items.map((it) => `${titles(it.id)} (${it.points})`), 'Total', 'Out of', 'Submitted', 'Flags'],
        ...counting.map((r) => [r.student.name, r.student.rawId, ...r.items.map((i) => round(i.earned)), round(r.total), round(r.outOf), r.submittedAt, r.flags.map((f) => f.message).join(' ')]),
      ];
      break;
  }
  return '\ufeff' + stringify(table.map((row) => row.map(safeCell)), { record_delimiter: 'windows' });
}
