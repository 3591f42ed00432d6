// A function's name written bare where the text gave each of its parameters a number
// (`\mathrm{CE} = -\log 0.9` after `\mathrm{CE}(p_t) = -\log p_t` and "$p_t = 0.9$"): homework keys
// write the loss at the worked point by its name alone. The reader takes it at the parameters' numbers
// (compile/names.ts), the one point the passage is at; the claim is verified when it holds there and
// otherwise left unchecked, never refuted — the author may mean the function at another point, or
// carry a rounded number with `=`.
import type { Outcome } from '../claim';
import { displayName, readAsAnyValue } from './generic';

export function forBareFunctions(outcome: Outcome, read: Map<string, string>): Outcome {
  if (read.size === 0) return outcome;
  const calls = [...read.values()].map((c) => `\`${c}\``).join(', ');
  const names = [...read.keys()].map(displayName).join(', ');
  return readAsAnyValue(
    outcome,
    `(${names} written bare read as ${calls}, at the numbers the text gives its parameters)`,
    () =>
      `unchecked: read as ${calls} at the numbers the text gives, it fails; ${names} written bare may ` +
      `mean the function at another point: write the point (${calls}) to have this checked`,
  );
}
