// 交流活动 rows: the alliance by name, the host and participating schools (several in one
// cell) among its members, category and 是/否 words. The same activity = alliance + date +
// title; equal → skipped, different → updated, else created. This kind may receive the
// largest files (a year of a province's ledger), so stored activities are read once per
// alliance, not once per row.
import type { Knex } from 'knex';
import { activityDraft, type ActivityDraft } from '../../../api/activities';
import { activityCategories, builtInActivityForms, type ActivityCategory } from '../../../api/enums';
import { activityRepository } from '../../../../db/repositories/activity-repository';
import { createActivities, currentDrafts } from '../../../../db/repositories/activity-writes';
import type { ColumnSpec } from '../header-match';
import type { KindPlan, MappedRow, RowKindSpec } from '../kind';
import type { NamedAlliance } from '../lookup';
import { allianceIndex, rowAlliance, findMember, memberSchoolLookup, splitList } from '../lookup';
import { nameKey, parseChoice, parseDate, parseNumber, parseText, parseYesNo } from '../parse-values';

const categoryLabels = activityCategories.codes.map((c) => activityCategories.labels[c]);
const categoryWords: Record<string, ActivityCategory> = {
  ...Object.fromEntries(activityCategories.codes.map((c) => [activityCategories.labels[c], c])),
  党建: 'party_building',
  党建活动: 'party_building',
  理念: 'philosophy',
  教师: 'teacher_exchange',
  教研: 'teaching_research',
  教研活动: 'teaching_research',
  管理: 'management',
  学生交流: 'student_activity',
  课程: 'course_sharing',
  文化: 'culture',
  文化交流: 'culture',
};

const onlineWords: Record<string, 'online' | 'onsite'> = { 线上: 'online', 网络: 'online', 线下: 'onsite', 现场: 'onsite', 是: 'online', 否: 'onsite' };

const columns: ColumnSpec[] = [
  { key: 'alliance', label: '联盟名称', synonyms: ['联盟', '所属联盟', '集团名称'], required: true, example: '渭滨区城乡教育联盟' },
  { key: 'date', label: '活动日期', synonyms: ['日期', '活动时间', '时间'], required: true, note: '日期；不能晚于一年以后', example: '2024-03-05' },
  { key: 'category', label: '活动类别', synonyms: ['类别', '活动类型', '交流类别'], required: true, choices: categoryLabels, example: '教研交流' },
  { key: 'title', label: '活动主题', synonyms: ['主题', '活动名称', '活动内容主题'], required: true, note: '同一联盟同一天的同一主题只写一行', example: '小学数学同课异构' },
  { key: 'form', label: '活动形式', synonyms: ['形式'], choices: builtInActivityForms, example: '同课异构' },
  { key: 'host', label: '承办学校', synonyms: ['承办单位', '主办学校', '承办校'], note: '联盟成员校', example: '清姜路小学' },
  { key: 'schools', label: '参与学校', synonyms: ['参加学校', '参与单位', '参与学校名单'], note: '联盟成员校，多所用“、”“，”或“；”分开', example: '经二路小学、虢镇小学' },
  { key: 'participants', label: '参与人数', synonyms: ['参加人数', '人数'], note: '整数', example: '45' },
  { key: 'visit', label: '是否校级领导互访', synonyms: ['校级领导互访', '领导互访', '是否领导互访'], choices: ['是', '否'], example: '否' },
  { key: 'online', label: '线上/线下', synonyms: ['活动方式', '是否线上', '线上线下'], choices: ['线上', '线下'], example: '线下' },
  { key: 'summary', label: '活动内容', synonyms: ['活动简介', '主要内容', '活动概况'] },
  { key: 'outcome', label: '活动成效', synonyms: ['成效', '活动效果', '取得成效'] },
  { key: 'notes', label: '备注', synonyms: ['说明'] },
];

const fieldColumn: Record<string, string> = {
  allianceId: 'alliance',
  date: 'date',
  category: 'category',
  form: 'form',
  title: 'title',
  hostSchoolId: 'host',
  participatingSchoolIds: 'schools',
  participants: 'participants',
  isLeadershipVisit: 'visit',
  isOnline: 'online',
  summary: 'summary',
  outcome: 'outcome',
  notes: 'notes',
};

