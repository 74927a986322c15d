// 考核评价: one evaluation per target (an alliance or a school), template and year, with a
// score and note per leaf indicator. Total and rank are derived in SQL — the total as the
// rounded sum of the scores, the rank with RANK() over the submitted and locked
// evaluations of the template and year (ties share a rank, the next rank skips) — and the
// grade from the template's bands. Drafts change freely; a submitted evaluation only by
// 退回修改; a locked one never.
import { newId } from '../ids';
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { conflict, invalid, notFound } from '../../electron/api/errors';
import {
  gradeOf,
  type CandidateListQuery,
  type Evaluation,
  type EvaluationCandidate,
  type EvaluationResults,
  type EvaluationStatus,
  type EvaluationTarget,
  type GradeBand,
  type ResultsQuery,
  type ScoreEntry,
  type ScoreSheet,
  type YearTemplate,
} from '../../electron/api/evaluations';
import { num, orderNullsLast, pageOf, str, whereContains } from '../paging';
import { bumpVersion, claimVersion, insertRecord, softDeleteRecord, updateRecord, writeAudit, type Row, type WriteContext } from '../records';
import { isUniqueViolation } from '../sql-errors';
import { evaluationTemplateRepository, parseBands, type Leaf } from './evaluation-template-repository';
import { alliancesInRegion, regionAndBelow } from './ledger-scope';

interface TemplateFacts {
  id: string;
  name: string;
  version: number;
  year: number | null;
  targetType: EvaluationTarget;
  totalScore: number;
  bands: GradeBand[];
}

const targetColumn = (t: EvaluationTarget) => (t === 'alliance' ? 'target_alliance_id' : 'target_school_id');

