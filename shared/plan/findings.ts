import { z } from 'zod';

/** A validation result that points at the cell to fix. Findings are data, never exceptions. */
export const findingSeverities = ['error', 'warning', 'info'] as const;
export type FindingSeverity = (typeof findingSeverities)[number];

export const findingSchema = z.object({
  severity: z.enum(findingSeverities),
  /** Stable, documented, e.g. `ip.outside_cidr`; scripts and tests match on it. */
  code: z.string(),
  sheet: z.string().nullable(),
  /** `C15`, or `A7:F7` for a whole row; null when the finding is about the file or a sheet. */
  cell: z.string().nullable(),
  message: z.string(),
  hint: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;
