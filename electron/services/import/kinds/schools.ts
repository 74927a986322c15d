// 学校 rows: the county by name, the stage and locality by their Chinese words. The same
// school (domain.md) = the school code when the row has one, else county + name; equal →
// skipped, different → updated, else created. Writes go through the schools repository.
import type { Knex } from 'knex';
import { schoolDraft, type SchoolDraft } from '../../../api/schools';
import { localities, stages, type Locality, type Stage } from '../../../api/enums';
import { schoolRepository } from '../../../../db/repositories/school-repository';
import type { ColumnSpec } from '../header-match';
import type { KindPlan, RowKindSpec } from '../kind';
import { countyIndex, findCounty } from '../lookup';
import { nameKey, parseChoice, parseNumber, parseText, parseYesNo } from '../parse-values';

const stageWords: Record<string, Stage> = {
  ...Object.fromEntries(stages.codes.map((c) => [stages.labels[c], c])),
  幼儿园: 'kindergarten',
  小学: 'primary',
  初中: 'junior',
  初级中学: 'junior',
  九年制: 'nine_year',
  九年制学校: 'nine_year',
  九年一贯制学校: 'nine_year',
  高中: 'senior',
  高级中学: 'senior',
  普通高中: 'senior',
  完中: 'complete_secondary',
  十二年一贯制学校: 'twelve_year',
  特教: 'special',
  特殊教育学校: 'special',
  中职: 'vocational',
  职高: 'vocational',
  中等职业学校: 'vocational',
};

const localityWords: Record<string, Locality> = {
  城区: 'urban',
  城市: 'urban',
  镇区: 'town',
  城镇: 'town',
  乡镇: 'town',
  乡村: 'rural',
  农村: 'rural',
};

const columns: ColumnSpec[] = [
  { key: 'name', label: '学校名称', synonyms: ['校名', '学校', '单位名称'], required: true, note: '学校全称；同一县区内不能重名', example: '经二路小学' },
  { key: 'county', label: '所在县区', synonyms: ['县（市、区）', '县(市、区)', '区县', '县区', '所属县区', '县市区'], required: true, note: '县级行政区名称，与台账中的行政区划一致', example: '渭滨区' },
  { key: 'stage', label: '学段', synonyms: ['办学层次', '学校类型'], required: true, choices: stages.codes.map((c) => stages.labels[c]), example: '小学' },
  { key: 'code', label: '学校标识码', synonyms: ['标识码', '学校代码', '学校编码'], note: '10 位数字；有标识码时按标识码匹配已有学校', example: '3161000001' },
  { key: 'locality', label: '城乡属性', synonyms: ['城乡类型', '城乡', '城乡分类'], choices: localities.codes.map((c) => localities.labels[c]), example: '城区' },
  { key: 'weak', label: '是否薄弱校', synonyms: ['薄弱校', '薄弱学校'], choices: ['是', '否'], example: '否' },
  { key: 'new', label: '是否新建校', synonyms: ['新建校', '新建学校'], choices: ['是', '否'], example: '否' },
  { key: 'students', label: '学生数', synonyms: ['在校生数', '学生人数', '在校学生数'], note: '整数', example: '1200' },
  { key: 'teachers', label: '教师数', synonyms: ['教职工数', '教师人数', '专任教师数'], note: '整数', example: '80' },
  { key: 'principal', label: '校长', synonyms: ['校长姓名'], example: '李华' },
  { key: 'phone', label: '联系电话', synonyms: ['电话', '联系方式'], example: '0917-3210000' },
  { key: 'address', label: '地址', synonyms: ['学校地址', '详细地址'], example: '渭滨区经二路 1 号' },
];

const fieldColumn: Record<string, string> = {
  name: 'name',
  code: 'code',
  regionId: 'county',
  stage: 'stage',
  locality: 'locality',
  isWeak: 'weak',
  isNew: 'new',
  students: 'students',
  teachers: 'teachers',
  principal: 'principal',
  phone: 'phone',
  address: 'address',
};

type Existing = Record<string, unknown> & { id: string };

