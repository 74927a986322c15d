// Problem lists (问题清单), supervisions (督导), rectification notices (整改通知书) and
// interviews (约谈): a modest number, spread over the ledger's years.
import { put, TableWriter, type LoadContext } from './bulk';
import { between, day, iso, workdayBetween, yearOf } from './calendar';
import type { Alliance, Sample } from './model';
import { personName } from './names';
import { documentPrefixes } from './places';
import type { Rng } from './prng';

const problemTexts: readonly [string, string, string, string][] = [
  ['成员校教师参与联合教研积极性不高', '每学期每位教师至少参加2次联合教研', '将联合教研纳入教师考核，牵头校制定学科教研计划', '开学初制定计划；期中检查；学期末总结'],
  ['联盟活动记录不完整，缺少签到表和照片', '活动台账规范完整、可追溯', '统一活动记录模板，每次活动后3日内上传材料', '本月下发模板；学期末逐校检查'],
  ['送教送研频次不足，乡村学校受益面小', '每学期送教送研不少于4次，覆盖全部成员校', '牵头校按学科轮流送教，建立送教台账', '制定送教日程；每月通报进度'],
  ['同步课堂设备不稳定，课堂互动效果差', '同步课堂正常开课率达到95%以上', '更新终端设备，安排专人维护，制定应急预案', '完成设备检修；开展教师操作培训'],
  ['成员校英语学科质量偏低', '成员校英语学科平均分提高5分', '骨干教师结对帮扶，开展英语专项教研', '完成学情诊断；实施帮扶；期末质量分析'],
  ['联盟年度实施计划未按时备案', '按时完成年度实施计划备案', '明确责任人，牵头校统筹各成员校工作安排', '10月底前报送备案'],
  ['校级领导互访未达到每学期1次', '每学期开展校级领导与中层干部互访不少于1次', '将互访列入联盟工作日历，互访后形成纪要', '排定互访日程；学期末检查纪要'],
  ['课程资源共享平台使用率低', '平台月均访问量翻番', '开展平台使用培训，定期推送优质资源', '完成培训；按月统计使用情况'],
  ['青年教师专业成长缺乏系统指导', '结对青年教师全部完成年度成长计划', '实施“青蓝工程”师徒结对，名师工作室跟踪指导', '签订师徒协议；开展汇报课'],
  ['成员校班主任管理经验不足', '建立联盟班主任工作坊', '组织班主任跟岗学习和案例研讨', '确定工作坊成员；每月活动一次'],
];
const verificationNotes = ['经复查，已整改到位', '经现场核查，问题已解决', '已完成，资料已归档', '复查合格，纳入常态化管理'];
const findingsBy: Record<string, string[]> = {
  pass: ['联盟工作机制健全，活动开展扎实，台账规范', '交流活动丰富，成员校教育质量稳步提升', '问题清单逐项落实，整改及时'],
  needs_rectification: ['活动次数达标但实效不明显，台账资料不全', '校级领导互访次数不足，年度计划备案滞后', '教师交流覆盖面小，部分学科未开展联合教研'],
  fail: ['联盟活动长期停滞，问题清单未落实', '活动流于形式，成员校参与度低，整改不到位'],
};

export interface SupervisionCounts {
  problems: number;
  supervisions: number;
  rectifications: number;
  interviews: number;
}

