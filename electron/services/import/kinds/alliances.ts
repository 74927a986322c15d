// 联盟及成员 rows: one row per member (a school, or a county of a county alliance), with
// the alliance's name and type repeated on each. An alliance not in the ledger is created
// with its members in one write; for a stored one, new members are added and changed
// ones (lead, joined date) updated. The same alliance = its name; the same member =
// alliance + school (or county). Rows are counted by member: a member added is 新增, a
// member changed — or the first row of an alliance whose own fields changed — is 更新.
import type { Knex } from 'knex';
import { allianceDraft, type Alliance } from '../../../api/alliances';
import { allianceKinds, builtInModes, type AllianceKind, type MemberRole } from '../../../api/enums';
import { allianceRepository } from '../../../../db/repositories/alliance-repository';
import { allianceMemberRepository } from '../../../../db/repositories/alliance-member-repository';
import { settingsRepository } from '../../../../db/repositories/settings-repository';
import type { WriteContext } from '../../../../db/records';
import type { ColumnSpec } from '../header-match';
import type { KindPlan, PlannedRow, RowKindSpec } from '../kind';
import { allianceIndex, countyIndex, findCounty, findSchool, schoolIndex, splitList } from '../lookup';
import { nameKey, parseChoice, parseDate, parseText } from '../parse-values';

const kindWords: Record<string, AllianceKind> = {
  ...Object.fromEntries(allianceKinds.codes.map((c) => [allianceKinds.labels[c], c])),
  县域联盟: 'county_alliance',
  校际联盟: 'school_alliance',
  集团: 'education_group',
  教育共同体: 'community',
  城乡教育共同体: 'community',
  特教联盟: 'special_ed_alliance',
};

const roleWords: Record<string, MemberRole> = {
  牵头校: 'lead',
  牵头学校: 'lead',
  牵头: 'lead',
  牵头单位: 'lead',
  主任学校: 'lead',
  引领校: 'lead',
  龙头校: 'lead',
  牵头县区: 'lead',
  主任县区: 'lead',
  成员校: 'member',
  成员: 'member',
  成员学校: 'member',
  成员县区: 'member',
  成员单位: 'member',
};

const modeCodes = new Map(Object.entries(builtInModes).map(([code, label]) => [label, code]));

const columns: ColumnSpec[] = [
  { key: 'alliance', label: '联盟名称', synonyms: ['联盟', '集团名称', '共同体名称', '联盟（集团）名称'], required: true, note: '每行重复填写所属联盟的名称', example: '渭滨区城乡教育联盟' },
  { key: 'kind', label: '联盟类型', synonyms: ['类型', '联盟类别'], required: true, choices: allianceKinds.codes.map((c) => allianceKinds.labels[c]), example: '学校联盟' },
  { key: 'school', label: '学校名称', synonyms: ['成员校', '成员学校', '学校', '校名', '成员单位'], required: true, note: '成员学校（含牵头校）；县区联盟的成员县区留空', example: '经二路小学' },
  { key: 'role', label: '角色', synonyms: ['成员角色', '学校角色', '身份'], required: true, choices: ['牵头校', '成员校'], note: '每个联盟只有一所牵头校（县区联盟为主任县区）', example: '成员校' },
  { key: 'modes', label: '办学模式', synonyms: ['模式', '合作模式'], choices: Object.values(builtInModes), note: '可填多个，用“、”分开', example: '紧密型、引领型' },
  { key: 'established', label: '成立时间', synonyms: ['成立日期', '组建时间'], note: '日期', example: '2022-09-01' },
  { key: 'joined', label: '加入时间', synonyms: ['加入日期', '入盟时间'], note: '日期；留空为联盟成立时间', example: '2022-09-01' },
  { key: 'county', label: '所在县区', synonyms: ['县（市、区）', '县(市、区)', '区县', '县区', '所属县区'], note: '有重名学校时用来区分；县区联盟在此填写成员县区', example: '渭滨区' },
];

interface Target {
  schoolId: string | null;
  regionId: string | null;
  label: string;
}

interface ParsedRow {
  row: number;
  name: string;
  kind: AllianceKind | null;
  target: Target;
  role: MemberRole;
  modes: string[] | null;
  established: string | null;
  joined: string | null;
}

type Report = (row: number, column: string | null, message: string) => void;

