// The compile functions of the notation modules (check/compile/*.ts), by name. They are mutually
// recursive (a sum's body is any expression, and any expression may hold a sum), so importing one
// another would make an import cycle. Instead a module reads another's function here, and each
// notation module fills the table when it is loaded (check/evaluate.ts loads them all): the notation
// modules import the core and this table, the core imports this table, and nothing imports back.
// A lookup here costs one property read while a claim is compiled; the closures it compiles call
// each other directly when the claim is evaluated. scripts/split-modules.mjs writes the calls through
// the table and the registrations; this module is written by hand.

/**
 * The functions registered, by name. Each notation module adds its own by a module augmentation
 * (`declare module './table' { interface Compilers { compileSym: typeof compileSym } }`).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the notation modules' augmentations
export interface Compilers {}

/** Read only after the notation modules are loaded: check/evaluate.ts imports them all. */
export const compilers = {} as Compilers;

/** Called once by each notation module, at its end, with the functions other modules read. */
export function registerCompilers(functions: Partial<Compilers>): void {
  Object.assign(compilers, functions);
}
