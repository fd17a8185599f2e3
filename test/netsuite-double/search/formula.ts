// Formula columns and filters (formulatext, formulanumeric, formuladate, formuladatetime,
// formulacurrency, formulapercent): a small, honest subset of the Oracle SQL expressions NetSuite
// evaluates (Help: "SQL Expressions" in search formulas). What is here behaves as Oracle does —
// '' is NULL, NULL spreads through arithmetic and comparisons, CASE/NVL/DECODE pick the first
// match — and anything outside it is refused as not modelled, never guessed:
//   literals 'text' (with '' escapes), numbers, NULL; {field} and {join.field} references (a list
//   field gives its display text, a checkbox 'T'/'F', a date a date);
//   || + - * / and unary -; = <> != < <= > >=, IS [NOT] NULL, [NOT] LIKE, [NOT] IN (…), AND OR NOT;
//   CASE WHEN … THEN … [ELSE …] END and CASE x WHEN v THEN … END;
//   NVL NVL2 COALESCE DECODE UPPER LOWER TRIM LTRIM RTRIM LENGTH SUBSTR INSTR REPLACE TO_CHAR
//   TO_NUMBER TO_DATE TRUNC ROUND ABS FLOOR CEIL MOD GREATEST LEAST; SYSDATE, CURRENT_DATE.
import type { FieldDef } from '../records/model.js';

export const FORMULA_KINDS: Record<string, FieldDef['kind']> = {
  formulatext: 'text',
  formulanumeric: 'float',
  formulacurrency: 'currency',
  formulapercent: 'percent',
  formuladate: 'date',
  formuladatetime: 'datetime',
};

export function isFormulaName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FORMULA_KINDS, name.toLowerCase());
}

/** A value inside a formula: null (SQL NULL, also ''), text, number or a point in time. */
export type SqlValue = null | string | number | Date;

export type Expr =
  | { t: 'lit'; v: SqlValue }
  | { t: 'ref'; name: string; join: string | undefined }
  | { t: 'now' }
  | { t: 'un'; op: '-' | 'not'; e: Expr }
  | { t: 'bin'; op: string; a: Expr; b: Expr }
  | { t: 'isnull'; e: Expr; not: boolean }
  | { t: 'like'; e: Expr; pattern: Expr; not: boolean }
  | { t: 'in'; e: Expr; list: Expr[]; not: boolean }
  | { t: 'case'; subject: Expr | undefined; whens: [Expr, Expr][]; otherwise: Expr | undefined }
  | { t: 'fn'; name: string; args: Expr[] };

export class FormulaError extends Error {
  constructor(
    message: string,
    /** true: valid SQL the double does not model; false: not valid SQL at all. */
    readonly notModelled = false,
  ) {
    super(message);
  }
}

// ---- parsing ---------------------------------------------------------------------------------

type Token = { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 'ref'; v: string } | { k: 'id'; v: string } | { k: 'op'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new FormulaError('unterminated text literal');
        if (src[i] === "'" && src[i + 1] === "'") {
          s += "'";
          i += 2;
        } else if (src[i] === "'") {
          i++;
          break;
        } else s += src[i++];
      }
      out.push({ k: 'str', v: s });
    } else if (c === '{') {
      const end = src.indexOf('}', i);
      if (end < 0) throw new FormulaError('unterminated {field} reference');
      out.push({ k: 'ref', v: src.slice(i + 1, end).trim().toLowerCase() });
      i = end + 1;
    } else if (/[0-9.]/.test(c)) {
      const m = /^\d*\.?\d+(e[+-]?\d+)?/i.exec(src.slice(i));
      if (!m) throw new FormulaError(`bad number at ${src.slice(i, i + 10)}`);
      out.push({ k: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$#]*/.exec(src.slice(i))!;
      out.push({ k: 'id', v: m[0].toUpperCase() });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (['||', '<=', '>=', '<>', '!='].includes(two)) {
        out.push({ k: 'op', v: two === '!=' ? '<>' : two });
        i += 2;
      } else if ('+-*/=<>(),'.includes(c)) {
        out.push({ k: 'op', v: c });
        i++;
      } else throw new FormulaError(`unexpected character ${c}`);
    }
  }
  return out;
}

const FUNCTIONS: Record<string, [number, number]> = {
  NVL: [2, 2], NVL2: [3, 3], COALESCE: [1, 99], DECODE: [3, 99], UPPER: [1, 1], LOWER: [1, 1], TRIM: [1, 1], LTRIM: [1, 1], RTRIM: [1, 1],
  LENGTH: [1, 1], SUBSTR: [2, 3], INSTR: [2, 2], REPLACE: [2, 3], TO_CHAR: [1, 2], TO_NUMBER: [1, 1], TO_DATE: [1, 2], TRUNC: [1, 2],
  ROUND: [1, 2], ABS: [1, 1], FLOOR: [1, 1], CEIL: [1, 1], MOD: [2, 2], GREATEST: [1, 99], LEAST: [1, 99],
};

