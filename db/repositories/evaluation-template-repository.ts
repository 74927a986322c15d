// 评价模板: a template row and its indicator tree (一级指标 → 二级指标). A template used by a
// submitted or locked evaluation is frozen: saving it writes the next version (a new row
// pointing back at it) and every evaluation keeps the version it was scored on. An unfrozen
// template is saved in place, node by node, so the scores of its drafts stay attached to
// the indicators that survive the edit. The tree is audited as part of its template.
import { newId } from '../ids';
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { conflict, duplicate, invalid, notFound } from '../../electron/api/errors';
import {
  topMax,
  type EvaluationTemplate,
  type EvaluationTemplateSummary,
  type EvaluationTarget,
  type GradeBand,
  type Indicator,
  type TemplateDraft,
  type TemplateListQuery,
} from '../../electron/api/evaluations';
import { num, pageOf, str, whereContains } from '../paging';
import { bumpVersion, claimVersion, softDeleteRecord, StaleRecordError, writeAudit, type Row, type WriteContext } from '../records';
import { isUniqueViolation } from '../sql-errors';

const sortColumns: Record<TemplateListQuery['sortBy'], string> = {
  year: 't.year',
  name: 't.name',
  updatedAt: 't.updated_at',
};

/** A leaf of a template's tree: what an evaluation scores. */
export interface Leaf {
  id: string;
  name: string;
  maxScore: number;
  topId: string;
}

