// Schools of every county: the ones the seed articles name, then plausible others
// (宝鸡市渭滨区清姜路小学, 凤县双石铺镇中心小学, 恩平市恩城第二中学, 海宁市海洲小学 …).
import type { Locality, Stage } from '../../api/enums';
import { put, TableWriter, type LoadContext } from './bulk';
import { day, iso, yearOf } from './calendar';
import type { County, School, Scale, ScalePlan } from './model';
import { commonRoads, ordinal, personName, placeWords, townInName, villageName } from './names';
import { areaCodes, haining, hainingCommunities, type NotableSchool } from './places';
import type { Rng } from './prng';

const stageWeights: readonly (readonly [Stage, number])[] = [
  ['primary', 48], ['junior', 17], ['nine_year', 11], ['kindergarten', 13], ['senior', 5], ['complete_secondary', 1], ['vocational', 1.5],
];

const studentRanges: Record<Stage, Record<Locality, [number, number]>> = {
  primary: { urban: [1200, 3200], town: [400, 1500], rural: [40, 400] },
  junior: { urban: [1000, 2800], town: [500, 1600], rural: [150, 600] },
  nine_year: { urban: [1200, 3000], town: [400, 1400], rural: [100, 600] },
  kindergarten: { urban: [250, 600], town: [120, 400], rural: [30, 150] },
  senior: { urban: [1800, 4200], town: [1200, 3000], rural: [800, 1500] },
  complete_secondary: { urban: [1200, 3000], town: [900, 2200], rural: [600, 1200] },
  twelve_year: { urban: [2000, 4000], town: [1500, 3000], rural: [800, 1500] },
  special: { urban: [80, 320], town: [50, 200], rural: [30, 120] },
  vocational: { urban: [900, 3000], town: [600, 2000], rural: [400, 1200] },
};

const pupilsPerTeacher: Record<Stage, number> = {
  primary: 17, junior: 13, nine_year: 14, kindergarten: 11, senior: 12.5, complete_secondary: 13,
  twelve_year: 13, special: 3.5, vocational: 18,
};

function urbanName(rng: Rng, county: County, stage: Stage): string {
  const roads = county.spec.roads ?? commonRoads;
  const road = () => rng.pick(roads);
  const place = () => rng.pick(placeWords);
  const nth = (max: number) => ordinal(rng.int(1, max));
  switch (stage) {
    case 'primary':
      return rng.weighted<() => string>([[() => `${road()}小学`, 4], [() => `${nth(20)}小学`, 3], [() => '实验小学', 1], [() => `${place()}小学`, 1.5]])();
    case 'junior':
      return rng.weighted<() => string>([[() => `${nth(25)}初级中学`, 3], [() => `${road()}中学`, 1], [() => '实验初级中学', 1], [() => `${place()}中学`, 1]])();
    case 'nine_year':
      return rng.weighted<() => string>([[() => `${place()}学校`, 2], [() => '实验学校', 1], [() => `${road()}学校`, 1]])();
    case 'kindergarten':
      return rng.weighted<() => string>([[() => `${nth(12)}幼儿园`, 2], [() => '实验幼儿园', 1], [() => `${road()}幼儿园`, 2], [() => '机关幼儿园', 1]])();
    case 'senior':
      return rng.weighted<() => string>([[() => `${nth(8)}高级中学`, 2], [() => `${nth(12)}中学`, 2], [() => '高级中学', 1]])();
    case 'vocational':
      return rng.pick(['职业教育中心', '职业技术学校', '中等专业学校']);
    case 'special':
      return '特殊教育学校';
    default:
      return `${nth(15)}中学`;
  }
}

function townName(rng: Rng, town: string, stage: Stage): string {
  const t = townInName(town);
  switch (stage) {
    case 'primary':
      return rng.weighted<string>([[`${t}中心小学`, 3], [`${t}第二小学`, 1], [`${t}小学`, 1], [`${t}第三小学`, 0.4]]);
    case 'junior':
      return rng.weighted<string>([[`${t}初级中学`, 2], [`${t}中学`, 2], [`${t}第二初级中学`, 0.5]]);
    case 'nine_year':
      return rng.pick([`${t}九年制学校`, `${t}学校`]);
    case 'kindergarten':
      return rng.weighted<string>([[`${t}中心幼儿园`, 3], [`${t}第二幼儿园`, 1]]);
    case 'senior':
      return `${t}高级中学`;
    case 'vocational':
      return `${t}职业技术学校`;
    default:
      return `${t}中学`;
  }
}

