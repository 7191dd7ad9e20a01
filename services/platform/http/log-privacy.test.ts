import { describe, expect, it } from 'vitest';
import { redactUrl, scrubPersonalText } from './log-privacy.ts';

describe('scrubPersonalText', () => {
  it('censors ID numbers (18 and old 15 digits) and mobiles, with +86 or separators', () => {
    expect(scrubPersonalText('id 35082119900101123X, old 350821900101123, tel +86 139-0597-1234.')).toBe(
      'id [redacted], old [redacted], tel [redacted].',
    );
  });

  it('leaves timestamps, decimals, uuids and hashes alone', () => {
    const line =
      '{"time":1796494399882,"responseTime":12.139059712345678,"id":"0b6f3c1e-4a2b-4c3d-8e9f-139059712345","h":"a13905971234b"}';
    expect(scrubPersonalText(line)).toBe(line);
  });
});

describe('redactUrl', () => {
  it('drops the whole query of a personal route and only identifying values elsewhere', () => {
    expect(redactUrl('/api/v1/labourers?q=%E6%9E%97&page=2', true)).toBe('/api/v1/labourers?[redacted]');
    expect(redactUrl('/jobs?q=%E7%94%B5%E5%B7%A5&phone=139+0597+1234&page=2')).toBe(
      '/jobs?q=%E7%94%B5%E5%B7%A5&phone=[redacted]&page=2',
    );
    expect(redactUrl('/api/v1/x/13905971234')).toBe('/api/v1/x/[redacted]');
  });
});
