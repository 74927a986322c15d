// What the reminder engine needs for a day, fetched with a handful of narrow queries
// (aggregates for the term quotas — activity rows are counted in SQL, never loaded), plus
// the clerk's decisions (reminder_states) and hand-written reminders (manual_reminders).
import type { Knex } from 'knex';
import { notFound } from '../../electron/api/errors';
import type { ManualReminder, ManualReminderDraft } from '../../electron/api/reminders';
import type { Settings } from '../../electron/api/settings';
import { addDays, reminderPeriods, type AllianceRef, type ReminderFacts } from '../../electron/services/reminders/compute';
import { insertRecord, softDeleteRecord, updateRecord, type WriteContext } from '../records';

type ReminderSettings = Pick<Settings, 'terms' | 'annualPlanDue' | 'evaluationDeadline' | 'reminderRules'>;

export interface StoredReminderState {
  key: string;
  state: 'done' | 'snoozed';
  snoozedUntil: string | null;
  note: string | null;
}

const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Alliances that are live and were active at some point in [from, to]. */
function activeDuring(q: Knex.QueryBuilder, from: string, to: string) {
  return q
    .whereNull('a.deleted_at')
    .where((w) => w.whereNull('a.established_on').orWhere('a.established_on', '<=', to))
    .where((w) => w.where((x) => x.whereNull('a.dissolved_on').where('a.status', 'active')).orWhere('a.dissolved_on', '>=', from));
}

/** Alliances that are live and running now. */
function activeNow(q: Knex.QueryBuilder) {
  return q.whereNull('a.deleted_at').where('a.status', 'active').whereNull('a.dissolved_on');
}

const allianceRef = (r: Record<string, unknown>): AllianceRef => ({ allianceId: String(r.id), allianceName: String(r.name) });

