"""The matrix-calculus family of the SymPy oracle: gradients, Jacobians and Hessians of matrix
expressions as documents write them, with near misses, judged by SymPy component by component.

Every claim is a document: the declarations a writer gives (a directive or a sentence), perhaps
the layout convention, and one display `derivative = expression`. The truth never comes from a
layout rule written here: SymPy differentiates the explicit components (every matrix is an
`sp.Matrix` of real symbols), the gradient or Jacobian is assembled in the layouts the standard
definitions name (numerator: ∂f/∂x of a column x is a row, ∂y/∂x is m×n; denominator: the
transposes), and both sides are evaluated at random points (generic matrices: a near miss that holds
for symmetric inputs is judged on non-symmetric ones). A claim is true when it holds in a layout
the document allows: the one it states, both when it states none (docs/language.md, "Layout"),
and the gradient's own shape for `\\nabla`. Pairs that the numbers do not judge clearly are dropped.

Usage: python3 test/oracle/sympy/generate_matrix.py [--seed N] > matrix_claims.json
(`npm run oracle:sympy-matrix`); test/oracle/sympy-matrix.test.ts checks derivcheck against the
recorded file, so the test needs neither Python nor SymPy.
"""

import argparse
import json
import random
import sys

import mpmath
import sympy as sp

mpmath.mp.dps = 30


# ------------------------------------------------------------------------------------------------
# Symbols: every name is an explicit matrix of real component symbols (a vector is n×1).


class Name:
    def __init__(self, name, rows, cols, kind="real"):
        self.name, self.rows, self.cols, self.kind = name, rows, cols, kind
        base = name.replace("\\", "")
        self.matrix = sp.Matrix(
            rows, cols, lambda i, j: sp.Symbol(f"{base}_{i}_{j}", real=True)
        )

    def components(self):
        return list(self.matrix)

    def sample(self, rng):
        n, m = self.rows, self.cols
        g = [[rng.gauss(0, 1) for _ in range(m)] for _ in range(n)]
        if self.kind == "spd":
            # M Mᵀ + I: symmetric positive definite, as derivcheck samples 𝕊₊₊.
            g = [[sum(g[i][k] * g[j][k] for k in range(m)) + (1 if i == j else 0) for j in range(m)]
                 for i in range(n)]
        return [mpmath.mpf(v) for row in g for v in row]

    def declaration(self):
        if self.kind == "spd":
            return f"{self.name} \\in \\mathbb{{S}}^{{{self.rows}}}_{{++}}"
        if self.cols == 1:
            return f"{self.name} \\in \\mathbb{{R}}^{{{self.rows}}}"
        return f"{self.name} \\in \\mathbb{{R}}^{{{self.rows} \\times {self.cols}}}"


# ------------------------------------------------------------------------------------------------
# Printing styles: the hand-written forms a document uses, one picked per claim.


class Style:
    def __init__(self, rng):
        self.T = rng.choice(["^T", "^\\top", "^{T}", "^{\\top}", "^\\intercal"])
        self.tr = rng.choice(["\\operatorname{tr}", "\\mathrm{tr}", "\\operatorname{Tr}", "\\text{tr}"])
        self.inv_t = rng.choice(["^{-T}", "^{-\\top}", "inv-of-transpose", "transpose-of-inv"])
        self.paren = rng.choice([("(", ")"), ("\\left(", "\\right)")])

    def t(self, s):
        return s + self.T

    def p(self, s):
        return f"{self.paren[0]}{s}{self.paren[1]}"

    def trace(self, s):
        return f"{self.tr}{self.p(s)}"

    def inverse_transpose(self, s):
        if self.inv_t == "inv-of-transpose":
            return f"{self.p(self.t(s))}^{{-1}}"
        if self.inv_t == "transpose-of-inv":
            return self.t(self.p(s + "^{-1}"))
        return s + self.inv_t


def sigmoid(v):
    return v.applyfunc(lambda u: 1 / (1 + sp.exp(-u)))


def softmax(v):
    e = v.applyfunc(sp.exp)
    total = sum(e)
    return e.applyfunc(lambda u: u / total)


def T(m):
    return m.T


# ------------------------------------------------------------------------------------------------
# The identities. Each returns (names, wrt, kind of f, f as TeX, f built, [(rhs TeX, rhs built,
# mutation or None)]). `f` is built from a dict name -> explicit matrix; scalars are 1×1.


