/** How much of a tool's own output a message quotes: enough for its error, never a flood. */
const QUOTED_CHARACTERS = 1_500;

/**
 * What a tool we ran (docker, helm) said, as a message may quote it: trimmed, white space
 * folded to single spaces, and only its last 1,500 characters, where its error is, so a tool
 * that prints pages of progress can't turn one annotation into pages.
 */
export function toolSaid(output: string): string {
  const folded = output.trim().replace(/\s+/g, ' ');
  return folded.length > QUOTED_CHARACTERS ? `…${folded.slice(-QUOTED_CHARACTERS)}` : folded;
}
