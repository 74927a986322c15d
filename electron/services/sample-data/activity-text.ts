// Words of the activity ledger: categories with their forms, titles, summaries, outcomes.
import type { ActivityCategory, AllianceKind } from '../../api/enums';
import { chineseNumber } from './names';
import type { Rng } from './prng';

export const categoryWeights: readonly (readonly [ActivityCategory, number])[] = [
  ['teaching_research', 32], ['teacher_exchange', 12], ['party_building', 8], ['philosophy', 8], ['management', 9],
  ['student_activity', 10], ['course_sharing', 8], ['culture', 7], ['other', 4],
];

export const formsByCategory: Record<ActivityCategory, readonly (readonly [string, number])[]> = {
  teaching_research: [['集体备课', 4], ['同课异构', 4], ['听课评课', 3], ['公开课', 2], ['线上教研', 2], ['联合考试/统一命题', 1]],
  teacher_exchange: [['送教送研', 4], ['跟岗', 2], ['专题讲座', 1]],
  party_building: [['互访', 2], ['专题讲座', 1], ['其他', 2]],
  philosophy: [['专题讲座', 4], ['线上教研', 1], ['其他', 1]],
  management: [['互访', 2], ['跟岗', 2], ['其他', 2]],
  student_activity: [['研学', 3], ['其他', 2]],
  course_sharing: [['同步课堂', 4], ['公开课', 1], ['线上教研', 1]],
  culture: [['其他', 3], ['研学', 1], ['互访', 1]],
  other: [['其他', 1]],
};

const teachingThemes = [
  '新课标背景下的课堂教学', '大单元教学设计', '作业设计与“双减”落实', '核心素养导向的课堂', '跨学科主题学习', '整本书阅读',
  '项目化学习', '分层作业设计', '实验教学', '信息技术与学科融合', '课堂提问的有效性', '读写结合', '情境教学', '思维导图在复习课中的运用',
];
const partyThemes = ['学习贯彻党的二十大精神', '师德师风建设', '清廉学校建设', '党建引领教育高质量发展', '“四规范三提升一创建”', '党员教师双培养'];
const philosophyThemes = ['“双减”背景下的育人方式变革', '核心素养与课堂转型', '新课标理念解读', '家校社协同育人', '五育并举与学生全面发展', '教师专业成长路径'];
const contests = ['足球', '篮球', '书法', '经典诵读', '科技创新', '演讲', '合唱', '绘画'];
export const courses = [
  '一起趣锻炼', '我爱名著', 'STEAM创客', '无人机', '机甲大师', '魔力数学', '书法', '国画', '非遗剪纸', '陶艺', '合唱',
  '足球', '围棋', '心理健康', '劳动教育', '科学实验', '编程入门', '经典诵读', '英语绘本阅读', '红色研学',
];
const communityAspects = ['党建引领', '管理贯通', '师资联培', '教学帮扶', '学科同进', '课程共建', '学生共育', '评价一体', '文化相长', '共同进步'];

type Title = (x: { s: string; g: string; f: string; rng: Rng }) => string;

const titles: Record<ActivityCategory, Title[]> = {
  teaching_research: [
    ({ s, f }) => (f === '联合考试/统一命题' ? `${s}期中质量检测统一命题与分析会` : f === '线上教研' ? `${s}线上联合教研` : `${s}${f}研讨活动`),
    ({ s, g, f }) => (f === '公开课' ? `${g}${s}公开课展示` : `${g}${s}${f}`),
    ({ s, rng }) => `${s}“${rng.pick(teachingThemes)}”专题研讨`,
    ({ s }) => `${s}学科联合教研活动`,
  ],
  teacher_exchange: [
    ({ s }) => `骨干教师送教下乡（${s}）`,
    ({ s }) => `${s}名师工作室送教送研`,
    () => '青年教师跟岗研修汇报',
    ({ s }) => `“名师+”引领${s}示范课`,
    () => '新教师成长沙龙',
  ],
  party_building: [
    () => '联盟校党建共建主题党日',
    ({ rng }) => `“${rng.pick(partyThemes)}”主题党日联学活动`,
    () => '党建工作交流研讨会',
    () => '党员教师“先锋示范课”展示',
    () => '党支部书记讲党课',
  ],
  philosophy: [
    ({ rng }) => `“${rng.pick(philosophyThemes)}”专题讲座`,
    () => '新课标理念解读专题培训',
    ({ rng }) => `教育思想研讨沙龙：${rng.pick(philosophyThemes)}`,
    () => '名校长办学理念分享会',
  ],
  management: [
    () => '班主任工作经验交流会', () => '中层管理干部跟岗学习', () => '学校管理制度建设研讨', () => '教学常规管理联合检查',
    () => '校园安全管理经验交流',
  ],
  student_activity: [
    () => '联盟校学生研学实践活动', () => '“手拉手”城乡学生交流活动', ({ rng }) => `联盟校学生${rng.pick(contests)}交流赛`,
    () => '校园艺术节联合展演', () => '劳动实践教育联合活动',
  ],
  course_sharing: [
    ({ s, g }) => `同步课堂：${g}${s}`, ({ rng }) => `《${rng.pick(courses)}》课程共享课`, () => '拓展课程资源共享推进会',
    ({ s }) => `“专递课堂”${s}教学`,
  ],
  culture: [() => '校园文化建设经验交流', () => '书香校园共读活动', () => '清廉文化进校园联合活动', () => '传统文化节联合展示'],
  other: [() => '联盟年度工作总结会', () => '联盟工作推进会', () => '联盟问题清单梳理会', () => '联盟年度工作计划研讨会'],
};

