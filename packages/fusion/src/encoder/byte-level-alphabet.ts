/**
 * The byte-level BPE alphabet (GPT-2 / RoBERTa): every byte value maps to one
 * printable character, so a byte string becomes a text of visible symbols
 * (space is "Ġ", newline "Ċ"). Returns `[byteToChar, charToByte]`.
 */
export function byteLevelAlphabet(): readonly [readonly string[], ReadonlyMap<string, number>] {
  if (alphabet) return alphabet;
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const byteToChar: string[] = [];
  let extra = 0;
  for (let b = 0; b < 256; b++) byteToChar.push(String.fromCharCode(printable(b) ? b : 256 + extra++));
  const charToByte = new Map(byteToChar.map((c, b) => [c, b] as const));
  alphabet = [byteToChar, charToByte];
  return alphabet;
}

let alphabet: readonly [readonly string[], ReadonlyMap<string, number>] | undefined;
