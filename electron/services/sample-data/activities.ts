// The activity ledger: joint activities of every alliance term by term (a leadership
// visit or two per term, lax alliances falling short), their participating schools, and
// the character-level search index (db/search.ts) written in bulk alongside.
import { activitySearchText } from '../../../db/repositories/activity-rows';
import type { ActivityCategory } from '../../api/enums';
import { searchTokens } from '../../../db/search';
import {
  activityOutcome, activitySummary, activityTheme, activityTitle, categoryWeights, formsByCategory, participantsFor, visitTitles,
} from './activity-text';
import { put, TableWriter, type LoadContext } from './bulk';
import { iso, termsBetween, workdayBetween, type Term } from './calendar';
import type { Alliance, Member, Sample } from './model';
import { gradesFor, subjectsFor } from './names';
import type { Rng } from './prng';

export interface ActiveTerm {
  term: Term;
  /** Teaching days of the term inside the alliance's active window. */
  from: number;
  to: number;
  /** Share of the term's teaching weeks the alliance was active. */
  fraction: number;
}

/** The terms an alliance was active in, clipped to the ledger's history and today. */
export function activeTerms(a: Alliance, sample: Pick<Sample, 'historyStart' | 'today'>): ActiveTerm[] {
  const start = Math.max(a.established, sample.historyStart);
  const end = Math.min(a.dissolved ?? sample.today, sample.today);
  const out: ActiveTerm[] = [];
  if (end < start) return out;
  for (const term of termsBetween(start, end)) {
    const from = Math.max(term.teachFrom, start);
    const to = Math.min(term.teachTo, end);
    if (to < from) continue;
    out.push({ term, from, to, fraction: (to - from + 1) / (term.teachTo - term.teachFrom + 1) });
  }
  return out;
}

/** Members taking part on a day: joined and not yet left. */
export function activeOn(pool: Member[], date: number): Member[] {
  return pool.filter((m) => m.joined <= date && (m.left === null || m.left > date));
}

const LAX_MEAN = 1.3;

export interface ActivityCounts {
  activities: number;
  activity_schools: number;
  search_entries: number;
}