def quadratic(rng, s, n):
    x, A = Name("x", n, 1), Name("A", n, n)
    f = f"x{s.T} A x"
    rhs = [
        (f"{s.p(f'A + A{s.T}')} x", lambda e: (e["A"] + T(e["A"])) * e["x"], None),
        (f"A x + A{s.T} x", lambda e: e["A"] * e["x"] + T(e["A"]) * e["x"], None),
        ("2 A x", lambda e: 2 * e["A"] * e["x"], "symmetric only"),
        (f"{s.p(f'A - A{s.T}')} x", lambda e: (e["A"] - T(e["A"])) * e["x"], "sign"),
        (f"x{s.T} {s.p(f'A + A{s.T}')}", lambda e: T(e["x"]) * (e["A"] + T(e["A"])), "row"),
        ("A x", lambda e: e["A"] * e["x"], "missing term"),
    ]
    return [x, A], "x", f, lambda e: T(e["x"]) * e["A"] * e["x"], rhs


def bilinear(rng, s, n):
    x, y, A = Name("x", n, 1), Name("y", n + 1, 1), Name("A", n, n + 1)
    wrt = rng.choice(["x", "y"])
    f = f"x{s.T} A y"
    build = lambda e: T(e["x"]) * e["A"] * e["y"]
    if wrt == "x":
        rhs = [
            ("A y", lambda e: e["A"] * e["y"], None),
            (f"y{s.T} A{s.T}", lambda e: T(e["y"]) * T(e["A"]), "row"),
            ("-A y", lambda e: -e["A"] * e["y"], "sign"),
        ]
    else:
        rhs = [
            (f"A{s.T} x", lambda e: T(e["A"]) * e["x"], None),
            (f"x{s.T} A", lambda e: T(e["x"]) * e["A"], "row"),
            ("2 A^T x".replace("^T", s.T), lambda e: 2 * T(e["A"]) * e["x"], "factor 2"),
        ]
    return [x, y, A], wrt, f, build, rhs


def linear(rng, s, n):
    x, a = Name("x", n, 1), Name("a", n, 1)
    f = rng.choice([f"a{s.T} x", f"x{s.T} a"])
    rhs = [
        ("a", lambda e: e["a"], None),
        (f"a{s.T}", lambda e: T(e["a"]), "row"),
        ("2 a", lambda e: 2 * e["a"], "factor 2"),
        ("x", lambda e: e["x"], "wrong factor"),
    ]
    return [x, a], "x", f, lambda e: T(e["a"]) * e["x"], rhs


def least_squares(rng, s, n):
    m = max(2, n - 1)
    W, x, y = Name("W", m, n), Name("x", n, 1), Name("y", m, 1)
    norm = rng.choice(["\\|Wx - y\\|^2", "\\|W x - y\\|_2^2", "\\left\\|Wx - y\\right\\|^2"])
    build = lambda e: T(e["W"] * e["x"] - e["y"]) * (e["W"] * e["x"] - e["y"])
    r = "Wx - y"
    if rng.random() < 0.5:
        rhs = [
            (f"2{s.p(r)}x{s.T}", lambda e: 2 * (e["W"] * e["x"] - e["y"]) * T(e["x"]), None),
            (f"{s.p(r)}x{s.T}", lambda e: (e["W"] * e["x"] - e["y"]) * T(e["x"]), "factor 2"),
            (f"2x{s.p(r)}{s.T}", lambda e: 2 * e["x"] * T(e["W"] * e["x"] - e["y"]), "transposed"),
            (f"2{s.p(r)}{s.T}x", lambda e: 2 * T(e["W"] * e["x"] - e["y"]) * e["x"], "shape"),
            (f"-2{s.p(r)}x{s.T}", lambda e: -2 * (e["W"] * e["x"] - e["y"]) * T(e["x"]), "sign"),
        ]
        return [W, x, y], "W", norm, build, rhs
    rhs = [
        (f"2W{s.T}{s.p(r)}", lambda e: 2 * T(e["W"]) * (e["W"] * e["x"] - e["y"]), None),
        (f"2{s.p(r)}{s.T}W", lambda e: 2 * T(e["W"] * e["x"] - e["y"]) * e["W"], "row"),
        (f"W{s.T}{s.p(r)}", lambda e: T(e["W"]) * (e["W"] * e["x"] - e["y"]), "factor 2"),
        (f"2W{s.T}{s.p('Wx + y')}", lambda e: 2 * T(e["W"]) * (e["W"] * e["x"] + e["y"]), "sign"),
    ]
    return [W, x, y], "x", norm, build, rhs


