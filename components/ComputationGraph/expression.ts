// A small, safe parser for the scalar expressions the ComputationGraph figure draws (no eval): numbers,
// named variables, + - * / ^, unary minus, parentheses and exp log tanh relu sigmoid. It builds the
// expression directly as an engine Value graph; each variable is one leaf, however often it appears.
import { Value, value } from '../../engine/index.ts';

export const functions = ['exp', 'log', 'tanh', 'relu', 'sigmoid'] as const;
type Fn = (typeof functions)[number];

export class ParseError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

type Token = { kind: 'num'; value: number; pos: number } | { kind: 'id'; name: string; pos: number } | { kind: 'op'; op: string; pos: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)|([A-Za-z_]\w*)|([-+*/^()]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new ParseError(`unexpected character "${src.slice(pos).trim()[0]}"`, pos);
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3]).length;
    if (m[1]) tokens.push({ kind: 'num', value: Number(m[1]), pos: at });
    else if (m[2]) tokens.push({ kind: 'id', name: m[2], pos: at });
    else tokens.push({ kind: 'op', op: m[3], pos: at });
    pos = re.lastIndex;
  }
  return tokens;
}

/** The variable names of an expression, in order of first appearance. */
export function variablesOf(src: string): string[] {
  const names: string[] = [];
  const toks = tokenize(src);
  toks.forEach((t, i) => {
    const isCall = t.kind === 'id' && (functions as readonly string[]).includes(t.name) && toks[i + 1]?.kind === 'op' && (toks[i + 1] as { op: string }).op === '(';
    if (t.kind === 'id' && !isCall && !names.includes(t.name)) names.push(t.name);
  });
  return names;
}

/**
 * Parses `src` into a Value graph. `values` gives each variable's number; the returned `leaves` map holds
 * the variable nodes (so their gradients can be read after backward()).
 */
export function build(src: string, values: Record<string, number>): { root: Value; leaves: Map<string, Value> } {
  const toks = tokenize(src);
  if (toks.length === 0) throw new ParseError('the expression is empty', 0);
  const leaves = new Map<string, Value>();
  let i = 0;
  const peek = () => toks[i];
  const isOp = (op: string) => peek()?.kind === 'op' && (peek() as { op: string }).op === op;
  const expect = (op: string) => {
    if (!isOp(op)) throw new ParseError(`expected "${op}"`, peek()?.pos ?? src.length);
    i++;
  };

  const expr = (): Value => {
    let v = term();
    while (isOp('+') || isOp('-')) {
      const op = (toks[i++] as { op: string }).op;
      v = op === '+' ? v.add(term()) : v.sub(term());
    }
    return v;
  };
  const term = (): Value => {
    let v = unary();
    while (isOp('*') || isOp('/')) {
      const op = (toks[i++] as { op: string }).op;
      v = op === '*' ? v.mul(unary()) : v.div(unary());
    }
    return v;
  };
  const unary = (): Value => {
    if (isOp('-')) {
      i++;
      return unary().neg();
    }
    return power();
  };
  const power = (): Value => {
    const base = atom();
    if (!isOp('^')) return base;
    i++;
    let sign = 1;
    if (isOp('-')) {
      i++;
      sign = -1;
    }
    const t = peek();
    if (t?.kind !== 'num') throw new ParseError('the exponent after "^" must be a number, such as x^2', t?.pos ?? src.length);
    i++;
    return base.pow(sign * t.value);
  };
  const atom = (): Value => {
    const t = peek();
    if (!t) throw new ParseError('the expression ends too early', src.length);
    if (t.kind === 'num') {
      i++;
      return value(t.value, String(t.value));
    }
    if (t.kind === 'id') {
      i++;
      if ((functions as readonly string[]).includes(t.name) && isOp('(')) {
        i++;
        const inner = expr();
        expect(')');
        return inner[t.name as Fn]();
      }
      if (!(t.name in values)) throw new ParseError(`"${t.name}" has no value`, t.pos);
      let leaf = leaves.get(t.name);
      if (!leaf) leaves.set(t.name, (leaf = value(values[t.name], t.name)));
      return leaf;
    }
    if (t.op === '(') {
      i++;
      const inner = expr();
      expect(')');
      return inner;
    }
    throw new ParseError(`unexpected "${t.op}"`, t.pos);
  };

  const root = expr();
  if (i < toks.length) throw new ParseError(`unexpected "${(toks[i] as { op?: string; name?: string }).op ?? (toks[i] as { name?: string }).name ?? ''}" after the end of the expression`, toks[i].pos);
  return { root, leaves };
}