/** Functions Oracle has that a formula might use, refused as not modelled rather than as bad SQL. */
const KNOWN_UNMODELLED = new Set(['ADD_MONTHS', 'MONTHS_BETWEEN', 'LAST_DAY', 'NEXT_DAY', 'REGEXP_SUBSTR', 'REGEXP_REPLACE', 'REGEXP_LIKE', 'LPAD', 'RPAD', 'CONCAT', 'INITCAP', 'SIGN', 'POWER', 'SQRT', 'EXTRACT', 'CAST', 'TO_TIMESTAMP', 'SUM', 'COUNT', 'MAX', 'MIN', 'AVG', 'LISTAGG', 'NULLIF', 'ROWNUM']);

export function parseFormula(src: string): Expr {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const isId = (v: string) => peek()?.k === 'id' && peek()!.v === v;
  const isOp = (v: string) => peek()?.k === 'op' && peek()!.v === v;
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new FormulaError(`expected '${v}'`);
    p++;
  };
  const expectId = (v: string) => {
    if (!isId(v)) throw new FormulaError(`expected ${v}`);
    p++;
  };

  const orExpr = (): Expr => {
    let a = andExpr();
    while (isId('OR')) {
      p++;
      a = { t: 'bin', op: 'or', a, b: andExpr() };
    }
    return a;
  };
  const andExpr = (): Expr => {
    let a = notExpr();
    while (isId('AND')) {
      p++;
      a = { t: 'bin', op: 'and', a, b: notExpr() };
    }
    return a;
  };
  const notExpr = (): Expr => {
    if (isId('NOT')) {
      p++;
      return { t: 'un', op: 'not', e: notExpr() };
    }
    return comparison();
  };
  const comparison = (): Expr => {
    const a = additive();
    if (isId('IS')) {
      p++;
      const not = isId('NOT');
      if (not) p++;
      expectId('NULL');
      return { t: 'isnull', e: a, not };
    }
    const not = isId('NOT') && (tokens[p + 1]?.v === 'LIKE' || tokens[p + 1]?.v === 'IN');
    if (not) p++;
    if (isId('LIKE')) {
      p++;
      return { t: 'like', e: a, pattern: additive(), not };
    }
    if (isId('IN')) {
      p++;
      expectOp('(');
      const list = [orExpr()];
      while (isOp(',')) {
        p++;
        list.push(orExpr());
      }
      expectOp(')');
      return { t: 'in', e: a, list, not };
    }
    const op = peek();
    if (op?.k === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(op.v)) {
      p++;
      return { t: 'bin', op: op.v, a, b: additive() };
    }
    return a;
  };
  const additive = (): Expr => {
    let a = multiplicative();
    for (;;) {
      const op = peek();
      if (op?.k === 'op' && (op.v === '+' || op.v === '-' || op.v === '||')) {
        p++;
        a = { t: 'bin', op: op.v, a, b: multiplicative() };
      } else return a;
    }
  };
  const multiplicative = (): Expr => {
    let a = unary();
    for (;;) {
      const op = peek();
      if (op?.k === 'op' && (op.v === '*' || op.v === '/')) {
        p++;
        a = { t: 'bin', op: op.v, a, b: unary() };
      } else return a;
    }
  };
  const unary = (): Expr => {
    if (isOp('-')) {
      p++;
      return { t: 'un', op: '-', e: unary() };
    }
    if (isOp('+')) {
      p++;
      return unary();
    }
    return primary();
  };
  const primary = (): Expr => {
    const tok = peek();
    if (!tok) throw new FormulaError('the formula ends too early');
    p++;
    switch (tok.k) {
      case 'num':
        return { t: 'lit', v: tok.v };
      case 'str':
        return { t: 'lit', v: tok.v === '' ? null : tok.v };
      case 'ref': {
        if (!/^[a-z0-9_]+(\.[a-z0-9_]+)?$/.test(tok.v)) throw new FormulaError(`bad field reference {${tok.v}}`);
        const [a, b] = tok.v.split('.');
        return b ? { t: 'ref', name: b, join: a } : { t: 'ref', name: a!, join: undefined };
      }
      case 'op':
        if (tok.v === '(') {
          const e = orExpr();
          expectOp(')');
          return e;
        }
        throw new FormulaError(`unexpected '${tok.v}'`);
      case 'id': {
        if (tok.v === 'NULL') return { t: 'lit', v: null };
        if (tok.v === 'SYSDATE' || tok.v === 'CURRENT_DATE') return { t: 'now' };
        if (tok.v === 'CASE') return caseExpr();
        if (!isOp('(')) throw new FormulaError(`unknown word ${tok.v}`);
        const spec = FUNCTIONS[tok.v];
        if (!spec) {
          if (KNOWN_UNMODELLED.has(tok.v)) throw new FormulaError(`the SQL function ${tok.v}`, true);
          throw new FormulaError(`unknown function ${tok.v}`);
        }
        p++;
        const args: Expr[] = [];
        if (!isOp(')')) {
          args.push(orExpr());
          while (isOp(',')) {
            p++;
            args.push(orExpr());
          }
        }
        expectOp(')');
        if (args.length < spec[0] || args.length > spec[1]) throw new FormulaError(`${tok.v} takes ${spec[0]}${spec[1] > spec[0] ? `…${spec[1]}` : ''} arguments`);
        return { t: 'fn', name: tok.v, args };
      }
    }
  };
  const caseExpr = (): Expr => {
    const subject = isId('WHEN') ? undefined : orExpr();
    const whens: [Expr, Expr][] = [];
    while (isId('WHEN')) {
      p++;
      const cond = orExpr();
      expectId('THEN');
      whens.push([cond, orExpr()]);
    }
    if (whens.length === 0) throw new FormulaError('CASE needs a WHEN');
    let otherwise: Expr | undefined;
    if (isId('ELSE')) {
      p++;
      otherwise = orExpr();
    }
    expectId('END');
    return { t: 'case', subject, whens, otherwise };
  };

  const expr = orExpr();
  if (p < tokens.length) throw new FormulaError(`unexpected ${String(tokens[p]!.v)} after the expression`);
  return expr;
}