def trace_linear(rng, s, n):
    m = max(2, n - 1)
    A, X, B = Name("A", m, n), Name("X", n, m + 2), Name("B", m + 2, m)
    f = s.trace("AXB")
    build = lambda e: sp.Matrix([[(e["A"] * e["X"] * e["B"]).trace()]])
    rhs = [
        (f"A{s.T} B{s.T}", lambda e: T(e["A"]) * T(e["B"]), None),
        (f"{s.p('BA')}{s.T}", lambda e: T(e["B"] * e["A"]), None),
        ("BA", lambda e: e["B"] * e["A"], "transposed"),
        (f"A B{s.T}", lambda e: e["A"] * T(e["B"]), "dropped transpose"),
        (f"-A{s.T} B{s.T}", lambda e: -T(e["A"]) * T(e["B"]), "sign"),
    ]
    return [A, X, B], "X", f, build, rhs


def trace_square(rng, s, n):
    X, A = Name("X", n, n), Name("A", n, n)
    pick = rng.randrange(4)
    if pick == 0:
        f = s.trace("AX")
        build = lambda e: sp.Matrix([[(e["A"] * e["X"]).trace()]])
        rhs = [(f"A{s.T}", lambda e: T(e["A"]), None), ("A", lambda e: e["A"], "transposed"),
               (f"2A{s.T}", lambda e: 2 * T(e["A"]), "factor 2")]
    elif pick == 1:
        f = s.trace(f"X{s.T} A X")
        build = lambda e: sp.Matrix([[(T(e["X"]) * e["A"] * e["X"]).trace()]])
        rhs = [
            (f"{s.p(f'A + A{s.T}')} X", lambda e: (e["A"] + T(e["A"])) * e["X"], None),
            ("2 A X", lambda e: 2 * e["A"] * e["X"], "symmetric only"),
            (f"X {s.p(f'A + A{s.T}')}", lambda e: e["X"] * (e["A"] + T(e["A"])), "swapped order"),
            (f"X{s.T} {s.p(f'A + A{s.T}')}", lambda e: T(e["X"]) * (e["A"] + T(e["A"])), "transposed"),
        ]
    elif pick == 2:
        f = s.trace("X^2")
        build = lambda e: sp.Matrix([[(e["X"] * e["X"]).trace()]])
        rhs = [(f"2X{s.T}", lambda e: 2 * T(e["X"]), None), ("2X", lambda e: 2 * e["X"], "transposed"),
               (f"X{s.T}", lambda e: T(e["X"]), "factor 2")]
    else:
        f = s.trace(f"X{s.T} X")
        build = lambda e: sp.Matrix([[(T(e["X"]) * e["X"]).trace()]])
        rhs = [("2X", lambda e: 2 * e["X"], None), ("X", lambda e: e["X"], "factor 2"),
               (f"2X{s.T}", lambda e: 2 * T(e["X"]), "transposed")]
    return [X, A], "X", f, build, rhs


def frobenius(rng, s, n):
    X = Name("X", n, n + 1)
    f = rng.choice(["\\|X\\|_F^2", "\\|X\\|_{F}^{2}"])
    build = lambda e: sp.Matrix([[sum(v**2 for v in e["X"])]])
    rhs = [("2X", lambda e: 2 * e["X"], None), ("X", lambda e: e["X"], "factor 2"),
           (f"2X{s.T}", lambda e: 2 * T(e["X"]), "transposed")]
    return [X], "X", f, build, rhs


def determinant(rng, s, n):
    X = Name("X", n, n)
    it = s.inverse_transpose("X")
    if rng.random() < 0.5:
        f = rng.choice(["\\det X", "\\det(X)", "\\det\\left(X\\right)"])
        build = lambda e: sp.Matrix([[e["X"].det()]])
        rhs = [
            (f"\\det(X) {it}", lambda e: e["X"].det() * T(e["X"].inv()), None),
            ("\\det(X) X^{-1}", lambda e: e["X"].det() * e["X"].inv(), "inverse for inverse-transpose"),
            (f"-\\det(X) {it}", lambda e: -e["X"].det() * T(e["X"].inv()), "sign"),
            (f"{it}", lambda e: T(e["X"].inv()), "missing factor"),
        ]
        return [X], "X", f, build, rhs
    f = rng.choice(["\\log|\\det X|", "\\log\\left|\\det X\\right|", "\\ln|\\det(X)|"])
    build = lambda e: sp.Matrix([[sp.log(sp.Abs(e["X"].det()))]])
    rhs = [
        (it, lambda e: T(e["X"].inv()), None),
        ("X^{-1}", lambda e: e["X"].inv(), "inverse for inverse-transpose"),
        (f"-{it}", lambda e: -T(e["X"].inv()), "sign"),
        (f"X{s.T}", lambda e: T(e["X"]), "transpose for inverse"),
    ]
    return [X], "X", f, build, rhs


