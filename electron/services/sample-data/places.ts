// The places of the seed articles: Baoji's counties, Jiangmen's 蓬江区 and 恩平市, Haining,
// and Henan's cities, with real town names and the schools the articles mention.
import type { Locality, Stage } from '../../api/enums';

export interface NotableSchool {
  /** The name after the county prefix (清姜路小学), or the whole name when `full`. */
  name: string;
  stage: Stage;
  locality: Locality;
  full?: boolean;
  /** Only at city scale and above (county scale keeps the sample small). */
  cityScale?: boolean;
  weak?: boolean;
}

export interface CountySpec {
  /** 6-digit GB/T 2260 code; null for 高新区, which is not a division. */
  code: string | null;
  name: string;
  towns: string[];
  roads?: string[];
  notable?: NotableSchool[];
  /** Relative share of the area's schools. */
  weight: number;
}

const s = (name: string, stage: Stage, locality: Locality, extra: Partial<NotableSchool> = {}): NotableSchool => ({
  name,
  stage,
  locality,
  ...extra,
});

export const baojiCounties: CountySpec[] = [
  {
    code: '610302', name: '渭滨区', weight: 11,
    towns: ['清姜街道', '经二路街道', '姜谭街道', '桥南街道', '金陵街道', '马营镇', '石鼓镇', '神农镇', '高家镇', '八鱼镇'],
    roads: ['清姜路', '经二路', '姜谭路', '滨河路', '神农路', '公园路', '红旗路', '石坝河路', '宝光路', '新建路'],
    notable: [
      s('清姜路小学', 'primary', 'urban'),
      s('经二路小学', 'primary', 'urban'),
      s('宝鸡市实验小学', 'primary', 'urban', { full: true }),
      s('宝鸡市第一初级中学', 'junior', 'urban', { full: true, cityScale: true }),
      s('宝鸡市石油中学', 'senior', 'urban', { full: true, cityScale: true }),
      s('神农镇中心小学', 'primary', 'town'),
    ],
  },
  {
    code: '610303', name: '金台区', weight: 11,
    towns: ['中山东路街道', '西关街道', '群众路街道', '东风路街道', '十里铺街道', '卧龙寺街道', '陈仓镇', '金河镇', '硖石镇', '蟠龙镇'],
    roads: ['东风路', '人民路', '群众路', '西关路', '中山路', '卧龙寺路', '斗鸡台路', '金台大道', '长寿路', '渭河路'],
    notable: [
      s('宝鸡市特殊教育学校', 'special', 'urban', { full: true }),
      s('宝鸡市实验幼儿园', 'kindergarten', 'urban', { full: true }),
      s('宝鸡中学', 'senior', 'urban', { full: true }),
      s('宝鸡市逸夫小学', 'primary', 'urban', { full: true, cityScale: true }),
      s('东风路小学', 'primary', 'urban'),
      s('硖石镇中心小学', 'primary', 'town'),
    ],
  },
  {
    code: '610304', name: '陈仓区', weight: 14,
    towns: ['虢镇街道', '千渭街道', '阳平镇', '周原镇', '贾村镇', '县功镇', '新街镇', '坪头镇', '香泉镇', '赤沙镇', '拓石镇', '凤阁岭镇', '桥镇', '慕仪镇'],
    notable: [s('特殊教育学校', 'special', 'urban'), s('虢镇小学', 'primary', 'urban'), s('拓石镇中心小学', 'primary', 'rural', { weak: true })],
  },
  {
    code: '610305', name: '凤翔区', weight: 12,
    towns: ['城关镇', '虢王镇', '彪角镇', '横水镇', '田家庄镇', '糜杆桥镇', '南指挥镇', '陈村镇', '长青镇', '柳林镇', '姚家沟镇', '范家寨镇'],
    notable: [s('特殊教育学校', 'special', 'urban'), s('东湖小学', 'primary', 'urban')],
  },
  {
    code: '610323', name: '岐山县', weight: 10,
    towns: ['凤鸣镇', '蔡家坡镇', '益店镇', '蒲村镇', '青化镇', '枣林镇', '雍川镇', '故郡镇', '京当镇'],
    notable: [s('特殊教育学校', 'special', 'town'), s('凤鸣镇中心小学', 'primary', 'town')],
  },
  {
    code: '610324', name: '扶风县', weight: 9,
    towns: ['城关街道', '天度镇', '午井镇', '绛帐镇', '段家镇', '杏林镇', '召公镇', '法门镇'],
    notable: [s('特殊教育学校', 'special', 'town'), s('法门镇中心小学', 'primary', 'town')],
  },
  {
    code: '610326', name: '眉县', weight: 8,
    towns: ['首善街道', '横渠镇', '槐芽镇', '汤峪镇', '常兴镇', '金渠镇', '营头镇', '齐镇'],
    notable: [s('特殊教育学校', 'special', 'town'), s('横渠镇中心小学', 'primary', 'town')],
  },
  {
    code: '610327', name: '陇县', weight: 7,
    towns: ['城关镇', '东风镇', '八渡镇', '温水镇', '天成镇', '曹家湾镇', '固关镇', '东南镇', '河北镇', '杜阳镇'],
    notable: [s('特殊教育学校', 'special', 'town'), s('城关镇中心小学', 'primary', 'town')],
  },
  {
    code: '610328', name: '千阳县', weight: 4,
    towns: ['城关镇', '崔家头镇', '南寨镇', '张家塬镇', '水沟镇', '草碧镇', '高崖镇'],
    notable: [s('城关镇中心小学', 'primary', 'town')],
  },
  {
    code: '610329', name: '麟游县', weight: 3,
    towns: ['九成宫镇', '崔木镇', '招贤镇', '两亭镇', '常丰镇', '丈八镇', '酒房镇'],
    notable: [s('九成宫镇中心小学', 'primary', 'town')],
  },
  {
    code: '610330', name: '凤县', weight: 4,
    towns: ['双石铺镇', '凤州镇', '黄牛铺镇', '红花铺镇', '河口镇', '唐藏镇', '平木镇', '坪坎镇', '留凤关镇'],
    notable: [s('双石铺镇中心小学', 'primary', 'town'), s('凤州镇中心小学', 'primary', 'rural', { weak: true })],
  },
  {
    code: '610331', name: '太白县', weight: 2,
    towns: ['嘴头镇', '桃川镇', '靖口镇', '太白河镇', '鹦鸽镇', '王家堎镇', '黄柏塬镇'],
    notable: [s('嘴头镇中心小学', 'primary', 'town'), s('桃川镇中心小学', 'primary', 'rural', { weak: true })],
  },
  {
    code: null, name: '高新区', weight: 5,
    towns: ['千渭街道', '马营镇', '钓渭镇', '八鱼镇', '天王镇', '磻溪镇'],
    roads: ['高新大道', '科技新城路', '渭滨大道', '钓渭路', '蟠龙路', '创业路'],
    notable: [
      s('第一小学', 'primary', 'urban', { weak: true }),
      s('第一幼儿园', 'kindergarten', 'urban'),
      s('第一初级中学', 'junior', 'urban', { cityScale: true }),
      s('高级中学', 'senior', 'urban', { cityScale: true }),
    ],
  },
];

