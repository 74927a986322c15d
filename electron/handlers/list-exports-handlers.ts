// 导出 Excel of a list screen: the list's own handler is asked for every page of the same
// query (so the file holds exactly what the screen shows, in its order), and each row
// becomes the cells of the columns below, written in the report layout.
import type { Page } from '../api/common';
import type { Input, Method, Output } from '../api/contract';
import {
  activityCategories,
  allianceKinds,
  allianceStatuses,
  evaluationStatuses,
  evaluationTargets,
  exchangeKinds,
  exchangeStatuses,
  localities,
  problemStatuses,
  projectStatuses,
  rectificationStatuses,
  regionLevels,
  stages,
  supervisionConclusions,
  supervisionKinds,
} from '../api/enums';
import { invalid } from '../api/errors';
import { awardTargets } from '../api/evaluations';
import { maxListExportRows, type ExportableList } from '../api/list-exports';
import type { ReportCell } from '../api/reports';
import { settingsRepository } from '../../db/repositories/settings-repository';
import { reportFileName, writeWorkbook } from '../services/reports';
import type { ReportColumn } from '../services/reports/sheet-writer';
import { activitiesHandlers } from './activities-handlers';
import { alliancesHandlers } from './alliances-handlers';
import { today, write, type Ctx, type HandlersOf } from './context';
import { writeAudit } from '../../db/records';
import { cooperationProjectsHandlers } from './cooperation-projects-handlers';
import { awardsHandlers, evaluationsHandlers, evaluationTemplatesHandlers } from './evaluations-handlers';
import { viaTemporaryFile } from './files';
import { problemsHandlers } from './problems-handlers';
import { regionsHandlers } from './regions-handlers';
import { schoolsHandlers } from './schools-handlers';
import { sharedCoursesHandlers } from './shared-courses-handlers';
import { supervisionsHandlers } from './supervisions-handlers';
import { teacherExchangesHandlers } from './teacher-exchanges-handlers';
import { systemHandlers } from './system-handlers';
import { auditActions, auditEntityLabels, type AuditEntry } from '../api/system';

interface Column<Row> extends ReportColumn {
  value: (row: Row) => ReportCell;
}

type RowOf<M extends Method> = Output<M> extends Page<infer R> ? R : never;

interface ListSpec {
  title: string;
  fetch: (query: Record<string, unknown>, ctx: Ctx) => Promise<Page<unknown>>;
  columns: Column<unknown>[];
}