def logdet_spd(rng, s, n):
    X = Name("X", n, n, "spd")
    f = rng.choice(["\\log\\det X", "\\log \\det(X)", "\\ln\\det X"])
    build = lambda e: sp.Matrix([[sp.log(e["X"].det())]])
    rhs = [("X^{-1}", lambda e: e["X"].inv(), None),
           (s.inverse_transpose("X"), lambda e: T(e["X"].inv()), None),
           ("-X^{-1}", lambda e: -e["X"].inv(), "sign"),
           ("X", lambda e: e["X"], "missing inverse")]
    return [X], "X", f, build, rhs


def inverse_bilinear(rng, s, n):
    X, a, b = Name("X", n, n), Name("a", n, 1), Name("b", n, 1)
    f = f"a{s.T} X^{{-1}} b"
    it = s.inverse_transpose("X")
    build = lambda e: T(e["a"]) * e["X"].inv() * e["b"]
    rhs = [
        (f"-{it} a b{s.T} {it}", lambda e: -T(e["X"].inv()) * e["a"] * T(e["b"]) * T(e["X"].inv()), None),
        ("-X^{-1} a b^T X^{-1}".replace("^T", s.T),
         lambda e: -e["X"].inv() * e["a"] * T(e["b"]) * e["X"].inv(), "inverse for inverse-transpose"),
        (f"{it} a b{s.T} {it}", lambda e: T(e["X"].inv()) * e["a"] * T(e["b"]) * T(e["X"].inv()), "sign"),
        (f"-{it} b a{s.T} {it}", lambda e: -T(e["X"].inv()) * e["b"] * T(e["a"]) * T(e["X"].inv()),
         "swapped order"),
    ]
    return [X, a, b], "X", f, build, rhs


def norms(rng, s, n):
    x = Name("x", n, 1)
    r = sp.sqrt(sum(v**2 for v in x.matrix))
    if rng.random() < 0.5:
        f = rng.choice(["\\|x\\|", "\\|x\\|_2", "\\left\\|x\\right\\|"])
        build = lambda e: sp.Matrix([[sp.sqrt(sum(v**2 for v in e["x"]))]])
        rhs = [(f"\\frac{{x}}{{\\|x\\|}}", lambda e: e["x"] / sp.sqrt(sum(v**2 for v in e["x"])), None),
               (f"\\frac{{x}}{{\\|x\\|^2}}", lambda e: e["x"] / sum(v**2 for v in e["x"]), "power"),
               ("2x", lambda e: 2 * e["x"], "wrong function")]
    else:
        f = rng.choice(["\\|x\\|^2", "\\|x\\|_2^2", f"x{s.T} x"])
        build = lambda e: T(e["x"]) * e["x"]
        rhs = [("2x", lambda e: 2 * e["x"], None), ("x", lambda e: e["x"], "factor 2"),
               (f"2x{s.T}", lambda e: 2 * T(e["x"]), "row")]
    del r
    return [x], "x", f, build, rhs


def hadamard(rng, s, n):
    x, a = Name("x", n, 1), Name("a", n, 1)
    odot = "x \\odot x"
    f = f"a{s.T} {s.p(odot)}"
    build = lambda e: T(e["a"]) * e["x"].multiply_elementwise(e["x"])
    rhs = [("2 a \\odot x", lambda e: 2 * e["a"].multiply_elementwise(e["x"]), None),
           ("a \\odot x", lambda e: e["a"].multiply_elementwise(e["x"]), "factor 2"),
           ("2 a", lambda e: 2 * e["a"], "dropped factor")]
    return [x, a], "x", f, build, rhs


