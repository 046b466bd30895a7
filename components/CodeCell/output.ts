// What a code cell shows, and how much of it: the output items the kernel sends (validated in
// protocol.ts), the limits on what is kept and drawn, and OutputLog, which collects a run's items as
// they stream in, keeps the start and the end of long text (the middle becomes "N lines cut"), keeps the
// whole text for a download up to a size limit, and says in one sentence what the run printed.
// DOM-free and engine-free: the page imports it without pulling the engine into its bundle.

export type OutputItem =
  | { kind: 'text'; text: string }
  | { kind: 'error'; message: string; line?: number }
  | { kind: 'table'; rows: string[][]; /** The first row names the columns. */ header?: boolean; totalRows: number; totalColumns: number }
  | { kind: 'line'; series: Record<string, number[]>; title?: string; logY?: boolean; points: number; /** The steps kept, when a long series was thinned. */ x?: number[] }
  | { kind: 'scatter'; x: number[]; y: number[]; labels?: number[]; title?: string; points: number }
  | { kind: 'heatmap'; rows: number[][]; title?: string; shape: [number, number]; block: number }
  | { kind: 'notice'; text: string }
  /** Said once, in the output, when a cell declares a name the engine or the notebook already has. */
  | { kind: 'warning'; text: string };

/** One block of a cell's output as drawn: an item, several text lines merged, or the mark of a cut. */
export type ShownItem = OutputItem | { kind: 'cut'; lines: number; items: number };

export const LIMITS = {
  /** Lines (and items) kept from the start of a run's output, and characters in those lines. */
  headLines: 200,
  headChars: 40_000,
  /** Lines kept from the end. */
  tailLines: 300,
  tailChars: 60_000,
  /** One printed line longer than this is shortened on screen (the download keeps it whole). */
  lineChars: 2_000,
  /** Text kept for the download; past it, lines are counted, not kept. The worker stops sending there too. */
  keepChars: 16_000_000,
  /** Tables, plots and heat maps kept per run (beyond this they are counted as cut). */
  figures: 40,
  /** Rows and columns of a table drawn. */
  tableRows: 200,
  tableColumns: 40,
  /** Points per line series and per scatter plot drawn (more are thinned evenly). */
  linePoints: 2_000,
  scatterPoints: 5_000,
  /** A heat map is drawn with at most this many cells per side (larger ones are averaged in blocks). */
  heatmapSide: 80,
  /** One print's text is shortened past this in the worker, before it is sent. */
  itemChars: 1_000_000,
} as const;

export type Limits = { readonly [K in keyof typeof LIMITS]: number };

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** Shortens a line for the screen: "first 2,000 characters… (12,345 more characters; download the output to see them)". */
export function clipLine(line: string, max: number = LIMITS.lineChars): string {
  return line.length <= max ? line : `${line.slice(0, max)}… (${plural(line.length - max, 'more character')} in the download)`;
}

interface Entry {
  item: OutputItem;
  /** Lines of a text item; 1 for everything else. */
  lines: number;
  chars: number;
}

const isFigure = (item: OutputItem) => item.kind === 'table' || item.kind === 'line' || item.kind === 'scatter' || item.kind === 'heatmap';

/** A run's output as it streams in; `shown()` is what to draw now, `fullText()` the download. */
export class OutputLog {
  private head: Entry[] = [];
  private headLines = 0;
  private headChars = 0;
  private tail: Entry[] = [];
  private tailStart = 0;
  private tailLines = 0;
  private tailChars = 0;
  /** Lines and non-text items dropped between head and tail. */
  cutLines = 0;
  cutItems = 0;
  /** Every line and item this run has printed (cut or not). */
  totalLines = 0;
  figures = 0;
  errors = 0;
  private kept: string[] = [];
  private keptChars = 0;
  /** Lines counted but not kept for the download (past LIMITS.keepChars, or never sent by the worker). */
  unkeptLines = 0;
  /** Bumped on every change, so a view can tell whether to redraw. */
  version = 0;

  constructor(private limits: Limits = LIMITS) {}

  /** Adds items in order. Text items may hold several lines. */
  push(items: readonly OutputItem[]): void {
    for (const item of items) this.add(item);
    this.version++;
  }

  /** Lines the worker counted but did not send (it stops sending past the download's limit). */
  dropped(lines: number): void {
    if (lines <= 0) return;
    this.totalLines += lines;
    this.cutLines += lines;
    this.unkeptLines += lines;
    this.version++;
  }

  private add(item: OutputItem): void {
    if (item.kind === 'text') {
      const lines = item.text.split('\n');
      this.totalLines += lines.length;
      this.keep(item.text, lines.length);
      for (const line of lines) this.place({ item: { kind: 'text', text: line }, lines: 1, chars: line.length + 1 });
      return;
    }
    this.totalLines++;
    if (item.kind === 'error') this.errors++;
    this.keep(textOf(item), 1);
    if (isFigure(item) && ++this.figures > this.limits.figures) {
      this.cutItems++;
      return;
    }
    this.place({ item, lines: 1, chars: 0 });
  }

