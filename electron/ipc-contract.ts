import { z } from 'zod';

/** The largest scenario text that crosses IPC (10 MiB of characters). */
export const MAX_SCENARIO_TEXT = 10 * 1024 * 1024;
const filePath = z.string().min(1).max(4096);

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
      z.object({ path: z.string(), text: z.string().max(MAX_SCENARIO_TEXT) }),
      z.object({ cancelled: z.literal(true) }),
    ]),
  },
  saveScenario: {
    name: 'ringside:save-scenario',
    request: z.strictObject({ path: z.string().min(1).optional(), text: z.string().max(MAX_SCENARIO_TEXT) }),
    value: z.union([z.object({ path: z.string() }), z.object({ cancelled: z.literal(true) })]),
  },
  /**
   * The renderer's document, sent whenever it changes: main uses it for the close / quit prompt,
   * File → Revert, Open Recent and (macOS) the edited dot and the represented file. The window title
   * itself comes from the renderer's document.title.
   */
  documentState: {
    name: 'ringside:document-state',
    request: z.strictObject({ dirty: z.boolean(), path: filePath.optional(), title: z.string().max(1000) }),
    value: z.null(),
  },
} as const;

/** Commands the native menu sends to the renderer. */
export const MENU_CHANNEL = 'ringside:menu';
export const MenuCommand = z.discriminatedUnion('command', [
  z.strictObject({ command: z.enum(['new', 'open', 'save', 'save-as', 'shortcuts']) }),
  /** File → Open Recent and File → Revert: main has read the file; the renderer validates it like Open…. */
  z.strictObject({
    command: z.enum(['open-recent', 'revert']),
    path: filePath,
    text: z.string().max(MAX_SCENARIO_TEXT),
  }),
]);
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