def jacobians(rng, s, n):
    x = Name("x", n, 1)
    pick = rng.randrange(4)
    if pick == 0:
        A = Name("A", n + 1, n)
        f = "A x"
        build = lambda e: e["A"] * e["x"]
        rhs = [("A", lambda e: e["A"], None), (f"A{s.T}", lambda e: T(e["A"]), None),
               ("2A", lambda e: 2 * e["A"], "factor 2")]
        return [x, A], "x", f, build, rhs
    if pick == 1:
        W = Name("W", n, n)
        f = "\\tanh(W x)"
        build = lambda e: (e["W"] * e["x"]).applyfunc(sp.tanh)
        dg = "\\operatorname{diag}\\left(1 - \\tanh^2(W x)\\right)"
        dcol = lambda e: sp.diag(*[1 - sp.tanh(u) ** 2 for u in e["W"] * e["x"]])
        rhs = [(f"{dg} W", lambda e: dcol(e) * e["W"], None),
               (f"W{s.T} {dg}", lambda e: T(e["W"]) * dcol(e), None),
               (f"W {dg}", lambda e: e["W"] * dcol(e), "swapped order"),
               (f"{dg}", lambda e: dcol(e), "dropped factor")]
        return [x, W], "x", f, build, rhs
    if pick == 2:
        f = "\\sigma(x)"
        build = sigmoid_of_x
        d = lambda e: sp.diag(*[u * (1 - u) for u in sigmoid(e["x"])])
        rhs = [("\\operatorname{diag}\\left(\\sigma(x) \\odot (1 - \\sigma(x))\\right)", d, None),
               ("\\operatorname{diag}\\left(\\sigma(x)\\right)", lambda e: sp.diag(*sigmoid(e["x"])),
                "dropped factor"),
               ("\\operatorname{diag}\\left(\\sigma(x) \\odot (1 + \\sigma(x))\\right)",
                lambda e: sp.diag(*[u * (1 + u) for u in sigmoid(e["x"])]), "sign")]
        return [x], "x", f, build, rhs
    f = "\\operatorname{softmax}(x)"
    build = lambda e: softmax(e["x"])
    sm = "\\operatorname{softmax}(x)"
    d = lambda e: sp.diag(*softmax(e["x"])) - softmax(e["x"]) * T(softmax(e["x"]))
    rhs = [(f"\\operatorname{{diag}}({sm}) - {sm}\\,{sm}{s.T}", d, None),
           (f"\\operatorname{{diag}}({sm}) + {sm}\\,{sm}{s.T}",
            lambda e: sp.diag(*softmax(e["x"])) + softmax(e["x"]) * T(softmax(e["x"])), "sign"),
           (f"\\operatorname{{diag}}({sm})", lambda e: sp.diag(*softmax(e["x"])), "missing term")]
    return [x], "x", f, build, rhs


def sigmoid_of_x(e):
    return sigmoid(e["x"])


def hessian(rng, s, n):
    x, A = Name("x", n, 1), Name("A", n, n)
    f = f"x{s.T} A x"
    rhs = [(f"A + A{s.T}", lambda e: e["A"] + T(e["A"]), None), ("2A", lambda e: 2 * e["A"], "symmetric only"),
           (f"A - A{s.T}", lambda e: e["A"] - T(e["A"]), "sign")]
    return [x, A], "x", f, lambda e: T(e["x"]) * e["A"] * e["x"], rhs


def differential(rng, s, n):
    """Matrix differentials, d(F) written with dX: the derivative of F in the direction dX."""
    X, A, dX = Name("X", n, n), Name("A", n, n), Name("dX", n, n)
    dX.name = "dX"
    pick = rng.randrange(3)
    if pick == 0:
        f, build = "X^{-1}", lambda e: e["X"].inv()
        rhs = [("-X^{-1}\\,dX\\,X^{-1}", lambda e: -e["X"].inv() * e["dX"] * e["X"].inv(), None),
               ("-X^{-1}\\,dX\\," + s.inverse_transpose("X"),
                lambda e: -e["X"].inv() * e["dX"] * T(e["X"].inv()), "inverse for inverse-transpose"),
               ("X^{-1}\\,dX\\,X^{-1}", lambda e: e["X"].inv() * e["dX"] * e["X"].inv(), "sign")]
    elif pick == 1:
        f, build = s.trace("AX"), lambda e: sp.Matrix([[(e["A"] * e["X"]).trace()]])
        rhs = [(s.trace("A\\,dX"), lambda e: sp.Matrix([[(e["A"] * e["dX"]).trace()]]), None),
               (s.trace(f"A{s.T}\\,dX"), lambda e: sp.Matrix([[(T(e["A"]) * e["dX"]).trace()]]), "transposed")]
    else:
        f, build = "\\log|\\det X|", lambda e: sp.Matrix([[sp.log(sp.Abs(e["X"].det()))]])
        rhs = [(s.trace("X^{-1} dX"), lambda e: sp.Matrix([[(e["X"].inv() * e["dX"]).trace()]]), None),
               (s.trace("X\\,dX"), lambda e: sp.Matrix([[(e["X"] * e["dX"]).trace()]]), "missing inverse")]
    return [X, A, dX], "dX", f, build, rhs


