import { describe, expect, it } from 'vitest';
import { discriminatoryPhrase } from './discrimination.ts';

describe('discriminatoryPhrase', () => {
  it.each([
    ['招聘普工，限男性', '限男性'],
    ['仅招女性，手脚麻利', '仅招女性'],
    ['要求汉族，身体健康', '汉族'],
    ['男士优先', '男士优先'],
    ['女工勿扰', '女工勿扰'],
    ['不招女工', '不招女工'],
    ['谢绝回族', '谢绝回族'],
    ['少数民族勿扰', '少数民族勿扰'],
  ])('finds 「%s」', (text, phrase) => {
    expect(discriminatoryPhrase(text)).toBe(phrase);
  });

  it.each(['男女不限，包吃住', '民族不限', '欢迎建档立卡劳动力报名', '男女工均可', '女装车缝工'])(
    'leaves 「%s」 alone',
    (text) => {
      expect(discriminatoryPhrase(text)).toBeNull();
    },
  );
});