export function evaluationRepository(db: Knex) {
  async function template(templateId: string): Promise<TemplateFacts> {
    const row = (await db('evaluation_templates').where({ id: templateId }).whereNull('deleted_at').first()) as Row | undefined;
    if (!row) throw notFound('评价模板');
    return {
      id: String(row.id),
      name: String(row.name),
      version: Number(row.version),
      year: num(row.year),
      targetType: String(row.target_type) as EvaluationTarget,
      totalScore: Number(row.total_score),
      bands: parseBands(row.grade_bands),
    };
  }

  /**
   * The live evaluations of a template and year whose target is live, with total, number of
   * scored leaves and rank. Scores count only on live leaves of the template.
   */
  function ranked(t: TemplateFacts, year: number) {
    const column = targetColumn(t.targetType);
    const targets = t.targetType === 'alliance' ? 'alliances' : 'schools';
    // Each total is summed from the covering index of its scores, one seek per evaluation.
    const scores = (aggregate: string) =>
      db('evaluation_scores as sc').select(db.raw(aggregate)).whereRaw('sc.evaluation_id = e.id').whereNull('sc.deleted_at');
    const totals = db('evaluations as e')
      .join(`${targets} as tg`, 'tg.id', `e.${column}`)
      .where('e.template_id', t.id)
      .where('e.year', year)
      .whereNull('e.deleted_at')
      .whereNotNull(`e.${column}`)
      .whereNull('tg.deleted_at')
      .select(
        'e.id',
        'e.status',
        `e.${column} as target_id`,
        'e.updated_at',
        db.raw('ROUND(COALESCE(?, 0), 2) AS total', [scores('SUM(sc.score)')]),
        db.raw('? AS scored', [scores('COUNT(sc.score)')]),
      );
    return db
      .from(totals.as('t'))
      .select(
        't.*',
        db.raw(
          `CASE WHEN t.status <> 'draft' THEN RANK() OVER (PARTITION BY CASE WHEN t.status = 'draft' THEN 0 ELSE 1 END ORDER BY t.total DESC) END AS rnk`,
        ),
      );
  }

  async function leafCount(templateId: string): Promise<number> {
    return (await evaluationTemplateRepository(db).leaves(templateId)).length;
  }

  async function liveEvaluation(trx: Knex, id: string): Promise<Row> {
    const row = (await trx('evaluations').where({ id }).whereNull('deleted_at').first()) as Row | undefined;
    if (!row) throw notFound('考核评价');
    return row;
  }

  function assertDraft(row: Row): void {
    if (row.status === 'locked') throw conflict('该考核评价已锁定，不能再修改');
    if (row.status === 'submitted') throw conflict('该考核评价已提交，如需修改请先“退回修改”');
  }

  /** Checks each score against its leaf: a leaf of this template, within 0..max. */
  function checkScores(sheet: ScoreSheet, leaves: Leaf[]): void {
    const byId = new Map(leaves.map((l) => [l.id, l]));
    const errors: Record<string, string> = {};
    for (const [indicatorId, entry] of Object.entries(sheet.scores)) {
      const leaf = byId.get(indicatorId);
      const key = `scores.${indicatorId}.score`;
      if (!leaf) errors[key] = '该指标不属于此模板，或不是末级指标，请刷新后重试';
      else if (entry.score !== null && entry.score > leaf.maxScore) {
        errors[key] = `“${leaf.name}”的得分不能超过满分 ${leaf.maxScore} 分`;
      }
    }
    const first = Object.values(errors)[0];
    if (first) throw invalid(first, errors);
  }

  async function storedScores(trx: Knex, evaluationId: string): Promise<Map<string, { id: string } & ScoreEntry>> {
    const rows = (await trx('evaluation_scores').where('evaluation_id', evaluationId).whereNull('deleted_at')) as Row[];
    return new Map(rows.map((r) => [String(r.indicator_id), { id: String(r.id), score: num(r.score), note: str(r.note) }]));
  }

  /** Writes the sheet into a draft: one audit row for the scores, one for the header fields. */
  async function writeSheet(trx: Knex, row: Row, sheet: ScoreSheet, ctx: WriteContext): Promise<void> {
    const leaves = await evaluationTemplateRepository(trx).leaves(String(row.template_id));
    checkScores(sheet, leaves);
    // The sheet as the clerk loaded it: a colleague's save since then refuses this one
    // (claimed first, so that on PostgreSQL the second writer waits here and then fails).
    await claimVersion(trx, 'evaluations', sheet.id, sheet.rowVersion);
    const stamp = ctx.now.toISOString();
    const stored = await storedScores(trx, sheet.id);
    const before: Record<string, ScoreEntry> = {};
    const after: Record<string, ScoreEntry> = {};
    for (const [indicatorId, entry] of Object.entries(sheet.scores)) {
      const old = stored.get(indicatorId);
      if (old && old.score === entry.score && old.note === entry.note) continue;
      if (old) {
        before[indicatorId] = { score: old.score, note: old.note };
        await trx('evaluation_scores').where({ id: old.id }).update({ score: entry.score, note: entry.note, updated_at: stamp, ...bumpVersion(trx) });
      } else {
        if (entry.score === null && entry.note === null) continue;
        await trx('evaluation_scores').insert({
          id: newId(),
          evaluation_id: sheet.id,
          indicator_id: indicatorId,
          score: entry.score,
          note: entry.note,
          created_at: stamp,
          updated_at: stamp,
          deleted_at: null,
        });
      }
      after[indicatorId] = entry;
    }
    if (Object.keys(after).length > 0) {
      await trx('evaluations').where({ id: sheet.id }).update({ updated_at: stamp, ...bumpVersion(trx) });
      await writeAudit(trx, ctx, { entity: 'evaluation_scores', recordId: sheet.id, action: 'update', before, after });
    }
    await updateRecord(trx, 'evaluations', sheet.id, { evaluators: sheet.evaluators, comments: sheet.comments }, ctx);
  }

  return {
    async candidates(q: CandidateListQuery): Promise<Page<EvaluationCandidate>> {
      const t = await template(q.templateId);
      const leaves = await leafCount(t.id);
      const yearStart = `${q.year}-01-01`;
      const yearEnd = `${q.year}-12-31`;
      const evaluated = ranked(t, q.year).as('r');
      const query =
        t.targetType === 'alliance'
          ? db('alliances as c')
              .leftJoin('schools as ls', 'ls.id', 'c.lead_school_id')
              .leftJoin('regions as cr', 'cr.id', db.raw('COALESCE(ls.region_id, c.lead_region_id)'))
              .leftJoin(evaluated, 'r.target_id', 'c.id')
              // Alliances that existed that year, and any evaluated that year whatever its dates say now.
              .where((w) =>
                w
                  .where((x) =>
                    x
                      .where((y) => y.whereNull('c.established_on').orWhere('c.established_on', '<=', yearEnd))
                      .where((y) => y.whereNull('c.dissolved_on').orWhere('c.dissolved_on', '>=', yearStart)),
                  )
                  .orWhereNotNull('r.id'),
              )
          : db('schools as c')
              .leftJoin('regions as cr', 'cr.id', 'c.region_id')
              .leftJoin(evaluated, 'r.target_id', 'c.id')
              // Schools that were members of a live alliance that year, and any evaluated that year.
              .where((w) =>
                w
                  .whereExists(
                    db('alliance_members as m')
                      .join('alliances as a', 'a.id', 'm.alliance_id')
                      .select(db.raw('1'))
                      .whereRaw('m.school_id = c.id')
                      .whereNull('m.deleted_at')
                      .whereNull('a.deleted_at')
                      .where((x) => x.whereNull('m.joined_on').orWhere('m.joined_on', '<=', yearEnd))
                      .where((x) => x.whereNull('m.left_on').orWhere('m.left_on', '>=', yearStart)),
                  )
                  .orWhereNotNull('r.id'),
              );
      query.whereNull('c.deleted_at');
      if (q.regionId) {
        const regionId = q.regionId;
        if (t.targetType === 'alliance') query.whereIn('c.id', alliancesInRegion(db, regionId));
        else query.whereIn('c.region_id', regionAndBelow(db, regionId));
      }
      whereContains(query, ['c.name'], q.search);
      if (q.status === 'none') query.whereNull('r.id');
      else if (q.status) query.where('r.status', q.status);
      query.select('c.id as target_id', 'c.name as target_name', 'cr.name as region_name', 'r.id as evaluation_id', 'r.status', 'r.total', 'r.scored', 'r.rnk', 'r.updated_at');
      const dir = q.sortOrder === 'desc' ? 'desc' : 'asc';
      if (q.sortBy === 'status') {
        query.orderByRaw(`CASE r.status WHEN 'draft' THEN 1 WHEN 'submitted' THEN 2 WHEN 'locked' THEN 3 ELSE 0 END ${dir}`);
      } else if (q.sortBy === 'total') orderNullsLast(query, 'r.total', dir);
      query.orderBy('c.name', q.sortBy === 'name' ? dir : 'asc').orderBy('c.id');
      return pageOf(query, q, (r) => ({
        targetId: String(r.target_id),
        targetName: String(r.target_name),
        regionName: str(r.region_name),
        evaluationId: str(r.evaluation_id),
        status: (str(r.status) as EvaluationStatus | null) ?? null,
        scoredCount: Number(r.scored ?? 0),
        leafCount: leaves,
        total: r.evaluation_id ? Number(r.total) : null,
        grade: r.evaluation_id && r.status !== 'draft' ? gradeOf(Number(r.total), t.bands) : null,
        rank: num(r.rnk),
        updatedAt: str(r.updated_at),
      }));
    },

    async get(id: string): Promise<Evaluation> {
      const row = await liveEvaluation(db, id);
      const t = await template(String(row.template_id));
      const targetType = t.targetType;
      const targetId = String(row[targetColumn(targetType)]);
      const target = (await db(targetType === 'alliance' ? 'alliances' : 'schools').where({ id: targetId }).first('name', 'deleted_at')) as Row | undefined;
      if (!target || target.deleted_at) throw notFound(targetType === 'alliance' ? '被评价的联盟' : '被评价的学校');
      const leaves = await evaluationTemplateRepository(db).leaves(t.id);
      const live = new Set(leaves.map((l) => l.id));
      const scores: Record<string, ScoreEntry> = {};
      for (const [indicatorId, s] of await storedScores(db, id)) {
        if (live.has(indicatorId)) scores[indicatorId] = { score: s.score, note: s.note };
      }
      // The ranked query keeps its window over the whole year; filter after ranking.
      const ranking = (await db.from(ranked(t, Number(row.year)).as('x')).where('x.id', id).first()) as Row | undefined;
      const total = Number(ranking?.total ?? 0);
      const status = String(row.status) as EvaluationStatus;
      return {
        id,
        templateId: t.id,
        year: Number(row.year),
        targetType,
        targetId,
        targetName: String(target.name),
        evaluators: str(row.evaluators),
        comments: str(row.comments),
        status,
        submittedAt: str(row.submitted_at),
        lockedAt: str(row.locked_at),
        scores,
        scoredCount: Object.values(scores).filter((s) => s.score !== null).length,
        leafCount: leaves.length,
        total,
        grade: status === 'draft' ? null : gradeOf(total, t.bands),
        rank: num(ranking?.rnk),
        createdAt: String(row.created_at),
        updatedAt: String(row.updated_at),
        rowVersion: Number(row.row_version),
      };
    },

    /** The target's evaluation for the template and year; a new draft when there is none. */
    async start(trx: Knex, input: { templateId: string; year: number; targetId: string }, ctx: WriteContext): Promise<string> {
      const t = await evaluationRepository(trx).templateFacts(input.templateId);
      const next = await trx('evaluation_templates').where('previous_version_id', t.id).whereNull('deleted_at').first('version');
      if (next) throw conflict(`“${t.name}”已有第${Number(next.version)}版，新的考核评价请使用最新版本`);
      if (t.year !== null && t.year !== input.year) {
        throw invalid(`模板“${t.name}”用于 ${t.year} 年度，不能用于 ${input.year} 年度`, { year: `模板用于 ${t.year} 年度` });
      }
      const column = targetColumn(t.targetType);
      const table = t.targetType === 'alliance' ? 'alliances' : 'schools';
      const target = await trx(table).where({ id: input.targetId }).whereNull('deleted_at').first('id');
      if (!target) {
        const what = t.targetType === 'alliance' ? '联盟' : '学校';
        throw invalid(`所选${what}不存在或已删除`, { targetId: `所选${what}不存在或已删除` });
      }
      const existing = await trx('evaluations')
        .where({ template_id: t.id, year: input.year, [column]: input.targetId })
        .whereNull('deleted_at')
        .first('id');
      if (existing) return String(existing.id);
      try {
        const row = await insertRecord(trx, 'evaluations', { template_id: t.id, year: input.year, [column]: input.targetId, status: 'draft' }, ctx);
        return String(row.id);
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('该对象本年度已有使用此模板的考核评价');
        throw e;
      }
    },

    templateFacts: template,

    async save(trx: Knex, sheet: ScoreSheet, ctx: WriteContext): Promise<void> {
      const row = await liveEvaluation(trx, sheet.id);
      assertDraft(row);
      await writeSheet(trx, row, sheet, ctx);
    },

    /** Saves, then refuses unless every leaf has a score within its range. */
    async submit(trx: Knex, sheet: ScoreSheet, ctx: WriteContext): Promise<void> {
      const row = await liveEvaluation(trx, sheet.id);
      assertDraft(row);
      await writeSheet(trx, row, sheet, ctx);
      const leaves = await evaluationTemplateRepository(trx).leaves(String(row.template_id));
      const stored = await storedScores(trx, sheet.id);
      const errors: Record<string, string> = {};
      for (const leaf of leaves) {
        const score = stored.get(leaf.id)?.score ?? null;
        if (score === null) errors[`scores.${leaf.id}.score`] = '请打分';
        else if (score > leaf.maxScore) errors[`scores.${leaf.id}.score`] = `得分不能超过满分 ${leaf.maxScore} 分`;
      }
      const missing = Object.values(errors).filter((m) => m === '请打分').length;
      if (missing > 0) throw invalid(`还有 ${missing} 项指标未打分，全部打分后才能提交`, errors);
      const first = Object.values(errors)[0];
      if (first) throw invalid(first, errors);
      await updateRecord(trx, 'evaluations', sheet.id, { status: 'submitted', submitted_at: ctx.now.toISOString() }, ctx);
    },

    async reopen(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      const row = await liveEvaluation(trx, id);
      if (row.status === 'locked') throw conflict('该考核评价已锁定，不能退回修改');
      if (row.status === 'draft') return;
      await updateRecord(trx, 'evaluations', id, { status: 'draft', submitted_at: null }, ctx, Number(row.row_version));
    },

    async lock(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      const row = await liveEvaluation(trx, id);
      if (row.status === 'draft') throw conflict('草稿不能锁定，请先提交');
      if (row.status === 'locked') return;
      await updateRecord(trx, 'evaluations', id, { status: 'locked', locked_at: ctx.now.toISOString() }, ctx, Number(row.row_version));
    },

    async lockAll(trx: Knex, templateId: string, year: number, ctx: WriteContext): Promise<number> {
      await evaluationRepository(trx).templateFacts(templateId);
      const rows = (await trx('evaluations')
        .where({ template_id: templateId, year, status: 'submitted' })
        .whereNull('deleted_at')
        .select('id')) as { id: string }[];
      for (const r of rows) {
        await updateRecord(trx, 'evaluations', String(r.id), { status: 'locked', locked_at: ctx.now.toISOString() }, ctx);
      }
      return rows.length;
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      const row = await liveEvaluation(trx, id);
      if (row.status !== 'draft') throw conflict('只能删除草稿；已提交的考核评价请先退回修改');
      await softDeleteRecord(trx, 'evaluations', id, ctx);
    },

    async yearTemplates(year: number): Promise<YearTemplate[]> {
      const rows = (await db('evaluations as e')
        .join('evaluation_templates as t', 't.id', 'e.template_id')
        .where('e.year', year)
        .whereNull('e.deleted_at')
        .whereNull('t.deleted_at')
        .groupBy('t.id', 't.name', 't.version', 't.target_type')
        .select(
          't.id',
          't.name',
          't.version',
          't.target_type',
          db.raw('COUNT(*) AS n'),
          db.raw(
            'CASE WHEN EXISTS (SELECT 1 FROM evaluation_templates nv WHERE nv.previous_version_id = t.id AND nv.deleted_at IS NULL) THEN 0 ELSE 1 END AS latest',
          ),
        )
        .orderBy('t.name')
        .orderBy('t.version')) as Row[];
      return rows.map((r) => ({
        templateId: String(r.id),
        name: String(r.name),
        version: Number(r.version),
        targetType: String(r.target_type) as EvaluationTarget,
        latest: Boolean(Number(r.latest)),
        evaluations: Number(r.n),
      }));
    },

    async results(q: ResultsQuery): Promise<EvaluationResults> {
      const t = await template(q.templateId);
      const tree = await evaluationTemplateRepository(db).get(t.id);
      const table = t.targetType === 'alliance' ? 'alliances' : 'schools';
      const query = db
        .from(ranked(t, q.year).as('r'))
        .join(`${table} as c`, 'c.id', 'r.target_id')
        .modify((qb) => {
          if (t.targetType === 'alliance') {
            qb.leftJoin('schools as ls', 'ls.id', 'c.lead_school_id').leftJoin(
              'regions as cr',
              'cr.id',
              db.raw('COALESCE(ls.region_id, c.lead_region_id)'),
            );
          } else qb.leftJoin('regions as cr', 'cr.id', 'c.region_id');
        })
        .select('r.*', 'c.name as target_name', 'cr.name as region_name');
      if (!q.includeDrafts) query.whereNot('r.status', 'draft');
      if (q.regionId) {
        if (t.targetType === 'alliance') query.whereIn('c.id', alliancesInRegion(db, q.regionId));
        else query.whereIn('c.region_id', regionAndBelow(db, q.regionId));
      }
      whereContains(query, ['c.name'], q.search);
      const dir = q.sortOrder === 'desc' ? 'desc' : 'asc';
      if (q.sortBy === 'rank') orderNullsLast(query, 'r.rnk', dir);
      query.orderBy('c.name', q.sortBy === 'name' ? dir : 'asc').orderBy('c.id');
      const page = await pageOf(query, q, (r) => ({
        evaluationId: String(r.id),
        targetId: String(r.target_id),
        targetName: String(r.target_name),
        regionName: str(r.region_name),
        scores: [] as (number | null)[],
        total: Number(r.total),
        grade: r.status === 'draft' ? null : gradeOf(Number(r.total), t.bands),
        rank: num(r.rnk),
        status: String(r.status) as EvaluationStatus,
      }));
      // The page's scores per 一级指标, summed in SQL over its leaves (or itself when a leaf).
      const ids = page.rows.map((r) => r.evaluationId);
      if (ids.length > 0) {
        const sums = (await db('evaluation_scores as sc')
          .join('indicators as i', 'i.id', 'sc.indicator_id')
          .whereIn('sc.evaluation_id', ids)
          .whereNull('sc.deleted_at')
          .whereNull('i.deleted_at')
          .whereNotNull('sc.score')
          .groupBy('sc.evaluation_id', db.raw('COALESCE(i.parent_id, i.id)'))
          .select('sc.evaluation_id', db.raw('COALESCE(i.parent_id, i.id) AS top_id'), db.raw('ROUND(SUM(sc.score), 2) AS score'))) as Row[];
        const byKey = new Map(sums.map((s) => [`${String(s.evaluation_id)}:${String(s.top_id)}`, Number(s.score)]));
        for (const r of page.rows) r.scores = tree.indicators.map((d) => byKey.get(`${r.evaluationId}:${d.id}`) ?? null);
      }
      // Grades over the whole year and template: totals are grouped in SQL, banded here.
      const totals = (await db
        .from(ranked(t, q.year).as('g'))
        .whereNot('g.status', 'draft')
        .groupBy('g.total')
        .select('g.total', db.raw('COUNT(*) AS n'))) as Row[];
      const counts = new Map<string, number>(t.bands.map((b) => [b.name, 0]));
      for (const row of totals) {
        const grade = gradeOf(Number(row.total), t.bands) ?? '未达等次';
        counts.set(grade, (counts.get(grade) ?? 0) + Number(row.n));
      }
      return {
        template: { id: t.id, name: t.name, version: t.version, totalScore: t.totalScore, gradeBands: t.bands },
        dimensions: tree.indicators.map((d) => ({ id: d.id, code: d.code, name: d.name, maxScore: d.maxScore })),
        page,
        gradeCounts: [...counts].map(([grade, count]) => ({ grade, count })),
      };
    },
  };
}
