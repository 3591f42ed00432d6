"""A second independent oracle: identities and near misses printed by SymPy's LaTeX printer.

The mathjs oracle (test/oracle/oracle.ts) prints with mathjs' toTex(); computer-algebra output in
real notes mostly comes from SymPy (or Mathematica), whose printer writes `\\log{\\left(x \\right)}`,
`\\frac{d}{d x}`, `\\operatorname{asinh}`, `\\Gamma\\left(x\\right)`, `\\int\\limits_{0}^{1}`,
`\\sum_{k=1}^{n}` and so on. Every pair is built by SymPy (expand, factor, rewrite, diff, doit,
…), judged numerically here with mpmath at 30 digits, and kept only when the judgement is clear:
a true pair agrees to 1e-20 at every point, a near miss differs by more than 1e-4 (relative) at
least at three quarters of the points with both sides defined.

Usage: python3 test/oracle/sympy/generate.py [--seed N] [--count N] > claims.json
The committed test/oracle/sympy/claims.json is this script's output for the default seed and
count (regenerate it with `npm run oracle:sympy`); test/oracle/sympy.test.ts checks derivcheck
against it, so the test needs neither Python nor SymPy.
"""

import argparse
import json
import random
import sys

import mpmath
import sympy as sp

mpmath.mp.dps = 30

x, y, z = sp.symbols("x y z", real=True)
p, q = sp.symbols("p q", positive=True)
n = sp.symbols("n", integer=True, positive=True)
k = sp.symbols("k", integer=True)
REALS = [x, y, z]
POSITIVES = [p, q]

# Domains as derivcheck samples them (docs/language.md, "How symbols are sampled"): reals are
# standard normal, positive reals log-uniform on [0.1, 10], positive integers small.
def sample(rng, s):
    if s in POSITIVES:
        return mpmath.mpf(10) ** mpmath.mpf(rng.uniform(-1, 1))
    if s == n:
        return mpmath.mpf(rng.randint(1, 9))
    return mpmath.mpf(rng.gauss(0, 1))


def declaration(symbols):
    by_set = {}
    for s in sorted(symbols, key=lambda s: s.name):
        if isinstance(s, sp.MatrixSymbol):
            key = f"\\mathbb{{R}}^{{{s.rows} \\times {s.cols}}}"
        elif s in POSITIVES:
            key = "\\mathbb{R}_{>0}"
        elif s == n:
            key = "\\mathbb{Z}_{>0}"
        else:
            key = "\\mathbb{R}"
        by_set.setdefault(key, []).append(s.name)
    if not by_set:
        return None
    return "; ".join(f"{', '.join(names)} \\in {key}" for key, names in by_set.items())


def value(expr, point):
    try:
        v = expr.evalf(30, subs=point)
        if v.has(sp.zoo, sp.oo, -sp.oo, sp.nan) or not v.is_number:
            return None
        c = complex(v)
        if abs(c.imag) > 1e-25 * max(1.0, abs(c.real)):
            return None
        if abs(c.real) > 1e8:
            return None
        return mpmath.mpf(sp.re(v).evalf(30))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None


def matrix_symbols(*exprs):
    return sorted({a for e in exprs for a in e.atoms(sp.MatrixSymbol)}, key=lambda s: s.name)


def matrix_value(expr, point):
    """The largest entry difference needs both sides as explicit numbers: a list of floats."""
    try:
        e = expr.xreplace(point)
        if isinstance(e, sp.MatrixBase) or getattr(e, "is_Matrix", False):
            e = sp.Matrix(e.as_explicit() if hasattr(e, "as_explicit") else e).doit()
            return [value(v, {}) for v in e]
        return [value(e.doit(), {})]
    except (TypeError, ValueError, ZeroDivisionError, sp.matrices.exceptions.NonInvertibleMatrixError):
        return None


def real_throughout(e):
    """Whether every logarithm and root inside e has an argument SymPy knows to be positive.

    A pair like `e^{2 log y} = y^2` holds over the complex numbers but not over the reals
    derivcheck samples (log of a negative y is undefined there), so such pairs are not used.
    """
    for a in sp.preorder_traversal(e):
        if isinstance(a, sp.log) and not a.args[0].is_positive:
            return False
        if isinstance(a, sp.Pow) and not a.exp.is_integer and not a.base.is_nonnegative:
            return False
    return True


