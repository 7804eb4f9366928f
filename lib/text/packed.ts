/**
 * A compact, JSON-friendly encoding of unsigned integer streams as a string of printable ASCII
 * ('(' .. '~' without the backslash, so JSON.stringify never escapes a character of it).
 *
 * Little-endian base-43 varint: a "continue" digit carries 43 values and says more digits
 * follow, a "final" digit carries 43 values and ends the number. 0..42 take one character,
 * ..1,848 two, ..79,506 three, up to 2^31 six.
 */

const DIGITS = (() => {
  let s = '';
  for (let c = 0x28; c <= 0x7e; c++) if (c !== 0x5c) s += String.fromCharCode(c);
  return s;
})();
export const BASE = 43;
if (DIGITS.length !== 2 * BASE) throw new Error('packed: bad digit table');

/** char code -> digit value: 0..42 final, 43..85 continue, -1 invalid. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i;
const FINAL = Uint16Array.from({ length: BASE }, (_, i) => DIGITS.charCodeAt(i));
const CONT = Uint16Array.from({ length: BASE }, (_, i) => DIGITS.charCodeAt(BASE + i));

export const MAX_PACKED = 0x7fffffff;

export class PackWriter {
  private buf = new Uint16Array(1024);
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(value: number): void {
    if (!(value >= 0 && value <= MAX_PACKED && Number.isInteger(value))) throw new Error(`packed: cannot encode ${value}`);
    if (this.n + 8 > this.buf.length) {
      const b = new Uint16Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    let v = value;
    while (v >= BASE) {
      const q = Math.floor(v / BASE);
      this.buf[this.n++] = CONT[v - q * BASE]!;
      v = q;
    }
    this.buf[this.n++] = FINAL[v]!;
  }

  toString(): string {
    let out = '';
    const parts: string[] = [];
    for (let i = 0; i < this.n; i += 8192) {
      parts.push(String.fromCharCode.apply(null, this.buf.subarray(i, Math.min(this.n, i + 8192)) as unknown as number[]));
    }
    out = parts.join('');
    return out;
  }
}

/** Reads a packed stream; every malformed input ends in a thrown Error, never a crash or a loop. */
export class PackReader {
  pos = 0;

  constructor(
    private readonly s: string,
    private readonly what: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.s.length;
  }

  /** The next number, checked against an inclusive maximum. */
  next(max: number = MAX_PACKED): number {
    const s = this.s;
    let value = 0;
    let scale = 1;
    for (let digits = 0; digits < 7; digits++) {
      if (this.pos >= s.length) throw new Error(`compiled glossary: ${this.what} ends in the middle of a number`);
      const c = s.charCodeAt(this.pos++);
      const d = c < 128 ? VALUE[c]! : -1;
      if (d < 0) throw new Error(`compiled glossary: ${this.what} has an invalid character at ${this.pos - 1}`);
      if (d < BASE) {
        value += d * scale;
        if (value > max) throw new Error(`compiled glossary: ${this.what} holds ${value} where at most ${max} is allowed (at ${this.pos})`);
        return value;
      }
      value += (d - BASE) * scale;
      scale *= BASE;
    }
    throw new Error(`compiled glossary: ${this.what} has a number too long at ${this.pos}`);
  }

  end(): void {
    if (this.pos !== this.s.length) throw new Error(`compiled glossary: ${this.what} has ${this.s.length - this.pos} unexpected trailing characters`);
  }
}
