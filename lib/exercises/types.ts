// The exercise model: an exercise is data plus pure functions, so every variant can be re-derived and
// re-checked anywhere (reader's page, teacher's grading page) from its id, version and seed.
import type { Rng } from '../../engine/random.ts';

/** What a check returns: a score in [0, 1] and feedback the reader sees. `invalid` means the response could
 * not be read (empty, unparseable, wrong length): it is not counted as a wrong attempt. */
export interface CheckResult {
  status: 'correct' | 'partial' | 'wrong' | 'invalid';
  score: number;
  feedback: string;
}

/** Text with inline TeX between `$...$` and display TeX between `$$...$$`; rendered with KaTeX. */
export type RichText = string;

interface Base<P> {
  /** Stable id, unique within its bank, e.g. "and-gate". The full id is "<bank>/<id>", e.g. "02-neurons/and-gate". */
  id: string;
  /** Bumped whenever params, prompt or check change meaning; stored with every response. */
  version: number;
  title: string;
  /** Draws the variant's numbers. Pure: same rng state, same params. Omit for exercises without variants. */
  params?: (rng: Rng) => P;
  prompt: (p: P) => RichText;
  /** Revealed one at a time. */
  hints: ((p: P) => RichText)[];
  /** Worked solution behind a reveal. */
  solution: (p: P) => RichText;
  /** Suggested points for assignments. */
  points?: number;
}

export interface MultipleChoice<P = unknown> extends Base<P> {
  kind: 'choice';
  /** Several answers may be right; `multiple: true` shows checkboxes instead of radio buttons. */
  multiple?: boolean;
  choices: (p: P) => { text: RichText; correct: boolean; why?: RichText }[];
}

export interface Numeric<P = unknown> extends Base<P> {
  kind: 'numeric';
  answer: (p: P) => number;
  /** Accepted if |x - answer| <= abs OR |x - answer| <= rel * |answer|. Defaults: rel 1e-3, abs 1e-9. */
  tolerance?: { rel?: number; abs?: number };
  unit?: string;
}

export interface VectorAnswer<P = unknown> extends Base<P> {
  kind: 'vector';
  /** A vector (number[]) or a matrix (number[][]); the reader types rows separated by `;` or new lines. */
  answer: (p: P) => number[] | number[][];
  tolerance?: { rel?: number; abs?: number };
}

export interface WidgetGoal<P = unknown> extends Base<P> {
  kind: 'widget';
  /** Tag name of the widget the reader works in, e.g. "Neuron"; the component renders it inline. */
  widget: string;
  /** Literal props for that widget. */
  widgetProps?: Record<string, string | number | boolean>;
  /** Reads the widget's exported state (a plain JSON object) and decides. */
  check: (p: P, state: unknown) => CheckResult;
}

export interface CodeExercise<P = unknown> extends Base<P> {
  kind: 'code';
  /** What the reader starts from. */
  starter: (p: P) => string;
  /** Hidden checks: code appended after the reader's code and run in the same isolated runner. It must call
   * `__report(score: number, feedback: string)` exactly once. */
  checkCode: (p: P) => string;
}

export type ExerciseSpec<P = any> =
  | MultipleChoice<P>
  | Numeric<P>
  | VectorAnswer<P>
  | WidgetGoal<P>
  | CodeExercise<P>;

/** A chapter's exercises: the bank a teacher page lists. */
export interface ExerciseBank {
  /** The chapter slug, e.g. "02-neurons". */
  id: string;
  title: string;
  exercises: ExerciseSpec[];
}