def judge(lhs, rhs, rng, points=24):
    """'true', 'false', or None when the numbers do not say clearly."""
    if not (real_throughout(lhs) and real_throughout(rhs)):
        return None
    syms = sorted((lhs.free_symbols | rhs.free_symbols) - {k}, key=lambda s: s.name)
    mats = matrix_symbols(lhs, rhs)
    syms = [s for s in syms if s not in mats]
    if mats:
        points = 8
    both = differ = close = 0
    for _ in range(points):
        point = {s: sample(rng, s) for s in syms}
        if mats:
            for m in mats:
                point[m] = sp.Matrix(m.rows, m.cols, lambda i, j: sp.Float(rng.gauss(0, 1), 30))
            full = {**{s: sp.Float(v, 30) for s, v in point.items() if s not in mats}, **point}
            la, lb = matrix_value(lhs, full), matrix_value(rhs, full)
            if la is None or lb is None or len(la) != len(lb) or None in la or None in lb:
                return None
            scale = max([mpmath.mpf(1)] + [abs(v) for v in la + lb])
            d = max(abs(u - v) for u, v in zip(la, lb)) / scale
            both += 1
            if d > mpmath.mpf("1e-4"):
                differ += 1
            elif d > mpmath.mpf("1e-20"):
                close += 1
            continue
        a, b = value(lhs, point), value(rhs, point)
        if a is None and b is None:
            continue
        if a is None or b is None:
            return None
        both += 1
        scale = max(mpmath.mpf(1), abs(a), abs(b))
        d = abs(a - b) / scale
        if d > mpmath.mpf("1e-4"):
            differ += 1
        elif d > mpmath.mpf("1e-20"):
            close += 1
    if both < 0.9 * points or close:
        return None
    if differ == 0:
        return "true"
    if differ >= 0.75 * both:
        return "false"
    return None


# ---------------------------------------------------------------------------------------------
# Expressions.

UNARY_ANY = [sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.exp, sp.erf, sp.asinh, sp.Abs]
UNARY_POS = [sp.log, sp.sqrt, sp.gamma]


def atom(rng, allowed):
    r = rng.random()
    if r < 0.6:
        return rng.choice(allowed)
    return sp.Integer(rng.choice([1, 2, 3, 5])) if r < 0.85 else sp.Rational(rng.choice([1, 3]), 2)


def positive_expr(rng, allowed, depth):
    """An expression that is positive wherever it is defined, for log, sqrt and Γ."""
    base = expr(rng, allowed, depth)
    choice = rng.random()
    if choice < 0.4:
        return base**2 + 1
    if choice < 0.7:
        return sp.exp(base / 3)
    pos = [s for s in allowed if s in POSITIVES]
    return rng.choice(pos) if pos else base**2 + 2


def expr(rng, allowed, depth):
    if depth <= 0:
        return atom(rng, allowed)
    r = rng.random()
    if r < 0.25:
        return expr(rng, allowed, depth - 1) + expr(rng, allowed, depth - 1)
    if r < 0.45:
        return expr(rng, allowed, depth - 1) * expr(rng, allowed, depth - 1)
    if r < 0.55:
        return expr(rng, allowed, depth - 1) ** rng.choice([2, 3])
    if r < 0.62:
        return expr(rng, allowed, depth - 1) / positive_expr(rng, allowed, depth - 1)
    if r < 0.85:
        return rng.choice(UNARY_ANY)(expr(rng, allowed, depth - 1))
    return rng.choice(UNARY_POS)(positive_expr(rng, allowed, depth - 1))


def variables(rng):
    pool = REALS + POSITIVES
    return rng.sample(pool, rng.randint(1, 2))


# Each family returns (lhs, rhs, f, wrt) or None; f and wrt are set for derivatives.

def fam_expand(rng):
    vs = variables(rng)
    e = expr(rng, vs, 2)
    r = sp.expand(e)
    return (e, r) if r != e else None


def fam_factor(rng):
    vs = variables(rng)
    a, b = expr(rng, vs, 1), expr(rng, vs, 1)
    e = sp.expand((a + rng.choice([1, 2, -1])) * (b - rng.choice([1, 3])))
    f = sp.factor(e)
    return (f, e) if f != e else None


def fam_rewrite(rng):
    vs = variables(rng)
    inner = expr(rng, vs, 1)
    f, target = rng.choice(
        [
            (sp.tan, sp.sin),
            (sp.sinh, sp.exp),
            (sp.cosh, sp.exp),
            (sp.tanh, sp.exp),
            (sp.cos, sp.tan),
            (sp.asinh, sp.log),
            (sp.cot, sp.cos),
            (sp.sec, sp.cos),
            (sp.csc, sp.sin),
            (sp.coth, sp.exp),
        ]
    )
    e = f(inner)
    r = e.rewrite(target)
    return (e, r) if r != e and not r.has(sp.I) else None


