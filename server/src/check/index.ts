// The checker's public face for the CLI and the language server.
export { checkText, CheckCancelled } from './document';
export { CheckCache } from './cache';
export type {
  CheckOptions,
  ClaimResult,
  DocumentProblem,
  DocumentResult,
  SampleValue,
  SymbolBinding,
  Verdict,
} from './result';