export const alliancesImport: RowKindSpec = {
  label: '联盟及成员',
  columns,
  async plan(db, rows, { today, tick }): Promise<KindPlan> {
    const plan: KindPlan = { rows: [], errors: [] };
    const report: Report = (row, column, message) => plan.errors.push({ row, column, message });
    const [alliances, counties, schools, settings] = await Promise.all([allianceIndex(db), countyIndex(db), schoolIndex(db), settingsRepository(db).get()]);
    const extraModes = new Set(settings.extraModes);

    // Rows grouped by alliance, in file order; a group with any bad row is not planned.
    const groups = new Map<string, { rows: ParsedRow[]; bad: boolean }>();
    for (const r of rows) {
      await tick();
      const before = plan.errors.length;
      const name = parseText(r.cell('alliance') ?? null);
      if (!name) report(r.row, 'alliance', '未填写联盟名称');
      const kind = parseChoice(r.cell('kind') ?? null, kindWords, allianceKinds.codes.map((c) => allianceKinds.labels[c]));
      if (!kind.ok) report(r.row, 'kind', kind.reason);
      const role = parseChoice(r.cell('role') ?? null, roleWords, ['牵头校', '成员校']);
      if (!role.ok) report(r.row, 'role', role.reason);
      const established = parseDate(r.cell('established') ?? null);
      if (!established.ok) report(r.row, 'established', established.reason);
      const joined = parseDate(r.cell('joined') ?? null);
      if (!joined.ok) report(r.row, 'joined', joined.reason);

      let modes: string[] | null = null;
      const modeText = parseText(r.cell('modes') ?? null);
      if (modeText) {
        modes = [];
        for (const m of splitList(modeText)) {
          const code = modeCodes.get(m) ?? (extraModes.has(m) ? m : null);
          if (code) modes.push(code);
          else report(r.row, 'modes', `办学模式“${m}”不在列表中，应为 ${[...modeCodes.keys(), ...extraModes].join('、')}（可在“设置”中添加）`);
        }
      }

      const stored = name ? alliances.get(nameKey(name)) : undefined;
      const kindCode = (kind.ok ? kind.value : null) ?? stored?.kind ?? null;
      const countyName = parseText(r.cell('county') ?? null);
      const county = countyName ? findCounty(counties, countyName) : null;
      if (county && !county.ok) report(r.row, 'county', county.reason);
      const schoolName = parseText(r.cell('school') ?? null);
      let target: Target | null = null;
      if (kindCode === 'county_alliance') {
        if (schoolName) report(r.row, 'school', '县区联盟的成员是县区：请把“学校名称”留空，在“所在县区”填写成员县区');
        else if (!countyName) report(r.row, 'county', '县区联盟的成员请在“所在县区”填写县区名称');
        else if (county?.ok) target = { schoolId: null, regionId: county.value.id, label: county.value.name };
      } else if (!schoolName) {
        report(r.row, 'school', kindCode ? '未填写学校名称' : '未填写学校名称（县区联盟的成员县区请填写联盟类型“县区联盟”）');
      } else if (!county || county.ok) {
        const school = findSchool(schools, schoolName, county?.ok ? county.value : null);
        if (!school.ok) report(r.row, 'school', school.reason);
        else target = { schoolId: school.value.id, regionId: null, label: school.value.name };
      }
      if (!name) continue;
      const key = nameKey(name);
      const group = groups.get(key) ?? { rows: [], bad: false };
      groups.set(key, group);
      if (plan.errors.length > before || !target || !role.ok) {
        group.bad = true;
        continue;
      }
      group.rows.push({
        row: r.row,
        name,
        kind: kind.ok ? kind.value : null,
        target,
        role: role.value ?? 'member',
        modes,
        established: established.ok ? established.value : null,
        joined: joined.ok ? joined.value : null,
      });
    }

    for (const group of groups.values()) {
      const first = group.rows[0];
      if (!first) continue;
      const checked = checkGroup(group.rows, report);
      if (!checked || group.bad) continue;
      const stored = alliances.get(nameKey(first.name));
      if (!stored) planNew(plan, group.rows, checked, today, report);
      else await planExisting(db, plan, group.rows, checked, stored.id, today, report);
    }
    plan.rows.sort((a, b) => a.row - b.row);
    return plan;
  },
};

