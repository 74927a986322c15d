import { allianceMemberRepository } from '../../db/repositories/alliance-member-repository';
import { allianceRepository } from '../../db/repositories/alliance-repository';
import { reindexActivities } from '../../db/repositories/activity-writes';
import { annualPlanRepository } from '../../db/repositories/annual-plan-repository';
import { today, versioned, write, type HandlersOf } from './context';

export const alliancesHandlers: HandlersOf<'alliances'> = {
  'alliances.list': (q, ctx) => allianceRepository(ctx.db).list(q, today(ctx)),
  'alliances.get': ({ id }, ctx) => allianceRepository(ctx.db).get(id, today(ctx)),
  // The alliance, its quality ratings, its lead and its first members: one transaction.
  'alliances.create': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => allianceRepository(trx).create(trx, draft, w, today(ctx)));
    return allianceRepository(ctx.db).get(id, today(ctx));
  },
  'alliances.update': async ({ id, rowVersion, draft }, ctx) => {
    await versioned(
      () =>
        write(ctx, async (trx, w) => {
          const before = await allianceRepository(trx).get(id, today(ctx));
          await allianceRepository(trx).update(trx, id, draft, w, today(ctx), rowVersion);
          // Activities are found by their alliance's name too, so a rename re-indexes them.
          if (before.name !== draft.name) await reindexActivities(trx, { allianceId: id });
        }),
      () => allianceRepository(ctx.db).get(id, today(ctx)),
    );
    return allianceRepository(ctx.db).get(id, today(ctx));
  },
  'alliances.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => allianceRepository(trx).remove(trx, id, w));
    return { id };
  },
  'alliances.members': (q, ctx) => allianceMemberRepository(ctx.db).page(q, today(ctx)),
  'alliances.addMember': async ({ allianceId, member }, ctx) => {
    const id = await write(ctx, (trx, w) => allianceMemberRepository(trx).add(trx, allianceId, member, w, today(ctx)));
    return allianceMemberRepository(ctx.db).get(id, today(ctx));
  },
  'alliances.updateMember': async ({ id, rowVersion, terms }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => allianceMemberRepository(trx).update(trx, id, terms, w, rowVersion)),
      () => allianceMemberRepository(ctx.db).get(id, today(ctx)),
    );
    return allianceMemberRepository(ctx.db).get(id, today(ctx));
  },
  'alliances.removeMember': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => allianceMemberRepository(trx).remove(trx, id, w));
    return { id };
  },
  'alliances.annualPlans': ({ allianceId }, ctx) => annualPlanRepository(ctx.db).list(allianceId),
  'alliances.fileAnnualPlan': async ({ allianceId, schoolYear, filedOn }, ctx) => {
    const id = await write(ctx, (trx, w) => annualPlanRepository(trx).file(trx, allianceId, schoolYear, filedOn, w));
    return annualPlanRepository(ctx.db).get(id);
  },
};
