import { describe, expect, it } from 'vitest';
import { xmlText } from '../src/xml.js';

describe('xmlText', () => {
  it('writes markup characters as entities and keeps the rest', () => {
    expect(xmlText('Fish & Chips <Fund>: "Grant" · café')).toBe(
      'Fish &amp; Chips &lt;Fund&gt;: &quot;Grant&quot; · café',
    );
  });

  it('drops the control characters XML does not allow, keeping tab and line ends', () => {
    expect(xmlText('a\u0000b\u0008c\u001Fd\te\nf\rg')).toBe('abcd\te\nf\rg');
  });
});