/** Every {field} the formula reads, for validation. */
export function formulaRefs(e: Expr): { name: string; join: string | undefined }[] {
  switch (e.t) {
    case 'ref':
      return [{ name: e.name, join: e.join }];
    case 'un':
    case 'isnull':
      return formulaRefs(e.e);
    case 'bin':
      return [...formulaRefs(e.a), ...formulaRefs(e.b)];
    case 'like':
      return [...formulaRefs(e.e), ...formulaRefs(e.pattern)];
    case 'in':
      return [...formulaRefs(e.e), ...e.list.flatMap(formulaRefs)];
    case 'case':
      return [...(e.subject ? formulaRefs(e.subject) : []), ...e.whens.flatMap(([a, b]) => [...formulaRefs(a), ...formulaRefs(b)]), ...(e.otherwise ? formulaRefs(e.otherwise) : [])];
    case 'fn':
      return e.args.flatMap(formulaRefs);
    default:
      return [];
  }
}

// ---- evaluation ------------------------------------------------------------------------------

export interface FormulaEnv {
  /** The value of {name} / {join.name} on the current row. */
  read(name: string, join: string | undefined): SqlValue;
  now(): number;
}

/** SQL's three-valued logic: true, false or unknown (null). */
type Truth = boolean | null;

const toNumber = (v: SqlValue): number | null => {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (v instanceof Date) throw new FormulaError('a date where a number is needed');
  const n = Number(v.trim());
  if (v.trim() === '' || Number.isNaN(n)) throw new FormulaError(`invalid number: '${v}'`);
  return n;
};

const toText = (v: SqlValue): string | null => {
  if (v === null) return null;
  if (v instanceof Date) return formatDateSql(v, 'MM/DD/YYYY');
  return String(v);
};

function compare(a: SqlValue, b: SqlValue): number | null {
  if (a === null || b === null) return null;
  if (a instanceof Date || b instanceof Date) {
    const x = a instanceof Date ? a.getTime() : toNumber(a)!;
    const y = b instanceof Date ? b.getTime() : toNumber(b)!;
    return x - y;
  }
  if (typeof a === 'number' || typeof b === 'number') return toNumber(a)! - toNumber(b)!;
  return a < b ? -1 : a > b ? 1 : 0;
}

function truthOf(v: SqlValue | Truth): Truth {
  if (v === null || typeof v === 'boolean') return v;
  throw new FormulaError('a value where a condition is needed');
}

export function evaluate(e: Expr, env: FormulaEnv): SqlValue {
  const v = evalAny(e, env);
  if (typeof v === 'boolean') throw new FormulaError('a condition where a value is needed (use CASE WHEN … THEN … END)');
  return v;
}

