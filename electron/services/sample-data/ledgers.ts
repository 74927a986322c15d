// Teacher exchanges (支教 / 跟岗 / 轮岗 / 送教), shared courses and cooperation projects.
import type { ExchangeKind } from '../../api/enums';
import { activeOn, activeTerms, type ActiveTerm } from './activities';
import { courses } from './activity-text';
import { put, TableWriter, type LoadContext } from './bulk';
import { between, day, iso, schoolYearOf, term, workdayBetween, yearOf } from './calendar';
import type { Alliance, Sample, School } from './model';
import { personName, subjectsFor } from './names';
import type { Rng } from './prng';

const half = (x: number) => Math.round(x * 2) / 2;

export interface LedgerCounts {
  teacher_exchanges: number;
  shared_courses: number;
  shared_course_schools: number;
  cooperation_projects: number;
}

/** Lead and member schools active on a day; null when the alliance has no pair to exchange between. */
function pair(rng: Rng, a: Alliance, date: number, kind: ExchangeKind): [School, School] | null {
  const active = activeOn(a.pool, date);
  const leads = active.filter((m) => m.role === 'lead').map((m) => m.school);
  const others = active.filter((m) => m.role !== 'lead').map((m) => m.school);
  if (!leads.length || !others.length) return null;
  const l = rng.pick(leads);
  const o = rng.pick(others);
  if (kind === 'shadowing') return [o, l];
  if (kind === 'rotation' && rng.chance(0.5)) return [o, l];
  return [l, o];
}

function exchangeDates(rng: Rng, kind: ExchangeKind, at: Pick<ActiveTerm, 'term' | 'from' | 'to'>): [number, number | null, number] {
  const t = at.term;
  switch (kind) {
    case 'support_teaching': {
      const start = Math.max(at.from, t.teachFrom + rng.int(-3, 3));
      const end = rng.chance(0.3) && t.name.endsWith('-1') ? t.end + 181 : t.teachTo;
      return [start, end, half(((end - start) / 7) * rng.int(10, 16))];
    }
    case 'rotation': {
      const start = Math.max(at.from, t.teachFrom);
      const end = t.name.endsWith('-1') ? t.end + 181 : t.teachTo;
      return [start, end, half(((end - start) / 7) * rng.int(12, 16))];
    }
    case 'shadowing': {
      const start = workdayBetween(rng, at.from, Math.max(at.from, at.to - 14));
      const end = Math.min(t.teachTo, start + rng.int(14, 84));
      return [start, end, half(((end - start) / 7) * rng.int(15, 25))];
    }
    default: {
      const start = workdayBetween(rng, at.from, at.to);
      const days = rng.int(0, 2);
      return [start, start + days, half((days + 1) * rng.int(2, 8))];
    }
  }
}

const projectThemes = [
  '“双减”作业设计联合研究', '同步课堂建设', '乡村青年教师培养计划', '“名师+”研修共同体', '联合质量监测与分析', '课后服务课程共建',
  '校园足球联合训练', '书香校园阅读推广', '劳动教育基地共建', '心理健康教育协作', '信息化教学能力提升', '特色课程开发', '家校共育协作',
];
const projectOutcomes = [
  '形成研究报告1份，成果在联盟内推广', '建成同步课堂教室2间，常态化开课', '结对青年教师全部通过考核', '汇编校本课程资源1册',
  '项目经验在市级会议上交流', '学生参与率达90%以上',
];