def fam_trig(rng):
    vs = variables(rng)
    a = expr(rng, vs, 1)
    b = expr(rng, vs, 1)
    e = rng.choice([sp.sin(a + b), sp.cos(a - b), sp.sin(2 * a), sp.cos(2 * a), sp.tan(a + b)])
    r = sp.expand_trig(e)
    if rng.random() < 0.3:
        e = sp.sin(a) ** 2 + sp.cos(a) ** 2
        r = sp.Integer(1)
    return (e, r) if r != e else None


def fam_explog(rng):
    pos = rng.sample(POSITIVES, 2)
    a, b = pos
    c = rng.choice([2, 3, sp.Rational(1, 2)])
    e = rng.choice([sp.log(a * b), sp.log(a / b), sp.log(a**c), sp.exp(sp.log(a) + sp.log(b)), sp.sqrt(a * b**2)])
    r = sp.expand_log(sp.powsimp(sp.expand_power_base(e, force=True), force=True), force=True)
    if e.func == sp.exp:
        r = a * b
    return (e, r) if r != e else None


def fam_special(rng):
    a = rng.choice(POSITIVES)
    t = rng.choice(REALS)
    pair = rng.choice(
        [
            (sp.gamma(a + 1), a * sp.gamma(a)),
            (sp.erf(-t), -sp.erf(t)),
            (sp.erfc(t), 1 - sp.erf(t)),
            (sp.factorial(n + 1), (n + 1) * sp.factorial(n)),
            (sp.binomial(n + 2, 2), sp.expand_func(sp.binomial(n + 2, 2))),
            (sp.atan(t) + sp.atan(1 / a), None),
            (sp.Abs(t * a), a * sp.Abs(t)),
            (sp.sign(t) * sp.Abs(t), t),
            (sp.floor(n + t) - sp.floor(t), n),
        ]
    )
    return pair if pair[1] is not None else None


def fam_derivative(rng):
    vs = variables(rng)
    wrt = vs[0]
    f = expr(rng, vs, 2)
    if not f.has(wrt):
        return None
    d = sp.diff(f, wrt)
    if rng.random() < 0.5:
        d = sp.simplify(d)
    return (sp.Derivative(f, wrt), d)


def fam_second_derivative(rng):
    vs = variables(rng)
    wrt = vs[0]
    f = expr(rng, vs, 1) * expr(rng, vs, 1)
    if not f.has(wrt):
        return None
    other = vs[1] if len(vs) > 1 and rng.random() < 0.5 else wrt
    return (sp.Derivative(f, wrt, other), sp.diff(f, wrt, other))


def fam_integral(rng):
    t = x
    f = rng.choice(
        [
            t**2,
            t**3 - t,
            sp.sin(t),
            sp.exp(t),
            sp.exp(-(t**2)),
            t * sp.exp(t),
            1 / (1 + t**2),
            sp.cos(t) ** 2,
            t * sp.sin(t),
        ]
    )
    a, b = rng.choice([(0, 1), (-1, 1), (0, 2), (0, sp.pi), (1, 3)])
    if f == sp.exp(-(t**2)) and rng.random() < 0.5:
        a, b = -sp.oo, sp.oo
    v = sp.integrate(f, (t, a, b))
    if v.has(sp.Integral):
        return None
    return (sp.Integral(f, (t, a, b)), v)


def fam_sum(rng):
    j = k
    f = rng.choice([j, j**2, j**3, 2 * j + 1, sp.Integer(2) ** j, j * (j + 1)])
    lo = rng.choice([0, 1])
    v = sp.factor(sp.summation(f, (j, lo, n)))
    return (sp.Sum(f, (j, lo, n)), v)


def fam_piecewise_functions(rng):
    t, u = rng.sample(REALS, 2)
    a = rng.choice(POSITIVES)
    return rng.choice(
        [
            (sp.Max(t, u) + sp.Min(t, u), t + u),
            (sp.Max(t, u), (t + u + sp.Abs(t - u)) / 2),
            (sp.Min(t, u), (t + u - sp.Abs(t - u)) / 2),
            (sp.Pow(sp.Abs(t), 2, evaluate=False), t**2),
            (sp.sign(t) * t, sp.Abs(t)),
            (sp.Abs(t * u), sp.Abs(t) * sp.Abs(u)),
            # Not ceiling(t) - floor(t) = 1: it fails at every whole t, which judge's random reals
            # never draw (derivcheck refutes it at its seams, check/wideSamples.ts seamSample).
            (sp.ceiling(t), -sp.floor(-t)),
            (sp.floor(-t), -sp.ceiling(t)),
            (sp.Mod(n + 3, 3, evaluate=False), sp.Mod(n, 3)),
            (sp.Heaviside(t) + sp.Heaviside(-t), sp.Integer(1)),
        ]
    )


