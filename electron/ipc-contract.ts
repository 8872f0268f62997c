import { z } from 'zod';

/**
 * Every IPC channel between the renderer and the main process: `ringside:`-prefixed, with a zod
 * schema for the request and the answer. Both sides validate; answers are `{ ok, value } | { ok: false, error }`.
 */
export const CHANNELS = {
  appInfo: {
    name: 'ringside:app-info',
    request: z.undefined(),
    value: z.object({ version: z.string(), platform: z.string(), electron: z.string() }),
  },
  openScenario: {
    name: 'ringside:open-scenario',
    request: z.undefined(),
    value: z.union([
      z.object({ path: z.string(), text: z.string().max(10 * 1024 * 1024) }),
      z.object({ cancelled: z.literal(true) }),
    ]),
  },
  saveScenario: {
    name: 'ringside:save-scenario',
    request: z.strictObject({ path: z.string().min(1).optional(), text: z.string().max(10 * 1024 * 1024) }),
    value: z.union([z.object({ path: z.string() }), z.object({ cancelled: z.literal(true) })]),
  },
} as const;

/** Commands the native menu sends to the renderer. */
export const MENU_CHANNEL = 'ringside:menu';
export const MenuCommand = z.enum(['new', 'open', 'save', 'save-as']);
export type MenuCommand = z.infer<typeof MenuCommand>;

export type ChannelKey = keyof typeof CHANNELS;
export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates a payload; the error names the channel and the first problem. */
export function validate<T>(channel: string, schema: z.ZodType<T>, payload: unknown): Answer<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `${channel}: invalid payload: ${where}${issue?.message ?? 'rejected'}` };
}
