// `\left. f(t) \right|_{t=0}` and `f(t) \Big|_{t=0}`: the expression with its variable given a value,
// as lecture notes write a derivative at a point (`\left.\frac{d}{dt} M(t)\right|_{t=0}`). A name the
// document knows (declared, defined) takes the value everywhere it reaches, through definitions as a
// derivative does; a letter known nowhere else is local to the bar, like the variable of an integral.
import type { Node } from '../math/tree';
import { Unsupported } from './errors';
import type { CompileEnv, Fn } from './evaluate';
import * as V from './values';

type At = Extract<Node, { kind: 'at' }>;

/** `compile` is passed in, as in integral.ts: evaluate.ts calls this, so importing it back would be a cycle. */
export function compileSubstitution(n: At, c: CompileEnv, compile: (n: Node, c: CompileEnv) => Fn): Fn {
  if (n.implicit)
    throw new Unsupported(
      'the evaluation bar does not say its variable, and no single integral or letter names it: ' +
        'write it, \\Big|_{x=0}^{1}',
      n.start,
      n.end,
    );
  const name = n.variable.name;
  const known = c.env.lookup(name, c.block) !== null && !c.locals.has(name);
  const value = compile(n.value, c);
  const scalarValue = (t: Parameters<Fn>[0]) => {
    const v = V.dualOf(value(t), n.value);
    if (v.v.size !== 1 && !known)
      throw new Unsupported(
        'the value after the evaluation bar must be a number when its variable is not declared',
        n.value.start,
        n.value.end,
      );
    return { v: v.v, d: null };
  };
  if (known) {
    const body = compile(n.body, c);
    return (t) => t.withValue(name, scalarValue(t), () => body(t));
  }
  const body = compile(n.body, { ...c, locals: new Set([...c.locals, name]) });
  return (t) => {
    t.bind(name, scalarValue(t));
    try {
      return body(t);
    } finally {
      t.unbind(name);
    }
  };
}
