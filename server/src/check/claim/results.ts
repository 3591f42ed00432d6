// What a trial gives: both sides, their high-precision values and the undefined ones.
import type Decimal from 'decimal.js';
import type { Tensor } from '../../engine';
import type { Trial } from '../trial';

export interface TrialResult {
  left: Tensor;
  right: Tensor;
  trial: Trial;
  index: Map<string, number>;
  hp?: HighPrecision;
}

/** Both sides of one sample in decimal arithmetic. */
interface HighPrecision {
  left: Decimal;
  right: Decimal;
  digits: number;
  equal: boolean;
  rel: number;
  fits: boolean | null;
  /** Double precision lost this sample's value (rather than only failing a comparison). */
  required: boolean;
}

export type HighPrecisionOutcome =
  | { kind: 'value'; value: HighPrecision }
  | { kind: 'lost'; why: string }
  | { kind: 'undefined'; side: 'left' | 'right' | 'both'; why: string; other: string };

/** A side's value, or why it is undefined. */
export interface SideValues {
  left: Tensor | string;
  right: Tensor | string;
  index: Map<string, number>;
}

export interface Undefined {
  trial: Trial;
  index: Map<string, number>;
  side: 'left' | 'right';
  why: string;
  other: string;
}
