// The checker's public face for the CLI and the language server.
export { checkText } from './document';
export type { CheckOptions, ClaimResult, DocumentProblem, DocumentResult, SampleValue, SymbolBinding, Verdict } from './result';