  private keep(text: string, lines: number): void {
    if (this.keptChars + text.length > this.limits.keepChars) {
      this.unkeptLines += lines;
      return;
    }
    this.kept.push(text);
    this.keptChars += text.length + 1;
  }

  private place(e: Entry): void {
    const chars = Math.min(e.chars, this.limits.lineChars + 80);
    if (this.tail.length === 0 && this.headLines < this.limits.headLines && this.headChars + chars <= this.limits.headChars) {
      this.head.push(e);
      this.headLines += e.lines;
      this.headChars += chars;
      return;
    }
    this.tail.push(e);
    this.tailLines += e.lines;
    this.tailChars += chars;
    while (this.tailLines > this.limits.tailLines || this.tailChars > this.limits.tailChars) {
      const first = this.tail[this.tailStart];
      if (!first || this.tail.length - this.tailStart <= 1) break;
      this.tailStart++;
      this.tailLines -= first.lines;
      this.tailChars -= Math.min(first.chars, this.limits.lineChars + 80);
      if (first.item.kind === 'text') this.cutLines += first.lines;
      else this.cutItems++;
    }
    if (this.tailStart > 1024) {
      this.tail = this.tail.slice(this.tailStart);
      this.tailStart = 0;
    }
  }

  /** What to draw: the head, a cut mark if anything was cut, the tail; runs of text lines merged. */
  shown(): ShownItem[] {
    const out: ShownItem[] = [];
    const lines: string[] = [];
    const flush = () => {
      if (lines.length) out.push({ kind: 'text', text: lines.join('\n') });
      lines.length = 0;
    };
    const emit = (e: Entry) => {
      if (e.item.kind === 'text') lines.push(clipLine(e.item.text, this.limits.lineChars));
      else {
        flush();
        out.push(e.item);
      }
    };
    for (const e of this.head) emit(e);
    if (this.cutLines || this.cutItems) {
      flush();
      out.push({ kind: 'cut', lines: this.cutLines, items: this.cutItems });
    }
    for (let i = this.tailStart; i < this.tail.length; i++) emit(this.tail[i]);
    flush();
    return out;
  }

  get empty(): boolean {
    return this.totalLines === 0;
  }

  get wasCut(): boolean {
    return this.cutLines > 0 || this.cutItems > 0;
  }

  /** The run's whole output as text (tables as tab-separated rows, figures named), for the download. */
  fullText(): string {
    const text = this.kept.join('\n');
    return this.unkeptLines ? `${text}\n… ${plural(this.unkeptLines, 'more line')} not kept: the download keeps the first ${count(this.limits.keepChars)} characters.\n` : `${text}\n`;
  }

  /** One sentence for the cell's status line (and screen readers): how much was printed, and what was cut. */
  summary(): string {
    if (this.empty) return 'No output.';
    const parts = [plural(this.totalLines, 'line') + ' of output'];
    if (this.errors) parts.push(plural(this.errors, 'error'));
    let s = parts.join(', ');
    if (this.wasCut) {
      const cut = [this.cutLines ? plural(this.cutLines, 'line') : '', this.cutItems ? plural(this.cutItems, 'figure') : ''].filter(Boolean).join(' and ');
      s += `; ${cut} cut from the middle (download the full output to see them)`;
    }
    return `${s}.`;
  }
}

/** How an item reads in the downloaded text. */
export function textOf(item: OutputItem): string {
  switch (item.kind) {
    case 'text':
    case 'notice':
    case 'warning':
      return item.text;
    case 'error':
      return `${item.message}${item.line ? ` (line ${item.line})` : ''}`;
    case 'table': {
      const rows = item.rows.map((r) => r.join('\t')).join('\n');
      const shown = item.rows.length - (item.header ? 1 : 0);
      return item.totalRows > shown ? `${rows}\n… ${count(item.totalRows - shown)} more rows not kept` : rows;
    }
    case 'line':
      return `[line plot${item.title ? ` "${item.title}"` : ''}: ${Object.keys(item.series).join(', ')}]`;
    case 'scatter':
      return `[scatter plot${item.title ? ` "${item.title}"` : ''} of ${count(item.points)} points]`;
    case 'heatmap':
      return `[heat map${item.title ? ` "${item.title}"` : ''} of a ${item.shape[0]} × ${item.shape[1]} matrix]`;
  }
}

/** What the cut mark says. */
export function cutText(c: { lines: number; items: number }): string {
  const what = [c.lines ? plural(c.lines, 'line') : '', c.items ? plural(c.items, 'figure') : ''].filter(Boolean).join(' and ');
  return `… ${what} cut here, to keep the page fast.`;
}