interface GroupFacts {
  kind: AllianceKind | null;
  modes: string[] | null;
  established: string | null;
  lead: ParsedRow | null;
}

/** One alliance's rows must agree on its type, modes, date and lead. */
function checkGroup(rows: ParsedRow[], report: Report): GroupFacts | null {
  const facts: GroupFacts = { kind: null, modes: null, established: null, lead: null };
  const firstRow = { kind: 0, modes: 0, established: 0 };
  const seen = new Map<string, number>();
  let ok = true;
  for (const r of rows) {
    const agree = <K extends 'kind' | 'established'>(field: K, column: string, label: string) => {
      if (r[field] === null) return;
      if (facts[field] === null) {
        facts[field] = r[field] as GroupFacts[K];
        firstRow[field] = r.row;
      } else if (facts[field] !== r[field]) {
        report(r.row, column, `与第 ${firstRow[field]} 行同一联盟的${label}不一致`);
        ok = false;
      }
    };
    agree('kind', 'kind', '联盟类型');
    agree('established', 'established', '成立时间');
    if (r.modes) {
      if (facts.modes === null) {
        facts.modes = r.modes;
        firstRow.modes = r.row;
      } else if ([...facts.modes].sort().join() !== [...r.modes].sort().join()) {
        report(r.row, 'modes', `与第 ${firstRow.modes} 行同一联盟的办学模式不一致`);
        ok = false;
      }
    }
    const key = r.target.schoolId ?? `r:${r.target.regionId}`;
    if (seen.has(key)) {
      report(r.row, r.target.schoolId ? 'school' : 'county', `“${r.target.label}”与第 ${seen.get(key)} 行重复，同一联盟的成员只写一行`);
      ok = false;
    } else seen.set(key, r.row);
    if (r.role === 'lead') {
      if (facts.lead) {
        report(r.row, 'role', `联盟“${r.name}”已在第 ${facts.lead.row} 行有牵头校“${facts.lead.target.label}”，每个联盟只能有一个牵头`);
        ok = false;
      } else facts.lead = r;
    }
  }
  return ok ? facts : null;
}

const display = (r: ParsedRow, kind: AllianceKind | null): Record<string, string> => ({
  联盟名称: r.name,
  联盟类型: allianceKinds.label(kind),
  成员: r.target.label,
  角色: r.role === 'lead' ? (kind === 'county_alliance' ? '主任县区' : '牵头校') : '成员',
  加入时间: r.joined ?? '',
});

function planNew(plan: KindPlan, rows: ParsedRow[], facts: GroupFacts, today: string, report: Report): void {
  const first = rows[0]!;
  if (!facts.kind) {
    report(first.row, 'kind', `联盟“${first.name}”不在台账中，新建联盟请填写联盟类型`);
    return;
  }
  const checked = allianceDraft.safeParse({
    name: first.name,
    kind: facts.kind,
    modes: facts.modes ?? [],
    establishedOn: facts.established,
    members: rows.map((r) => ({ schoolId: r.target.schoolId, regionId: r.target.regionId, role: r.role, joinedOn: r.joined })),
  });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const at = issue.path[0] === 'members' && typeof issue.path[1] === 'number' ? rows[issue.path[1]] : first;
      const field = String(issue.path.at(-1));
      report(at?.row ?? first.row, field === 'name' ? 'alliance' : field === 'modes' ? 'modes' : field === 'joinedOn' ? 'joined' : null, issue.message);
    }
    return;
  }
  const draft = checked.data;
  for (const [i, r] of rows.entries()) {
    plan.rows.push({
      row: r.row,
      action: 'create',
      display: display(r, facts.kind),
      write: i === 0 ? async (trx, w) => void (await allianceRepository(trx).create(trx, draft, w, today)) : undefined,
    });
  }
}