FAMILIES = {
    "quadratic": quadratic,
    "bilinear": bilinear,
    "linear": linear,
    "least-squares": least_squares,
    "trace-linear": trace_linear,
    "trace-square": trace_square,
    "frobenius": frobenius,
    "determinant": determinant,
    "logdet-spd": logdet_spd,
    "inverse": inverse_bilinear,
    "norm": norms,
    "hadamard": hadamard,
    "jacobian": jacobians,
    "hessian": hessian,
    "differential": differential,
}


# ------------------------------------------------------------------------------------------------
# Ground truth: derivatives of the explicit components, laid out by the standard definitions.


def layouts(fx, var):
    """{layout: matrix} for ∂f/∂var; fx is a column (m×1, a scalar is 1×1)."""
    V = var.matrix
    m = fx.rows
    if m == 1 and V.cols == 1:  # scalar by vector
        g = sp.Matrix([[sp.diff(fx[0], v)] for v in V])
        return {"denominator": g, "numerator": g.T}
    if m == 1:  # scalar by matrix
        g = V.applyfunc(lambda v: sp.diff(fx[0], v))
        return {"denominator": g, "numerator": g.T}
    if V.cols == 1:  # vector by vector
        J = sp.Matrix(m, V.rows, lambda i, j: sp.diff(fx[i], V[j]))
        return {"numerator": J, "denominator": J.T}
    raise ValueError("not a layout this generator writes")


def evaluate(mat, names, point):
    subs = {c: v for nm in names for c, v in zip(nm.components(), point[nm.name])}
    out = []
    for e in mat:
        v = sp.N(e.xreplace({k: sp.Float(val, 30) for k, val in subs.items()}), 30)
        if not v.is_number or v.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            return None
        out.append(mpmath.mpf(sp.re(v)))
    return out


def agrees(a, b):
    if a is None or b is None:
        return None
    scale = max([mpmath.mpf(1)] + [abs(v) for v in a + b])
    return max(abs(u - v) for u, v in zip(a, b)) / scale


def judge(names, candidates, rhs, rng, points=5):
    """True when rhs equals one of the candidate derivatives at every point, False when it
    differs from each of them (shape, or by more than 1e-4 at every point), None otherwise."""
    fits = [c for c in candidates if rhs is not None and c.shape == rhs.shape]
    if not fits:
        return False
    results = [[] for _ in fits]
    for _ in range(points):
        point = {nm.name: nm.sample(rng) for nm in names}
        r = evaluate(rhs, names, point)
        if r is None:
            return None
        for k, c in enumerate(fits):
            d = agrees(evaluate(c, names, point), r)
            if d is None:
                return None
            results[k].append(d)
    if any(all(d < mpmath.mpf("1e-20") for d in ds) for ds in results):
        return True
    if all(all(d > mpmath.mpf("1e-4") for d in ds) for ds in results):
        return False
    return None


# ------------------------------------------------------------------------------------------------
# Documents.


def derivative_tex(rng, f, wrt, scalar, style, hessian):
    wrapped = style.p(f) if ("+" in f or "-" in f) else f
    if hessian:
        return rng.choice([f"\\nabla^2_{{{wrt}}} {wrapped}", f"\\nabla_{{{wrt}}}^2 {wrapped}"]), "gradient"
    forms = [
        (f"\\frac{{\\partial}}{{\\partial {wrt}}} {wrapped}", None),
        (f"\\frac{{\\partial {f}}}{{\\partial {wrt}}}", None),
        (f"\\frac{{\\partial \\left({f}\\right)}}{{\\partial {wrt}}}", None),
        (f"\\partial {style.p(f)} / \\partial {wrt}", None),
    ]
    if scalar:
        forms += [(f"\\nabla_{{{wrt}}} {wrapped}", "gradient"), (f"\\nabla_{wrt} {wrapped}", "gradient")]
    return rng.choice(forms)


