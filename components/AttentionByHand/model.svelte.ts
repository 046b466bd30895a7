// The AttentionByHand figure's state and words: which stage of attention is revealed, whose query the
// reader is editing, the queries themselves (they start as X W_Q), and the three switches on the scores
// (scaling by √d_k, the causal mask, an extra factor c). The numbers are attention.ts's.
import { z } from 'zod';
import { defineState } from '../ui/figureState.ts';
import { StateModel } from '../ui/stateModel.ts';
import { attend, DK, N, Q0, TOKENS, type Stages } from './attention.ts';

/** The stages, in the order the computation produces them. */
export const STAGES = ['Q, K and V', 'Scores Q Kᵀ', 'Scaled by 1/√d_k', 'Masked', 'Softmax', 'Weighted sum A V'] as const;
export const Q_MIN = -3;
export const Q_MAX = 3;

const coordinate = z.number().min(Q_MIN).max(Q_MAX);

export const attentionState = defineState({
  version: 1,
  schema: z.object({
    stage: z.number().int().min(0).max(STAGES.length - 1).default(0),
    focus: z.number().int().min(0).max(N - 1).default(2),
    q: z.array(z.tuple([coordinate, coordinate])).length(N).default(Q0.map((r) => [r[0], r[1]] as [number, number])),
    scaled: z.boolean().default(true),
    causal: z.boolean().default(false),
    gain: z.number().min(0.25).max(8).meta({ step: 0.25 }).default(1),
  }),
});
export type AttentionState = z.output<typeof attentionState.schema>;

const f2 = (v: number) => (v === -Infinity ? '−∞' : String(+v.toFixed(2)).replace('-', '−'));
const round1 = (v: number) => Math.round(Math.min(Q_MAX, Math.max(Q_MIN, v)) * 10) / 10;

export class AttentionModel extends StateModel<typeof attentionState.schema> {
  stage = $state(this.initial.stage);
  focus = $state(this.initial.focus);
  q: [number, number][] = $state.raw(this.initial.q);
  scaled = $state(this.initial.scaled);
  causal = $state(this.initial.causal);
  gain = $state(this.initial.gain);
  readonly stages: Stages = $derived(attend(this.q, { scaled: this.scaled, causal: this.causal, gain: this.gain }));

  constructor(init: Partial<AttentionState> = {}) {
    super(attentionState, init);
  }

  next(): void {
    this.stage = Math.min(STAGES.length - 1, this.stage + 1);
  }

  previous(): void {
    this.stage = Math.max(0, this.stage - 1);
  }

  /** Moves the focused token's query to (x, y), rounded to the grid of 0.1 and kept in range. */
  setQuery(x: number, y: number): void {
    const q = this.q.slice();
    q[this.focus] = [round1(x), round1(y)];
    this.q = q;
  }

  /** Moves the focused query by (dx, dy). */
  nudge(dx: number, dy: number): void {
    const [x, y] = this.q[this.focus];
    this.setQuery(x + dx, y + dy);
  }

  /** Whether the focused query is still x_i W_Q. */
  get edited(): boolean {
    return this.q[this.focus][0] !== Q0[this.focus][0] || this.q[this.focus][1] !== Q0[this.focus][1];
  }

  /** What exercises read: the switches, the focused token and its weights and output. */
  report() {
    const i = this.focus;
    return { ...this.snapshot(), token: TOKENS[i], weights: this.stages.weights[i].slice(), output: this.stages.output[i].slice() };
  }

  describe(): string {
    const i = this.focus;
    const t = TOKENS[i];
    const [qx, qy] = this.q[i];
    const s = this.stages;
    const list = (row: number[]) => row.map((v, j) => `${TOKENS[j]} ${f2(v)}`).join(', ');
    const head = `Query of “${t}”: q = (${f2(qx)}, ${f2(qy)})${this.edited ? ', edited by you' : ''}.`;
    const switches = `Scaling by 1/√${DK} ${this.scaled ? 'on' : 'off'}, causal mask ${this.causal ? 'on' : 'off'}, extra factor c = ${this.gain}.`;
    const stage = [
      `Step 1 of ${STAGES.length}: Q = X W_Q, K = X W_K and V = X W_V, one row per token.`,
      `Step 2: the scores of “${t}” against the keys, q·k: ${list(s.scores[i])}.`,
      `Step 3: scaled, c·q·k${this.scaled ? '/√2' : ''}: ${list(s.scaled[i])}.`,
      `Step 4: masked: ${list(s.masked[i])}.`,
      `Step 5: softmax weights of “${t}”: ${list(s.weights[i])}; the row sums to 1.`,
      `Step 6: the output of “${t}” is the weighted sum of the values, (${s.output[i].map(f2).join(', ')}).`,
    ][this.stage];
    return `${head} ${switches} ${stage}`;
  }
}

export { f2 as formatEntry };