export function evaluationTemplateRepository(db: Knex) {
  const submittedUses = (templateColumn: string) =>
    db('evaluations as fe')
      .whereRaw('fe.template_id = ??', [templateColumn])
      .whereNull('fe.deleted_at')
      .whereIn('fe.status', ['submitted', 'locked']);

  function base() {
    return db('evaluation_templates as t')
      .whereNull('t.deleted_at')
      .select(
        't.*',
        db.raw('CASE WHEN EXISTS ? THEN 1 ELSE 0 END AS frozen', [submittedUses('t.id').select(db.raw('1'))]),
        db.raw(
          `CASE WHEN EXISTS (SELECT 1 FROM evaluation_templates nv WHERE nv.previous_version_id = t.id AND nv.deleted_at IS NULL) THEN 0 ELSE 1 END AS latest`,
        ),
        db('evaluations as ce').count('*').whereRaw('ce.template_id = t.id').whereNull('ce.deleted_at').as('evaluation_count'),
        db('indicators as li')
          .count('*')
          .whereRaw('li.template_id = t.id')
          .whereNull('li.deleted_at')
          .whereNotExists(db('indicators as lc').select(db.raw('1')).whereRaw('lc.parent_id = li.id').whereNull('lc.deleted_at'))
          .as('leaf_count'),
      );
  }

  async function tree(templateId: string): Promise<Indicator[]> {
    const rows = (await db('indicators')
      .where('template_id', templateId)
      .whereNull('deleted_at')
      .orderBy('sort_order')
      .orderBy('id')) as Row[];
    const top = rows.filter((r) => r.parent_id === null).map(toIndicator);
    const byId = new Map(top.map((t) => [t.id, t]));
    for (const r of rows) {
      if (r.parent_id !== null) byId.get(String(r.parent_id))?.children.push(toIndicator(r));
    }
    return top;
  }

  async function liveRow(trx: Knex, id: string): Promise<Row> {
    const row = (await trx('evaluation_templates').where({ id }).whereNull('deleted_at').first()) as Row | undefined;
    if (!row) throw notFound('评价模板');
    return row;
  }

  async function isFrozen(trx: Knex, id: string): Promise<boolean> {
    return Boolean(
      await trx('evaluations').where('template_id', id).whereNull('deleted_at').whereIn('status', ['submitted', 'locked']).first('id'),
    );
  }

  async function assertLatest(trx: Knex, id: string): Promise<void> {
    const next = await trx('evaluation_templates').where('previous_version_id', id).whereNull('deleted_at').first('version');
    if (next) throw conflict(`这是历史版本，已有第${Number(next.version)}版，历史版本不能修改`);
  }

  /** Inserts the tree of a draft under a template; the nodes get new ids. */
  async function insertTree(trx: Knex, templateId: string, indicators: TemplateDraft['indicators'], stamp: string): Promise<void> {
    const rows: Row[] = [];
    indicators.forEach((t, i) => {
      const topId = newId();
      rows.push(nodeRow(topId, templateId, null, { ...t, maxScore: topMax(t) }, i, stamp));
      t.children.forEach((c, j) => rows.push(nodeRow(newId(), templateId, topId, c, j, stamp)));
    });
    for (let i = 0; i < rows.length; i += 100) await trx('indicators').insert(rows.slice(i, i + 100));
  }

  /**
   * Saves the tree in place: nodes with a known id are updated, new ones inserted, missing
   * ones deleted with the draft scores on them (and so are scores on a leaf that gained
   * 二级指标, since only leaves are scored).
   */
  async function replaceTree(trx: Knex, templateId: string, indicators: TemplateDraft['indicators'], stamp: string): Promise<void> {
    const existing = (await trx('indicators').where('template_id', templateId).whereNull('deleted_at').select('id')) as { id: string }[];
    const known = new Set(existing.map((r) => String(r.id)));
    const kept = new Set<string>();
    const upsert = async (nodeId: string | undefined, parentId: string | null, node: NodeInput, order: number, path: string): Promise<string> => {
      if (nodeId && !known.has(nodeId)) throw invalid('指标不属于此模板，请刷新后重试', { [path]: '指标不属于此模板，请刷新后重试' });
      if (nodeId && kept.has(nodeId)) throw invalid('同一指标出现了两次，请刷新后重试', { [path]: '同一指标出现了两次' });
      const id = nodeId ?? newId();
      const row = nodeRow(id, templateId, parentId, node, order, stamp);
      if (nodeId) {
        const { id: _id, created_at: _c, ...changes } = row;
        await trx('indicators').where({ id }).update({ ...changes, ...bumpVersion(trx) });
      } else await trx('indicators').insert(row);
      kept.add(id);
      return id;
    };
    for (const [i, t] of indicators.entries()) {
      const topId = await upsert(t.id, null, { ...t, maxScore: topMax(t) }, i, `indicators.${i}.name`);
      for (const [j, c] of t.children.entries()) await upsert(c.id, topId, c, j, `indicators.${i}.children.${j}.name`);
    }
    const gone = [...known].filter((id) => !kept.has(id));
    const parents = indicators.filter((t) => t.children.length > 0 && t.id).map((t) => t.id!);
    for (let i = 0; i < gone.length; i += 200) {
      await trx('indicators').whereIn('id', gone.slice(i, i + 200)).update({ deleted_at: stamp, updated_at: stamp, ...bumpVersion(trx) });
    }
    const unscored = [...gone, ...parents];
    for (let i = 0; i < unscored.length; i += 200) {
      await trx('evaluation_scores')
        .whereIn('indicator_id', unscored.slice(i, i + 200))
        .whereNull('deleted_at')
        .update({ deleted_at: stamp, updated_at: stamp, ...bumpVersion(trx) });
    }
  }

  async function insertTemplate(trx: Knex, row: Row, indicators: TemplateDraft['indicators'], ctx: WriteContext): Promise<string> {
    const stamp = ctx.now.toISOString();
    const id = newId();
    try {
      await trx('evaluation_templates').insert({ id, ...row, created_at: stamp, updated_at: stamp, deleted_at: null });
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicate(`已有名为“${String(row.name)}”的模板（第${Number(row.version)}版），请换一个名称`, 'name');
      throw e;
    }
    await insertTree(trx, id, indicators, stamp);
    await writeAudit(trx, ctx, { entity: 'evaluation_templates', recordId: id, action: 'create', after: { ...row, indicators } });
    return id;
  }

  return {
    async list(q: TemplateListQuery): Promise<Page<EvaluationTemplateSummary>> {
      const query = base();
      // A template without a year serves any year.
      if (q.year !== undefined) query.where((w) => w.where('t.year', q.year!).orWhereNull('t.year'));
      if (q.targetType) query.where('t.target_type', q.targetType);
      if (!q.includeOldVersions) {
        query.whereNotExists(
          db('evaluation_templates as nv').select(db.raw('1')).whereRaw('nv.previous_version_id = t.id').whereNull('nv.deleted_at'),
        );
      }
      whereContains(query, ['t.name'], q.search);
      const dir = q.sortOrder === 'desc' ? 'desc' : 'asc';
      query.orderByRaw(`?? ${dir} NULLS LAST`, [sortColumns[q.sortBy]]).orderBy('t.name').orderBy('t.version', 'desc').orderBy('t.id');
      return pageOf(query, q, toSummary);
    },

    async get(id: string): Promise<EvaluationTemplate> {
      const row = (await base().where('t.id', id).first()) as Row | undefined;
      if (!row) throw notFound('评价模板');
      return { ...toSummaryFields(row), indicators: await tree(id) };
    },

    /** The leaves an evaluation on this template scores, with their maxima. */
    async leaves(templateId: string): Promise<Leaf[]> {
      const leaves: Leaf[] = [];
      for (const t of await tree(templateId)) {
        if (t.children.length === 0) leaves.push({ id: t.id, name: t.name, maxScore: t.maxScore, topId: t.id });
        for (const c of t.children) leaves.push({ id: c.id, name: c.name, maxScore: c.maxScore, topId: t.id });
      }
      return leaves;
    },

    async create(trx: Knex, d: TemplateDraft, ctx: WriteContext): Promise<string> {
      return insertTemplate(trx, templateRow(d, 1, null, false), d.indicators, ctx);
    },

    /** Returns the id saved to: the same template, or its next version when it is frozen. */
    async update(trx: Knex, id: string, d: TemplateDraft, ctx: WriteContext, version?: number): Promise<string> {
      const before = await liveRow(trx, id);
      if (version !== undefined && Number(before.row_version) !== version) throw new StaleRecordError('evaluation_templates', id);
      await assertLatest(trx, id);
      if (await isFrozen(trx, id)) {
        // The frozen template itself is not written, but claiming its version keeps two
        // clerks from both saving a next version from the same screen.
        if (version !== undefined) await claimVersion(trx, 'evaluation_templates', id, version);
        const row = templateRow(d, Number(before.version) + 1, id, Boolean(Number(before.is_sample)));
        return insertTemplate(trx, row, d.indicators, ctx);
      }
      const uses = (await trx('evaluations').where('template_id', id).whereNull('deleted_at').select('year')) as { year: number }[];
      if (uses.length > 0 && d.targetType !== before.target_type) {
        throw invalid('已有考核评价使用此模板，不能更改评价对象', { targetType: '已有考核评价使用此模板，不能更改评价对象' });
      }
      const otherYear = uses.find((u) => d.year !== null && Number(u.year) !== d.year);
      if (otherYear) {
        const message = `已有 ${Number(otherYear.year)} 年度的考核评价使用此模板，年度不能改为 ${d.year}`;
        throw invalid(message, { year: message });
      }
      const beforeTree = await tree(id);
      let written: number;
      try {
        written = await trx('evaluation_templates')
          .where({ id })
          .modify((q) => version !== undefined && q.where('row_version', version))
          .update({
            ...templateRow(d, Number(before.version), str(before.previous_version_id), Boolean(Number(before.is_sample))),
            updated_at: ctx.now.toISOString(),
            ...bumpVersion(trx),
          });
      } catch (e) {
        if (isUniqueViolation(e)) throw duplicate(`已有名为“${d.name}”的模板，请换一个名称`, 'name');
        throw e;
      }
      if (Number(written) === 0) throw new StaleRecordError('evaluation_templates', id);
      await replaceTree(trx, id, d.indicators, ctx.now.toISOString());
      await writeAudit(trx, ctx, {
        entity: 'evaluation_templates',
        recordId: id,
        action: 'update',
        before: { ...before, indicators: beforeTree },
        after: { ...templateRow(d, Number(before.version), str(before.previous_version_id), Boolean(Number(before.is_sample))), indicators: d.indicators },
      });
      return id;
    },

    async copy(trx: Knex, id: string, name: string, year: number | null, ctx: WriteContext): Promise<string> {
      const source = await liveRow(trx, id);
      const indicators = (await evaluationTemplateRepository(trx).get(id)).indicators.map((t) => ({
        code: t.code,
        name: t.name,
        maxScore: t.children.length ? null : t.maxScore,
        scoringRule: t.scoringRule,
        children: t.children.map((c) => ({ code: c.code, name: c.name, maxScore: c.maxScore, scoringRule: c.scoringRule })),
      }));
      const row: Row = {
        name,
        year,
        target_type: source.target_type,
        total_score: source.total_score,
        grade_bands: source.grade_bands,
        version: 1,
        previous_version_id: null,
        is_sample: false,
      };
      return insertTemplate(trx, row, indicators, ctx);
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      await liveRow(trx, id);
      const used = await trx('evaluations').where('template_id', id).whereNull('deleted_at').count<{ n: number }[]>({ n: '*' });
      const n = Number(used[0]?.n ?? 0);
      if (n > 0) throw conflict(`已有 ${n} 份考核评价使用此模板，不能删除`);
      await softDeleteRecord(trx, 'evaluation_templates', id, ctx);
    },
  };
}

