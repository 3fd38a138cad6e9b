// Who may witness a secure destruction: a person other than the operator, and one the station knows.
// Names are compared as people read them, so a change of case or spacing never makes a second person.

/**
 * A name as people read it: compatibility forms unified (full-width letters, ligatures), invisible
 * characters dropped, runs of whitespace made one space, ends trimmed, case folded (ß and SS alike).
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toUpperCase()
    .toLowerCase();
}

export const sameName = (a: string, b: string): boolean => foldName(a) === foldName(b);

export type WitnessRefusal =
  { code: 'BAD_INPUT'; message: string } | { code: 'WITNESS_IS_OPERATOR'; message: string } | { code: 'WITNESS_UNKNOWN'; message: string };

/**
 * Why `witness` cannot witness what `operator` destroys, or null when they may. `operators` are the
 * station's operators: when there are any, the witness is one of them; with none, any other name is taken.
 */
export function witnessRefusal(operator: string, witness: unknown, operators: readonly string[] = []): WitnessRefusal | null {
  if (typeof witness !== 'string' || !foldName(witness)) {
    return { code: 'BAD_INPUT', message: 'A witness is required for secure destruction.' };
  }
  if (sameName(witness, operator)) {
    const typed = witness.trim();
    const same = typed === operator.trim() ? '' : ` "${typed}" is ${operator}, written another way.`;
    return { code: 'WITNESS_IS_OPERATOR', message: `The witness must be someone other than the operator.${same}` };
  }
  if (operators.length && !operators.some((o) => sameName(o, witness))) {
    const message =
      `"${witness.trim()}" is not an operator of this station: the witness is another operator, named as in ` + "the station's settings.";
    return { code: 'WITNESS_UNKNOWN', message };
  }
  return null;
}

/** The witness as the station's settings spell the name, when it is one of them. */
export const knownOperatorName = (witness: string, operators: readonly string[]): string | undefined =>
  operators.find((o) => sameName(o, witness));