export const activitiesImport: RowKindSpec = {
  label: '交流活动',
  columns,
  async plan(db, rows, { today, tick }): Promise<KindPlan> {
    const plan: KindPlan = { rows: [], errors: [] };
    const alliances = await allianceIndex(db);
    const membersOf = memberSchoolLookup(db);
    const seen = new Map<string, number>();
    const limit = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    const checkedRows: CheckedRow[] = [];

    for (const r of rows) {
      await tick();
      const errors: KindPlan['errors'] = [];
      const report = (column: string | null, message: string) => errors.push({ row: r.row, column, message });

      const alliance = rowAlliance(r, alliances, report);

      const date = parseDate(r.cell('date') ?? null);
      if (!date.ok) report('date', date.reason);
      else if (!date.value) report('date', '未填写活动日期');
      else if (date.value > limit) report('date', `活动日期 ${date.value} 晚于 ${limit}（今天起一年内），请检查是否写错年份`);
      const category = parseChoice(r.cell('category') ?? null, categoryWords, categoryLabels);
      if (!category.ok) report('category', category.reason);
      else if (!category.value) report('category', '未填写活动类别');
      const title = parseText(r.cell('title') ?? null);
      if (!title) report('title', '未填写活动主题');
      const participants = parseNumber(r.cell('participants') ?? null);
      if (!participants.ok) report('participants', participants.reason);
      const visit = parseYesNo(r.cell('visit') ?? null);
      if (!visit.ok) report('visit', visit.reason);
      const online = parseChoice(r.cell('online') ?? null, onlineWords, ['线上', '线下']);
      if (!online.ok) report('online', online.reason);

      let hostSchoolId: string | null = null;
      const participating: string[] = [];
      const names: string[] = [];
      if (alliance) {
        const members = await membersOf(alliance.id);
        const host = parseText(r.cell('host') ?? null);
        if (host) {
          const s = findMember(members, alliance, host, '承办学校');
          if (!s.ok) report('host', s.reason);
          else hostSchoolId = s.value.id;
        }
        for (const name of splitList(parseText(r.cell('schools') ?? null))) {
          const s = findMember(members, alliance, name, '参与学校');
          if (!s.ok) report('schools', s.reason);
          else {
            participating.push(s.value.id);
            names.push(s.value.name);
          }
        }
      }
      const key = alliance && date.ok && date.value && title ? `${alliance.id}\u0000${date.value}\u0000${nameKey(title)}` : null;
      if (key && seen.has(key)) report('title', `与第 ${seen.get(key)} 行是同一联盟同一天的同一活动，请合并为一行`);
      else if (key) seen.set(key, r.row);
      if (errors.length) {
        plan.errors.push(...errors);
        continue;
      }
      checkedRows.push({
        r,
        alliance: alliance!,
        day: date.ok ? date.value! : '',
        title: title!,
        key: key!,
        category: category.ok ? category.value : null,
        hostSchoolId,
        participating,
        names,
        participants: participants.ok ? participants.value : null,
        visit: visit.ok ? (visit.value ?? false) : false,
        online: online.ok && online.value === 'online',
      });
    }

    // Stored activities of the alliances and days the file names, read in a few queries.
    const stored = await storedActivities(db, checkedRows);
    const storedIdOf = (c: CheckedRow) => stored.get(c.key) ?? null;
    const matched = checkedRows.map(storedIdOf).filter((id): id is string => id !== null);
    // What is stored for the rows met before, read in batches rather than row by row.
    const drafts = await currentDrafts(db, [...new Set(matched)]);
    const creates: ActivityDraft[] = [];
    for (const checkedRow of checkedRows) {
      const { r, alliance, day, title, category, hostSchoolId, participating, names, participants, visit, online } = checkedRow;
      const errors: KindPlan['errors'] = [];
      const report = (column: string | null, message: string) => errors.push({ row: r.row, column, message });
      const existing = storedIdOf(checkedRow);
      const before = existing ? (drafts.get(existing) ?? null) : null;
      const text = (key: string, stored: string | null | undefined) => (r.has(key) ? parseText(r.cell(key) ?? null) : (stored ?? null));
      const checked = activityDraft.safeParse({
        allianceId: alliance.id,
        date: day,
        category,
        form: text('form', before?.form),
        title: before ? before.title : title,
        hostSchoolId: r.has('host') ? hostSchoolId : (before?.hostSchoolId ?? null),
        participatingSchoolIds: r.has('schools') ? participating : (before?.participatingSchoolIds ?? []),
        participants: r.has('participants') ? participants : (before?.participants ?? null),
        isLeadershipVisit: r.has('visit') ? visit : (before?.isLeadershipVisit ?? false),
        isOnline: r.has('online') ? online : (before?.isOnline ?? false),
        summary: text('summary', before?.summary),
        outcome: text('outcome', before?.outcome),
        notes: text('notes', before?.notes),
      });
      if (!checked.success) {
        for (const issue of checked.error.issues) report(fieldColumn[String(issue.path[0])] ?? null, issue.message);
        plan.errors.push(...errors);
        continue;
      }
      const value = checked.data;
      const action = !before ? 'create' : sameAs(value, before) ? 'skip' : 'update';
      plan.rows.push({
        row: r.row,
        action,
        display: {
          联盟名称: alliance.name,
          活动日期: value.date,
          活动类别: activityCategories.label(value.category),
          活动主题: value.title,
          参与学校: names.join('、'),
          参与人数: value.participants === null ? '' : String(value.participants),
          校级领导互访: value.isLeadershipVisit ? '是' : '否',
        },
        // New activities are written together (createActivities); updates one by one.
        write: action === 'update' ? (trx, w) => activityRepository(trx).update(trx, existing!, value, w) : undefined,
      });
      if (action === 'create') creates.push(value);
    }
    if (creates.length) {
      plan.batch = { count: creates.length, write: async (trx, w, tick) => void (await createActivities(trx, creates, w, tick)) };
    }
    return plan;
  },
};

