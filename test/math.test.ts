import { describe, expect, it } from 'vitest';
import { textWithUnicodeMath, texToInlines, texToUnicode } from '../src/richtext/math.js';

describe('TeX math as Unicode', () => {
  it.each([
    ['\\tau', 'τ'],
    ['h=\\varnothing', 'h=∅'],
    ['R(x,\\tau)', 'R(x,τ)'],
    ['a \\leq b \\geq c \\neq d', 'a ≤ b ≥ c ≠ d'],
    ['2 \\times 3 \\cdot 4', '2 × 3 · 4'],
    ['x_1 + x^2', 'x₁ + x²'],
    ['x_{ij}^{n+1}', 'xᵢⱼⁿ⁺¹'],
    ['2^{-n}', '2⁻ⁿ'],
    ['\\mathcal{O}(n \\log n)', '𝒪(n log n)'],
    ['\\mathcal{L}', 'ℒ'],
    ['\\mathbb{R}^d', 'ℝᵈ'],
    ['\\mathbf{W}', '𝐖'],
    ['\\frac{1}{2}', '1/2'],
    ['\\frac{a+b}{c}', '(a+b)/c'],
    ['\\sqrt{x+1}', '√(x+1)'],
    ['\\hat{y}', 'ŷ'],
    ['\\alpha\\beta\\Gamma', 'αβΓ'],
    ['x \\to \\infty', 'x → ∞'],
    ['\\{a, b\\}', '{a, b}'],
    ['f\\colon X \\rightarrow Y', 'f: X → Y'],
    ['x_{\\text{max}}', 'xₘₐₓ'],
    ['a - b', 'a − b'],
    ['a  +\n b', 'a + b'],
  ])('%s -> %s', (tex, unicode) => {
    expect(texToUnicode(tex)).toBe(unicode);
  });

  it('writes a script with no Unicode form as ^(...) in text, a superscript node for HTML', () => {
    expect(texToUnicode('e^{i\\pi}')).toBe('e^(iπ)');
    // One symbol needs no brackets (Principia's "∗56").
    expect(texToUnicode('^{\\ast} 56')).toBe('^∗ 56');
    expect(texToInlines('e^{i\\pi}')).toEqual([
      { kind: 'text', text: 'e' },
      { kind: 'superscript', children: [{ kind: 'text', text: 'iπ' }] },
    ]);
  });

  it('turns the model’s text into Unicode: its math, and a literal dollar', () => {
    expect(textWithUnicodeMath('weak $\\omega$-groupoids for \\$5, not $ 5$')).toBe(
      'weak ω-groupoids for $5, not $ 5$',
    );
  });

  it('keeps a command it does not know, as written', () => {
    expect(texToUnicode('\\foo{x} + y')).toBe('\\foo{x} + y');
    expect(texToUnicode('\\unknowncmd')).toBe('\\unknowncmd');
  });
});
