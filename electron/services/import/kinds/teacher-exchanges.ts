// 教师交流 rows: the alliance by name, the sending and receiving schools among its members,
// the exchange kind and status words. The same exchange = alliance + teacher + from + to +
// start date. A blank 状态 on a new row follows the dates (ended → 已结束, started →
// 进行中, else 计划中); on a stored row it keeps the stored status.
import type { Knex } from 'knex';
import { teacherExchangeDraft, type TeacherExchangeDraft } from '../../../api/teacher-exchanges';
import { exchangeKinds, exchangeStatuses, type ExchangeKind, type ExchangeStatus } from '../../../api/enums';
import { teacherExchangeRepository } from '../../../../db/repositories/teacher-exchange-repository';
import type { ColumnSpec } from '../header-match';
import type { KindPlan, RowKindSpec } from '../kind';
import { allianceIndex, rowAlliance, findMember, memberSchoolLookup } from '../lookup';
import { nameKey, parseChoice, parseDate, parseNumber, parseText } from '../parse-values';

const kindLabels = exchangeKinds.codes.map((c) => exchangeKinds.labels[c]);
const kindWords: Record<string, ExchangeKind> = {
  ...Object.fromEntries(exchangeKinds.codes.map((c) => [exchangeKinds.labels[c], c])),
  跟岗学习: 'shadowing',
  轮岗交流: 'rotation',
  送教下乡: 'visiting_teaching',
  送课: 'visiting_teaching',
};
const statusLabels = exchangeStatuses.codes.map((c) => exchangeStatuses.labels[c]);
const statusWords: Record<string, ExchangeStatus> = {
  ...Object.fromEntries(exchangeStatuses.codes.map((c) => [exchangeStatuses.labels[c], c])),
  未开始: 'planned',
  计划: 'planned',
  在岗: 'ongoing',
  已完成: 'finished',
  结束: 'finished',
};

const columns: ColumnSpec[] = [
  { key: 'alliance', label: '联盟名称', synonyms: ['联盟', '所属联盟'], required: true, example: '渭滨区城乡教育联盟' },
  { key: 'teacher', label: '教师姓名', synonyms: ['姓名', '教师', '交流教师'], required: true, example: '王芳' },
  { key: 'from', label: '派出学校', synonyms: ['原学校', '派出单位', '输出学校'], required: true, note: '联盟成员校', example: '清姜路小学' },
  { key: 'to', label: '接收学校', synonyms: ['交流学校', '接收单位', '输入学校', '交流到学校'], required: true, note: '联盟成员校，与派出学校不同', example: '虢镇小学' },
  { key: 'kind', label: '交流类型', synonyms: ['交流方式', '类型'], required: true, choices: kindLabels, example: '支教' },
  { key: 'startOn', label: '开始日期', synonyms: ['开始时间', '交流开始时间', '起始日期'], required: true, note: '日期', example: '2024-09-01' },
  { key: 'subject', label: '学科', synonyms: ['任教学科', '学科/岗位'], example: '数学' },
  { key: 'endOn', label: '结束日期', synonyms: ['结束时间', '交流结束时间', '截止日期'], note: '日期；不能早于开始日期', example: '2025-01-20' },
  { key: 'hours', label: '课时/小时', synonyms: ['课时', '小时', '课时数', '学时'], note: '数字，可有一位小数', example: '120' },
  { key: 'status', label: '状态', synonyms: ['交流状态', '进展情况'], choices: statusLabels, note: '留空时按日期判断', example: '进行中' },
];

const fieldColumn: Record<string, string> = {
  allianceId: 'alliance',
  teacherName: 'teacher',
  subject: 'subject',
  fromSchoolId: 'from',
  toSchoolId: 'to',
  kind: 'kind',
  startOn: 'startOn',
  endOn: 'endOn',
  hours: 'hours',
  status: 'status',
};

type Existing = Record<string, unknown> & { id: string };