export async function writeSupervision(ctx: LoadContext, rng: Rng, sample: Sample): Promise<SupervisionCounts> {
  const { today, historyStart } = sample;
  const problems = new TableWriter(ctx, 'problems', [
    'id', 'alliance_id', 'school_id', 'description', 'goal', 'measures', 'stage_tasks', 'due_on', 'owner', 'status', 'done_on', 'verification_note',
  ]);
  const supervisions = new TableWriter(ctx, 'supervisions', [
    'id', 'kind', 'date', 'target_alliance_id', 'target_school_id', 'target_region_id', 'inspectors', 'findings', 'rating', 'conclusion',
  ]);
  const notices = new TableWriter(ctx, 'rectifications', [
    'id', 'supervision_id', 'number', 'issued_on', 'deadline', 'items', 'status', 'reported_on', 'verified_on', 'verifier',
  ]).after(supervisions);
  const interviews = new TableWriter(ctx, 'interviews', ['id', 'supervision_id', 'date', 'interviewees', 'content', 'follow_up']).after(supervisions);
  const alliances = sample.alliances.filter((a) => today - Math.max(a.established, historyStart) > 60);
  if (alliances.length === 0) return { problems: 0, supervisions: 0, rectifications: 0, interviews: 0 };

  const problemCount = Math.round(sample.alliances.length * 0.9);
  for (let i = 0; i < problemCount; i++) {
    const a = rng.pick(alliances);
    const [description, goal, measures, stageTasks] = rng.pick(problemTexts);
    // One in five was raised at the latest supervision round, its deadline weeks away or
    // just missed, so a new clerk sees a live reminder centre.
    const recent = rng.chance(0.2) && !a.dissolved;
    const raised = recent
      ? between(rng, today - 90, today - 20)
      : between(rng, Math.max(a.established, historyStart), Math.min(today - 20, a.dissolved ?? today));
    const due = recent ? between(rng, today - 15, today + 45) : raised + rng.int(60, 240);
    const r = rng.next();
    // Old problems are nearly all closed; the recent ones are what a clerk is chasing now.
    const status =
      due < today - 180
        ? r < 0.97 ? 'done' : r < 0.99 ? 'in_progress' : 'open'
        : due < today - 30
          ? r < 0.8 ? 'done' : r < 0.92 ? 'in_progress' : 'open'
          : due < today
            ? r < 0.5 ? 'done' : r < 0.8 ? 'in_progress' : 'open'
            : r < 0.45 ? 'open' : r < 0.9 ? 'in_progress' : 'done';
    const doneOn = status === 'done' ? between(rng, raised + 20, Math.min(due + 20, today)) : null;
    const members = a.members.filter((m) => m.role === 'member');
    const school = members.length && rng.chance(0.4) ? rng.pick(members).school : null;
    const owner = rng.chance(0.5) && a.lead ? a.lead.principal : personName(rng);
    await put(problems, [
      rng.uuid(), a.id, school?.id ?? null, school ? `${school.name}：${description}` : description, goal, measures, stageTasks,
      iso(due), owner, status, doneOn === null ? null : iso(doneOn), status === 'done' ? rng.pick(verificationNotes) : null,
    ]);
  }

  const years = Math.max(1, yearOf(today) - yearOf(historyStart) + 1);
  const supervisionCount = Math.max(8, Math.round(sample.alliances.length * years * 0.08));
  const sequence = new Map<string, number>();
  for (let i = 0; i < supervisionCount; i++) {
    const a = rng.pick(alliances);
    const kind = rng.weighted<string>([['special', 50], ['annual', 30], ['routine_visit', 20]]);
    const from = Math.max(a.established + 60, historyStart);
    const to = Math.min(a.dissolved ?? today, today - 1);
    if (to < from) continue;
    let date = workdayBetween(rng, from, to);
    if (kind !== 'routine_visit') {
      const y = yearOf(date);
      const season = kind === 'special' ? day(y, 10, 15) + rng.int(0, 60) : day(y, 12, 1) + rng.int(0, 25);
      if (season >= from && season <= to) date = workdayBetween(rng, season, season);
    }
    const target = rng.weighted<'alliance' | 'school' | 'region'>([['alliance', 80], ['school', 12], ['region', 8]]);
    const school = target === 'school' ? rng.pick(a.pool).school : null;
    const region = target === 'region' ? a.home.region : null;
    const conclusion = rng.weighted<string>([['pass', 65], ['needs_rectification', 28], ['fail', 7]]);
    const rating = conclusion === 'pass' ? rng.pick(['优秀', '良好', '合格']) : conclusion === 'fail' ? '不合格' : rng.pick(['合格', '基本合格']);
    const id = rng.uuid();
    const inspectors = `${a.home.cityName}教育督导室：${[personName(rng), personName(rng), personName(rng)].join('、')}`;
    await put(supervisions, [
      id, kind, iso(date), target === 'alliance' ? a.id : null, school?.id ?? null, region?.id ?? null, inspectors,
      rng.pick(findingsBy[conclusion]!), rating, conclusion,
    ]);
    if (conclusion === 'pass') continue;
    await notice(id, a, date);
    if (conclusion === 'fail' || rng.chance(0.25)) {
      const when = date + rng.int(5, 15);
      if (when > today) continue;
      const lead = a.lead ? `${a.lead.name}校长${a.lead.principal}` : `${a.leadRegion?.name ?? a.home.region.name}教育局分管负责人${personName(rng)}`;
      const member = a.members.find((m) => m.role === 'member');
      const interviewees = member ? `${lead}、${member.school.name}校长${member.school.principal}` : lead;
      await put(interviews, [
        rng.uuid(), id, iso(when), interviewees, '通报督导发现的问题，听取情况说明，提出限期整改要求',
        rng.chance(0.7) ? '已按期提交整改报告，督导室跟踪复查' : null,
      ]);
    }
  }
  for (const w of [problems, supervisions, notices, interviews]) await w.flush();
  return { problems: problems.count, supervisions: supervisions.count, rectifications: notices.count, interviews: interviews.count };

  async function notice(supervisionId: string, a: Alliance, date: number) {
    const issued = Math.min(today, date + rng.int(3, 10));
    const deadline = issued + rng.int(30, 90);
    const year = yearOf(issued);
    const prefix = `${documentPrefixes[a.home.cityCode] ?? '教'}教督整`;
    const seq = (sequence.get(`${prefix}${year}`) ?? 0) + 1;
    sequence.set(`${prefix}${year}`, seq);
    const r = rng.next();
    const status = deadline < today ? (r < 0.8 ? 'verified' : r < 0.9 ? 'reported' : 'issued') : r < 0.3 ? 'reported' : 'issued';
    const reported = status === 'issued' ? null : between(rng, Math.min(issued + 7, today), Math.min(deadline, today));
    const verified = status === 'verified' && reported !== null ? Math.min(today, reported + rng.int(5, 20)) : null;
    const items = rng
      .sample(problemTexts, rng.int(1, 3))
      .map((p, i) => `${i + 1}. ${p[0]}`)
      .join('；');
    await put(notices, [
      rng.uuid(), supervisionId, `${prefix}〔${year}〕${seq}号`, iso(issued), iso(deadline), items, status,
      reported === null ? null : iso(reported), verified === null ? null : iso(verified), verified === null ? null : personName(rng),
    ]);
  }
}
