// The rows of the reports bureaus hand upward, read page by page in SQL so that a
// province's year of activities (100,000+ rows) streams into the workbook in bounded
// memory. Ledger rows walk an index in (date, id) order with a keyset, never OFFSET.
import type { Knex } from 'knex';
import type { AllianceKind } from '../../electron/api/enums';
import { alliancesInRegion, inclusiveDaysSql, isPostgres, regionAndBelow } from './ledger-scope';

/** An activity's participating schools in one column, by name (one query per page, not two). */
function schoolNamesSql(db: Knex): string {
  const from = 'FROM activity_schools x JOIN schools sc ON sc.id = x.school_id WHERE x.activity_id = t.id AND x.deleted_at IS NULL';
  return isPostgres(db)
    ? `SELECT string_agg(sc.name, chr(1) ORDER BY sc.name) ${from}`
    : `SELECT group_concat(name, char(1)) FROM (SELECT sc.name ${from} ORDER BY sc.name)`;
}

export interface ReportFilter {
  from: string;
  to: string;
  /** The date counts (roster, overdue days) are taken at. */
  asOf: string;
  regionId?: string;
  allianceKind?: AllianceKind;
}

/** Where a keyset page starts: after this (sort key, id). */
export type After = [string, string] | null;

type Row = Record<string, unknown>;
const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface ActivityReportRow {
  id: string;
  date: string;
  allianceName: string;
  category: string;
  form: string | null;
  title: string;
  hostName: string | null;
  schools: string[];
  participants: number | null;
  leadershipVisit: boolean;
  outcome: string | null;
  notes: string | null;
}

export interface ExchangeReportRow {
  id: string;
  allianceName: string;
  teacherName: string;
  subject: string | null;
  fromName: string;
  toName: string;
  kind: string;
  startOn: string;
  endOn: string | null;
  days: number | null;
  hours: number | null;
  status: string;
}

export interface ExchangeSummaryRow {
  allianceName: string;
  /** People (distinct teachers) per exchange kind. */
  people: Record<string, number>;
  days: number;
  hours: number;
}

export interface ProblemReportRow {
  id: string;
  allianceName: string;
  schoolName: string | null;
  description: string;
  goal: string | null;
  measures: string | null;
  stageTasks: string | null;
  dueOn: string;
  owner: string;
  status: string;
  doneOn: string | null;
}

export interface SupervisionReportRow {
  supervisionId: string;
  date: string;
  kind: string;
  targetName: string | null;
  inspectors: string | null;
  findings: string | null;
  number: string | null;
  issuedOn: string | null;
  deadline: string | null;
  status: string | null;
  verifiedOn: string | null;
  interviews: string | null;
}

export interface RosterReportRow {
  allianceName: string;
  kind: string;
  modes: string[];
  leadName: string | null;
  memberName: string;
  countyName: string | null;
  stage: string | null;
  locality: string | null;
  joinedOn: string | null;
}