function ruralName(rng: Rng, town: string, stage: Stage): string {
  const t = townInName(town);
  const v = villageName(rng);
  switch (stage) {
    case 'primary':
      return rng.chance(0.8) ? `${t}${v}小学` : `${v}小学`;
    case 'junior':
      return `${t}${v}中学`;
    case 'nine_year':
      return `${t}${v}学校`;
    case 'kindergarten':
      return `${t}${v}幼儿园`;
    default:
      return townName(rng, town, stage);
  }
}

/** An earlier name: 撤乡建镇, 中学 → 初级中学, 学区中心小学, 完全小学 … */
function formerName(rng: Rng, name: string): string {
  if (name.includes('镇') && rng.chance(0.6)) return name.replace('镇', '乡');
  if (name.endsWith('初级中学')) return name.replace(/初级中学$/, '中学');
  if (name.endsWith('九年制学校')) return name.replace(/九年制学校$/, '中学');
  if (name.endsWith('中心小学')) return name.replace(/中心小学$/, '学区中心小学');
  if (name.endsWith('幼儿园')) return name.replace(/幼儿园$/, '托儿所');
  if (name.endsWith('小学')) return name.replace(/小学$/, '完全小学');
  if (name.endsWith('高级中学')) return name.replace(/高级中学$/, '中学');
  if (name.endsWith('中学')) return name.replace(/中学$/, '初级中学');
  if (name.endsWith('学校')) return name.replace(/学校$/, '中学');
  return name.replace(/(职业教育中心|职业技术学校|中等专业学校)$/, '职业中学');
}

interface Made {
  notable: boolean;
  spec: { name: string; stage: Stage; locality: Locality; weak?: boolean };
  /** The town or street the school stands in (the county seat for urban schools). */
  town?: string;
}

export interface SchoolWriteContext {
  ctx: LoadContext;
  rng: Rng;
  scale: Scale;
  today: number;
  historyStart: number;
  codes: Set<string>;
  writer: TableWriter;
}

async function makeCounty(w: SchoolWriteContext, county: County, target: number, notable: NotableSchool[]): Promise<void> {
  const { rng } = w;
  const names = new Set<string>();
  const made: Made[] = [];
  for (const n of notable) {
    if (n.cityScale && w.scale === 'county') continue;
    const full = n.full ? n.name : county.prefix + n.name;
    names.add(full);
    made.push({ notable: true, spec: { name: full, stage: n.stage, locality: n.locality, weak: n.weak } });
  }
  const towns = county.spec.towns;
  const localityWeights: [Locality, number][] = county.isDistrict ? [['urban', 80], ['town', 15], ['rural', 5]] : [['urban', 18], ['town', 37], ['rural', 45]];
  let vocational = false;
  while (made.length < target) {
    let stage = rng.weighted(stageWeights);
    if (stage === 'vocational' && vocational) stage = 'primary';
    if (stage === 'vocational') vocational = true;
    const locality = stage === 'senior' || stage === 'vocational' ? (rng.chance(0.7) ? 'urban' : 'town') : rng.weighted(localityWeights);
    let name = '';
    let town = '';
    for (let attempt = 0; attempt < 30; attempt++) {
      // Urban schools of a county stand in its seat (the first town listed); a district's anywhere.
      town = locality === 'urban' && !county.isDistrict ? towns[0]! : rng.pick(towns);
      const base = locality === 'urban' ? urbanName(rng, county, stage) : locality === 'town' ? townName(rng, town, stage) : ruralName(rng, town, stage);
      const candidate = county.prefix + base;
      if (!names.has(candidate)) {
        name = candidate;
        break;
      }
    }
    if (!name) continue;
    names.add(name);
    made.push({ notable: false, spec: { name, stage, locality }, town });
  }
  for (const m of made) await writeSchool(w, county, m);
}

