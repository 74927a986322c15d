// The alliances the seed articles describe: Baoji's six county alliances, its special
// education alliance, featured alliances and the 太白县 alliance; Jiangmen's 蓬江区–恩平市
// cross-region groups; Haining's twelve 1+X communities; Henan's groups named in the report.
import { day } from './calendar';
import type { AllianceBuilder } from './alliance-builder';
import { shortName } from './alliance-builder';
import type { County, Member, Sample, School } from './model';
import { henanNamedGroups, hainingCommunities } from './places';

const baojiPairs: readonly [string, string][] = [
  ['渭滨区', '凤县'],
  ['金台区', '陇县'],
  ['陈仓区', '千阳县'],
  ['高新区', '麟游县'],
  ['凤翔区', '岐山县'],
  ['眉县', '扶风县'],
];

export { baojiPairs };

export function seedAlliances(b: AllianceBuilder, sample: Pick<Sample, 'counties' | 'scale'>, taken: Set<School>): void {
  const { rng } = b;
  const byName = new Map<string, School>();
  for (const c of sample.counties) for (const s of c.schools) byName.set(s.name, s);
  const county = (name: string): County => sample.counties.find((c) => c.region.name === name)!;
  const school = (name: string): School | undefined => byName.get(name);
  const lead = (s: School) => {
    taken.add(s);
    return s;
  };
  const present = (names: string[]) => names.map(school).filter((s): s is School => s !== undefined);
  const cityScale = sample.scale !== 'county';

  // 县区联盟: members are the two counties; the first named is 主任县区.
  for (const [a, m] of baojiPairs) {
    const ca = county(a);
    const cm = county(m);
    const established = day(2019, 3, 12) + rng.int(0, 20);
    const strong = [...ca.schools].filter((s) => s.closedOn === null).sort((x, y) => y.strength - x.strength).slice(0, 4);
    const weak = [...cm.schools].filter((s) => s.closedOn === null).sort((x, y) => x.strength - y.strength).slice(0, 5);
    const pool: Member[] = [
      ...strong.map((s) => ({ school: s, role: 'lead' as const, joined: established, left: null })),
      ...weak.map((s) => ({ school: s, role: 'member' as const, joined: established, left: null })),
    ];
    b.add({
      name: `${a}与${m}县区联盟`,
      kind: 'county_alliance',
      modes: ['co_built', 'project'],
      lead: null,
      members: [],
      leadRegion: ca.region,
      regions: [ca.region, cm.region],
      pool,
      established,
      home: ca,
      seed: true,
      notes:
        a === '金台区'
          ? `主任县区：${a}。陇县城乡教育联盟连续多年被评为优秀县区联盟。`
          : `主任县区：${a}。下设股室、直属单位、基层学校二级合作机构。`,
    });
  }

  // 特殊教育联盟 around 宝鸡市特殊教育学校.
  const special = school('宝鸡市特殊教育学校');
  if (special) {
    const baoji = sample.counties.filter((c) => c.area === 'baoji');
    const members = baoji.flatMap((c) => c.schools.filter((s) => s.stage === 'special' && s !== special));
    if (cityScale) {
      const inclusive = baoji.flatMap((c) => c.schools.filter((s) => s.stage === 'primary' && s.locality === 'urban' && s.closedOn === null));
      members.push(...rng.sample(inclusive, 4));
    }
    b.add({
      name: '宝鸡市特殊教育联盟',
      kind: 'special_ed_alliance',
      modes: ['leading'],
      lead: lead(special),
      members,
      established: day(2018, 9, 20),
      home: county('金台区'),
      seed: true,
      notes: '以市特殊教育学校（指导中心）为龙头，县区特殊教育学校（资源中心）为骨干，随班就读普通中小学（资源教室）为依托。',
    });
  }

  // 特色联盟: 市直属学校 with 高新区 schools, close partnership with staff sent in.
  const featured: [string, string][] = [
    ['宝鸡市实验小学', '宝鸡市高新区第一小学'],
    ['宝鸡市实验幼儿园', '宝鸡市高新区第一幼儿园'],
    ['宝鸡市第一初级中学', '宝鸡市高新区第一初级中学'],
    ['宝鸡中学', '宝鸡市高新区高级中学'],
  ];
  for (const [l, m] of featured) {
    const ls = school(l);
    const ms = school(m);
    if (!ls || !ms) continue;
    b.add({
      name: `${ls.name}与${shortName(ms)}紧密型联盟`,
      kind: 'featured_alliance',
      modes: ['close'],
      lead: lead(ls),
      members: [ms],
      established: day(2020, 9, 1) + rng.int(0, 20),
      home: ls.county,
      seed: true,
      notes: `市直属学校抽调教学和管理团队${rng.int(5, 15)}人进驻联盟学校，合作办学。`,
    });
  }

  // 市直属学校与太白县对应学段学校组成的学校联盟.
  const shiyan = school('宝鸡市实验小学');
  const taibai = present(['太白县嘴头镇中心小学', '太白县桃川镇中心小学']);
  if (shiyan && taibai.length) {
    b.add({
      name: '宝鸡市直属学校与太白县学校联盟',
      kind: 'school_alliance',
      modes: ['leading'],
      lead: shiyan,
      members: taibai,
      established: day(2017, 9, 5),
      home: shiyan.county,
      seed: true,
    });
  }

  jiangmen(b, county('蓬江区'), county('恩平市'), school, lead);
  haining(b, county('海宁市'), lead);

  // Henan's groups named in the report (province scale only).
  for (const [groupName, , leadName, stage] of henanNamedGroups) {
    const ls = school(leadName);
    if (!ls) continue;
    const members = b.pickMembers(ls, [ls.county], rng.int(3, 5), taken);
    b.add({
      name: groupName,
      kind: groupName.endsWith('联盟') ? 'school_alliance' : 'education_group',
      modes: stage === 'junior' ? ['close', 'leading'] : ['close'],
      lead: lead(ls),
      members,
      established: day(rng.int(2016, 2019), 9, 1) + rng.int(0, 30),
      home: ls.county,
      seed: true,
      notes: '义务教育优质教育集团，媒体集中采访对象',
    });
  }
}