function evalAny(e: Expr, env: FormulaEnv): SqlValue | boolean {
  switch (e.t) {
    case 'lit':
      return e.v;
    case 'now':
      return new Date(env.now());
    case 'ref':
      return env.read(e.name, e.join);
    case 'un': {
      if (e.op === 'not') {
        const t = truthOf(evalAny(e.e, env) as SqlValue | Truth);
        return t === null ? null : !t;
      }
      const n = toNumber(evaluate(e.e, env));
      return n === null ? null : -n;
    }
    case 'isnull': {
      const v = evaluate(e.e, env);
      return (v === null) !== e.not;
    }
    case 'like': {
      const s = toText(evaluate(e.e, env));
      const pat = toText(evaluate(e.pattern, env));
      if (s === null || pat === null) return null;
      const re = new RegExp(`^${pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 's');
      return re.test(s) !== e.not;
    }
    case 'in': {
      const v = evaluate(e.e, env);
      let unknown = false;
      for (const item of e.list) {
        const c = compare(v, evaluate(item, env));
        if (c === 0) return !e.not;
        if (c === null) unknown = true;
      }
      return unknown ? null : e.not;
    }
    case 'case': {
      const subject = e.subject ? evaluate(e.subject, env) : undefined;
      for (const [when, then] of e.whens) {
        const hit = e.subject ? compare(subject!, evaluate(when, env)) === 0 : truthOf(evalAny(when, env) as SqlValue | Truth) === true;
        if (hit) return evaluate(then, env);
      }
      return e.otherwise ? evaluate(e.otherwise, env) : null;
    }
    case 'bin':
      return binary(e.op, e.a, e.b, env);
    case 'fn':
      return call(e.name, e.args, env);
  }
}

function binary(op: string, ea: Expr, eb: Expr, env: FormulaEnv): SqlValue | boolean {
  if (op === 'and' || op === 'or') {
    const a = truthOf(evalAny(ea, env) as SqlValue | Truth);
    const b = truthOf(evalAny(eb, env) as SqlValue | Truth);
    if (op === 'and') return a === false || b === false ? false : a === null || b === null ? null : true;
    return a === true || b === true ? true : a === null || b === null ? null : false;
  }
  const a = evaluate(ea, env);
  const b = evaluate(eb, env);
  switch (op) {
    case '||': {
      const s = (toText(a) ?? '') + (toText(b) ?? '');
      return s === '' ? null : s;
    }
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const c = compare(a, b);
      if (c === null) return null;
      return op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
  }
  if (a === null || b === null) return null;
  if (a instanceof Date || b instanceof Date) {
    // Oracle date arithmetic: date ± days, date - date = days.
    if (op === '-' && a instanceof Date && b instanceof Date) return (a.getTime() - b.getTime()) / 86_400_000;
    if ((op === '+' || op === '-') && a instanceof Date) return new Date(a.getTime() + (op === '+' ? 1 : -1) * toNumber(b)! * 86_400_000);
    if (op === '+' && b instanceof Date) return new Date(b.getTime() + toNumber(a)! * 86_400_000);
    throw new FormulaError(`cannot apply ${op} to a date`);
  }
  const x = toNumber(a)!;
  const y = toNumber(b)!;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) throw new FormulaError('division by zero');
      return x / y;
  }
  throw new FormulaError(`operator ${op}`);
}

function call(name: string, args: Expr[], env: FormulaEnv): SqlValue {
  const v = (i: number) => evaluate(args[i]!, env);
  const text = (i: number) => toText(v(i));
  const num = (i: number) => toNumber(v(i));
  const nullable = <T>(x: T | null, f: (x: T) => SqlValue): SqlValue => (x === null ? null : f(x));
  switch (name) {
    case 'NVL': {
      const a = v(0);
      return a === null ? v(1) : a;
    }
    case 'NVL2':
      return v(0) === null ? v(2) : v(1);
    case 'COALESCE':
      for (let i = 0; i < args.length; i++) {
        const a = v(i);
        if (a !== null) return a;
      }
      return null;
    case 'DECODE': {
      const subject = v(0);
      let i = 1;
      for (; i + 1 < args.length; i += 2) {
        const c = v(i);
        if ((subject === null && c === null) || compare(subject, c) === 0) return v(i + 1);
      }
      return i < args.length ? v(i) : null;
    }
    case 'UPPER':
      return nullable(text(0), (s) => s.toUpperCase());
    case 'LOWER':
      return nullable(text(0), (s) => s.toLowerCase());
    case 'TRIM':
      return nullable(text(0), (s) => s.trim() || null);
    case 'LTRIM':
      return nullable(text(0), (s) => s.replace(/^\s+/, '') || null);
    case 'RTRIM':
      return nullable(text(0), (s) => s.replace(/\s+$/, '') || null);
    case 'LENGTH':
      return nullable(text(0), (s) => s.length);
    case 'SUBSTR': {
      const s = text(0);
      const pos = num(1);
      const len = args.length > 2 ? num(2) : undefined;
      if (s === null || pos === null || len === null) return null;
      const start = pos > 0 ? pos - 1 : pos < 0 ? s.length + pos : 0;
      const out = len === undefined ? s.slice(start) : s.slice(start, start + Math.max(0, len));
      return out === '' ? null : out;
    }
    case 'INSTR': {
      const s = text(0);
      const sub = text(1);
      return s === null || sub === null ? null : s.indexOf(sub) + 1;
    }
    case 'REPLACE': {
      const s = text(0);
      if (s === null) return null;
      const out = s.split(text(1) ?? '').join(args.length > 2 ? (text(2) ?? '') : '');
      return out === '' ? null : out;
    }
    case 'TO_CHAR': {
      const a = v(0);
      if (a === null) return null;
      if (a instanceof Date) return formatDateSql(a, args.length > 1 ? (text(1) ?? 'MM/DD/YYYY') : 'MM/DD/YYYY');
      if (args.length > 1) throw new FormulaError('TO_CHAR of a number with a format', true);
      return String(a);
    }
    case 'TO_NUMBER':
      return num(0);
    case 'TO_DATE': {
      const s = text(0);
      if (s === null) return null;
      return parseDateSql(s, args.length > 1 ? (text(1) ?? 'MM/DD/YYYY') : 'MM/DD/YYYY');
    }
    case 'TRUNC': {
      const a = v(0);
      if (a === null) return null;
      if (a instanceof Date) {
        if (args.length > 1) throw new FormulaError('TRUNC of a date with a format', true);
        return new Date(a.getFullYear(), a.getMonth(), a.getDate());
      }
      const digits = args.length > 1 ? (num(1) ?? 0) : 0;
      const f = 10 ** digits;
      return Math.trunc(toNumber(a)! * f) / f;
    }
    case 'ROUND': {
      const n = num(0);
      const digits = args.length > 1 ? (num(1) ?? 0) : 0;
      if (n === null) return null;
      const f = 10 ** digits;
      return (Math.sign(n) * Math.round(Math.abs(n) * f)) / f;
    }
    case 'ABS':
      return nullable(num(0), Math.abs);
    case 'FLOOR':
      return nullable(num(0), Math.floor);
    case 'CEIL':
      return nullable(num(0), Math.ceil);
    case 'MOD': {
      const a = num(0);
      const b = num(1);
      return a === null || b === null ? null : b === 0 ? a : a % b;
    }
    case 'GREATEST':
    case 'LEAST': {
      const values = args.map((_, i) => v(i));
      if (values.some((x) => x === null)) return null;
      return values.reduce((best, x) => {
        const c = compare(x, best)!;
        return (name === 'GREATEST' ? c > 0 : c < 0) ? x : best;
      });
    }
  }
  throw new FormulaError(`the SQL function ${name}`, true);
}

/** Oracle date format models the double knows: YYYY MM DD HH24 MI SS and separators. */
export function formatDateSql(d: Date, format: string): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return format.replace(/YYYY|HH24|MM|DD|MI|SS/gi, (m) => {
    switch (m.toUpperCase()) {
      case 'YYYY':
        return String(d.getFullYear());
      case 'MM':
        return pad(d.getMonth() + 1);
      case 'DD':
        return pad(d.getDate());
      case 'HH24':
        return pad(d.getHours());
      case 'MI':
        return pad(d.getMinutes());
      default:
        return pad(d.getSeconds());
    }
  });
}

function parseDateSql(s: string, format: string): Date {
  const parts: Record<string, number> = {};
  let re = '';
  const order: string[] = [];
  for (const piece of format.split(/(YYYY|HH24|MM|DD|MI|SS)/i)) {
    const key = piece.toUpperCase();
    if (['YYYY', 'HH24', 'MM', 'DD', 'MI', 'SS'].includes(key)) {
      re += key === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
      order.push(key);
    } else re += piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${re}$`).exec(s.trim());
  if (!m) throw new FormulaError(`'${s}' does not match the date format ${format}`);
  order.forEach((k, i) => (parts[k] = Number(m[i + 1])));
  return new Date(parts.YYYY ?? 1970, (parts.MM ?? 1) - 1, parts.DD ?? 1, parts.HH24 ?? 0, parts.MI ?? 0, parts.SS ?? 0);
}
