// Writes alliances with their members, quality ratings (优质集团认定) and annual plans.
import { put, TableWriter, type LoadContext } from './bulk';
import { between, day, iso, schoolYearName, schoolYearOf, yearOf } from './calendar';
import type { Alliance, Sample } from './model';
import type { Rng } from './prng';

export interface AllianceCounts {
  alliances: number;
  alliance_members: number;
  alliance_quality_ratings: number;
  annual_plans: number;
}

export async function writeAlliances(ctx: LoadContext, rng: Rng, sample: Sample): Promise<AllianceCounts> {
  const alliances = new TableWriter(ctx, 'alliances', [
    'id', 'name', 'kind', 'modes', 'lead_school_id', 'lead_region_id', 'established_on', 'agreement_signed_on',
    'plan_filed_on', 'status', 'dissolved_on', 'notes',
  ]);
  const members = new TableWriter(ctx, 'alliance_members', ['id', 'alliance_id', 'school_id', 'region_id', 'role', 'joined_on', 'left_on']);
  const ratings = new TableWriter(ctx, 'alliance_quality_ratings', ['id', 'alliance_id', 'rating', 'year']);
  const plans = new TableWriter(ctx, 'annual_plans', ['id', 'alliance_id', 'school_year', 'filed_on']);
  const { today } = sample;
  const total = sample.alliances.length;
  let done = 0;
  for (const a of sample.alliances) {
    const agreement = rng.chance(0.92) ? a.established - rng.int(0, 20) : null;
    const planFiled = rng.chance(0.88) ? Math.min(today, a.established + rng.int(10, 60)) : null;
    await put(alliances, [
      a.id, a.name, a.kind, JSON.stringify(a.modes), a.lead?.id ?? null, a.leadRegion?.id ?? null, iso(a.established),
      agreement === null ? null : iso(agreement), planFiled === null ? null : iso(planFiled),
      a.dissolved === null ? 'active' : 'dissolved', a.dissolved === null ? null : iso(a.dissolved), a.notes,
    ]);
  }
  await alliances.flush();
  for (const a of sample.alliances) {
    for (const r of a.regions) {
      await put(members, [rng.uuid(), a.id, null, r.id, r === a.leadRegion ? 'lead' : 'member', iso(a.established), null]);
    }
    for (const m of a.members) {
      await put(members, [rng.uuid(), a.id, m.school.id, null, m.role, iso(m.joined), m.left === null ? null : iso(m.left)]);
    }
    for (const [rating, year] of qualityRatings(rng, a, today)) await put(ratings, [rng.uuid(), a.id, rating, year]);
    const lastYear = schoolYearOf(a.dissolved ?? today);
    for (let sy = schoolYearOf(a.established); sy <= lastYear; sy++) {
      const current = sy === schoolYearOf(today);
      if (!rng.chance(current ? 0.72 : a.lax ? 0.6 : 0.9)) continue;
      const filed = Math.max(a.established, day(sy, 9, 10) + rng.int(0, 70));
      if (filed > today) continue;
      await put(plans, [rng.uuid(), a.id, schoolYearName(sy), iso(filed)]);
    }
    done++;
    if (done % 200 === 0) ctx.progress('生成联盟', done, total);
  }
  for (const w of [members, ratings, plans]) await w.flush();
  ctx.progress('生成联盟', total, total);
  return {
    alliances: alliances.count,
    alliance_members: members.count,
    alliance_quality_ratings: ratings.count,
    annual_plans: plans.count,
  };
}

/** 市级优质集团 / 省级优质集团 / 省级培育对象 with the year granted (only after two years of work). */
function qualityRatings(rng: Rng, a: Alliance, today: number): [string, number][] {
  if (a.dissolved !== null || a.kind === 'county_alliance') return [];
  const first = yearOf(a.established) + 2;
  const last = yearOf(today) - (today < day(yearOf(today), 6, 30) ? 1 : 0);
  if (first > last) return [];
  const year = () => between(rng, first, last);
  const crossRegion = new Set(a.members.map((m) => m.school.county)).size > 1;
  if (a.home.area === 'jiangmen') {
    if (a.notes?.startsWith('“蓬—恩”') && crossRegion && rng.chance(0.4)) return [['province_cultivation', Math.max(first, Math.min(last, 2024))]];
    if (/范罗冈|农林/.test(a.name)) return [['city_quality', Math.min(last, 2023)]];
    return [];
  }
  if (a.notes === '义务教育优质教育集团，媒体集中采访对象') return [['city_quality', Math.max(first, last - 3)], ['province_quality', last]];
  if (a.kind === 'community' || a.kind === 'special_ed_alliance' || a.kind === 'featured_alliance') return [];
  const r = rng.next();
  if (a.home.area === 'henan') {
    if (r < 0.05) {
      const y = year();
      return y > first ? [['city_quality', between(rng, first, y - 1)], ['province_quality', y]] : [['province_quality', y]];
    }
    if (r < 0.15) return [['city_quality', year()]];
    if (r < 0.18) return [['province_cultivation', year()]];
    return [];
  }
  if (a.kind === 'education_group' && r < 0.3) return [['city_quality', year()]];
  return [];
}
