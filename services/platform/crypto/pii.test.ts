import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, PiiCipher } from './pii.ts';

describe('PiiCipher', () => {
  const cipher = new PiiCipher('a-test-key-that-is-long-enough-to-use');

  it('round-trips a value and never stores it in clear', () => {
    const token = cipher.encrypt('350821199001011234');
    expect(token).not.toContain('350821199001011234');
    expect(cipher.decrypt(token)).toBe('350821199001011234');
    expect(cipher.encrypt('350821199001011234')).not.toBe(token);
  });

  it('refuses a tampered ciphertext', () => {
    const token = cipher.encrypt('350821199001011234');
    const parts = token.split('.');
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('AA') ? 'BB' : 'AA');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('hashes stably, ignoring case and spaces, and differently under another key', () => {
    expect(cipher.hash('11010519491231002x')).toBe(cipher.hash(' 11010519491231002X '));
    expect(new PiiCipher('another-key-that-is-long-enough-to-use').hash('11010519491231002X')).not.toBe(
      cipher.hash('11010519491231002X'),
    );
  });
});

describe('masking', () => {
  it('masks as shown to officers and employers', () => {
    expect(maskIdNumber('350821199001011234')).toBe('350821********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李');
  });
});