def declarations(rng, names, layout, assume):
    decls = [nm.declaration() for nm in names]
    words = {"numerator": "numerator", "denominator": "denominator"}
    if rng.random() < 0.5:
        lines = [f"<!-- derive: {'; '.join(decls)} -->"]
        if layout:
            lines.append(f"<!-- derive: layout {words[layout]} -->")
        return "\n".join(lines) + "\n\n"
    prose = "Let " + ", ".join(f"${d}$" for d in decls[:-1]) + (" and " if len(decls) > 1 else "")
    prose += f"${decls[-1]}$."
    if layout:
        prose += f" We use the {words[layout]} layout."
    return prose + "\n\n"


def formed(build, env):
    """The right side built, or None when its product cannot be formed (a shape error)."""
    try:
        r = build(env)
    except (sp.matrices.exceptions.ShapeError, ValueError, TypeError):
        return None
    return r if isinstance(r, sp.MatrixBase) else sp.Matrix([[r]])


def A_of(vars_):
    return next(nm for nm in vars_ if nm.name == "A")


def generate(seed, count):
    rng = random.Random(seed)
    claims = []
    names = list(FAMILIES)
    attempts = 0
    while len(claims) < count and attempts < 20 * count:
        attempts += 1
        family = names[attempts % len(names)]
        style = Style(rng)
        n = rng.choice([2, 3])
        vars_, wrt, f, build, rhs_list = FAMILIES[family](rng, style, n)
        env = {nm.name: nm.matrix for nm in vars_}
        fx = build(env)
        if not isinstance(fx, sp.MatrixBase):
            fx = sp.Matrix([[fx]])
        var = next(nm for nm in vars_ if nm.name == wrt)
        hessian = family == "hessian"
        rhs_tex, rhs_build, mutation = rhs_list[rng.randrange(len(rhs_list))]
        rhs = formed(rhs_build, env)
        if family == "differential":
            X = next(nm for nm in vars_ if nm.name == "X")
            dX = env["dX"]
            directional = fx.applyfunc(
                lambda c: sum(sp.diff(c, X.matrix[k]) * dX[k] for k in range(len(dX))))
            truth = judge(vars_, [directional], rhs, rng) if rhs is not None else False
            if truth is None:
                continue
            lhs_tex = rng.choice([f"d({f})", f"d\\left({f}\\right)", f"\\mathrm{{d}}({f})"])
            used = [X] + ([A_of(vars_)] if "A" in f + rhs_tex else [])
            doc = declarations(rng, used, None, None) + f"$$ {lhs_tex} = {rhs_tex} $$\n"
            claims.append({"family": family, "truth": truth, "mutation": mutation, "layout": None,
                           "math": f"{lhs_tex} = {rhs_tex}", "document": doc})
            continue
        lhs_tex, fixed = derivative_tex(rng, f, wrt, fx.rows == 1, style, hessian)
        layout = rng.choice([None, None, "numerator", "denominator"]) if not fixed else None
        if hessian:
            grad = sp.Matrix([[sp.diff(fx[0], v)] for v in var.matrix])
            candidates = [sp.Matrix(var.rows, var.rows, lambda i, j: sp.diff(grad[i], var.matrix[j]))]
        else:
            by_layout = layouts(fx, var)
            allowed = ["denominator"] if fixed else [layout] if layout else ["numerator", "denominator"]
            candidates = [by_layout[k] for k in allowed]
        truth = judge(vars_, candidates, rhs, rng) if rhs is not None else False
        if truth is None:
            continue
        doc = declarations(rng, vars_, layout, None) + f"$$ {lhs_tex} = {rhs_tex} $$\n"
        claims.append({
            "family": family,
            "truth": truth,
            "mutation": mutation,
            "layout": layout or ("gradient" if fixed else None),
            "math": f"{lhs_tex} = {rhs_tex}",
            "document": doc,
        })
    return claims


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--count", type=int, default=240)
    args = ap.parse_args()
    claims = generate(args.seed, args.count)
    json.dump({"generator": "test/oracle/sympy/generate_matrix.py", "sympy": sp.__version__,
               "seed": args.seed, "claims": claims}, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
