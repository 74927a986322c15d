// 问题清单 rows: the alliance by its (live) name, the school by name among the alliance's
// members, the same problem = alliance + description (domain.md): equal → skipped,
// different → updated, else created. Writes go through the problems repository, so each
// one is audited and checked like a clerk's own entry.
import type { Knex } from 'knex';
import type { ColumnSpec } from '../header-match';
import { problemDraft, type ProblemDraft, type ProblemStatus } from '../../../api/problems';
import { problemRepository } from '../../../../db/repositories/problem-repository';
import type { KindPlan, MappedRow, RowKindSpec } from '../kind';
import { allianceIndex, rowAlliance, findMember, memberSchoolLookup } from '../lookup';
import { parseChoice, parseDate, parseText } from '../parse-values';

const statusWords: Record<string, ProblemStatus> = {
  未开始: 'open',
  未完成: 'open',
  进行中: 'in_progress',
  已完成: 'done',
};

const columns: ColumnSpec[] = [
  { key: 'alliance', label: '联盟名称', synonyms: ['联盟', '所属联盟'], required: true, note: '台账中已有的联盟名称', example: '渭滨区城乡教育联盟' },
  { key: 'school', label: '学校', synonyms: ['学校名称', '校名'], note: '问题所在的成员校；整个联盟的问题留空', example: '经二路小学' },
  { key: 'description', label: '问题描述', synonyms: ['问题', '存在问题', '主要问题'], required: true, note: '同一联盟的同一问题只写一行；再次导入时按“联盟名称 + 问题描述”更新', example: '青年教师培养机制不健全' },
  { key: 'goal', label: '工作目标', synonyms: ['整改目标', '目标'], example: '每校建立师徒结对' },
  { key: 'measures', label: '工作措施', synonyms: ['整改措施', '措施'] },
  { key: 'stageTasks', label: '阶段任务', synonyms: ['阶段性任务'] },
  { key: 'dueOn', label: '完成时限', synonyms: ['整改时限', '完成时间', '完成期限'], required: true, note: '日期，如 2024-03-05、2024/3/5 或 2024年3月5日', example: '2024-06-30' },
  { key: 'owner', label: '责任人', synonyms: ['负责人'], required: true, note: '责任人姓名', example: '张明' },
  { key: 'status', label: '状态', synonyms: ['完成情况', '整改状态', '进展情况'], choices: ['未完成', '进行中', '已完成'], note: '留空为未完成；填“已完成”时完成日期记为导入当天', example: '进行中' },
];

/** Draft fields → the column a problem with it is reported under. */
const fieldColumn: Record<string, string> = {
  allianceId: 'alliance',
  schoolId: 'school',
  description: 'description',
  goal: 'goal',
  measures: 'measures',
  stageTasks: 'stageTasks',
  dueOn: 'dueOn',
  owner: 'owner',
  status: 'status',
};

type Existing = Record<string, unknown> & { id: string };

