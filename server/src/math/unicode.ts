// Unicode math typed directly reads like its LaTeX command. The table maps one character to the
// TeX source it stands for; the tokenizer substitutes it while keeping the character's offset.

const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta',
  θ: 'theta', ϑ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi',
  ρ: 'rho', σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', ϕ: 'phi', χ: 'chi', ψ: 'psi',
  ω: 'omega', Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma',
  Υ: 'Upsilon', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};

const SYMBOLS: Record<string, string> = {
  'ℝ': '\\mathbb{R}', 'ℕ': '\\mathbb{N}', 'ℤ': '\\mathbb{Z}', 'ℚ': '\\mathbb{Q}', '𝔼': '\\mathbb{E}',
  '∂': '\\partial', '∇': '\\nabla', '√': '\\sqrt', '∑': '\\sum', '∏': '\\prod', '×': '\\times',
  '·': '\\cdot', '⋅': '\\cdot', '∙': '\\cdot', '⊙': '\\odot', '⊗': '\\otimes', '≈': '\\approx',
  '≤': '\\le', '≥': '\\ge', '≠': '\\neq', '∈': '\\in', '∼': '\\sim', '≔': '\\coloneqq',
  '∞': '\\infty', '−': '-', '–': '-', '…': '\\ldots', '⋯': '\\cdots', '⋮': '\\vdots', '⋱': '\\ddots',
  '‖': '\\|', '⊤': '\\top', 'ᵀ': '^\\top', '⌊': '\\lfloor', '⌋': '\\rfloor', '⌈': '\\lceil',
  '⌉': '\\rceil', '⋆': '\\star', '∗': '*', '∣': '\\mid', '±': '\\pm', '→': '\\to', '↦': '\\mapsto',
  '⟨': '\\langle', '⟩': '\\rangle', '′': "'", '″': "''", '²': '^2', '³': '^3', '¹': '^1',
  '₀': '_0', '₁': '_1', '₂': '_2', '₃': '_3', '₄': '_4', '₅': '_5', '₆': '_6', '₇': '_7', '₈': '_8',
  '₉': '_9', 'ᵢ': '_i', 'ⱼ': '_j', 'ₖ': '_k', 'ₙ': '_n', '\u00a0': ' ', '\u2009': ' ', '\u200b': ' ',
};

export function unicodeToTex(ch: string): string | undefined {
  const g = GREEK[ch];
  if (g) return `\\${g}`;
  return SYMBOLS[ch];
}