/** A list's title, its own handler and its columns, checked against the handler's row type. */
function list<M extends Method>(
  title: string,
  fetch: (query: Input<M>, ctx: Ctx) => Promise<Output<M>>,
  columns: Column<RowOf<M>>[],
): ListSpec {
  return { title, fetch: fetch as unknown as ListSpec['fetch'], columns: columns as Column<unknown>[] };
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/** An audit row's before/after as text, within Excel's cell limit. */
const auditContent = (e: AuditEntry, which: 'before' | 'after') => {
  const v = e[which];
  if (v === null || v === undefined) return null;
  const text = JSON.stringify(v);
  return text.length > 32_000 ? `${text.slice(0, 32_000)}…` : text;
};

/** A UTC instant as the clerk's local date and time. */
const localTime = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

/** Each list: its title, its own handler, and the columns its rows print as. */
const specs: Record<ExportableList, ListSpec> = {
  schools: list<'schools.list'>('学校名单', schoolsHandlers['schools.list'], [
    { header: '学校名称', type: 'text', value: (s) => s.name },
    { header: '学校标识码', type: 'text', value: (s) => s.code },
    { header: '所在县区', type: 'text', value: (s) => s.regionName },
    { header: '学段', type: 'text', value: (s) => stages.label(s.stage) },
    { header: '城乡属性', type: 'text', value: (s) => localities.label(s.locality) },
    { header: '薄弱校', type: 'text', value: (s) => yesNo(s.isWeak) },
    { header: '新建校', type: 'text', value: (s) => yesNo(s.isNew) },
    { header: '学生数', type: 'int', value: (s) => s.students },
    { header: '教师数', type: 'int', value: (s) => s.teachers },
    { header: '校长', type: 'text', value: (s) => s.principal },
    { header: '联系电话', type: 'text', value: (s) => s.phone },
    { header: '参加联盟数', type: 'int', value: (s) => s.allianceCount },
  ]),
  alliances: list<'alliances.list'>('联盟名单', alliancesHandlers['alliances.list'], [
    { header: '联盟名称', type: 'text', value: (a) => a.name },
    { header: '类型', type: 'text', value: (a) => allianceKinds.label(a.kind) },
    { header: '牵头学校（县区）', type: 'text', value: (a) => a.leadSchoolName ?? a.leadRegionName },
    { header: '成员数', type: 'int', value: (a) => a.memberCount },
    { header: '所在县区', type: 'text', value: (a) => a.regionNames.join('、') },
    { header: '跨区域', type: 'text', value: (a) => yesNo(a.crossRegion) },
    { header: '成立时间', type: 'date', value: (a) => a.establishedOn },
    { header: '方案备案', type: 'date', value: (a) => a.planFiledOn },
    { header: '状态', type: 'text', value: (a) => allianceStatuses.label(a.status) },
  ]),
  activities: list<'activities.list'>('交流活动', activitiesHandlers['activities.list'], [
    { header: '活动日期', type: 'date', value: (a) => a.date },
    { header: '联盟名称', type: 'text', value: (a) => a.allianceName },
    { header: '活动类别', type: 'text', value: (a) => activityCategories.label(a.category) },
    { header: '活动形式', type: 'text', value: (a) => a.form },
    { header: '活动主题', type: 'longText', value: (a) => a.title },
    { header: '承办学校', type: 'text', value: (a) => a.hostSchoolName },
    { header: '参与学校', type: 'longText', value: (a) => a.participatingSchools.map((s) => s.name).join('、') },
    { header: '参与人数', type: 'int', sum: true, value: (a) => a.participants },
    { header: '校级领导互访', type: 'text', value: (a) => yesNo(a.isLeadershipVisit) },
  ]),
  teacherExchanges: list<'teacherExchanges.list'>('教师交流', teacherExchangesHandlers['teacherExchanges.list'], [
    { header: '联盟名称', type: 'text', value: (t) => t.allianceName },
    { header: '教师姓名', type: 'text', value: (t) => t.teacherName },
    { header: '学科', type: 'text', value: (t) => t.subject },
    { header: '派出学校', type: 'text', value: (t) => t.fromSchoolName },
    { header: '接收学校', type: 'text', value: (t) => t.toSchoolName },
    { header: '交流类型', type: 'text', value: (t) => exchangeKinds.label(t.kind) },
    { header: '开始日期', type: 'date', value: (t) => t.startOn },
    { header: '结束日期', type: 'date', value: (t) => t.endOn },
    { header: '天数', type: 'int', sum: true, value: (t) => t.days },
    { header: '课时/小时', type: 'number', sum: true, value: (t) => t.hours },
    { header: '状态', type: 'text', value: (t) => exchangeStatuses.label(t.status) },
  ]),
  sharedCourses: list<'sharedCourses.list'>('课程共享', sharedCoursesHandlers['sharedCourses.list'], [
    { header: '联盟名称', type: 'text', value: (c) => c.allianceName },
    { header: '课程名称', type: 'text', value: (c) => c.name },
    { header: '提供学校', type: 'text', value: (c) => c.providerSchoolName },
    { header: '接收学校', type: 'longText', value: (c) => c.receivingSchools.map((s) => s.name).join('、') },
    { header: '学期', type: 'text', value: (c) => c.termLabel },
    { header: '课时', type: 'number', sum: true, value: (c) => c.hours },
    { header: '受益学生数', type: 'int', sum: true, value: (c) => c.studentsReached },
  ]),
  cooperationProjects: list<'cooperationProjects.list'>('合作项目', cooperationProjectsHandlers['cooperationProjects.list'], [
    { header: '年度', type: 'int', value: (p) => p.year },
    { header: '联盟名称', type: 'text', value: (p) => p.allianceName },
    { header: '项目名称', type: 'longText', value: (p) => p.name },
    { header: '负责人', type: 'text', value: (p) => p.lead },
    { header: '状态', type: 'text', value: (p) => projectStatuses.label(p.status) },
    { header: '项目成效', type: 'longText', value: (p) => p.outcome },
  ]),
  problems: list<'problems.list'>('问题清单', problemsHandlers['problems.list'], [
    { header: '联盟名称', type: 'text', value: (p) => p.allianceName },
    { header: '学校', type: 'text', value: (p) => p.schoolName },
    { header: '问题描述', type: 'longText', value: (p) => p.description },
    { header: '工作目标', type: 'longText', value: (p) => p.goal },
    { header: '工作措施', type: 'longText', value: (p) => p.measures },
    { header: '完成时限', type: 'date', value: (p) => p.dueOn },
    { header: '责任人', type: 'text', value: (p) => p.owner },
    { header: '状态', type: 'text', value: (p) => problemStatuses.label(p.status) },
    { header: '完成日期', type: 'date', value: (p) => p.doneOn },
    { header: '逾期天数', type: 'int', value: (p) => p.overdueDays },
  ]),
  supervisions: list<'supervisions.list'>('督导', supervisionsHandlers['supervisions.list'], [
    { header: '督导日期', type: 'date', value: (s) => s.date },
    { header: '督导类型', type: 'text', value: (s) => supervisionKinds.label(s.kind) },
    { header: '督导对象', type: 'text', value: (s) => s.targetLabel },
    { header: '督导组成员', type: 'text', value: (s) => s.inspectors },
    { header: '主要问题', type: 'longText', value: (s) => s.findings },
    { header: '结论', type: 'text', value: (s) => supervisionConclusions.label(s.conclusion) },
    { header: '整改通知书', type: 'int', value: (s) => s.rectificationCount },
    { header: '未销号', type: 'int', value: (s) => s.openRectifications },
  ]),
  rectifications: list<'rectifications.list'>('整改通知书', supervisionsHandlers['rectifications.list'], [
    { header: '文号', type: 'text', value: (r) => r.number },
    { header: '督导日期', type: 'date', value: (r) => r.supervisionDate },
    { header: '督导对象', type: 'text', value: (r) => r.targetLabel },
    { header: '下发日期', type: 'date', value: (r) => r.issuedOn },
    { header: '整改期限', type: 'date', value: (r) => r.deadline },
    { header: '整改事项', type: 'longText', value: (r) => r.items },
    { header: '整改状态', type: 'text', value: (r) => rectificationStatuses.label(r.status) },
    { header: '报告日期', type: 'date', value: (r) => r.reportedOn },
    { header: '复查日期', type: 'date', value: (r) => r.verifiedOn },
    { header: '复查人', type: 'text', value: (r) => r.verifier },
    { header: '逾期天数', type: 'int', value: (r) => r.overdueDays || null },
  ]),
  regions: list<'regions.list'>('行政区划', regionsHandlers['regions.list'], [
    { header: '名称', type: 'text', value: (r) => r.name },
    { header: '区划代码', type: 'text', value: (r) => r.code },
    { header: '级别', type: 'text', value: (r) => regionLevels.label(r.level) },
    { header: '上级', type: 'text', value: (r) => r.parentName },
    { header: '学校数', type: 'int', sum: true, value: (r) => r.schoolCount },
  ]),
  evaluationTemplates: list<'evaluationTemplates.list'>('评价模板', evaluationTemplatesHandlers['evaluationTemplates.list'], [
    { header: '模板名称', type: 'text', value: (t) => t.name },
    { header: '版本', type: 'int', value: (t) => t.version },
    { header: '年度', type: 'int', value: (t) => t.year },
    { header: '评价对象', type: 'text', value: (t) => evaluationTargets.label(t.targetType) },
    { header: '总分', type: 'number', value: (t) => t.totalScore },
    { header: '指标数', type: 'int', value: (t) => t.leafCount },
    { header: '考核评价', type: 'int', value: (t) => t.evaluationCount },
    { header: '示例', type: 'text', value: (t) => yesNo(t.isSample) },
  ]),
  evaluationCandidates: list<'evaluations.candidates'>('考核评价进度', evaluationsHandlers['evaluations.candidates'], [
    { header: '名称', type: 'text', value: (c) => c.targetName },
    { header: '所在地区', type: 'text', value: (c) => c.regionName },
    { header: '状态', type: 'text', value: (c) => (c.status ? evaluationStatuses.label(c.status) : '未开始') },
    { header: '已评指标', type: 'int', value: (c) => c.scoredCount },
    { header: '指标数', type: 'int', value: (c) => c.leafCount },
    { header: '总分', type: 'number', value: (c) => c.total },
    { header: '等次', type: 'text', value: (c) => c.grade },
    { header: '排名', type: 'int', value: (c) => c.rank },
  ]),
  awards: list<'awards.list'>('表彰', awardsHandlers['awards.list'], [
    { header: '年度', type: 'int', value: (a) => a.year },
    { header: '表彰名称', type: 'text', value: (a) => a.title },
    { header: '对象类型', type: 'text', value: (a) => awardTargets[a.targetType] },
    { header: '受表彰对象', type: 'text', value: (a) => a.allianceName ?? a.personName ?? a.schoolName },
    { header: '所在学校', type: 'text', value: (a) => (a.targetType === 'person' ? a.schoolName : null) },
    { header: '发文单位', type: 'text', value: (a) => a.issuingBody },
    { header: '文号', type: 'text', value: (a) => a.documentNumber },
    { header: '表彰日期', type: 'date', value: (a) => a.awardedOn },
  ]),
  auditLog: list<'auditLog.list'>('操作日志', systemHandlers['auditLog.list'], [
    { header: '日志序号', type: 'int', value: (e) => e.seq },
    { header: '时间', type: 'text', value: (e) => localTime(e.at) },
    { header: '时间（UTC）', type: 'text', value: (e) => e.at },
    { header: '操作人', type: 'text', value: (e) => e.operator },
    { header: '操作', type: 'text', value: (e) => auditActions[e.action] ?? e.action },
    { header: '类型', type: 'text', value: (e) => auditEntityLabels[e.entity] ?? e.entity },
    { header: '记录编号', type: 'text', value: (e) => e.recordId },
    { header: '结果', type: 'text', value: (e) => (e.outcome === 'failed' ? '失败' : '成功') },
    { header: '修改前', type: 'longText', value: (e) => auditContent(e, 'before') },
    { header: '修改后', type: 'longText', value: (e) => auditContent(e, 'after') },
  ]),
};

const pageSize = 500;

export const listExportsHandlers: HandlersOf<'lists'> = {
  'lists.export': async (input, ctx) => {
    const spec = specs[input.list];
    const query = { ...(input.query as Record<string, unknown>), pageSize };
    const first = await spec.fetch({ ...query, page: 1 }, ctx);
    if (first.total > maxListExportRows) {
      throw invalid(
        `当前筛选结果有 ${first.total.toLocaleString('zh-CN')} 条，超过单次导出上限 ${maxListExportRows.toLocaleString('zh-CN')} 条，请缩小筛选范围，或在“报表导出”中导出台账`,
      );
    }
    const settings = await settingsRepository(ctx.db).get();
    const day = today(ctx);
    const title = `${spec.title}（${day}导出）`;
    return viaTemporaryFile(async (file) => {
      await writeWorkbook(
        [
          {
            name: spec.title,
            title,
            columns: spec.columns,
            count: first.total,
            ...(spec.columns.some((c) => c.sum) ? { totals: {} } : {}),
            async *chunks() {
              let page = first;
              for (let n = 1; ; n++) {
                if (n > 1) page = await spec.fetch({ ...query, page: n }, ctx);
                if (page.rows.length === 0) return;
                yield page.rows.map((row) => spec.columns.map((c) => c.value(row)));
                if (n * pageSize >= page.total) return;
              }
            },
          },
        ],
        { unit: settings.reportingUnit, span: `共 ${first.total} 条`, preparer: settings.operatorName, reportDate: day },
        { file, ...(ctx.progress ? { progress: ctx.progress } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) },
      );
      const fileName = reportFileName(title);
      await write(ctx, (trx, w) =>
        writeAudit(trx, w, {
          entity: 'lists',
          recordId: input.list,
          action: 'export',
          after: { list: spec.title, fileName, filters: input.query, rows: first.total },
        }),
      );
      return fileName;
    });
  },
};