export function reportRepository(db: Knex) {
  /** Live alliances of the chosen kind with a member in the chosen region. */
  function scopeAlliances(q: Knex.QueryBuilder, f: ReportFilter, alias = 'a'): Knex.QueryBuilder {
    q.whereNull(`${alias}.deleted_at`);
    if (f.allianceKind) q.where(`${alias}.kind`, f.allianceKind);
    if (f.regionId) q.whereIn(`${alias}.id`, alliancesInRegion(db, f.regionId));
    return q;
  }

  function keyset(q: Knex.QueryBuilder, key: string, id: string, after: After): Knex.QueryBuilder {
    // Spelled out rather than as the row value (key, id) > (?, ?): SQLite does not seek an
    // index on a row value, so every page would scan from the start of the period again
    // (a 100,000-row export read its index ~50 times over); `key >= ?` is a seek.
    if (after) q.where(key, '>=', after[0]).where((w) => w.where(key, '>', after[0]).orWhere(id, '>', after[1]));
    return q.orderBy(key).orderBy(id);
  }

  async function count(q: Knex.QueryBuilder): Promise<number> {
    const [row] = await q.clone().clearSelect().clearOrder().count<{ c: number | string }[]>({ c: '*' });
    return Number(row?.c ?? 0);
  }

  const activities = (f: ReportFilter) =>
    scopeAlliances(
      db('activities as t').join('alliances as a', 'a.id', 't.alliance_id').whereNull('t.deleted_at').whereBetween('t.date', [f.from, f.to]),
      f,
    );

  // An exchange belongs to the period when it runs during any part of it.
  const exchanges = (f: ReportFilter) =>
    scopeAlliances(
      db('teacher_exchanges as x')
        .join('alliances as a', 'a.id', 'x.alliance_id')
        .whereNull('x.deleted_at')
        .where('x.start_on', '<=', f.to)
        .where((w) => w.whereNull('x.end_on').orWhere('x.end_on', '>=', f.from)),
      f,
    );

  // Problems due in the period, and earlier ones still open when it began.
  const problems = (f: ReportFilter) =>
    scopeAlliances(
      db('problems as p')
        .join('alliances as a', 'a.id', 'p.alliance_id')
        .whereNull('p.deleted_at')
        .where('p.due_on', '<=', f.to)
        .where((w) =>
          w
            .where('p.due_on', '>=', f.from)
            .orWhereNot('p.status', 'done')
            .orWhere('p.done_on', '>=', f.from),
        ),
      f,
    );

  const supervisions = (f: ReportFilter) => {
    const q = db('supervisions as v')
      .leftJoin('alliances as a', 'a.id', 'v.target_alliance_id')
      .leftJoin('schools as ts', 'ts.id', 'v.target_school_id')
      .leftJoin('regions as tr', 'tr.id', 'v.target_region_id')
      .leftJoin('rectifications as r', (j) => j.on('r.supervision_id', 'v.id').andOnNull('r.deleted_at'))
      .whereNull('v.deleted_at')
      .whereBetween('v.date', [f.from, f.to])
      // A supervision of a deleted alliance went with it.
      .where((w) => w.whereNull('v.target_alliance_id').orWhereNull('a.deleted_at'));
    if (f.allianceKind) q.where('a.kind', f.allianceKind);
    if (f.regionId) {
      const regionId = f.regionId;
      q.where((w) =>
        w
          .whereIn('v.target_alliance_id', alliancesInRegion(db, regionId))
          .orWhereIn('ts.region_id', regionAndBelow(db, regionId))
          .orWhereIn('v.target_region_id', regionAndBelow(db, regionId)),
      );
    }
    return q;
  };

  // Members on the date, of alliances active on it.
  const roster = (f: ReportFilter) =>
    scopeAlliances(
      db('alliance_members as m')
        .join('alliances as a', 'a.id', 'm.alliance_id')
        .leftJoin('schools as ms', 'ms.id', 'm.school_id')
        .leftJoin('regions as mr', 'mr.id', db.raw('COALESCE(ms.region_id, m.region_id)'))
        .whereNull('m.deleted_at')
        .where((w) => w.whereNull('m.joined_on').orWhere('m.joined_on', '<=', f.asOf))
        .where((w) => w.whereNull('m.left_on').orWhere('m.left_on', '>', f.asOf))
        .where((w) => w.whereNull('a.established_on').orWhere('a.established_on', '<=', f.asOf))
        .whereNot((w) => w.where('a.status', 'dissolved').where((d) => d.whereNull('a.dissolved_on').orWhere('a.dissolved_on', '<=', f.asOf))),
      f,
    );

  return {
    countActivities: (f: ReportFilter) => count(activities(f)),

    async activitiesPage(f: ReportFilter, after: After, limit: number): Promise<ActivityReportRow[]> {
      const rows = (await keyset(activities(f), 't.date', 't.id', after)
        .leftJoin('schools as h', 'h.id', 't.host_school_id')
        .limit(limit)
        .select(
          't.id',
          't.date',
          'a.name as alliance_name',
          't.category',
          't.form',
          't.title',
          'h.name as host_name',
          't.participants',
          't.is_leadership_visit',
          't.outcome',
          't.notes',
          db.raw(`(${schoolNamesSql(db)}) AS school_names`),
        )) as Row[];
      return rows.map((r) => ({
        id: String(r.id),
        date: String(r.date),
        allianceName: String(r.alliance_name),
        category: String(r.category),
        form: s(r.form),
        title: String(r.title),
        hostName: s(r.host_name),
        schools: r.school_names ? String(r.school_names).split('\u0001') : [],
        participants: n(r.participants),
        leadershipVisit: Boolean(Number(r.is_leadership_visit)),
        outcome: s(r.outcome),
        notes: s(r.notes),
      }));
    },

    countExchanges: (f: ReportFilter) => count(exchanges(f)),

    async exchangesPage(f: ReportFilter, after: After, limit: number): Promise<ExchangeReportRow[]> {
      const rows = (await keyset(exchanges(f), 'x.start_on', 'x.id', after)
        .join('schools as fs', 'fs.id', 'x.from_school_id')
        .join('schools as ts', 'ts.id', 'x.to_school_id')
        .limit(limit)
        .select(
          'x.*',
          'a.name as alliance_name',
          'fs.name as from_name',
          'ts.name as to_name',
          db.raw(`CASE WHEN x.end_on IS NULL THEN NULL ELSE ${inclusiveDaysSql(db, 'x.start_on', 'x.end_on')} END AS days`),
        )) as Row[];
      return rows.map((r) => ({
        id: String(r.id),
        allianceName: String(r.alliance_name),
        teacherName: String(r.teacher_name),
        subject: s(r.subject),
        fromName: String(r.from_name),
        toName: String(r.to_name),
        kind: String(r.kind),
        startOn: String(r.start_on),
        endOn: s(r.end_on),
        days: n(r.days),
        hours: n(r.hours),
        status: String(r.status),
      }));
    },

    /** One row per alliance with exchanges in the period (at most a few thousand). */
    async exchangeSummary(f: ReportFilter): Promise<ExchangeSummaryRow[]> {
      const days = `CASE WHEN x.end_on IS NULL THEN 0 ELSE ${inclusiveDaysSql(db, 'x.start_on', 'x.end_on')} END`;
      const rows = (await exchanges(f)
        .groupBy('a.id', 'a.name', 'x.kind')
        .orderBy('a.name')
        .orderBy('a.id')
        .select(
          'a.id',
          'a.name',
          'x.kind',
          db.raw('COUNT(DISTINCT x.teacher_name) AS people'),
          db.raw(`SUM(${days}) AS days`),
          db.raw('COALESCE(SUM(x.hours), 0) AS hours'),
        )) as Row[];
      const out = new Map<string, ExchangeSummaryRow>();
      for (const r of rows) {
        const key = String(r.id);
        const row = out.get(key) ?? { allianceName: String(r.name), people: {}, days: 0, hours: 0 };
        row.people[String(r.kind)] = Number(r.people);
        row.days += Number(r.days ?? 0);
        row.hours += Number(r.hours ?? 0);
        out.set(key, row);
      }
      return [...out.values()];
    },

    countProblems: (f: ReportFilter) => count(problems(f)),

    async problemsPage(f: ReportFilter, after: After, limit: number): Promise<ProblemReportRow[]> {
      const rows = (await keyset(problems(f), 'p.due_on', 'p.id', after)
        .leftJoin('schools as ps', 'ps.id', 'p.school_id')
        .limit(limit)
        .select('p.*', 'a.name as alliance_name', 'ps.name as school_name')) as Row[];
      return rows.map((r) => ({
        id: String(r.id),
        allianceName: String(r.alliance_name),
        schoolName: s(r.school_name),
        description: String(r.description),
        goal: s(r.goal),
        measures: s(r.measures),
        stageTasks: s(r.stage_tasks),
        dueOn: String(r.due_on),
        owner: String(r.owner),
        status: String(r.status),
        doneOn: s(r.done_on),
      }));
    },

    countSupervisions: (f: ReportFilter) => count(supervisions(f)),

    /** A supervision with each of its notices (or once, without one); few per year, so paged by offset. */
    async supervisionsPage(f: ReportFilter, offset: number, limit: number): Promise<SupervisionReportRow[]> {
      const rows = (await supervisions(f)
        .orderBy('v.date')
        .orderBy('v.id')
        .orderBy('r.issued_on')
        .orderBy('r.id')
        .offset(offset)
        .limit(limit)
        .select(
          'v.id as supervision_id',
          'v.date',
          'v.kind',
          'v.inspectors',
          'v.findings',
          db.raw('COALESCE(a.name, ts.name, tr.name) AS target_name'),
          'r.number',
          'r.issued_on',
          'r.deadline',
          'r.status',
          'r.verified_on',
        )) as Row[];
      const ids = [...new Set(rows.map((r) => String(r.supervision_id)))];
      const talks = new Map<string, string[]>();
      if (ids.length) {
        const found = (await db('interviews')
          .whereIn('supervision_id', ids)
          .whereNull('deleted_at')
          .orderBy('date')
          .select('supervision_id', 'date', 'interviewees')) as Row[];
        for (const t of found) {
          const list = talks.get(String(t.supervision_id)) ?? [];
          list.push(`${String(t.date)} 约谈${String(t.interviewees)}`);
          talks.set(String(t.supervision_id), list);
        }
      }
      return rows.map((r) => ({
        supervisionId: String(r.supervision_id),
        date: String(r.date),
        kind: String(r.kind),
        targetName: s(r.target_name),
        inspectors: s(r.inspectors),
        findings: s(r.findings),
        number: s(r.number),
        issuedOn: s(r.issued_on),
        deadline: s(r.deadline),
        status: s(r.status),
        verifiedOn: s(r.verified_on),
        interviews: talks.get(String(r.supervision_id))?.join('；') ?? null,
      }));
    },

    countRoster: (f: ReportFilter) => count(roster(f)),

    /** Members by alliance, the lead first; a roster is tens of thousands of rows at most. */
    async rosterPage(f: ReportFilter, offset: number, limit: number): Promise<RosterReportRow[]> {
      const rows = (await roster(f)
        .leftJoin('schools as ls', 'ls.id', 'a.lead_school_id')
        .leftJoin('regions as lr', 'lr.id', 'a.lead_region_id')
        .orderBy('a.name')
        .orderBy('a.id')
        .orderByRaw("CASE WHEN m.role = 'lead' THEN 0 ELSE 1 END")
        .orderBy('mr.name')
        .orderBy('m.id')
        .offset(offset)
        .limit(limit)
        .select(
          'a.name as alliance_name',
          'a.kind',
          'a.modes',
          db.raw('COALESCE(ls.name, lr.name) AS lead_name'),
          db.raw('COALESCE(ms.name, mr.name) AS member_name'),
          'mr.name as county_name',
          'ms.stage',
          'ms.locality',
          'm.joined_on',
        )) as Row[];
      return rows.map((r) => ({
        allianceName: String(r.alliance_name),
        kind: String(r.kind),
        modes: r.modes ? (JSON.parse(String(r.modes)) as string[]) : [],
        leadName: s(r.lead_name),
        memberName: String(r.member_name ?? ''),
        countyName: s(r.county_name),
        stage: s(r.stage),
        locality: s(r.locality),
        joinedOn: s(r.joined_on),
      }));
    },

    /** Kind and lead school of alliances, for the evaluation summary. */
    async alliancesByIds(ids: string[]): Promise<Map<string, { kind: string; leadName: string | null }>> {
      const out = new Map<string, { kind: string; leadName: string | null }>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = (await db('alliances as a')
          .leftJoin('schools as ls', 'ls.id', 'a.lead_school_id')
          .leftJoin('regions as lr', 'lr.id', 'a.lead_region_id')
          .whereIn('a.id', ids.slice(i, i + 500))
          .select('a.id', 'a.kind', db.raw('COALESCE(ls.name, lr.name) AS lead_name'))) as Row[];
        for (const r of rows) out.set(String(r.id), { kind: String(r.kind), leadName: s(r.lead_name) });
      }
      return out;
    },
  };
}