export const jiangmenCounties: CountySpec[] = [
  {
    code: '440703', name: '蓬江区', weight: 53,
    towns: ['环市街道', '潮连街道', '白沙街道', '北街街道', '堤东街道', '杜阮镇', '棠下镇', '荷塘镇'],
    roads: ['紫茶路', '农林路', '范罗冈路', '港口路', '白沙大道', '建设路', '胜利路', '育德路', '篁庄路', '长堤路'],
    notable: [
      s('紫茶小学', 'primary', 'urban'),
      s('紫茶中学', 'junior', 'urban'),
      s('范罗冈小学', 'primary', 'urban'),
      s('农林小学', 'primary', 'urban'),
      s('特殊教育学校', 'special', 'urban'),
      s('江门市怡福中学', 'junior', 'urban', { full: true }),
      s('江门市棠下中学', 'senior', 'town', { full: true }),
      s('景贤小学', 'primary', 'urban', { cityScale: true }),
    ],
  },
  {
    code: '440785', name: '恩平市', weight: 47,
    towns: ['恩城街道', '横陂镇', '圣堂镇', '良西镇', '东成镇', '君堂镇', '大田镇', '那吉镇', '大槐镇', '沙湖镇', '牛江镇'],
    roads: ['锦城大道', '新平路', '东安路', '江洲路', '恩城大道', '工业大道'],
    notable: [
      s('恩城中心小学（东安校区）', 'primary', 'urban'),
      s('恩城第二中学', 'junior', 'urban', { weak: true }),
      s('大槐镇中心小学', 'primary', 'rural', { weak: true }),
      s('华侨中学', 'senior', 'urban'),
      s('特殊教育学校', 'special', 'urban'),
      s('江洲中学', 'junior', 'town'),
      s('恩城第一小学', 'primary', 'urban'),
    ],
  },
];

