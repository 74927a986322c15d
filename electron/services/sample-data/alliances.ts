// The bulk of the alliances: Baoji's county-run school alliances (some across the counties
// of a county alliance), Jiangmen's other groups, and Henan's education groups.
import type { AllianceKind } from '../../api/enums';
import { AllianceBuilder, shortName } from './alliance-builder';
import { yearOf } from './calendar';
import type { Alliance, County, Sample, ScalePlan, School } from './model';
import type { Rng } from './prng';
import { baojiPairs, seedAlliances } from './seed-alliances';

const baojiYears: [number, number][] = [
  [2016, 1], [2017, 2], [2018, 3], [2019, 3], [2020, 2], [2021, 2], [2022, 1.5], [2023, 1.5], [2024, 1], [2025, 0.5],
];
const henanYears: [number, number][] = [
  [2016, 1.5], [2017, 2], [2018, 2.5], [2019, 2], [2020, 1.5], [2021, 1.5], [2022, 1.5], [2023, 2], [2024, 3], [2025, 1],
];

function upTo(years: [number, number][], today: number): [number, number][] {
  const y = yearOf(today);
  const kept = years.filter(([year]) => year <= y);
  return kept.length ? kept : [[y, 1]];
}

/** Splits n groups among counties by their number of open schools. */
function perCounty(n: number, counties: County[]): Map<County, number> {
  const open = counties.map((c) => c.schools.filter((s) => s.closedOn === null).length);
  const total = open.reduce((a, b) => a + b, 0) || 1;
  const out = new Map<County, number>();
  let assigned = 0;
  counties.forEach((c, i) => {
    const k = i === counties.length - 1 ? Math.max(0, n - assigned) : Math.round((n * open[i]!) / total);
    out.set(c, k);
    assigned += k;
  });
  return out;
}

export function buildAlliances(rng: Rng, sample: Sample, plan: ScalePlan): Alliance[] {
  const b = new AllianceBuilder(rng, sample.today);
  const taken = new Set<School>();
  seedAlliances(b, sample, taken);
  const byName = (name: string) => sample.counties.find((c) => c.region.name === name);

  // Baoji: county-run school alliances, about one in five across a county-alliance pair.
  const baoji = sample.counties.filter((c) => c.area === 'baoji');
  const partner = new Map<County, County>();
  for (const [a, m] of baojiPairs) partner.set(byName(a)!, byName(m)!);
  for (const [county, n] of perCounty(plan.baojiAlliances, baoji)) {
    for (const lead of b.leadCandidates(county, n, taken)) {
      const other = partner.get(county);
      const cross = other !== undefined && rng.chance(0.22);
      const group = rng.chance(sample.scale === 'county' ? 0.05 : 0.09);
      const kind: AllianceKind = group ? 'education_group' : 'school_alliance';
      const k = rng.weighted<number>([[1, 25], [2, 35], [3, 25], [4, 15]]);
      const members = b.pickMembers(lead, cross ? [other] : [county], k, taken);
      if (cross && rng.chance(0.4)) members.push(...b.pickMembers(lead, [county], 1, new Set([...taken, ...members])));
      if (members.length === 0) continue;
      taken.add(lead);
      b.add({
        name: `${lead.name}${group ? '教育集团' : '城乡教育联盟'}`,
        kind,
        modes: b.modesFor(kind),
        lead,
        members,
        established: b.establishedIn(upTo(baojiYears, sample.today)),
        home: county,
        notes: cross ? `跨县区学校联盟（${county.region.name}—${other.region.name}县区联盟框架内）` : null,
      });
    }
  }

  // Jiangmen: more 蓬江区 groups with members in 恩平市 (18 cross-region in all), and groups inside each.
  const pengjiang = byName('蓬江区')!;
  const enping = byName('恩平市')!;
  const seedCount = b.alliances.filter((a) => a.home === pengjiang).length;
  const generic = Math.max(0, plan.jiangmenGroups - seedCount);
  const crossTarget = Math.min(generic, 18 - 6);
  for (let i = 0; i < generic; i++) {
    const cross = i < crossTarget;
    const home = cross || i % 2 === 0 ? pengjiang : enping;
    const lead = b.leadCandidates(home, 1, taken)[0];
    if (!lead) continue;
    const members = b.pickMembers(lead, [cross ? enping : home], rng.int(1, 3), taken);
    if (members.length === 0) continue;
    taken.add(lead);
    b.add({
      name: `${shortName(lead)}教育集团`,
      kind: 'education_group',
      modes: b.modesFor('education_group'),
      lead,
      members,
      established: cross ? b.establishedIn([[2022, 3], [2023, 1]]) : b.establishedIn(upTo([[2019, 1], [2020, 1], [2021, 2], [2022, 2], [2023, 1], [2024, 1]], sample.today)),
      home,
      notes: cross ? '“蓬—恩”跨区域教育集团' : null,
    });
  }

  // Henan: education groups in every county, a few reaching into a neighbouring county.
  const henan = sample.counties.filter((c) => c.area === 'henan');
  const named = b.alliances.filter((a) => a.home.area === 'henan').length;
  const byCity = new Map<string, County[]>();
  for (const c of henan) byCity.set(c.cityCode, [...(byCity.get(c.cityCode) ?? []), c]);
  for (const [county, n] of perCounty(Math.max(0, plan.henanGroups - named), henan)) {
    for (const lead of b.leadCandidates(county, Math.min(n, Math.floor(county.schools.length * 0.4)), taken)) {
      const kind = rng.weighted<AllianceKind>([['education_group', 75], ['school_alliance', 15], ['community', 10]]);
      const k = rng.weighted<number>([[1, 30], [2, 35], [3, 20], [4, 10], [5, 5]]);
      const neighbours = (byCity.get(county.cityCode) ?? []).filter((c) => c !== county);
      const cross = neighbours.length > 0 && rng.chance(0.04);
      const from = cross ? [county, rng.pick(neighbours)] : [county];
      const members = b.pickMembers(lead, from, k, taken);
      if (members.length === 0) continue;
      taken.add(lead);
      const suffix = kind === 'education_group' ? '教育集团' : kind === 'community' ? '教育共同体' : '教育联盟';
      b.add({
        name: `${lead.name}${suffix}`,
        kind,
        modes: b.modesFor(kind),
        lead,
        members,
        established: b.establishedIn(upTo(henanYears, sample.today)),
        home: county,
        notes: rng.chance(0.1) ? rng.pick(['名校+薄弱校', '名校+乡村校', '名校+新建校']) : null,
      });
    }
  }
  return b.alliances;
}