export async function gatherReminderFacts(db: Knex, today: string, settings: ReminderSettings): Promise<ReminderFacts> {
  const rules = settings.reminderRules;
  const periods = reminderPeriods(today, settings);

  const problems = rules.deadlineProblem.enabled
    ? await db('problems as p')
        .join('alliances as a', 'a.id', 'p.alliance_id')
        .whereNull('p.deleted_at')
        .whereNull('a.deleted_at')
        .whereNot('p.status', 'done')
        .where('p.due_on', '<=', addDays(today, rules.deadlineProblem.days))
        .select('p.id', 'p.description', 'p.due_on', 'p.owner', 'a.id as alliance_id', 'a.name as alliance_name')
    : [];

  const rectifications = rules.deadlineRectification.enabled
    ? await db('rectifications as r')
        .join('supervisions as s', 's.id', 'r.supervision_id')
        .leftJoin('alliances as a', 'a.id', 's.target_alliance_id')
        .whereNull('r.deleted_at')
        .whereNull('s.deleted_at')
        // A supervision of a deleted alliance raises nothing.
        .where((w) => w.whereNull('s.target_alliance_id').orWhereNull('a.deleted_at'))
        .whereNot('r.status', 'verified')
        .whereNull('r.verified_on')
        .where((w) =>
          w
            .where('r.status', 'reported')
            .orWhereNotNull('r.reported_on')
            .orWhere('r.deadline', '<=', addDays(today, rules.deadlineRectification.days)),
        )
        .select('r.id', 'r.supervision_id', 'r.number', 'r.deadline', 'r.status', 'r.reported_on', 'a.id as alliance_id', 'a.name as alliance_name')
    : [];

  const quotaTerms: ReminderFacts['quotaTerms'] = [];
  for (const t of periods.quotaTerms) {
    const rows = await activeDuring(
      db('alliances as a').leftJoin('activities as act', (j) =>
        j
          .on('act.alliance_id', 'a.id')
          .andOnNull('act.deleted_at')
          .andOnBetween('act.date', [t.from, t.to]),
      ),
      t.from,
      t.to,
    )
      .groupBy('a.id', 'a.name')
      .select(
        'a.id',
        'a.name',
        db.raw('COUNT(act.id) as activities'),
        db.raw('COALESCE(SUM(CASE WHEN act.is_leadership_visit THEN 1 ELSE 0 END), 0) as visits'),
      )
      .havingRaw('COUNT(act.id) < ? OR COALESCE(SUM(CASE WHEN act.is_leadership_visit THEN 1 ELSE 0 END), 0) < ?', [
        rules.quotas.activitiesPerTerm,
        rules.quotas.visitsPerTerm,
      ]);
    quotaTerms.push({
      ...t,
      counts: (rows as Record<string, unknown>[]).map((r) => ({
        ...allianceRef(r),
        activities: Number(r.activities),
        visits: Number(r.visits),
      })),
    });
  }

  let cooperationGaps: ReminderFacts['cooperationGaps'] = null;
  if (periods.cooperationYear !== null) {
    const year = periods.cooperationYear;
    const rows = await activeNow(db('alliances as a'))
      .where((w) => w.whereNull('a.established_on').orWhere('a.established_on', '<=', `${year}-12-31`))
      .whereNotExists(
        db('cooperation_projects as p').whereRaw('p.alliance_id = a.id').where('p.year', year).whereNull('p.deleted_at').select(db.raw('1')),
      )
      .select('a.id', 'a.name');
    cooperationGaps = { year, alliances: (rows as Record<string, unknown>[]).map(allianceRef) };
  }

  const unfiledImplementationPlans = rules.implementationPlan.enabled
    ? (
        (await activeNow(db('alliances as a'))
          .whereNull('a.plan_filed_on')
          .whereNotNull('a.established_on')
          .where('a.established_on', '<', addDays(today, -rules.implementationPlan.days))
          .select('a.id', 'a.name', 'a.established_on')) as Record<string, unknown>[]
      ).map((r) => ({ ...allianceRef(r), establishedOn: String(r.established_on) }))
    : [];

  let unfiledAnnualPlans: ReminderFacts['unfiledAnnualPlans'] = null;
  if (periods.annualPlan && addDays(today, rules.annualPlan.days) >= periods.annualPlan.dueOn) {
    const { schoolYear, dueOn } = periods.annualPlan;
    const rows = await activeNow(db('alliances as a'))
      .where((w) => w.whereNull('a.established_on').orWhere('a.established_on', '<=', dueOn))
      .whereNotExists(
        db('annual_plans as p')
          .whereRaw('p.alliance_id = a.id')
          .where('p.school_year', schoolYear)
          .whereNull('p.deleted_at')
          .whereNotNull('p.filed_on')
          .select(db.raw('1')),
      )
      .select('a.id', 'a.name');
    unfiledAnnualPlans = { schoolYear, dueOn, alliances: (rows as Record<string, unknown>[]).map(allianceRef) };
  }

  let evaluationDrafts: ReminderFacts['evaluationDrafts'] = [];
  if (rules.evaluationDraft.enabled) {
    // The deadline of year Y is Y-MM-DD; a draft of year Y is due when that day is within N days.
    const latestYear = Number(addDays(today, rules.evaluationDraft.days).slice(0, 4));
    const rows = (await db('evaluations as e')
      .leftJoin('alliances as a', 'a.id', 'e.target_alliance_id')
      .leftJoin('schools as sc', 'sc.id', 'e.target_school_id')
      .whereNull('e.deleted_at')
      .where('e.status', 'draft')
      .where('e.year', '<=', latestYear)
      .where((w) => w.whereNull('e.target_alliance_id').orWhereNull('a.deleted_at'))
      .where((w) => w.whereNull('e.target_school_id').orWhereNull('sc.deleted_at'))
      .select('e.id', 'e.year', 'a.id as alliance_id', 'a.name as alliance_name', 'sc.name as school_name')) as Record<string, unknown>[];
    evaluationDrafts = rows.map((r) => ({
      id: String(r.id),
      year: Number(r.year),
      deadline: `${Number(r.year)}-${settings.evaluationDeadline}`,
      allianceId: s(r.alliance_id),
      allianceName: s(r.alliance_name),
      targetName: s(r.alliance_name) ?? s(r.school_name) ?? '',
    }));
  }

  const manual = rules.manual.enabled
    ? ((await db('manual_reminders').whereNull('deleted_at').select('id', 'title', 'due_on')) as Record<string, unknown>[]).map((r) => ({
        id: String(r.id),
        title: String(r.title),
        dueOn: String(r.due_on),
      }))
    : [];

  return {
    problems: (problems as Record<string, unknown>[]).map((r) => ({
      id: String(r.id),
      description: String(r.description),
      dueOn: String(r.due_on),
      owner: String(r.owner),
      allianceId: String(r.alliance_id),
      allianceName: String(r.alliance_name),
    })),
    rectifications: (rectifications as Record<string, unknown>[]).map((r) => ({
      id: String(r.id),
      supervisionId: String(r.supervision_id),
      number: String(r.number),
      deadline: String(r.deadline),
      status: String(r.status),
      reportedOn: s(r.reported_on),
      allianceId: s(r.alliance_id),
      allianceName: s(r.alliance_name),
    })),
    quotaTerms,
    cooperationGaps,
    unfiledImplementationPlans,
    unfiledAnnualPlans,
    evaluationDrafts,
    manual,
  };
}