async function writeSchool(w: SchoolWriteContext, county: County, m: Made): Promise<void> {
  const { rng } = w;
  const { stage, locality, name } = m.spec;
  const [lo, hi] = studentRanges[stage][locality];
  const students = rng.int(lo, hi);
  const teachers = Math.max(stage === 'special' ? 12 : 6, Math.round((students / pupilsPerTeacher[stage]) * (0.85 + rng.next() * 0.3)));
  const weak = m.spec.weak ?? rng.chance(locality === 'rural' ? 0.35 : locality === 'town' ? 0.12 : 0.04);
  const isNew = !m.notable && rng.chance(locality === 'urban' ? 0.08 : locality === 'town' ? 0.04 : 0.01);
  const thisYear = yearOf(w.today);
  const openedOn = isNew
    ? day(rng.int(thisYear - 4, thisYear - 1), 9, 1)
    : rng.chance(0.7)
      ? day(rng.int(1950, 2012), rng.pick([3, 9]), 1)
      : null;
  const closes = !m.notable && locality !== 'urban' && !isNew && rng.chance(0.012);
  const closedOn = closes ? day(rng.int(yearOf(w.historyStart) + 1, thisYear - 1), 7, 31) : null;
  const renamed = closes ? rng.chance(0.5) : !m.notable && rng.chance(0.03);
  const formerNames = renamed ? JSON.stringify([formerName(rng, name)]) : null;
  let code: string | null = null;
  if (rng.chance(0.92)) {
    const stem = `1${county.region.code ?? `${county.cityCode}99`}`;
    for (let attempt = 0; attempt < 50 && !code; attempt++) {
      const c = stem + String(rng.int(0, 999)).padStart(3, '0');
      if (!w.codes.has(c)) code = c;
    }
    if (code) w.codes.add(code);
  }
  const area = areaCodes[county.cityCode] ?? '0371';
  const phoneDigits = ['0371', '0379', '0573'].includes(area) ? 8 : 7;
  const phone = `${area}-${rng.int(2, 8)}${String(rng.int(0, 10 ** (phoneDigits - 1) - 1)).padStart(phoneDigits - 1, '0')}`;
  const town = m.town ?? (locality === 'urban' && !county.isDistrict ? county.spec.towns[0]! : rng.pick(county.spec.towns));
  const place = county.cityName === county.region.name ? county.cityName : county.cityName + county.region.name;
  const street = locality === 'rural' ? villageName(rng) : rng.pick(county.spec.roads ?? commonRoads);
  const address = `${place}${town}${street}${rng.int(1, 300)}号`;
  const notes = closedOn
    ? `${iso(closedOn)}撤并，学生并入${townInName(town)}中心学校`
    : weak && rng.chance(0.3)
      ? '薄弱学校，列为联盟重点帮扶对象'
      : null;
  const school: School = {
    id: rng.uuid(),
    name,
    county,
    stage,
    locality,
    weak,
    isNew,
    openedOn,
    closedOn,
    students,
    teachers,
    principal: personName(rng),
    strength: (locality === 'urban' ? 3 : locality === 'town' ? 1.5 : 0.3) * (weak ? 0.2 : 1) * Math.log(students) * (0.7 + rng.next() * 0.6),
    memberships: 0,
  };
  county.schools.push(school);
  await put(w.writer, [
    school.id, name, code, county.region.id, stage, locality, weak, isNew, students, teachers, school.principal, phone, address, notes,
    openedOn === null ? null : iso(openedOn), closedOn === null ? null : iso(closedOn), formerNames,
  ]);
}

/** Splits `total` schools among counties by weight (each gets at least its named schools). */
function allocate(total: number, counties: County[]): number[] {
  const sum = counties.reduce((a, c) => a + c.spec.weight, 0);
  return counties.map((c) => Math.max(3, Math.round((total * c.spec.weight) / sum)));
}

export async function loadSchools(w: SchoolWriteContext, counties: County[], plan: ScalePlan): Promise<School[]> {
  const areas = {
    baoji: counties.filter((c) => c.area === 'baoji'),
    pengjiang: counties.filter((c) => c.region.name === '蓬江区'),
    enping: counties.filter((c) => c.region.name === '恩平市'),
    haining: counties.filter((c) => c.area === 'haining'),
    henan: counties.filter((c) => c.area === 'henan'),
  };
  const targets = new Map<County, number>();
  const assign = (list: County[], total: number) => allocate(total, list).forEach((n, i) => targets.set(list[i]!, n));
  assign(areas.baoji, plan.baojiSchools);
  assign(areas.pengjiang, plan.pengjiangSchools);
  assign(areas.enping, plan.enpingSchools);
  assign(areas.haining, plan.hainingSchools);
  if (areas.henan.length) assign(areas.henan, plan.henanSchools);
  const total = [...targets.values()].reduce((a, b) => a + b, 0);
  let done = 0;
  for (const county of counties) {
    const notable = county.area === 'haining' ? [...(haining.notable ?? []), ...hainingCommunities.flat()] : (county.spec.notable ?? []);
    await makeCounty(w, county, targets.get(county) ?? 0, notable);
    done += county.schools.length;
    w.ctx.progress('生成学校', done, total);
  }
  await w.writer.flush();
  return counties.flatMap((c) => c.schools);
}