def fam_powers(rng):
    a, b = rng.sample(POSITIVES, 2)
    c = rng.choice([2, 3, 5])
    return rng.choice(
        [
            (sp.Pow(a**3, sp.Rational(1, 2), evaluate=False), a ** sp.Rational(3, 2)),
            (sp.root(a, c) ** c, a),
            (sp.Pow(a * b, sp.Rational(1, c), evaluate=False), sp.root(a, c) * sp.root(b, c)),
            (a ** sp.Rational(1, c) * a ** sp.Rational(2, c), a ** sp.Rational(3, c)),
            (sp.sqrt(a) / a, 1 / sp.sqrt(a)),
            (sp.Pow(a * b, sp.Rational(-1, 2), evaluate=False), 1 / (sp.sqrt(a) * sp.sqrt(b))),
            (sp.exp(c * sp.log(a)), a**c),
            (sp.log(a, c), sp.log(a) / sp.log(c)),
        ]
    )


def fam_rational(rng):
    t = rng.choice(REALS + POSITIVES)
    r1, r2 = rng.sample([1, 2, 3, -1, -2], 2)
    e = (t + rng.choice([4, 5])) / ((t**2 + r1**2) * (t**2 + r2**2 + 1))
    r = sp.apart(e, t)
    return (e, r) if r != e else None


def fam_product(rng):
    j = k
    f, v = rng.choice(
        [
            (j, sp.factorial(n)),
            (1 + sp.Integer(1) / j, n + 1),
            (sp.Integer(2), sp.Integer(2) ** n),
            (j / (j + 1), 1 / (n + 1)),
        ]
    )
    return (sp.Product(f, (j, 1, n)), v)


def fam_binomial(rng):
    return rng.choice(
        [
            (sp.binomial(n, 2), n * (n - 1) / 2),
            (sp.binomial(n + 1, 2) - sp.binomial(n, 2), n),
            (sp.factorial(n + 2) / sp.factorial(n), (n + 1) * (n + 2)),
            (sp.binomial(n + 3, 3), sp.expand_func(sp.binomial(n + 3, 3))),
            (sp.Sum(sp.binomial(n, k), (k, 0, n)), 2**n),
        ]
    )


def fam_matrix(rng):
    d = rng.choice([2, 3])
    A, B, C = (sp.MatrixSymbol(name, d, d) for name in "ABC")
    pair = rng.choice(
        [
            (sp.Transpose(A * B), B.T * A.T),
            (sp.Transpose(A + B), A.T + B.T),
            (sp.Transpose(A * B * C), C.T * B.T * A.T),
            (sp.Trace(A * B), sp.Trace(B * A)),
            (sp.Trace(A + B), sp.Trace(A) + sp.Trace(B)),
            (sp.Inverse(A * B), B.inverse() * A.inverse()),
            (sp.Determinant(A * B), sp.Determinant(A) * sp.Determinant(B)),
            (A * (B + C), A * B + A * C),
        ]
    )
    return pair


def fam_explicit_matrix(rng):
    t = rng.choice(REALS)
    M = sp.Matrix([[1, t], [0, 1]])
    N = sp.Matrix([[sp.cos(t), -sp.sin(t)], [sp.sin(t), sp.cos(t)]])
    return rng.choice(
        [
            (sp.MatPow(M, 2), M**2),
            (sp.MatMul(N, N.T), sp.eye(2)),
            (sp.Determinant(N), sp.Integer(1)),
            (sp.Trace(M), sp.Integer(2)),
            (sp.Inverse(M), M.inv()),
        ]
    )


FAMILIES = {
    "expand": fam_expand,
    "factor": fam_factor,
    "rewrite": fam_rewrite,
    "trig": fam_trig,
    "explog": fam_explog,
    "special": fam_special,
    "derivative": fam_derivative,
    "second-derivative": fam_second_derivative,
    "integral": fam_integral,
    "sum": fam_sum,
    "piecewise-functions": fam_piecewise_functions,
    "powers": fam_powers,
    "rational": fam_rational,
    "product": fam_product,
    "binomial": fam_binomial,
    "matrix": fam_matrix,
    "explicit-matrix": fam_explicit_matrix,
}


# ---------------------------------------------------------------------------------------------
# Near misses: the mistakes a person makes when copying a result.