const specialTitles = ['送教上门经验交流', '融合教育个别化教育计划（IEP）研讨', '资源教室建设观摩', '康复训练课例研讨', '随班就读工作推进会'];
const countyTitles = ['县区联盟教研室对口交流', '县区联盟股室对口交流', '县区联盟年度联席会议', '县区联盟名师送教', '县区联盟校长论坛'];
export const visitTitles = ['校级领导及中层干部互访交流', '联盟校长联席会议', '校级领导互访调研', '校长论坛暨联盟工作推进会', '联盟学校管理互访'];

export function activityTitle(rng: Rng, kind: AllianceKind, category: ActivityCategory, x: { s: string; g: string; f: string }): string {
  if (kind === 'special_ed_alliance' && rng.chance(0.5)) return rng.pick(specialTitles);
  if (kind === 'county_alliance' && rng.chance(0.35)) return rng.pick(countyTitles);
  if (kind === 'community' && rng.chance(0.35)) return `教共体“${rng.pick(communityAspects)}”主题活动`;
  return rng.pick(titles[category])({ ...x, rng });
}

const teachingCategories = new Set<ActivityCategory>(['teaching_research', 'teacher_exchange', 'course_sharing']);
const teachingClosings = [
  '执教教师说课后分组研讨。', '专家现场点评并提出改进建议。', '形成统一的教学设计与作业方案。', '与会教师撰写了学习心得。',
  '活动采用线上线下相结合的方式。',
];
const generalClosings = [
  '各校交流了本学期工作计划。', '参会人员围绕问题清单逐项研讨。', '成员校提出下阶段帮扶需求。', '牵头校分享了经验做法。',
  '明确了下阶段合作重点。',
];

export function activitySummary(
  rng: Rng,
  category: ActivityCategory,
  x: { host: string; schools: number; participants: number; theme: string; form: string },
): string {
  const n = x.schools === 2 ? '两' : chineseNumber(x.schools);
  const closing = rng.pick(teachingCategories.has(category) && rng.chance(0.7) ? teachingClosings : generalClosings);
  return `${x.host}承办，${n}所学校${x.participants}人参加。围绕“${x.theme}”开展${x.form === '其他' ? '交流' : x.form}。${closing}`;
}

export function activityTheme(rng: Rng, category: ActivityCategory): string {
  switch (category) {
    case 'party_building':
      return rng.pick(partyThemes);
    case 'philosophy':
      return rng.pick(philosophyThemes);
    case 'management':
      return rng.pick(['学校精细化管理', '班级管理', '教学常规落实', '校园安全', '制度建设']);
    case 'student_activity':
      return rng.pick(['五育并举', '劳动教育', '城乡学生交流', '阅读推广', '体育与艺术']);
    case 'culture':
      return rng.pick(['校园文化建设', '书香校园', '清廉文化', '传统文化传承']);
    case 'course_sharing':
      return rng.pick(['优质课程共享', '同步课堂常态化', '拓展课程建设']);
    default:
      return rng.pick(teachingThemes);
  }
}

export function activityOutcome(rng: Rng, category: ActivityCategory, subject: string): string | null {
  if (rng.chance(0.12)) return null;
  const k = rng.int(2, 12);
  if (teachingCategories.has(category)) {
    return rng.pick([
      `形成${subject}教学设计${k}份`, `生成优质课例${k}节，上传资源平台`, '确定下阶段联合教研主题', `完成听评课记录${k}份`,
      `共享课件与微课${k}个`, `参训教师撰写心得${k}篇`, '整理活动简报1期',
    ]);
  }
  if (category === 'student_activity' || category === 'culture') {
    return rng.pick([`学生作品${k * 3}件参展`, '整理活动简报1期', `评选优秀作品${k}件`, '活动在联盟公众号宣传报道']);
  }
  return rng.pick(['整理活动简报1期', '形成问题清单并明确责任人', '形成会议纪要1份', '明确下阶段工作任务分工', `收集意见建议${k}条`]);
}

export function participantsFor(rng: Rng, form: string): number {
  switch (form) {
    case '专题讲座':
      return rng.int(40, 200);
    case '集体备课':
      return rng.int(8, 30);
    case '研学':
      return rng.int(30, 150);
    case '互访':
      return rng.int(6, 20);
    case '同步课堂':
      return rng.int(40, 120);
    default:
      return rng.int(15, 70);
  }
}
