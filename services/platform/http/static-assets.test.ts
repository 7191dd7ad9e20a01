import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assetVersions } from './static-assets.ts';

describe('versioned addresses of static files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-assets-'));
  fs.mkdirSync(path.join(dir, 'js'));
  const file = path.join(dir, 'js', 'a.js');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('versions a file by its content, anew when it changes (outside production)', () => {
    fs.writeFileSync(file, 'one();');
    const asset = assetVersions(dir, { production: false });
    const first = asset('/static/js/a.js');
    expect(first).toMatch(/^\/static\/js\/a\.js\?v=[0-9a-f]{12}$/);
    expect(asset('/static/js/a.js')).toBe(first);
    fs.writeFileSync(file, 'two(); // longer');
    expect(asset('/static/js/a.js')).not.toBe(first);
  });

  it('reads a version once in production', () => {
    fs.writeFileSync(file, 'three();');
    const asset = assetVersions(dir, { production: true });
    const first = asset('/static/js/a.js');
    fs.writeFileSync(file, 'four(); // longer');
    expect(asset('/static/js/a.js')).toBe(first);
  });

  it('refuses an address outside /static/ or a file that is not there', () => {
    const asset = assetVersions(dir, { production: false });
    expect(() => asset('/static/../secret.txt')).toThrow(/not a file under/);
    expect(() => asset('/js/a.js')).toThrow(/not a file under/);
    expect(() => asset('/static/js/none.js')).toThrow(/ENOENT/);
  });
});