async function planExisting(db: Knex, plan: KindPlan, rows: ParsedRow[], facts: GroupFacts, allianceId: string, today: string, report: Report): Promise<void> {
  const stored = await allianceRepository(db).get(allianceId, today);
  const first = rows[0]!;
  if (facts.kind && facts.kind !== stored.kind) {
    const row = rows.find((r) => r.kind && r.kind !== stored.kind) ?? first;
    report(row.row, 'kind', `联盟“${stored.name}”在台账中是${allianceKinds.label(stored.kind)}，与表中的${allianceKinds.label(facts.kind)}不一致；更改类型请在联盟页面操作`);
    return;
  }
  const members = (await db('alliance_members').where('alliance_id', allianceId).whereNull('deleted_at').select('*')) as Record<string, string | null>[];
  const memberOf = (t: Target) => members.find((m) => (t.schoolId ? m.school_id === t.schoolId : m.region_id === t.regionId)) ?? null;

  const storedLead = stored.leadSchoolId ?? stored.leadRegionId;
  const newLead = facts.lead && (facts.lead.target.schoolId ?? facts.lead.target.regionId) !== storedLead ? facts.lead : null;
  const modesChanged = facts.modes !== null && [...facts.modes].sort().join() !== [...stored.modes].sort().join();
  const establishedChanged = facts.established !== null && facts.established !== stored.establishedOn;
  const allianceChanged = Boolean(newLead) || modesChanged || establishedChanged;
  const draft = allianceChanged
    ? allianceDraft.safeParse({
        ...draftOf(stored),
        modes: facts.modes ?? stored.modes,
        establishedOn: facts.established ?? stored.establishedOn,
        ...(newLead ? { leadSchoolId: newLead.target.schoolId, leadRegionId: newLead.target.regionId } : {}),
      })
    : null;
  if (draft && !draft.success) {
    for (const issue of draft.error.issues) report(first.row, null, issue.message);
    return;
  }

  type Op = (trx: Knex, w: WriteContext) => Promise<void>;
  const ops: Op[] = [];
  const planned: PlannedRow[] = [];
  for (const r of rows) {
    const existing = memberOf(r.target);
    const hasLeft = Boolean(existing?.left_on && existing.left_on <= today);
    const joinedDiffers = r.joined !== null && r.joined !== (existing?.joined_on ?? null);
    const roleDiffers = existing !== null && r.role !== existing.role && !(r === newLead);
    let action: PlannedRow['action'] = 'skip';
    if (r === newLead) {
      action = existing && !hasLeft && !joinedDiffers && existing.role === 'lead' ? 'skip' : existing ? 'update' : 'create';
      if (r.joined !== null) {
        ops.push(async (trx, w) => {
          const row = await allianceMemberRepository(trx).liveRow(allianceId, r.target);
          if (row && row.joined_on !== r.joined) await allianceMemberRepository(trx).update(trx, String(row.id), { role: 'lead', joinedOn: r.joined, leftOn: null }, w);
        });
      }
    } else if (!existing) {
      action = 'create';
      ops.push(async (trx, w) => {
        await allianceMemberRepository(trx).add(trx, allianceId, { ...r.target, role: r.role, joinedOn: r.joined ?? stored.establishedOn, leftOn: null }, w, today);
      });
    } else if (hasLeft || joinedDiffers || roleDiffers) {
      action = 'update';
      const id = String(existing.id);
      const role: MemberRole = newLead && r.role === 'member' ? 'member' : r.role;
      ops.push(async (trx, w) => {
        await allianceMemberRepository(trx).update(trx, id, { role, joinedOn: r.joined ?? existing.joined_on ?? null, leftOn: null }, w);
      });
    }
    planned.push({ row: r.row, action, display: display(r, stored.kind) });
  }
  if (allianceChanged && planned[0]!.action === 'skip') planned[0]!.action = 'update';
  const value = draft?.success ? draft.data : null;
  if (value || ops.length) {
    planned[0]!.write = async (trx, w) => {
      if (value) await allianceRepository(trx).update(trx, allianceId, value, w, today);
      for (const op of ops) await op(trx, w);
    };
  }
  plan.rows.push(...planned);
}

/** A stored alliance as the draft its form would send. */
function draftOf(a: Alliance) {
  return {
    name: a.name,
    kind: a.kind,
    modes: a.modes,
    leadSchoolId: a.leadSchoolId,
    leadRegionId: a.leadRegionId,
    establishedOn: a.establishedOn,
    agreementSignedOn: a.agreementSignedOn,
    planFiledOn: a.planFiledOn,
    status: a.status,
    dissolvedOn: a.dissolvedOn,
    notes: a.notes,
    qualityRatings: a.qualityRatings,
  };
}