type NodeInput = { code: string | null; name: string; maxScore?: number | null; scoringRule: string | null };

function nodeRow(id: string, templateId: string, parentId: string | null, n: NodeInput, order: number, stamp: string): Row {
  return {
    id,
    template_id: templateId,
    parent_id: parentId,
    code: n.code,
    name: n.name,
    max_score: n.maxScore ?? 0,
    scoring_rule: n.scoringRule,
    sort_order: order,
    created_at: stamp,
    updated_at: stamp,
    deleted_at: null,
  };
}

function templateRow(d: TemplateDraft, version: number, previousVersionId: string | null, isSample: boolean): Row {
  return {
    name: d.name,
    year: d.year,
    target_type: d.targetType,
    total_score: d.totalScore,
    grade_bands: JSON.stringify(d.gradeBands),
    version,
    previous_version_id: previousVersionId,
    is_sample: isSample,
  };
}

function toIndicator(r: Row): Indicator {
  return {
    id: String(r.id),
    code: str(r.code),
    name: String(r.name),
    maxScore: Number(r.max_score),
    scoringRule: str(r.scoring_rule),
    children: [],
  };
}

export function parseBands(json: unknown): GradeBand[] {
  const bands = JSON.parse(String(json ?? '[]')) as GradeBand[];
  return bands.map((b) => ({ name: String(b.name), min: Number(b.min) })).sort((a, b) => b.min - a.min);
}

function toSummaryFields(r: Row): Omit<EvaluationTemplate, 'indicators'> {
  return {
    id: String(r.id),
    name: String(r.name),
    year: num(r.year),
    targetType: String(r.target_type) as EvaluationTarget,
    totalScore: Number(r.total_score),
    gradeBands: parseBands(r.grade_bands),
    version: Number(r.version),
    previousVersionId: str(r.previous_version_id),
    isSample: Boolean(Number(r.is_sample)),
    frozen: Boolean(Number(r.frozen)),
    latest: Boolean(Number(r.latest)),
    evaluationCount: Number(r.evaluation_count ?? 0),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}

function toSummary(r: Row): EvaluationTemplateSummary {
  return { ...toSummaryFields(r), leafCount: Number(r.leaf_count ?? 0) };
}
