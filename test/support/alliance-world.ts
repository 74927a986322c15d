// A small Baoji world for the alliance ledgers (teacher exchanges, shared courses,
// cooperation projects): five schools in four counties and three alliances, made through
// the same API a clerk uses.
import { makeBaojiLedger } from './ledger';

export type AllianceWorld = Awaited<ReturnType<typeof makeAllianceWorld>>;

export async function makeAllianceWorld(options: { today?: string } = {}) {
  const ledger = await makeBaojiLedger(options);
  await ledger.call('settings.update', { operatorName: '王科员' });

  const school = async (name: string, county: string, stage: 'primary' | 'junior' = 'primary') =>
    (await ledger.call('schools.create', { name, regionId: ledger.county(county), stage })).id;
  const schools = {
    qingjiang: await school('清姜路小学', '渭滨区'),
    jingerlu: await school('经二路小学', '渭滨区'),
    guozhen: await school('虢镇小学', '陈仓区'),
    fengzhou: await school('凤州小学', '凤县'),
    /** In no alliance. */
    dongrenbao: await school('东仁堡小学', '金台区'),
    /** In a member county of the county alliance only. */
    taibai: await school('太白县咀头小学', '太白县'),
  };

  const alliances = {
    /** 渭滨区城乡教育联盟: 清姜路小学 leads 经二路小学 and 虢镇小学 (two counties). */
    weibin: (
      await ledger.call('alliances.create', {
        name: '渭滨区城乡教育联盟',
        kind: 'school_alliance',
        leadSchoolId: schools.qingjiang,
        establishedOn: '2022-09-01',
        members: [{ schoolId: schools.jingerlu }, { schoolId: schools.guozhen }],
      })
    ).id,
    /** 凤县山区学校联盟: 凤州小学 leads 虢镇小学. */
    fengxian: (
      await ledger.call('alliances.create', {
        name: '凤县山区学校联盟',
        kind: 'school_alliance',
        leadSchoolId: schools.fengzhou,
        establishedOn: '2023-03-01',
        members: [{ schoolId: schools.guozhen }],
      })
    ).id,
    /** 凤县—太白县区联盟: a county alliance, whose members are counties. */
    counties: (
      await ledger.call('alliances.create', {
        name: '凤县—太白县区联盟',
        kind: 'county_alliance',
        leadRegionId: ledger.county('凤县'),
        establishedOn: '2021-09-01',
        members: [{ regionId: ledger.county('太白县') }],
      })
    ).id,
  };

  /** Live rows of a table (soft-deleted ones excluded unless asked). */
  const rows = async (table: string, withDeleted = false) => {
    const q = ledger.db(table);
    if (!withDeleted) q.whereNull('deleted_at');
    return Number((await q.count({ n: '*' }))[0]?.n ?? 0);
  };
  const audits = async (entity: string, action?: string) => {
    const q = ledger.db('audit_log').where({ entity });
    if (action) q.where({ action });
    return q.select('*').orderBy('at');
  };

  return Object.assign(ledger, { schools, alliances, rows, audits });
}
