import { z } from 'zod';

/*
 * Engine text as data: a catalogue key (shared/i18n/engineCatalogue) and
 * its parameters. A parameter may itself be text (an error's title inside a
 * check's message) or a list of texts said one after another, so a message
 * built from parts is translated part by part. Readers say it in their own
 * language; the engine keeps the English next to it for logs and old readers.
 */
export type TextParam = string | number | TextRef | readonly TextParam[];
export interface TextRef {
  key: string;
  params?: Readonly<Record<string, TextParam>> | undefined;
}

export const textParamSchema: z.ZodType<TextParam> = z.lazy(() =>
  z.union([z.string().max(20_000), z.number(), textRefSchema, z.array(textParamSchema).max(200)]),
);

export const textRefSchema: z.ZodType<TextRef> = z.lazy(() =>
  z.object({
    key: z.string().max(200),
    params: z.record(z.string().max(100), textParamSchema).optional(),
  }),
);