def mutate(rng, rhs):
    kind = rng.choice(["coefficient", "term", "sign", "exponent", "swap"])
    if kind == "coefficient":
        return kind, rhs * rng.choice([2, sp.Rational(1, 2), 3])
    if kind == "term":
        return kind, rhs + rng.choice([1, -1, 2])
    if kind == "sign":
        if isinstance(rhs, sp.Add) and len(rhs.args) > 1:
            args = list(rhs.args)
            i = rng.randrange(len(args))
            args[i] = -args[i]
            return kind, sp.Add(*args, evaluate=False)
        return kind, -rhs
    if kind == "exponent":
        pows = [a for a in sp.preorder_traversal(rhs) if isinstance(a, sp.Pow) and a.exp.is_Integer]
        if not pows:
            return None
        target = rng.choice(pows)
        return kind, rhs.xreplace({target: sp.Pow(target.base, target.exp + 1)})
    swaps = {sp.sin: sp.cos, sp.cos: sp.sin, sp.sinh: sp.cosh, sp.cosh: sp.sinh, sp.exp: sp.log}
    fns = [a for a in sp.preorder_traversal(rhs) if isinstance(a, sp.Function) and a.func in swaps]
    if not fns:
        return None
    target = rng.choice(fns)
    repl = swaps[target.func](*target.args)
    if target.func == sp.exp and not target.args[0].is_positive:
        return None
    return kind, rhs.xreplace({target: repl})


def mutate_matrix(rng, rhs):
    """A dropped transpose, a product in the wrong order, a factor 2, an added identity."""
    kind = rng.choice(["transpose", "order", "coefficient", "identity"])
    if kind == "transpose":
        ts = [a for a in sp.preorder_traversal(rhs) if isinstance(a, sp.Transpose)]
        if not ts:
            return None
        return kind, rhs.xreplace({ts[0]: ts[0].arg})
    if kind == "order":
        ms = [a for a in sp.preorder_traversal(rhs) if isinstance(a, sp.MatMul) and len(a.args) > 1]
        if not ms:
            return None
        return kind, rhs.xreplace({ms[0]: sp.MatMul(*reversed(ms[0].args))})
    if kind == "coefficient":
        return kind, 2 * rhs
    if not getattr(rhs, "is_square", False) and not getattr(rhs, "is_Matrix", False):
        return kind, rhs + 1
    return kind, rhs + sp.Identity(rhs.shape[0])


def printed(rng, e):
    style = rng.choice(["abbreviated", "full", "power"])
    opts = {"inv_trig_style": style}
    if rng.random() < 0.3:
        opts["ln_notation"] = True
    if rng.random() < 0.2:
        opts["mul_symbol"] = rng.choice(["dot", "times"])
    return sp.latex(e, **opts)


def generate(seed, count):
    out = []
    index = 0
    names = sorted(FAMILIES)
    while len(out) < count:
        index += 1
        rng = random.Random(seed * 1_000_003 + index)
        family = names[len(out) % len(names)] if rng.random() < 0.7 else rng.choice(names)
        truth = rng.random() < 0.5
        try:
            pair = FAMILIES[family](rng)
            if pair is None:
                continue
            lhs, rhs = pair
            mutation = None
            if not truth:
                m = mutate_matrix(rng, rhs) if matrix_symbols(lhs, rhs) or lhs.is_Matrix else mutate(rng, rhs)
                if m is None:
                    continue
                mutation, rhs = m
            lhs_value = lhs.doit() if isinstance(lhs, (sp.Derivative, sp.Integral, sp.Sum, sp.Product)) else lhs
            verdict = judge(lhs_value, rhs, random.Random(index))
            if verdict != ("true" if truth else "false"):
                continue
            left, right = printed(rng, lhs), printed(rng, rhs)
        except (TypeError, ValueError, ZeroDivisionError, RecursionError, NotImplementedError, AttributeError):
            continue
        if left == right or len(left) + len(right) > 400 or any(
            a.is_Integer and abs(a) > 10**6 for e in (lhs, rhs) for a in sp.preorder_traversal(e)
        ):
            continue
        symbols = (lhs.free_symbols | rhs.free_symbols) - {k}
        if isinstance(lhs, sp.Derivative):
            symbols |= set(lhs.variables)
        out.append(
            {
                "family": family,
                "truth": truth,
                "mutation": mutation,
                "declare": declaration(symbols),
                "math": f"{left} = {right}",
            }
        )
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--count", type=int, default=300)
    args = ap.parse_args()
    claims = generate(args.seed, args.count)
    json.dump(
        {"generator": "test/oracle/sympy/generate.py", "sympy": sp.__version__, "seed": args.seed, "claims": claims},
        sys.stdout,
        indent=1,
        ensure_ascii=False,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