/** What a row can change of a stored activity (attachments are not imported). */
const comparedFields = [
  'allianceId',
  'date',
  'category',
  'form',
  'title',
  'hostSchoolId',
  'participants',
  'isLeadershipVisit',
  'isOnline',
  'summary',
  'outcome',
  'notes',
] as const satisfies readonly (keyof ActivityDraft)[];

function sameAs(d: ActivityDraft, e: ActivityDraft): boolean {
  if (comparedFields.some((k) => (d[k] ?? null) !== (e[k] ?? null))) return false;
  const schools = new Set(d.participatingSchoolIds);
  return schools.size === new Set(e.participatingSchoolIds).size && e.participatingSchoolIds.every((id) => schools.has(id));
}

/** A row whose values parsed, waiting to be compared with what is stored. */
interface CheckedRow {
  r: MappedRow;
  alliance: NamedAlliance;
  day: string;
  title: string;
  /** Alliance, date and title as names are matched (nameKey): what a stored activity is found by. */
  key: string;
  category: ActivityCategory | null;
  hostSchoolId: string | null;
  participating: string[];
  names: string[];
  participants: number | null;
  visit: boolean;
  online: boolean;
}

/**
 * Stored live activities by alliance + date + title key, for exactly the (alliance, day)
 * pairs the rows name: 400 pairs a query, each found on the live (alliance_id, date) index,
 * so a big file reads the few activities it can meet rather than its alliances' whole year.
 */
async function storedActivities(db: Knex, rows: CheckedRow[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const pairs = [...new Map(rows.map((r) => [`${r.alliance.id}\u0000${r.day}`, [r.alliance.id, r.day] as const])).values()];
  for (let i = 0; i < pairs.length; i += 400) {
    const part = pairs.slice(i, i + 400);
    const found = (await db
      .with('k', ['alliance_id', 'day'], db.raw(`VALUES ${part.map(() => '(?, ?)').join(', ')}`, part.flat()))
      .from('k')
      .join('activities as t', (j) => j.on('t.alliance_id', 'k.alliance_id').andOn('t.date', 'k.day'))
      .whereNull('t.deleted_at')
      .select('t.id', 't.alliance_id', 't.date', 't.title')) as { id: string; alliance_id: string; date: string; title: string }[];
    for (const a of found) out.set(`${a.alliance_id}\u0000${a.date}\u0000${nameKey(a.title)}`, String(a.id));
  }
  return out;
}