export function reminderStateRepository(db: Knex) {
  return {
    /** The clerk's decisions about these keys (live rows only). */
    async forKeys(keys: string[]): Promise<Map<string, StoredReminderState>> {
      const out = new Map<string, StoredReminderState>();
      for (let i = 0; i < keys.length; i += 500) {
        const rows = (await db('reminder_states')
          .whereNull('deleted_at')
          .whereIn('key', keys.slice(i, i + 500))
          .select('key', 'state', 'snoozed_until', 'note')) as Record<string, unknown>[];
        for (const r of rows) {
          out.set(String(r.key), {
            key: String(r.key),
            state: r.state === 'snoozed' ? 'snoozed' : 'done',
            snoozedUntil: s(r.snoozed_until),
            note: s(r.note),
          });
        }
      }
      return out;
    },

    async set(trx: Knex, key: string, change: { state: 'done' | 'snoozed'; snoozedUntil: string | null; note?: string | null }, ctx: WriteContext) {
      const values = { state: change.state, snoozed_until: change.snoozedUntil, ...(change.note !== undefined ? { note: change.note } : {}) };
      const existing = await trx('reminder_states').where({ key }).whereNull('deleted_at').first('id');
      if (existing) await updateRecord(trx, 'reminder_states', String(existing.id), values, ctx);
      else await insertRecord(trx, 'reminder_states', { key, note: null, ...values }, ctx);
    },

    async clear(trx: Knex, key: string, ctx: WriteContext) {
      const existing = await trx('reminder_states').where({ key }).whereNull('deleted_at').first('id');
      if (existing) await softDeleteRecord(trx, 'reminder_states', String(existing.id), ctx);
    },
  };
}

export function manualReminderRepository(db: Knex) {
  const toManual = (r: Record<string, unknown>): ManualReminder => ({
    id: String(r.id),
    title: String(r.title),
    dueOn: String(r.due_on),
    note: s(r.note),
    rowVersion: Number(r.row_version),
  });
  return {
    async get(id: string): Promise<ManualReminder> {
      const row = await db('manual_reminders').where({ id }).whereNull('deleted_at').first();
      if (!row) throw notFound('提醒');
      return toManual(row);
    },
    async create(trx: Knex, d: ManualReminderDraft, ctx: WriteContext): Promise<string> {
      const row = await insertRecord(trx, 'manual_reminders', { title: d.title, due_on: d.dueOn, note: d.note }, ctx);
      return String(row.id);
    },
    async update(trx: Knex, id: string, d: ManualReminderDraft, ctx: WriteContext, version?: number): Promise<void> {
      const row = await updateRecord(trx, 'manual_reminders', id, { title: d.title, due_on: d.dueOn, note: d.note }, ctx, version);
      if (!row) throw notFound('提醒');
    },
    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, 'manual_reminders', id, ctx))) throw notFound('提醒');
    },
  };
}