export const problemsImport: RowKindSpec = {
  label: '问题清单',
  columns,
  async plan(db, rows, { today, tick }): Promise<KindPlan> {
    const plan: KindPlan = { rows: [], errors: [] };
    const alliances = await allianceIndex(db);
    const seen = new Map<string, number>();
    const membersOf = memberSchoolLookup(db);

    for (const r of rows) {
      await tick();
      const errors: KindPlan['errors'] = [];
      const report = (column: string | null, message: string) => errors.push({ row: r.row, column, message });

      const alliance = rowAlliance(r, alliances, report);

      let schoolId: string | null = null;
      const schoolName = parseText(r.cell('school') ?? null);
      if (schoolName && alliance) {
        const school = findMember(await membersOf(alliance.id), alliance, schoolName);
        if (!school.ok) report('school', school.reason);
        else schoolId = school.value.id;
      }

      const due = parseDate(r.cell('dueOn') ?? null);
      if (!due.ok) report('dueOn', due.reason);
      else if (!due.value) report('dueOn', '未填写完成时限');

      const status = parseChoice(r.cell('status') ?? null, statusWords);
      if (!status.ok) report('status', status.reason);

      const description = parseText(r.cell('description') ?? null);
      if (!description) report('description', '未填写问题描述');
      if (!parseText(r.cell('owner') ?? null)) report('owner', '未填写责任人');
      const key = alliance && description ? `${alliance.id}\u0000${description}` : null;
      if (key && seen.has(key)) report('description', `与第 ${seen.get(key)} 行是同一联盟的同一问题，请合并为一行`);
      else if (key) seen.set(key, r.row);

      if (errors.length) {
        plan.errors.push(...errors);
        continue;
      }
      const existing = await findExisting(db, alliance!.id, description ?? '');
      const draft = buildDraft(r, existing, {
        allianceId: alliance!.id,
        schoolId,
        description,
        dueOn: due.ok ? due.value : null,
        status: status.ok ? status.value : null,
        today,
      });
      const checked = problemDraft.safeParse(draft);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          report(fieldColumn[String(issue.path[0])] ?? null, issue.message);
        }
        plan.errors.push(...errors);
        continue;
      }
      const value = checked.data;
      const action = !existing ? 'create' : sameAs(value, existing) ? 'skip' : 'update';
      plan.rows.push({
        row: r.row,
        action,
        display: {
          联盟名称: alliance!.name,
          学校: schoolName ?? '',
          问题描述: value.description,
          完成时限: value.dueOn,
          责任人: value.owner,
          状态: ({ open: '未完成', in_progress: '进行中', done: '已完成' } as const)[value.status],
        },
        write:
          action === 'create'
            ? async (trx, w) => void (await problemRepository(trx).create(trx, value, w))
            : action === 'update'
              ? (trx, w) => problemRepository(trx).update(trx, existing!.id, value, w)
              : undefined,
      });
    }
    return plan;
  },
};

/**
 * A column the file does not have keeps the stored value on update; a column it has
 * replaces it (a blank cell clears an optional field). 已完成 without a stored done date
 * is done as of the import day.
 */
function buildDraft(
  r: MappedRow,
  existing: Existing | null,
  v: { allianceId: string; schoolId: string | null; description: string | null; dueOn: string | null; status: ProblemStatus | null; today: string },
) {
  const keep = (key: string, column: string) =>
    r.has(key) ? parseText(r.cell(key) ?? null) : ((existing?.[column] as string | null | undefined) ?? null);
  const status: ProblemStatus = v.status ?? ((existing?.status as ProblemStatus | undefined) ?? 'open');
  const storedDone = existing?.status === 'done';
  return {
    allianceId: v.allianceId,
    schoolId: r.has('school') ? v.schoolId : ((existing?.school_id as string | null | undefined) ?? null),
    description: v.description ?? '',
    goal: keep('goal', 'goal'),
    measures: keep('measures', 'measures'),
    stageTasks: keep('stageTasks', 'stage_tasks'),
    dueOn: v.dueOn ?? '',
    owner: parseText(r.cell('owner') ?? null) ?? '',
    status,
    doneOn: status === 'done' ? ((storedDone ? (existing?.done_on as string | null) : null) ?? v.today) : null,
    verificationNote: status === 'done' && storedDone ? ((existing?.verification_note as string | null) ?? null) : null,
  };
}

function sameAs(d: ProblemDraft, e: Existing): boolean {
  return (
    d.schoolId === (e.school_id ?? null) &&
    d.goal === (e.goal ?? null) &&
    d.measures === (e.measures ?? null) &&
    d.stageTasks === (e.stage_tasks ?? null) &&
    d.dueOn === e.due_on &&
    d.owner === e.owner &&
    d.status === e.status &&
    d.doneOn === (e.done_on ?? null)
  );
}

async function findExisting(db: Knex, allianceId: string, description: string): Promise<Existing | null> {
  const row = await db('problems')
    .where({ alliance_id: allianceId, description })
    .whereNull('deleted_at')
    .orderBy('created_at')
    .first();
  return (row as Existing | undefined) ?? null;
}
