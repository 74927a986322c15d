// Fills a ledger with a province's worth of activities (Shaanxi's 107 counties, 11,000
// schools, 3,500 alliances, 500,000 activities over ten school years) for the list
// benchmark. Bulk multi-row INSERTs in one transaction; the search index is filled with
// the same text the repository writes.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { activityCategories, builtInActivityForms } from '../../electron/api/enums';
import { activitySearchText } from '../../db/repositories/activity-rows';
import { searchTokens } from '../../db/search';

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

class Bulk {
  private values: unknown[] = [];
  private rows = 0;
  private readonly chunk: number;
  count = 0;
  constructor(
    private readonly trx: Knex,
    private readonly table: string,
    private readonly columns: string[],
    /** Rows this table refers to (foreign keys) are written first. */
    private readonly parent?: Bulk,
  ) {
    this.chunk = Math.min(500, Math.floor(30_000 / columns.length));
  }
  async add(row: unknown[]): Promise<void> {
    for (const v of row) this.values.push(typeof v === 'boolean' ? Number(v) : v);
    if (++this.rows >= this.chunk) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.rows) return;
    await this.parent?.flush();
    const one = `(${this.columns.map(() => '?').join(',')})`;
    const sql = `INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${Array(this.rows).fill(one).join(',')}`;
    const values = this.values;
    this.count += this.rows;
    this.values = [];
    this.rows = 0;
    await this.trx.raw(sql, values as Knex.RawBinding[]);
  }
}

const roads = ['建设路', '人民路', '解放路', '东风路', '新华路', '清姜路', '经二路', '文化路', '滨河路', '红旗路', '胜利路', '北关', '南街', '东关', '西关'];
const towns = ['城关镇', '东关镇', '西街镇', '马营镇', '高家镇', '石头河镇', '杨家沟镇', '李家庄镇', '太白镇', '白水镇', '金台镇', '黄牛铺镇'];
const suffixes = ['小学', '小学', '小学', '中心小学', '初级中学', '中学', '九年制学校', '实验小学', '幼儿园'];
const subjects = ['语文', '数学', '英语', '物理', '化学', '生物', '道德与法治', '历史', '地理', '音乐', '美术', '体育', '信息技术', '科学'];
const themes = ['双减背景下作业设计', '大单元教学', '新课标解读', '课堂提质增效', '思政课建设', '劳动教育', '阅读推广', '课后服务', '心理健康教育', '家校共育', '校园文化建设', '教学常规管理'];
const phrases = [
  '围绕课堂教学改革开展深入交流',
  '牵头校骨干教师作示范课',
  '成员校教师同课异构并集体评议',
  '双方就教学管理经验进行座谈',
  '专家现场点评并提出改进建议',
  '参会教师分组研讨形成共识',
  '通过同步课堂实现优质资源共享',
  '开展联合教研并统一教学进度',
  '校级领导深入课堂听课指导',
  '活动促进了城乡学校共同发展',
  '教师们纷纷表示收获很大',
  '下一步将持续推进常态化交流',
  '结合学情调整教学设计',
  '总结提炼可推广的经验做法',
];

export interface FillResult {
  schools: number;
  alliances: number;
  activities: number;
}

