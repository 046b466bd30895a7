// A small, safe parser for the scalar expressions the ComputationGraph figure draws (no eval): numbers,
// named variables, parentheses, and the operators and functions of the engine's table of scalar ops
// (engine/scalar-ops.ts: + - * / ^, unary minus, exp log tanh relu sigmoid), so an op added there is read
// here too. It builds the expression directly as an engine Value graph; each variable is one leaf, however
// often it appears.
import { scalarOps, Value, value, type ScalarOp, type ScalarSyntax } from '../../engine/index.ts';

/** The table's ops written with one kind of syntax. */
const withSyntax = <K extends ScalarSyntax['kind']>(kind: K) =>
  scalarOps.filter((op): op is ScalarOp & { syntax: Extract<ScalarSyntax, { kind: K }> } => op.syntax.kind === kind);
const infix = withSyntax('infix');
const prefix = withSyntax('prefix');
const power = withSyntax('power')[0];
const calls = new Map(withSyntax('call').map((op) => [op.syntax.name, op]));

/** The functions the parser knows, in the table's order. */
export const functions: readonly string[] = [...calls.keys()];

/** One token: a number, a name, or an operator character (the table's, and parentheses). */
const operators = [...new Set([...scalarOps.flatMap((op) => (op.syntax.kind === 'call' ? [] : [op.syntax.token])), '(', ')'])];
const TOKEN = new RegExp(String.raw`\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)|([A-Za-z_]\w*)|([${operators.map((c) => c.replace(/[\\^\]-]/g, '\\$&')).join('')}]))`, 'y');

export class ParseError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

type Token = { kind: 'num'; value: number; pos: number } | { kind: 'id'; name: string; pos: number } | { kind: 'op'; op: string; pos: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new ParseError(`unexpected character "${src.slice(pos).trim()[0]}"`, pos);
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3]).length;
    if (m[1]) tokens.push({ kind: 'num', value: Number(m[1]), pos: at });
    else if (m[2] === '__proto__') throw new ParseError('"__proto__" cannot be a variable name: a link could not carry its value', at);
    else if (m[2]) tokens.push({ kind: 'id', name: m[2], pos: at });
    else tokens.push({ kind: 'op', op: m[3], pos: at });
    pos = TOKEN.lastIndex;
  }
  return tokens;
}

/** The variable names of an expression, in order of first appearance (a name followed by "(" is a function). */
export function variablesOf(src: string): string[] {
  const names: string[] = [];
  const toks = tokenize(src);
  toks.forEach((t, i) => {
    const isCall = t.kind === 'id' && toks[i + 1]?.kind === 'op' && (toks[i + 1] as { op: string }).op === '(';
    if (t.kind === 'id' && !isCall && !names.includes(t.name)) names.push(t.name);
  });
  return names;
}

/** The op an operator token stands for at this precedence level, if any. */
const infixAt = (level: 1 | 2, token: string | undefined) => infix.find((op) => op.syntax.level === level && op.syntax.token === token);

/** `a.add(b)`, `a.exp()`: the op's method on its inputs. */
const apply = (op: ScalarOp, a: Value, b?: Value): Value => (a[op.method] as (b?: Value) => Value).call(a, b);

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

  const opToken = () => (peek()?.kind === 'op' ? (peek() as { op: string }).op : undefined);
  const binary = (level: 1 | 2, operand: () => Value) => (): Value => {
    let v = operand();
    for (let op = infixAt(level, opToken()); op; op = infixAt(level, opToken())) {
      i++;
      v = apply(op, v, operand());
    }
    return v;
  };
  const unary = (): Value => {
    const op = prefix.find((p) => p.syntax.token === opToken());
    if (op) {
      i++;
      return apply(op, unary());
    }
    return raised();
  };
  const term = binary(2, unary);
  const expr = binary(1, term);
  const raised = (): Value => {
    const base = atom();
    if (!isOp(power.syntax.token)) return base;
    i++;
    let sign = 1;
    if (isOp('-')) {
      i++;
      sign = -1;
    }
    const t = peek();
    const hat = power.syntax.token;
    if (t?.kind !== 'num') throw new ParseError(`the exponent after "${hat}" must be a number, such as x${hat}2`, t?.pos ?? src.length);
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
      if (isOp('(')) {
        const fn = calls.get(t.name);
        if (!fn) throw new ParseError(`unknown function ${t.name}; try: ${functions.join(', ')}`, t.pos);
        i++;
        const inner = expr();
        expect(')');
        return apply(fn, inner);
      }
      // NOTE: an own property only: a variable named `constructor` is not Object.prototype's.
      if (!Object.prototype.hasOwnProperty.call(values, t.name)) throw new ParseError(`"${t.name}" has no value`, t.pos);
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