export async function writeActivities(ctx: LoadContext, rng: Rng, sample: Sample, target: number): Promise<ActivityCounts> {
  const pg = ctx.trx.client.config.client === 'pg';
  await ctx.drain();
  // A ledger whose activities keep the key of their search entry (search_key) gets it
  // written with the row; the trigger that would otherwise fill it then has nothing to do.
  const withKey = 'search_key' in (await ctx.trx('activities').columnInfo());
  const activities = new TableWriter(ctx, 'activities', [
    'id', 'alliance_id', 'date', 'category', 'form', 'title', 'host_school_id', 'participants', 'is_leadership_visit', 'is_online',
    'summary', 'outcome', 'notes', ...(withKey ? ['search_key'] : []),
  ]);
  const links = new TableWriter(ctx, 'activity_schools', ['id', 'activity_id', 'school_id']).after(activities);
  // Search entries follow their activities, so that anything keyed on the activity row finds it.
  const entries = (
    pg
      ? new TableWriter(ctx, 'search_entries', ['id', 'entity', 'record_id', 'body'], false, ['?', '?', '?', "to_tsvector('simple', ?)"])
      : new TableWriter(ctx, 'search_entries', ['id', 'entity', 'record_id'], false)
  ).after(activities);
  const fts = pg ? null : new TableWriter(ctx, 'search_fts', ['rowid', 'body'], false);
  const maxRow = (await ctx.trx('search_entries').max({ m: 'id' }).first()) as { m: number | string | null } | undefined;
  let key = Number(maxRow?.m ?? 0);

  // Scale activity rates so that the expected total meets the plan's size.
  const terms = new Map<Alliance, ActiveTerm[]>();
  let weight = 0;
  let laxExpected = 0;
  for (const a of sample.alliances) {
    const t = activeTerms(a, sample);
    terms.set(a, t);
    for (const x of t) {
      if (a.lax) laxExpected += LAX_MEAN * x.fraction;
      else weight += a.intensity * x.fraction;
    }
  }
  const rate = weight > 0 ? Math.max(2, (target - laxExpected) / weight) : 0;

  for (const a of sample.alliances) {
    const seen = new Set<string>();
    for (const at of terms.get(a) ?? []) {
      let visits: number;
      if (at.fraction >= 0.6) visits = a.lax ? rng.weighted<number>([[0, 5], [1, 5]]) : rng.weighted<number>([[0, 7], [1, 63], [2, 30]]);
      else visits = rng.chance(at.fraction) ? 1 : 0;
      const n = Math.max(visits, rng.poisson((a.lax ? LAX_MEAN : rate * a.intensity) * at.fraction));
      for (let i = 0; i < n; i++) {
        // A joint activity needs two schools active that day (a member may join late or leave).
        let date = workdayBetween(rng, at.from, at.to);
        let active = activeOn(a.pool, date);
        for (let retry = 0; active.length < 2 && retry < 5; retry++) {
          date = workdayBetween(rng, at.from, at.to);
          active = activeOn(a.pool, date);
        }
        if (active.length < 2) continue;
        const visit = i < visits;
        const leads = active.filter((m) => m.role === 'lead');
        const others = active.filter((m) => m.role !== 'lead');
        const hostFromLead = leads.length > 0 && (others.length === 0 || rng.chance(visit ? 0.5 : 0.55));
        const host = rng.pick(hostFromLead ? leads : others.length ? others : active).school;
        const k = Math.min(active.length, rng.weighted<number>([[2, 45], [3, 35], [4, 20]]));
        const rest = active.filter((m) => m.school !== host);
        // A leadership visit is between a lead school and a member school.
        const mustLead = visit && !hostFromLead && leads.length > 0 ? [rng.pick(leads).school] : [];
        const schools = [host, ...mustLead];
        for (const m of rng.sample(rest, k)) {
          if (schools.length >= k) break;
          if (!schools.includes(m.school)) schools.push(m.school);
        }
        const category: ActivityCategory = visit ? 'management' : rng.weighted(categoryWeights);
        const form = visit ? '互访' : rng.weighted(formsByCategory[category]);
        const subject = rng.pick(subjectsFor(host.stage));
        const grade = rng.pick(gradesFor(host.stage));
        let title = visit ? rng.pick(visitTitles) : activityTitle(rng, a.kind, category, { s: subject, g: grade, f: form });
        const day = iso(date);
        for (let j = 2; seen.has(`${day}|${title}`); j++) title = `${title.replace(/（第\d+场）$/, '')}（第${j}场）`;
        seen.add(`${day}|${title}`);
        const participants = participantsFor(rng, form);
        const online = form === '同步课堂' || form === '线上教研' || rng.chance(0.05);
        const theme = visit ? '管理互鉴与联盟工作推进' : activityTheme(rng, category);
        const summary = activitySummary(rng, category, { host: host.name, schools: schools.length, participants, theme, form });
        const outcome = activityOutcome(rng, category, subject);
        const id = rng.uuid();
        key++;
        const row: unknown[] = [
          id, a.id, day, category, form, title, host.id, participants, visit, online, summary, outcome,
          rng.chance(0.03) ? '附签到表及活动照片' : null,
        ];
        if (withKey) row.push(key);
        await put(activities, row);
        // activity_schools holds the other participating schools; the host is its own column.
        for (const s of schools.slice(1)) await put(links, [rng.uuid(), id, s.id]);
        // The same searchable text as an activity entered on screen.
        const text = activitySearchText({
          title, form, summary, outcome, allianceName: a.name, hostSchoolName: host.name, schoolNames: schools.slice(1).map((s) => s.name),
        });
        const body = searchTokens(text).join(' ');
        await put(entries, pg ? [key, 'activities', id, body] : [key, 'activities', id]);
        if (fts) await put(fts, [key, body]);
        if ((key & 1023) === 0) ctx.progress('生成交流活动', activities.count, target);
      }
    }
  }
  for (const w of [activities, links, entries, ...(fts ? [fts] : [])]) await w.flush();
  await ctx.drain();
  if (pg) await ctx.trx.raw("SELECT setval(pg_get_serial_sequence('search_entries', 'id'), GREATEST((SELECT MAX(id) FROM search_entries), 1))");
  ctx.progress('生成交流活动', activities.count, Math.max(target, activities.count));
  return { activities: activities.count, activity_schools: links.count, search_entries: entries.count };
}