export async function fillProvince(
  db: Knex,
  options: { activities: number; schools: number; alliances: number; log?: (s: string) => void },
): Promise<FillResult> {
  const r = rng(20240901);
  const log = options.log ?? (() => undefined);
  const stamp = '2025-09-01T08:00:00.000Z';
  const counties = (await db('regions as c')
    .join('regions as p', 'p.id', 'c.parent_id')
    .where('c.level', 'county')
    .select('c.id', 'c.name', 'p.name as city')) as { id: string; name: string; city: string }[];
  if (counties.length === 0) throw new Error('no counties: choose a home region first');

  // As bulk loaders do: a big page cache, and the secondary indexes of the big tables
  // dropped during the load and built again after it (sorting once beats 500k inserts
  // into each of a dozen B-trees). Unique indexes stay, so the data is checked as usual.
  await db.raw('PRAGMA cache_size = -1000000');
  const indexes = (await db('sqlite_master')
    .where('type', 'index')
    .whereIn('tbl_name', ['activities', 'activity_schools', 'search_entries'])
    .whereNotNull('sql')
    .whereNot('sql', 'like', 'CREATE UNIQUE%')
    .select('name', 'sql')) as { name: string; sql: string }[];
  for (const i of indexes) await db.raw(`DROP INDEX ${i.name}`);
  const result = await db.transaction(async (trx) => {
    // Schools
    const schoolBulk = new Bulk(trx, 'schools', ['id', 'name', 'region_id', 'stage', 'created_at', 'updated_at']);
    const schoolsByCounty = new Map<string, { id: string; name: string }[]>();
    for (let i = 0; i < options.schools; i++) {
      const county = counties[i % counties.length]!;
      const prefix = r.next() < 0.35 ? county.city + county.name : county.name;
      const name = `${prefix}${r.next() < 0.5 ? r.pick(roads) : r.pick(towns)}${Math.floor(i / counties.length) + 1}${r.pick(suffixes)}`;
      const school = { id: randomUUID(), name };
      schoolsByCounty.set(county.id, [...(schoolsByCounty.get(county.id) ?? []), school]);
      await schoolBulk.add([school.id, name, county.id, 'primary', stamp, stamp]);
    }
    await schoolBulk.flush();
    log(`schools ${schoolBulk.count}`);

    // Alliances with 3–6 members, mostly within one county
    const allianceBulk = new Bulk(trx, 'alliances', ['id', 'name', 'kind', 'modes', 'lead_school_id', 'status', 'created_at', 'updated_at']);
    const memberBulk = new Bulk(trx, 'alliance_members', ['id', 'alliance_id', 'school_id', 'role', 'joined_on', 'created_at', 'updated_at'], allianceBulk);
    const alliances: { id: string; name: string; members: { id: string; name: string }[] }[] = [];
    const kinds = ['school_alliance', 'education_group', 'community', 'featured_alliance'];
    for (let i = 0; i < options.alliances; i++) {
      const county = counties[i % counties.length]!;
      const pool = schoolsByCounty.get(county.id) ?? [];
      const size = 3 + r.int(4);
      const members = new Map<string, { id: string; name: string }>();
      while (members.size < Math.min(size, pool.length)) {
        const s = r.pick(pool);
        members.set(s.id, s);
      }
      if (r.next() < 0.1) {
        const other = schoolsByCounty.get(counties[(i + 1) % counties.length]!.id) ?? [];
        const s = r.pick(other);
        members.set(s.id, s);
      }
      const list = [...members.values()];
      const lead = list[0]!;
      const kind = r.pick(kinds);
      const name =
        kind === 'education_group'
          ? `${lead.name}教育集团${i}`
          : kind === 'community'
            ? `${county.name}${lead.name.slice(-6)}教共体${i}`
            : `${county.city}${county.name}第${i}城乡教育联盟`;
      const alliance = { id: randomUUID(), name, members: list };
      alliances.push(alliance);
      await allianceBulk.add([alliance.id, name, kind, '[]', lead.id, 'active', stamp, stamp]);
      for (const [k, s] of list.entries()) {
        await memberBulk.add([randomUUID(), alliance.id, s.id, k === 0 ? 'lead' : 'member', '2015-03-01', stamp, stamp]);
      }
    }
    await allianceBulk.flush();
    await memberBulk.flush();
    log(`alliances ${allianceBulk.count}, members ${memberBulk.count}`);

    // Activities over ten school years, with participating schools and the search index
    const activityBulk = new Bulk(trx, 'activities', [
      'id', 'alliance_id', 'date', 'category', 'form', 'title', 'host_school_id', 'participants',
      'is_leadership_visit', 'is_online', 'summary', 'outcome', 'search_key', 'created_at', 'updated_at',
    ]);
    const linkBulk = new Bulk(trx, 'activity_schools', ['id', 'activity_id', 'school_id', 'created_at', 'updated_at'], activityBulk);
    const entryBulk = new Bulk(trx, 'search_entries', ['id', 'entity', 'record_id']);
    const ftsBulk = new Bulk(trx, 'search_fts', ['rowid', 'body']);
    const firstDay = Date.UTC(2015, 8, 1) / 86_400_000;
    const lastDay = Date.UTC(2025, 6, 10) / 86_400_000;
    const categories = activityCategories.codes;
    const titles = new Set<string>();
    for (let i = 0; i < options.activities; i++) {
      const a = alliances[r.int(alliances.length)]!;
      let dayNo = firstDay + r.int(lastDay - firstDay);
      const d = new Date(dayNo * 86_400_000);
      const month = d.getUTCMonth() + 1;
      if (month === 8) dayNo -= 35; // summer holiday: move to July
      const date = new Date(dayNo * 86_400_000).toISOString().slice(0, 10);
      const category = r.pick(categories);
      const form = r.pick(builtInActivityForms);
      const host = a.members[r.int(a.members.length)]!;
      const visit = r.next() < 0.08;
      const title = visit
        ? `${host.name}校级领导互访交流`
        : r.next() < 0.5
          ? `${r.pick(subjects)}学科${form}活动`
          : `“${r.pick(themes)}”主题${form}`;
      // (alliance, date, title) is unique among live rows
      let unique = title;
      for (let k = 2; titles.has(`${a.id}|${date}|${unique}`); k++) unique = `${title}（${k}）`;
      titles.add(`${a.id}|${date}|${unique}`);
      const participating = a.members.filter((s) => s.id !== host.id && r.next() < 0.6).slice(0, 3);
      const summary = `${r.pick(phrases)}，${r.pick(phrases)}。`;
      const outcome = r.next() < 0.5 ? `${r.pick(phrases)}。` : null;
      const id = randomUUID();
      await activityBulk.add([
        id, a.id, date, category, form, unique, host.id, 10 + r.int(120), visit, form === '线上教研' || form === '同步课堂',
        summary, outcome, i + 1, stamp, stamp,
      ]);
      for (const s of participating) await linkBulk.add([randomUUID(), id, s.id, stamp, stamp]);
      await entryBulk.add([i + 1, 'activities', id]);
      const text = activitySearchText({
        title: unique,
        form,
        summary,
        outcome,
        allianceName: a.name,
        hostSchoolName: host.name,
        schoolNames: participating.map((s) => s.name),
      });
      await ftsBulk.add([i + 1, searchTokens(text).join(' ')]);
      if ((i + 1) % 100_000 === 0) log(`activities ${i + 1}`);
    }
    await activityBulk.flush();
    await linkBulk.flush();
    await entryBulk.flush();
    await ftsBulk.flush();
    log(`activities ${activityBulk.count}, links ${linkBulk.count}`);
    return { schools: schoolBulk.count, alliances: allianceBulk.count, activities: activityBulk.count };
  });
  for (const i of indexes) await db.raw(i.sql);
  log(`indexes built`);
  await db.raw('PRAGMA cache_size = -64000');
  return result;
}