/** Haining's twelve 1+X communities: [lead, member], both after the 海宁市 prefix. */
export const hainingCommunities: readonly [NotableSchool, NotableSchool][] = [
  [s('海洲小学', 'primary', 'urban'), s('谈桥小学', 'primary', 'rural', { weak: true })],
  [s('鹃湖小学', 'primary', 'urban'), s('海宁经济开发区实验小学', 'primary', 'town', { full: true })],
  [s('紫微初级中学', 'junior', 'urban'), s('袁花镇初级中学', 'junior', 'town')],
  [s('长安镇初级中学', 'junior', 'town'), s('周王庙镇初级中学', 'junior', 'rural', { weak: true })],
  [s('实验小学', 'primary', 'urban'), s('许村镇中心小学', 'primary', 'town')],
  [s('紫微小学', 'primary', 'urban'), s('盐官镇中心小学', 'primary', 'town')],
  [s('第一初级中学', 'junior', 'urban'), s('斜桥中学', 'junior', 'town')],
  [s('丁桥小学', 'primary', 'town'), s('黄湾小学', 'primary', 'rural', { weak: true })],
  [s('桃园小学', 'primary', 'urban'), s('新仓小学', 'primary', 'rural', { weak: true })],
  [s('海昌小学', 'primary', 'urban'), s('周王庙镇中心小学', 'primary', 'town')],
  [s('宏达小学', 'primary', 'urban'), s('长安镇中心小学', 'primary', 'town')],
  [s('南苑中学', 'junior', 'urban'), s('丁桥中学', 'junior', 'rural')],
];

export const haining: CountySpec = {
  code: '330481', name: '海宁市', weight: 1,
  towns: ['海洲街道', '海昌街道', '硖石街道', '马桥街道', '许村镇', '长安镇', '周王庙镇', '盐官镇', '斜桥镇', '丁桥镇', '袁花镇', '黄湾镇'],
  roads: ['文宗路', '海昌路', '工人路', '水月亭路', '西山路', '钱江路', '硖川路', '双山路'],
  notable: [s('袁花镇中心小学', 'primary', 'town')],
};

/** Henan's education groups named in the seed article: [group, county code, lead school's full name, stage]. */
export const henanNamedGroups: readonly (readonly [string, string, string, Stage])[] = [
  ['郑州市中原区互助路小学教育集团', '410102', '郑州市中原区互助路小学', 'primary'],
  ['郑州市第十九初级中学教育集团', '410103', '郑州市第十九初级中学', 'junior'],
  ['郑州市第五十七中学教育集团', '410105', '郑州市第五十七中学', 'junior'],
  ['新乡市获嘉第一初级中学教育集团', '410724', '获嘉县第一初级中学', 'junior'],
  ['新乡市获嘉县凯旋路小学教育集团', '410724', '获嘉县凯旋路小学', 'primary'],
  ['灵宝市第四小学教育联盟', '411282', '灵宝市第四小学', 'primary'],
  ['灵宝市第三小学教育联盟', '411282', '灵宝市第三小学', 'primary'],
];

/** Telephone area codes by 4-digit city code (school phone numbers). */
export const areaCodes: Record<string, string> = {
  '6103': '0917', '4407': '0750', '3304': '0573',
  '4101': '0371', '4102': '0371', '4103': '0379', '4104': '0375', '4105': '0372', '4106': '0392',
  '4107': '0373', '4108': '0391', '4109': '0393', '4110': '0374', '4111': '0395', '4112': '0398',
  '4113': '0377', '4114': '0370', '4115': '0376', '4116': '0394', '4117': '0396', '4190': '0391',
};

/** The short name a city's bureau uses on documents (宝教督整〔2024〕3号). */
export const documentPrefixes: Record<string, string> = {
  '6103': '宝', '4407': '江', '3304': '海', '4101': '郑', '4102': '汴', '4103': '洛', '4104': '平',
  '4105': '安', '4106': '鹤', '4107': '新', '4108': '焦', '4109': '濮', '4110': '许', '4111': '漯',
  '4112': '三', '4113': '宛', '4114': '商', '4115': '信', '4116': '周', '4117': '驻', '4190': '济',
};
