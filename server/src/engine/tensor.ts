// The one value type of the engine: a dense row-major Float64Array plus its shape.
// Tensors are treated as immutable by every op; the constructor adopts its buffer so ops can hand
// over freshly computed storage without a copy.
import { allocate, chargeAllocation } from './budget';
import { ShapeError, formatShape } from './errors';
import { checkShape, shapeSize, stridesOf } from './shape';

export type Nested = number | Nested[];

export class Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;

  /** Adopts `data` (no copy). Prefer the static constructors outside the engine. */
  constructor(shape: readonly number[], data: Float64Array) {
    // One pass validates and sizes; the shape is copied (callers may reuse their array) but not
    // frozen: freezing every small tensor showed up first in profiles.
    let n = 1;
    const copy = new Array<number>(shape.length);
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i];
      if (!Number.isInteger(d) || d < 0) checkShape(shape);
      copy[i] = d;
      n *= d;
    }
    if (data.length !== n) {
      throw new ShapeError(`shape ${formatShape(shape)} needs ${n} elements, got ${data.length}`);
    }
    this.shape = copy;
    this.data = data;
  }

  get size(): number {
    return this.data.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  static scalar(v: number): Tensor {
    const data = new Float64Array(1);
    data[0] = v;
    return new Tensor([], data);
  }

  /** Copies `data`, so later changes to the caller's array do not leak in. */
  static from(shape: readonly number[], data: ArrayLike<number>): Tensor {
    checkShape(shape);
    const out = allocate(data.length, 'a tensor');
    for (let i = 0; i < data.length; i++) out[i] = data[i];
    return new Tensor(shape, out);
  }

  /**
   * `from` for a buffer its maker gives up (a sample just drawn): checked and charged as `from`'s
   * copy is, and not copied. The caller must not write to `data` afterwards.
   */
  static adopt(shape: readonly number[], data: Float64Array): Tensor {
    checkShape(shape);
    chargeAllocation(data.length, 'a tensor');
    return new Tensor(shape, data);
  }

  static zeros(shape: readonly number[]): Tensor {
    checkShape(shape);
    return new Tensor(
      shape,
      allocate(shapeSize(shape), () => `a ${formatShape(shape)} tensor`),
    );
  }

  static ones(shape: readonly number[]): Tensor {
    return Tensor.full(shape, 1);
  }

  static full(shape: readonly number[], value: number): Tensor {
    checkShape(shape);
    const out = allocate(shapeSize(shape), () => `a ${formatShape(shape)} tensor`);
    out.fill(value);
    return new Tensor(shape, out);
  }

  static eye(n: number): Tensor {
    const out = allocate(n * n, () => `a ${n}×${n} identity`);
    for (let i = 0; i < n; i++) out[i * n + i] = 1;
    return new Tensor([n, n], out);
  }

  /** `3` → scalar, `[1,2]` → vector, `[[1,2],[3,4]]` → 2×2; ragged input is a shape error. */
  static fromNested(nested: Nested): Tensor {
    const shape: number[] = [];
    let probe: Nested = nested;
    while (Array.isArray(probe)) {
      shape.push(probe.length);
      if (probe.length === 0) break;
      probe = probe[0];
    }
    const out = allocate(shapeSize(shape), 'a tensor');
    let k = 0;
    const walk = (node: Nested, depth: number): void => {
      if (depth === shape.length) {
        if (Array.isArray(node))
          throw new ShapeError('ragged nested array: deeper nesting than the first element');
        out[k++] = node;
        return;
      }
      if (!Array.isArray(node) || node.length !== shape[depth]) {
        throw new ShapeError(`ragged nested array: expected ${shape[depth]} entries at depth ${depth}`);
      }
      for (const child of node) walk(child, depth + 1);
    };
    walk(nested, 0);
    return new Tensor(shape, out);
  }

  get(...idx: number[]): number {
    if (idx.length !== this.shape.length) {
      throw new ShapeError(
        `a ${formatShape(this.shape)} tensor needs ${this.shape.length} indices, got ${idx.length}`,
      );
    }
    let offset = 0;
    for (let i = 0; i < idx.length; i++) {
      const j = idx[i];
      if (!Number.isInteger(j) || j < 0 || j >= this.shape[i]) {
        throw new ShapeError(`index ${j} is out of range for axis ${i} of size ${this.shape[i]}`);
      }
      offset = offset * this.shape[i] + j;
    }
    return this.data[offset];
  }

  /** The value of a one-element tensor of any rank (scalar, [1], [1,1], …). */
  item(): number {
    if (this.data.length !== 1)
      throw new ShapeError(`expected a single number, got a ${formatShape(this.shape)} tensor`);
    return this.data[0];
  }

  toNested(): Nested {
    if (this.shape.length === 0) return this.data[0];
    const strides = stridesOf(this.shape);
    const build = (axis: number, offset: number): Nested => {
      const out: Nested[] = [];
      for (let i = 0; i < this.shape[axis]; i++) {
        const at = offset + i * strides[axis];
        out.push(axis === this.shape.length - 1 ? this.data[at] : build(axis + 1, at));
      }
      return out;
    };
    return build(0, 0);
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)}) ${JSON.stringify(this.toNested())}`;
  }
}
