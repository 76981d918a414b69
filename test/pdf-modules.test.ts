import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { standIn } from '../src/write/pdf/modules.js';

const require = createRequire(import.meta.url);

describe('the stand-ins for the modules the PDF never calls', () => {
  it('take the place of brotli (WOFF2) and AES, and say what publist does not do if called', () => {
    const fromFontkit = createRequire(require.resolve('fontkit'));
    const brotli = fromFontkit('brotli/decompress.js') as () => unknown;
    expect(() => brotli()).toThrow('publist does not load WOFF2 decoding (brotli/decompress.js)');
    const fromPdfkit = createRequire(require.resolve('pdfkit'));
    const aes = fromPdfkit('@noble/ciphers/aes') as { cbc: () => unknown };
    expect(() => aes.cbc()).toThrow('publist does not load PDF encryption (@noble/ciphers/aes)');
  });

  it('leave the PDF working when a release of pdfkit or fontkit no longer loads the module', () => {
    expect(() => standIn('pdfkit', '@noble/ciphers/no-such-module', 'nothing')).not.toThrow();
  });
});