export const schoolsImport: RowKindSpec = {
  label: '学校',
  columns,
  async plan(db, rows, { tick }): Promise<KindPlan> {
    const plan: KindPlan = { rows: [], errors: [] };
    const counties = await countyIndex(db);
    const stored = await storedSchools(db);
    const seen = new Map<string, number>();

    for (const r of rows) {
      await tick();
      const errors: KindPlan['errors'] = [];
      const report = (column: string | null, message: string) => errors.push({ row: r.row, column, message });

      const name = parseText(r.cell('name') ?? null);
      if (!name) report('name', '未填写学校名称');
      const countyName = parseText(r.cell('county') ?? null);
      const county = countyName ? findCounty(counties, countyName) : null;
      if (!county) report('county', '未填写所在县区');
      else if (!county.ok) report('county', county.reason);
      const stage = parseChoice(r.cell('stage') ?? null, stageWords, stages.codes.map((c) => stages.labels[c]));
      if (!stage.ok) report('stage', stage.reason);
      else if (!stage.value) report('stage', '未填写学段');
      const locality = parseChoice(r.cell('locality') ?? null, localityWords, ['城区', '镇区', '乡村']);
      if (!locality.ok) report('locality', locality.reason);
      const weak = parseYesNo(r.cell('weak') ?? null);
      if (!weak.ok) report('weak', weak.reason);
      const isNew = parseYesNo(r.cell('new') ?? null);
      if (!isNew.ok) report('new', isNew.reason);
      const students = parseNumber(r.cell('students') ?? null);
      if (!students.ok) report('students', students.reason);
      const teachers = parseNumber(r.cell('teachers') ?? null);
      if (!teachers.ok) report('teachers', teachers.reason);
      const code = codeText(r.cell('code') ?? null);

      const regionId = county?.ok ? county.value.id : null;
      // The same school twice: by code, or by county + name.
      const keys = [code ? `code:${code}` : null, name && regionId ? `name:${regionId}:${nameKey(name)}` : null].filter((k): k is string => !!k);
      const twice = keys.find((k) => seen.has(k));
      if (twice) report(twice.startsWith('code') ? 'code' : 'name', `与第 ${seen.get(twice)} 行是同一所学校，请合并为一行`);
      else for (const k of keys) seen.set(k, r.row);

      let existing: Existing | null = null;
      if (name && regionId && !errors.length) {
        const byName = stored.byName.get(`${regionId}:${nameKey(name)}`) ?? null;
        existing = code ? (stored.byCode.get(code) ?? null) : byName;
        if (code && !existing && byName) {
          if (byName.code) report('code', `${countyName}已有“${name}”，其学校标识码为 ${String(byName.code)}，与表中的 ${code} 不一致`);
          else existing = byName;
        }
      }
      if (errors.length) {
        plan.errors.push(...errors);
        continue;
      }
      const keep = <T>(key: string, value: T, column: string): T | null =>
        r.has(key) ? value : ((existing?.[column] as T | undefined) ?? null);
      const draft = {
        name: name!,
        code: r.has('code') ? code : ((existing?.code as string | null | undefined) ?? null),
        regionId: regionId!,
        stage: stage.ok ? stage.value : null,
        locality: keep('locality', locality.ok ? locality.value : null, 'locality'),
        isWeak: r.has('weak') ? (weak.ok ? (weak.value ?? false) : false) : Boolean(Number(existing?.is_weak ?? 0)),
        isNew: r.has('new') ? (isNew.ok ? (isNew.value ?? false) : false) : Boolean(Number(existing?.is_new ?? 0)),
        students: keep('students', students.ok ? students.value : null, 'students'),
        teachers: keep('teachers', teachers.ok ? teachers.value : null, 'teachers'),
        principal: keep('principal', parseText(r.cell('principal') ?? null), 'principal'),
        phone: keep('phone', phoneText(r.cell('phone') ?? null), 'phone'),
        address: keep('address', parseText(r.cell('address') ?? null), 'address'),
        notes: (existing?.notes as string | null | undefined) ?? null,
        openedOn: (existing?.opened_on as string | null | undefined) ?? null,
        closedOn: (existing?.closed_on as string | null | undefined) ?? null,
        formerNames: existing?.former_names ? (JSON.parse(String(existing.former_names)) as string[]) : [],
      };
      const checked = schoolDraft.safeParse(draft);
      if (!checked.success) {
        for (const issue of checked.error.issues) report(fieldColumn[String(issue.path[0])] ?? null, issue.message);
        plan.errors.push(...errors);
        continue;
      }
      const value = checked.data;
      // A renamed school keeps its former name, as the school form does.
      if (existing && existing.name !== value.name && !value.formerNames.includes(String(existing.name))) {
        value.formerNames = [...value.formerNames, String(existing.name)];
      }
      const action = !existing ? 'create' : sameAs(value, existing) ? 'skip' : 'update';
      plan.rows.push({
        row: r.row,
        action,
        display: {
          学校名称: value.name,
          所在县区: county!.ok ? county!.value.name : '',
          学段: stages.label(value.stage),
          学校标识码: value.code ?? '',
          城乡属性: localities.label(value.locality),
          学生数: value.students === null ? '' : String(value.students),
          教师数: value.teachers === null ? '' : String(value.teachers),
        },
        write:
          action === 'create'
            ? async (trx, w) => void (await schoolRepository(trx).create(trx, value, w))
            : action === 'update'
              ? (trx, w) => schoolRepository(trx).update(trx, existing!.id, value, w)
              : undefined,
      });
    }
    return plan;
  },
};

/** 学校标识码 typed as a number (3161000001) or as text, with stray spaces. */
function codeText(v: unknown): string | null {
  if (typeof v === 'number') return String(Math.round(v));
  const s = typeof v === 'string' ? v.normalize('NFKC').replace(/\s+/g, '') : '';
  return s || null;
}

/** A phone number Excel turned into a number keeps its digits. */
function phoneText(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  return parseText((v as string | null) ?? null);
}

function sameAs(d: SchoolDraft, e: Existing): boolean {
  return (
    d.name === e.name &&
    d.code === (e.code ?? null) &&
    d.regionId === e.region_id &&
    d.stage === e.stage &&
    d.locality === (e.locality ?? null) &&
    d.isWeak === Boolean(Number(e.is_weak)) &&
    d.isNew === Boolean(Number(e.is_new)) &&
    d.students === (e.students === null || e.students === undefined ? null : Number(e.students)) &&
    d.teachers === (e.teachers === null || e.teachers === undefined ? null : Number(e.teachers)) &&
    d.principal === (e.principal ?? null) &&
    d.phone === (e.phone ?? null) &&
    d.address === (e.address ?? null)
  );
}

/** Live schools by code and by county + name (a province: ~12,000 rows, read once). */
async function storedSchools(db: Knex) {
  const rows = (await db('schools').whereNull('deleted_at').select('*')) as Existing[];
  const byCode = new Map<string, Existing>();
  const byName = new Map<string, Existing>();
  for (const s of rows) {
    if (s.code) byCode.set(String(s.code), s);
    byName.set(`${String(s.region_id)}:${nameKey(String(s.name))}`, s);
  }
  return { byCode, byName };
}
