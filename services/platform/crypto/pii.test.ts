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

  it('never gives two ciphertexts the same nonce, across refills of its pool of random bytes', () => {
    const nonces = new Set<string>();
    // 3,000 > the 1,024 nonces of one pool: the test crosses two refills.
    for (let i = 0; i < 3000; i++) {
      const [, iv] = cipher.encrypt('13900000001').split('.');
      expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
      nonces.add(iv!);
    }
    expect(nonces.size).toBe(3000);
    // Ciphertexts made before a refill still open after it.
    const early = cipher.encrypt('350821199001011234');
    for (let i = 0; i < 1100; i++) cipher.encrypt('x');
    expect(cipher.decrypt(early)).toBe('350821199001011234');
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
