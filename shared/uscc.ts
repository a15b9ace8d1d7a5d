// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-symbol alphabet,
// the last one a check character computed with weights 3^i mod 31.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** null when valid, otherwise the reason in Chinese. */
export function usccProblem(code: string): string | null {
  const c = code.toUpperCase();
  if (c.length !== 18) return `统一社会信用代码应为18位，现为${c.length}位`;
  for (const ch of c) if (!ALPHABET.includes(ch)) return `统一社会信用代码含非法字符“${ch}”`;
  const expect = usccCheckChar(c.slice(0, 17));
  if (expect !== c[17]) return `统一社会信用代码校验位错误（应为${expect}）`;
  return null;
}

/** Builds a valid code from a 17-character body (used by the demo and the synthetic data generator). */
export function withUsccCheckChar(first17: string): string {
  const ch = usccCheckChar(first17);
  if (!ch) throw new Error(`invalid USCC body: ${first17}`);
  return first17 + ch;
}
