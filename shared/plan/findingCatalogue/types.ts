import type { FindingSeverity } from '../findings';

/**
 * `[message, hint, hintIf?]`. `hintIf` maps a parameter name to a hint used
 * instead when that parameter is present (e.g. a "did you mean" suggestion).
 * Placeholders: `{name}` from the parameters, plus `{sheet}`, `{cell}` and
 * `{at}` (`Sheet!C15`) from where the finding points.
 */
export type FindingText = readonly [message: string, hint: string, hintIf?: Readonly<Record<string, string>>];

export interface FindingCodeEntry {
  severity: FindingSeverity;
  en: FindingText;
  zh: FindingText;
  es: FindingText;
}

export type FindingCatalogue = Readonly<Record<string, FindingCodeEntry>>;

/** Keeps the literal code names as keys so makers only accept codes that exist. */
export function defineFindingCodes<const C extends FindingCatalogue>(catalogue: C): C {
  return catalogue;
}