function jiangmen(
  b: AllianceBuilder,
  pengjiang: County,
  enping: County,
  school: (name: string) => School | undefined,
  lead: (s: School) => School,
): void {
  const { rng } = b;
  const groups: [string, string, string[], string[], number][] = [
    ['蓬江区紫茶小学教育集团', '江门市蓬江区紫茶小学', ['恩平市恩城中心小学（东安校区）'], ['close', 'leading'], day(2022, 5, 10)],
    ['蓬江区紫茶中学教育集团', '江门市蓬江区紫茶中学', ['恩平市恩城第二中学'], ['close'], day(2022, 5, 18)],
    ['蓬江区范罗冈小学教育集团', '江门市蓬江区范罗冈小学', ['恩平市大槐镇中心小学'], ['leading'], day(2022, 5, 10)],
    ['蓬江区农林小学教育集团', '江门市蓬江区农林小学', ['恩平市恩城第一小学'], ['leading'], day(2022, 5, 12)],
    ['江门市怡福中学教育集团', '江门市怡福中学', ['恩平市江洲中学'], ['leading'], day(2022, 6, 1)],
    ['江门市棠下中学—恩平市华侨中学县中托管帮扶集团', '江门市棠下中学', ['恩平市华侨中学'], ['entrusted'], day(2024, 3, 29)],
  ];
  for (const [name, leadName, memberNames, modes, established] of groups) {
    const ls = school(leadName);
    if (!ls) continue;
    const named = memberNames.map(school).filter((s): s is School => s !== undefined);
    const extra = ls.stage === 'senior' ? [] : b.pickMembers(ls, [enping], rng.int(0, 2), new Set([...named, ls]));
    b.add({
      name,
      kind: 'education_group',
      modes,
      lead: lead(ls),
      members: [...named, ...extra],
      established,
      home: pengjiang,
      seed: true,
      notes: '“蓬—恩”跨区域教育集团（2022年签订《蓬江—恩平教育协作共建框架协议》）',
    });
  }
  const pjSpecial = school('江门市蓬江区特殊教育学校');
  const epSpecial = school('恩平市特殊教育学校');
  if (pjSpecial && epSpecial) {
    b.add({
      name: '蓬江—恩平特殊教育发展共同体',
      kind: 'special_ed_alliance',
      modes: ['co_built'],
      lead: lead(pjSpecial),
      members: [epSpecial],
      established: day(2024, 3, 29),
      home: pengjiang,
      seed: true,
      notes: '2024年“蓬—恩”教育协作年度工作会议上揭牌',
    });
  }
}

function haining(b: AllianceBuilder, county: County, lead: (s: School) => School): void {
  const { rng } = b;
  const find = (n: { name: string; full?: boolean }) => county.schools.find((s) => s.name === (n.full ? n.name : county.prefix + n.name));
  hainingCommunities.forEach(([l, m], i) => {
    const ls = find(l);
    const ms = find(m);
    if (!ls || !ms) return;
    const extra = i === 0 ? county.schools.filter((s) => s.name === '海宁市袁花镇中心小学') : [];
    b.add({
      name: `${shortName(ls)}—${shortName(ms)}教共体`,
      kind: 'community',
      modes: i === 0 ? ['merged'] : ['co_built'],
      lead: lead(ls),
      members: [ms, ...extra],
      established: day(2021, 9, 1) + rng.int(0, 25),
      home: county,
      seed: true,
      notes: i === 0 ? '1+X 融合型教共体' : '1+X 共建型教共体：1所城区优质学校结对农村学校',
    });
  });
}
