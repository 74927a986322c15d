// Word pools for names of people, places and schools.
import type { Rng } from './prng';

const surnames: readonly (readonly [string, number])[] = (
  [
    ['王', 72], ['李', 72], ['张', 70], ['刘', 55], ['陈', 45], ['杨', 32], ['黄', 24], ['赵', 22],
    ['吴', 20], ['周', 20], ['徐', 16], ['孙', 16], ['马', 15], ['朱', 14], ['胡', 13], ['郭', 13],
    ['何', 12], ['高', 12], ['林', 11], ['罗', 10], ['郑', 10], ['梁', 9], ['谢', 8], ['宋', 8],
    ['唐', 8], ['许', 7], ['韩', 7], ['冯', 7], ['邓', 7], ['曹', 6], ['彭', 6], ['曾', 6],
    ['肖', 6], ['田', 6], ['董', 6], ['袁', 5], ['潘', 5], ['于', 5], ['蒋', 5], ['蔡', 5],
    ['余', 5], ['杜', 5], ['叶', 5], ['程', 5], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 4],
    ['任', 4], ['沈', 4], ['姚', 4], ['卢', 4], ['姜', 4], ['崔', 4], ['钟', 3], ['谭', 3],
    ['陆', 3], ['汪', 3], ['范', 3], ['金', 3], ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3],
    ['付', 3], ['方', 3], ['白', 3], ['邹', 2], ['孟', 2], ['熊', 2], ['秦', 2], ['邱', 2],
    ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2], ['侯', 2], ['龙', 2],
    ['史', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2], ['武', 2], ['冯', 1], ['向', 1],
  ] as const
).map(([s, w]) => [s, w] as const);

const givenChars =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚建国志文海红玉春晓燕丹华俊鹏宇博欣怡婷雪梅兰婧思佳瑞凯浩然涵雨嘉琳晨阳峰斌慧颖琴亮辉波振立新宏永庆荣秀英桂珍林青松彬鑫坤泽蕾薇璐悦颖萍莉倩茜卫东西亚楠凤云飞龙腾毅恒';

export function personName(rng: Rng): string {
  const s = rng.weighted(surnames);
  const n = rng.chance(0.7) ? 2 : 1;
  let g = '';
  for (let i = 0; i < n; i++) g += givenChars[Math.floor(rng.next() * givenChars.length)];
  return s + g;
}

const numerals = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 57 → 五十七 (up to 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return numerals[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : numerals[tens]}十${ones ? numerals[ones] : ''}`;
}

export const ordinal = (n: number) => `第${chineseNumber(n)}`;

export const commonRoads = [
  '人民路', '建设路', '解放路', '文化路', '中山路', '和平路', '新华路', '胜利路', '光明路', '友谊路',
  '育才路', '滨河路', '长安路', '红旗路', '黄河路', '东风路', '公园路', '英才路', '府前路', '学府路',
  '青年路', '团结路', '迎宾路', '朝阳路', '幸福路', '北环路', '南关路', '西关路', '东关路', '新兴路',
  '丰收路', '健康路', '民主路', '振兴路', '复兴路', '花园路', '锦绣路', '城东路', '城南路', '劳动路',
];

export const placeWords = [
  '明德', '育英', '启航', '博雅', '弘文', '求实', '崇文', '致远', '阳光', '春晖',
  '新城', '东城', '西城', '南苑', '北苑', '龙山', '凤鸣', '翠苑', '书院', '桥东',
];

const villageHeads = '王李张刘陈杨赵黄周吴孙马朱胡郭何高罗梁宋韩冯田董袁杜魏丁姚姜崔贾付白孟秦侯雷史段';
const villageTails = ['家村', '庄村', '河村', '沟村', '坪村', '塬村', '营村', '寨村', '楼村', '湾村', '店村', '堡村', '峪村', '岭村'];

export function villageName(rng: Rng): string {
  return villageHeads[Math.floor(rng.next() * villageHeads.length)]! + rng.pick(villageTails);
}

const townHeads = '李黄马刘张王赵孙高周吴郭何罗宋唐韩冯邓曹彭田袁潘蒋蔡杜程苏魏丁沈姚卢姜崔谭陆范石贾方白孟秦侯东西南北新大小白青石柳杨桑槐枣杏桃';
const townTails = [
  '集镇', '庄镇', '店镇', '桥镇', '营乡', '寨乡', '岗镇', '楼乡', '口镇', '屯乡', '坡乡', '湾镇', '铺镇', '寺镇', '庙乡', '河镇', '寨镇', '陵镇',
];

/** Towns of a county the sample has no real list for: 城关镇 plus plausible Henan-style names. */
export function genericTowns(rng: Rng, n: number): string[] {
  const out = new Set<string>(['城关镇']);
  while (out.size < n) {
    out.add(townHeads[Math.floor(rng.next() * townHeads.length)]! + rng.pick(townTails));
  }
  return [...out];
}

/** Streets (街道) of an urban district, named after its roads and neighbourhoods, plus a town or two. */
export function genericStreets(rng: Rng, roads: readonly string[]): string[] {
  const streets = rng.sample(roads, rng.int(4, 6)).map((r) => `${r.replace(/路$/, '')}街道`);
  const words = rng.sample(placeWords, 2).map((w) => `${w}街道`);
  return [...new Set([...streets, ...words, ...genericTowns(rng, rng.int(2, 3)).slice(1)])];
}

/** How a town reads inside a school name: 恩城街道 → 恩城, 双石铺镇 stays. */
export function townInName(town: string): string {
  return town.endsWith('街道') ? town.slice(0, -2) : town;
}

export const primarySubjects = ['语文', '数学', '英语', '道德与法治', '科学', '音乐', '美术', '体育与健康', '信息科技', '劳动'];
export const secondarySubjects = [
  '语文', '数学', '英语', '物理', '化学', '生物', '历史', '地理', '道德与法治', '体育与健康', '信息科技', '音乐', '美术',
];
export const kindergartenSubjects = ['健康', '语言', '社会', '科学', '艺术'];
export const specialSubjects = ['生活语文', '生活数学', '康复训练', '唱游与律动', '绘画与手工'];

export function subjectsFor(stage: string): readonly string[] {
  switch (stage) {
    case 'kindergarten':
      return kindergartenSubjects;
    case 'special':
      return specialSubjects;
    case 'primary':
      return primarySubjects;
    default:
      return secondarySubjects;
  }
}

export const gradesFor = (stage: string): readonly string[] =>
  stage === 'kindergarten'
    ? ['小班', '中班', '大班']
    : stage === 'primary'
      ? ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级']
      : stage === 'junior'
        ? ['七年级', '八年级', '九年级']
        : stage === 'senior' || stage === 'complete_secondary'
          ? ['高一', '高二', '高三']
          : ['三年级', '五年级', '七年级', '八年级', '九年级'];