export async function writeLedgers(ctx: LoadContext, rng: Rng, sample: Sample, exchangeTarget: number, courseTarget: number): Promise<LedgerCounts> {
  const exchanges = new TableWriter(ctx, 'teacher_exchanges', [
    'id', 'alliance_id', 'teacher_name', 'subject', 'from_school_id', 'to_school_id', 'kind', 'start_on', 'end_on', 'hours', 'status',
  ]);
  const shared = new TableWriter(ctx, 'shared_courses', ['id', 'alliance_id', 'name', 'provider_school_id', 'term', 'hours', 'students_reached']);
  const sharedSchools = new TableWriter(ctx, 'shared_course_schools', ['id', 'shared_course_id', 'school_id']).after(shared);
  const projects = new TableWriter(ctx, 'cooperation_projects', ['id', 'alliance_id', 'year', 'name', 'lead', 'status', 'outcome']);
  const { today } = sample;
  const thisYear = yearOf(today);

  const terms = new Map<Alliance, ActiveTerm[]>();
  let weight = 0;
  for (const a of sample.alliances) {
    const t = activeTerms(a, sample);
    terms.set(a, t);
    for (const x of t) weight += (a.lax ? 0.4 : a.intensity) * x.fraction;
  }
  const perExchange = weight > 0 ? exchangeTarget / weight : 0;
  const perCourse = weight > 0 ? courseTarget / weight : 0;
  let done = 0;
  for (const a of sample.alliances) {
    const w = a.lax ? 0.4 : a.intensity;
    const list = terms.get(a) ?? [];
    for (const at of list) {
      const n = rng.poisson(perExchange * w * at.fraction);
      for (let i = 0; i < n; i++) {
        const kind = rng.weighted<ExchangeKind>([['support_teaching', 30], ['shadowing', 28], ['rotation', 14], ['visiting_teaching', 28]]);
        await exchange(a, kind, at);
      }
      const c = rng.poisson(perCourse * w * at.fraction);
      for (let i = 0; i < c; i++) await course(a, at);
    }
    // Next term's exchanges already arranged.
    if (a.dissolved === null && list.length && rng.chance(0.25)) {
      const sy = schoolYearOf(today);
      const next = today < day(sy + 1, 2, 1) ? term(sy, 2) : term(sy + 1, 1);
      await exchange(a, rng.pick<ExchangeKind>(['support_teaching', 'rotation', 'shadowing']), { term: next, from: next.teachFrom, to: next.teachTo });
    }
    for (let y = yearOf(Math.max(a.established, sample.historyStart)); y <= Math.min(thisYear, yearOf(a.dissolved ?? today)); y++) {
      const n = rng.weighted<number>(y === thisYear ? [[0, 20], [1, 55], [2, 25]] : [[0, a.lax ? 35 : 10], [1, 55], [2, 35]]);
      for (const theme of rng.sample(projectThemes, n)) {
        const status = y < thisYear ? (rng.chance(0.85) ? 'finished' : 'ongoing') : rng.weighted<string>([['ongoing', 60], ['planned', 25], ['finished', 15]]);
        const lead = a.lead?.name ?? `${a.leadRegion?.name ?? ''}教育和体育局`;
        await put(projects, [rng.uuid(), a.id, y, `${y}年度${theme}项目`, lead, status, status === 'finished' ? rng.pick(projectOutcomes) : null]);
      }
    }
    done++;
    if (done % 100 === 0) ctx.progress('生成教师交流与课程共享', done, sample.alliances.length);
  }
  for (const wr of [exchanges, shared, sharedSchools, projects]) await wr.flush();
  ctx.progress('生成教师交流与课程共享', done, sample.alliances.length);
  return {
    teacher_exchanges: exchanges.count,
    shared_courses: shared.count,
    shared_course_schools: sharedSchools.count,
    cooperation_projects: projects.count,
  };

  async function exchange(a: Alliance, kind: ExchangeKind, at: Pick<ActiveTerm, 'term' | 'from' | 'to'>) {
    const [start, end, hours] = exchangeDates(rng, kind, at);
    const p = pair(rng, a, start, kind);
    if (!p) return;
    const [from, to] = p;
    const status = start > today ? 'planned' : end === null || end >= today ? 'ongoing' : 'finished';
    const endOn = status === 'planned' && rng.chance(0.3) ? null : end;
    await put(exchanges, [
      rng.uuid(), a.id, personName(rng), rng.pick(subjectsFor(from.stage)), from.id, to.id, kind, iso(start),
      endOn === null ? null : iso(endOn), hours, status,
    ]);
  }

  async function course(a: Alliance, at: ActiveTerm) {
    const date = between(rng, at.from, at.to);
    const active = activeOn(a.pool, date);
    const leads = active.filter((m) => m.role === 'lead');
    const provider = rng.pick(leads.length && rng.chance(0.8) ? leads : active).school;
    const receivers = rng.sample(active.filter((m) => m.school !== provider), rng.int(1, 3));
    if (!receivers.length) return;
    const id = rng.uuid();
    const name = rng.pick(courses);
    await put(shared, [id, a.id, rng.chance(0.5) ? name : `${name}拓展课程`, provider.id, at.term.name, half(rng.int(8, 40)), rng.int(30, 400)]);
    for (const r of receivers) await put(sharedSchools, [rng.uuid(), id, r.school.id]);
  }
}
