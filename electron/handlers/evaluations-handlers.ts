import { awardRepository } from '../../db/repositories/award-repository';
import { evaluationRepository } from '../../db/repositories/evaluation-repository';
import { evaluationTemplateRepository } from '../../db/repositories/evaluation-template-repository';
import { evidenceRepository } from '../../db/repositories/evidence-repository';
import { settingsRepository } from '../../db/repositories/settings-repository';
import { readIndicatorSheet, writeIndicatorWorkbook } from '../services/evaluation/indicator-excel';
import { today, versioned, write, type HandlersOf } from './context';

/** A name a file system accepts on Windows too. */
function fileNameOf(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}

export const evaluationTemplatesHandlers: HandlersOf<'evaluationTemplates'> = {
  'evaluationTemplates.list': (q, ctx) => evaluationTemplateRepository(ctx.db).list(q),
  'evaluationTemplates.get': ({ id }, ctx) => evaluationTemplateRepository(ctx.db).get(id),
  'evaluationTemplates.create': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => evaluationTemplateRepository(trx).create(trx, draft, w));
    return evaluationTemplateRepository(ctx.db).get(id);
  },
  'evaluationTemplates.update': async ({ id, rowVersion, draft }, ctx) => {
    const savedId = await versioned(
      () => write(ctx, (trx, w) => evaluationTemplateRepository(trx).update(trx, id, draft, w, rowVersion)),
      () => evaluationTemplateRepository(ctx.db).get(id),
    );
    return evaluationTemplateRepository(ctx.db).get(savedId);
  },
  'evaluationTemplates.copy': async ({ id, name, year }, ctx) => {
    const copyId = await write(ctx, (trx, w) => evaluationTemplateRepository(trx).copy(trx, id, name, year, w));
    return evaluationTemplateRepository(ctx.db).get(copyId);
  },
  'evaluationTemplates.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => evaluationTemplateRepository(trx).remove(trx, id, w));
    return { id };
  },
  'evaluationTemplates.exportExcel': async ({ id }, ctx) => {
    const template = await evaluationTemplateRepository(ctx.db).get(id);
    const bytes = await writeIndicatorWorkbook(template);
    const version = template.version > 1 ? `_第${template.version}版` : '';
    return { fileName: `${fileNameOf(template.name)}${version}_评价指标.xlsx`, dataBase64: Buffer.from(bytes).toString('base64') };
  },
  'evaluationTemplates.readExcel': (input) =>
    readIndicatorSheet(Buffer.from(input.dataBase64, 'base64'), input.fileName, input.sheet || undefined),
};

export const evaluationsHandlers: HandlersOf<'evaluations'> = {
  'evaluations.candidates': (q, ctx) => evaluationRepository(ctx.db).candidates(q),
  'evaluations.get': ({ id }, ctx) => evaluationRepository(ctx.db).get(id),
  'evaluations.start': async (input, ctx) => {
    const id = await write(ctx, (trx, w) => evaluationRepository(trx).start(trx, input, w));
    return evaluationRepository(ctx.db).get(id);
  },
  'evaluations.save': async (sheet, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => evaluationRepository(trx).save(trx, sheet, w)),
      () => evaluationRepository(ctx.db).get(sheet.id),
    );
    return evaluationRepository(ctx.db).get(sheet.id);
  },
  'evaluations.submit': async (sheet, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => evaluationRepository(trx).submit(trx, sheet, w)),
      () => evaluationRepository(ctx.db).get(sheet.id),
    );
    return evaluationRepository(ctx.db).get(sheet.id);
  },
  'evaluations.reopen': async ({ id }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => evaluationRepository(trx).reopen(trx, id, w)),
      () => evaluationRepository(ctx.db).get(id),
    );
    return evaluationRepository(ctx.db).get(id);
  },
  'evaluations.lock': async ({ id }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => evaluationRepository(trx).lock(trx, id, w)),
      () => evaluationRepository(ctx.db).get(id),
    );
    return evaluationRepository(ctx.db).get(id);
  },
  'evaluations.lockAll': async ({ templateId, year }, ctx) => ({
    locked: await write(ctx, (trx, w) => evaluationRepository(trx).lockAll(trx, templateId, year, w)),
  }),
  'evaluations.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => evaluationRepository(trx).remove(trx, id, w));
    return { id };
  },
  'evaluations.evidence': async (q, ctx) => {
    const settings = await settingsRepository(ctx.db).get();
    return evidenceRepository(ctx.db).forYear({
      ...q,
      today: today(ctx),
      terms: settings.terms,
      visitsPerTerm: settings.reminderRules.quotas.visitsPerTerm,
    });
  },
  'evaluations.results': (q, ctx) => evaluationRepository(ctx.db).results(q),
  'evaluations.yearTemplates': ({ year }, ctx) => evaluationRepository(ctx.db).yearTemplates(year),
};

export const awardsHandlers: HandlersOf<'awards'> = {
  'awards.list': (q, ctx) => awardRepository(ctx.db).list(q),
  'awards.get': ({ id }, ctx) => awardRepository(ctx.db).get(id),
  'awards.create': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => awardRepository(trx).create(trx, draft, w));
    return awardRepository(ctx.db).get(id);
  },
  'awards.update': async ({ id, rowVersion, draft }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => awardRepository(trx).update(trx, id, draft, w, rowVersion)),
      () => awardRepository(ctx.db).get(id),
    );
    return awardRepository(ctx.db).get(id);
  },
  'awards.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => awardRepository(trx).remove(trx, id, w));
    return { id };
  },
};