export const teacherExchangesImport: RowKindSpec = {
  label: '教师交流',
  columns,
  async plan(db, rows, { today, tick }): Promise<KindPlan> {
    const plan: KindPlan = { rows: [], errors: [] };
    const alliances = await allianceIndex(db);
    const membersOf = memberSchoolLookup(db);
    const seen = new Map<string, number>();

    for (const r of rows) {
      await tick();
      const errors: KindPlan['errors'] = [];
      const report = (column: string | null, message: string) => errors.push({ row: r.row, column, message });

      const alliance = rowAlliance(r, alliances, report);
      const teacher = parseText(r.cell('teacher') ?? null);
      if (!teacher) report('teacher', '未填写教师姓名');
      const kind = parseChoice(r.cell('kind') ?? null, kindWords, kindLabels);
      if (!kind.ok) report('kind', kind.reason);
      else if (!kind.value) report('kind', '未填写交流类型');
      const start = parseDate(r.cell('startOn') ?? null);
      if (!start.ok) report('startOn', start.reason);
      else if (!start.value) report('startOn', '未填写开始日期');
      const end = parseDate(r.cell('endOn') ?? null);
      if (!end.ok) report('endOn', end.reason);
      const hours = parseNumber(typeof r.cell('hours') === 'string' ? String(r.cell('hours')).replace(/(课时|小时|学时)$/, '') : (r.cell('hours') ?? null));
      if (!hours.ok) report('hours', hours.reason);
      const status = parseChoice(r.cell('status') ?? null, statusWords, statusLabels);
      if (!status.ok) report('status', status.reason);

      const ids: Record<'from' | 'to', string | null> = { from: null, to: null };
      const names: Record<'from' | 'to', string> = { from: '', to: '' };
      for (const side of ['from', 'to'] as const) {
        const name = parseText(r.cell(side) ?? null);
        if (!name) report(side, side === 'from' ? '未填写派出学校' : '未填写接收学校');
        else if (alliance) {
          const s = findMember(await membersOf(alliance.id), alliance, name, side === 'from' ? '派出学校' : '接收学校');
          if (!s.ok) report(side, s.reason);
          else {
            ids[side] = s.value.id;
            names[side] = s.value.name;
          }
        }
      }
      const key =
        alliance && teacher && ids.from && ids.to && start.ok && start.value
          ? [alliance.id, nameKey(teacher), ids.from, ids.to, start.value].join('\u0000')
          : null;
      if (key && seen.has(key)) report('teacher', `与第 ${seen.get(key)} 行是同一次交流，请合并为一行`);
      else if (key) seen.set(key, r.row);
      if (errors.length) {
        plan.errors.push(...errors);
        continue;
      }

      const existing = await findExisting(db, alliance!.id, teacher!, ids.from!, ids.to!, start.ok ? start.value! : '');
      const endOn = r.has('endOn') ? (end.ok ? end.value : null) : ((existing?.end_on as string | null | undefined) ?? null);
      const startOn = start.ok ? start.value! : '';
      const derived: ExchangeStatus = endOn && endOn < today ? 'finished' : startOn <= today ? 'ongoing' : 'planned';
      const checked = teacherExchangeDraft.safeParse({
        allianceId: alliance!.id,
        teacherName: existing ? String(existing.teacher_name) : teacher,
        subject: r.has('subject') ? parseText(r.cell('subject') ?? null) : ((existing?.subject as string | null | undefined) ?? null),
        fromSchoolId: ids.from,
        toSchoolId: ids.to,
        kind: kind.ok ? kind.value : null,
        startOn,
        endOn,
        hours: r.has('hours') ? (hours.ok ? hours.value : null) : existing?.hours === null || existing?.hours === undefined ? null : Number(existing.hours),
        status: (status.ok ? status.value : null) ?? (existing?.status as ExchangeStatus | undefined) ?? derived,
      });
      if (!checked.success) {
        for (const issue of checked.error.issues) report(fieldColumn[String(issue.path[0])] ?? null, issue.message);
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
          教师姓名: value.teacherName,
          派出学校: names.from,
          接收学校: names.to,
          交流类型: exchangeKinds.label(value.kind),
          开始日期: value.startOn,
          结束日期: value.endOn ?? '',
          状态: exchangeStatuses.label(value.status),
        },
        write:
          action === 'create'
            ? async (trx, w) => void (await teacherExchangeRepository(trx).create(trx, value, w))
            : action === 'update'
              ? (trx, w) => teacherExchangeRepository(trx).update(trx, existing!.id, value, w)
              : undefined,
      });
    }
    return plan;
  },
};

function sameAs(d: TeacherExchangeDraft, e: Existing): boolean {
  return (
    d.subject === (e.subject ?? null) &&
    d.kind === e.kind &&
    d.endOn === (e.end_on ?? null) &&
    d.hours === (e.hours === null || e.hours === undefined ? null : Number(e.hours)) &&
    d.status === e.status
  );
}

async function findExisting(db: Knex, allianceId: string, teacher: string, from: string, to: string, startOn: string): Promise<Existing | null> {
  const rows = (await db('teacher_exchanges')
    .where({ alliance_id: allianceId, from_school_id: from, to_school_id: to, start_on: startOn })
    .whereNull('deleted_at')
    .orderBy('created_at')) as Existing[];
  return rows.find((e) => nameKey(String(e.teacher_name)) === nameKey(teacher)) ?? null;
}
