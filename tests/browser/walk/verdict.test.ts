import { describe, expect, it } from 'vitest';
import { judgeLayout, judgeStatus, judgeText } from './verdict.ts';

describe('judgeStatus', () => {
  it('fails any 4xx or 5xx reached by a link', () => {
    expect(judgeStatus(200, 'link', [])).toEqual([]);
    expect(judgeStatus(404, 'link', [])).toEqual(['answered 404']);
    expect(judgeStatus(500, 'get-defaults', [])).toEqual(['answered 500']);
  });

  it('accepts 422 for an empty POST form only when it names the fields', () => {
    expect(judgeStatus(422, 'post-empty', ['请填写姓名'])).toEqual([]);
    expect(judgeStatus(422, 'post-empty', [])).toEqual(['answered 422 to an empty form without naming any field']);
    expect(judgeStatus(422, 'post-typical', ['请填写姓名'])).toEqual(['answered 422: 请填写姓名']);
    expect(judgeStatus(500, 'post-empty', ['x'])).toEqual(['answered 500']);
  });

  it('says what a refusing page said', () => {
    expect(judgeStatus(409, 'post-typical', ['年份已有协议'], ['请修改后再提交'])).toEqual([
      'answered 409: 请修改后再提交 | 年份已有协议',
    ]);
  });
});

describe('judgeText', () => {
  it('checks English only on a Chinese page', () => {
    const page = { text: 'Status: open', attributeText: '', fieldValues: [] };
    expect(judgeText({ ...page, lang: 'zh-CN' })).toEqual(['shows English on a Chinese page: Status, open']);
    expect(judgeText({ ...page, lang: 'en' })).toEqual([]);
  });

  it('reads field values for leaked values', () => {
    expect(judgeText({ lang: 'zh-CN', text: '', attributeText: '', fieldValues: ['undefined'] })).toEqual([
      'shows "undefined" in "undefined"',
    ]);
  });
});

describe('judgeLayout', () => {
  const layout = { viewportWidth: 390, documentWidth: 390, pastViewport: [], outOfCard: [] };

  it('fails sideways scrolling at phone width only', () => {
    const wide = {
      ...layout,
      documentWidth: 520,
      pastViewport: [{ element: 'table.list', container: 'viewport', by: 130 }],
    };
    expect(judgeLayout(wide, 390)).toEqual(['scrolls sideways at 390px (page 520px wide): table.list by 130px']);
    expect(judgeLayout({ ...wide, viewportWidth: 1366 }, 1366)).toEqual([]);
  });

  it('fails a box spilling out of its card at any width', () => {
    const spill = { ...layout, outOfCard: [{ element: 'span "长长的名字"', container: 'section.card', by: 12 }] };
    expect(judgeLayout(spill, 1366)).toEqual(['span "长长的名字" spills 12px out of its card section.card']);
  });
});
