// The station's command barcodes (`CMD:CLOSE` …): printed on the command sheet, scanned on Receive. One list,
// so the core can say a scan is a command and the screens run the same ones.
export const COMMANDS = ['CLOSE', 'UNDO', 'NEXT', 'SIGNOUT'] as const;
export type Command = (typeof COMMANDS)[number];
export const COMMAND_PREFIX = 'CMD:';
export const commandCode = (c: Command): string => `${COMMAND_PREFIX}${c}`;

/** The command a scan names, `'unknown'` for a `CMD:` code this station does not have, or null for no command. */
export function parseCommand(code: string): Command | 'unknown' | null {
  const c = code.trim().toUpperCase();
  if (!c.startsWith(COMMAND_PREFIX)) return null;
  const name = c.slice(COMMAND_PREFIX.length);
  return (COMMANDS as readonly string[]).includes(name) ? (name as Command) : 'unknown';
}
