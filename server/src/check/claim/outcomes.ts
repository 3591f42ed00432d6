// Outcomes named for their verdict: a claim left unchecked is written once, here, with the
// message that says why and what the author can do.

type Unchecked = { verdict: 'unchecked'; code: 'unchecked'; message: string };

/** `fields` (trials, details, the sample…) as an unchecked outcome with this message. */
export function uncheckedOutcome<T extends object = Record<never, never>>(
  message: string,
  fields?: T,
): Omit<T, keyof Unchecked> & Unchecked {
  return { ...(fields as T), verdict: 'unchecked', code: 'unchecked', message };
}
