// Hostile .xlsx files: seeded mutations of valid workbooks (bit flips, truncation, inserted
// and overwritten bytes, damaged sheet XML, garbage shared strings, cell addresses beyond
// Excel's limits), zip bombs, and the date systems and Chinese date formats exceljs gets
// wrong on its own. Every file either imports correctly or is refused with a Chinese
// message — no crash, no hang, nothing written, memory bounded.
//   LEDGER_FUZZ_ROUNDS=2000 npx vitest run test/fuzz-import.test.ts   (default 200 inputs)
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportKind } from '../electron/api/imports';
import { readXlsx } from '../electron/services/import/xlsx-read';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';
import { bombEntry, rawEntry, rawZip, styleOf, workbookParts, zipParts, type Parts, type XCell } from './support/xlsx-parts';

const fuzzRounds = Number(process.env.LEDGER_FUZZ_ROUNDS ?? 200);
const seed = Number(process.env.LEDGER_FUZZ_SEED ?? 20261123);
/** No single file may take longer than this (a hang is a failure). */
const perFileMs = 15_000;
/** RSS may not grow by more than this over a run of hostile files. */
const rssBudget = 600 * 2 ** 20;

let world: AllianceWorld;
beforeAll(async () => {
  world = await makeAllianceWorld({ today: '2024-06-01' });
});
afterAll(() => world?.close());

function prng(s: number) {
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

const cjk = /[\u4e00-\u9fff]/;
/** What a clerk must never see: an exception's English, a stack, a JS value. */
const rawEnglish = /Error|TypeError|RangeError|undefined|NaN|\bat \S+ \(|\[object|Cannot|Invalid|Unexpected|ENOENT|stack/;

/** Row counts of every table, and the last audit seq: equal snapshots mean nothing was written. */
async function snapshot(): Promise<Record<string, number>> {
  const tables = (await world.db('sqlite_master').where({ type: 'table' }).whereNot('name', 'like', 'sqlite_%').pluck('name')) as string[];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number(((await world.db(t).count({ n: '*' })) as [{ n: number }])[0].n);
  out.auditSeq = Number(((await world.db('audit_log').max({ m: 'seq' })) as [{ m: number | null }])[0].m ?? 0);
  return out;
}

const header = ['联盟名称', '活动日期', '活动类别', '活动主题', '承办学校', '参与人数'];

function activityRows(tag: string, date: XCell = { v: 45356, s: styleOf.date14 }): XCell[][] {
  return [
    header,
    ['渭滨区城乡教育联盟', date, '教研交流', `${tag}小学数学同课异构`, '清姜路小学', 45],
    ['渭滨区城乡教育联盟', '2024-03-12', '党建', `${tag}党建共建活动`, '经二路小学', 20],
    ['凤县山区学校联盟', '2024年3月26日', '学生活动', `${tag}研学实践`, '凤州小学', 60],
  ];
}

interface Outcome {
  ok: boolean;
  ms: number;
  message?: string;
  code?: string;
}

const failures: string[] = [];
let tried = 0;

/** Commits the file; a refusal must be Chinese, typed `invalid`, quick, and change nothing. */
async function attempt(label: string, fileName: string, bytes: Uint8Array, kind: ImportKind = 'activities'): Promise<Outcome> {
  tried++;
  const before = await snapshot();
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const reply = await Promise.race([
    world.reply('imports.commit', { kind, fileName, dataBase64: Buffer.from(bytes).toString('base64') }),
    new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), perFileMs))),
  ]);
  clearTimeout(timer);
  const ms = Date.now() - started;
  if (reply === 'hang') {
    failures.push(`${label}: no answer within ${perFileMs} ms`);
    return { ok: false, ms };
  }
  if (reply.ok) return { ok: true, ms };
  const problems: string[] = [];
  if (reply.code !== 'invalid') problems.push(`code ${reply.code}`);
  if (!cjk.test(reply.message)) problems.push('message not Chinese');
  // What the message quotes from the file (“…”) may be anything.
  if (rawEnglish.test(reply.message.replace(/“[^”]*”/g, '“”'))) problems.push('raw English in message');
  const after = await snapshot();
  if (JSON.stringify(after) !== JSON.stringify(before)) problems.push('database changed');
  if (problems.length) failures.push(`${label}: ${problems.join(', ')} — “${reply.message.slice(0, 200)}”`);
  return { ok: false, ms, message: reply.message, code: reply.code };
}

// ---------------------------------------------------------------------------------------
// Mutations

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (rnd: () => number, n: number) => Math.floor(rnd() * n);

let handBase: Parts;
let handZip: Buffer;
let exceljsZip: Buffer;

function randomBytes(rnd: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = int(rnd, 256);
  return b;
}

const byteMutations: Record<string, (rnd: () => number, base: Buffer) => Buffer> = {
  'bit flips': (rnd, base) => {
    const b = Buffer.from(base);
    const n = 1 + int(rnd, 16);
    for (let i = 0; i < n; i++) b[int(rnd, b.length)]! ^= 1 << int(rnd, 8);
    return b;
  },
  truncation: (rnd, base) => base.subarray(0, int(rnd, base.length)),
  insertion: (rnd, base) => {
    const at = int(rnd, base.length);
    return Buffer.concat([base.subarray(0, at), randomBytes(rnd, 1 + int(rnd, 64)), base.subarray(at)]);
  },
  overwrite: (rnd, base) => {
    const b = Buffer.from(base);
    const at = int(rnd, b.length);
    randomBytes(rnd, 1 + int(rnd, 256)).copy(b, at);
    return b;
  },
};

/** Text-level damage to one XML part. */
function mutateText(rnd: () => number, xml: string): string {
  const at = int(rnd, xml.length);
  const len = 1 + int(rnd, 80);
  switch (int(rnd, 6)) {
    case 0:
      return xml.slice(0, at) + xml.slice(at + len); // delete
    case 1:
      return xml.slice(0, at) + xml.slice(at, at + len).repeat(2 + int(rnd, 50)) + xml.slice(at); // duplicate
    case 2:
      return xml.slice(0, at) + pick(rnd, ['<', '&', '"', '>', '</c>', '<row>', '<c r="A1">', '&#0;', '&#xD800;', '\u0000', ']]>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>']) + xml.slice(at);
    case 3:
      return xml.slice(0, at); // truncated
    case 4:
      return xml.replace(/<v>[^<]*<\/v>/g, (m) => (rnd() < 0.5 ? `<v>${pick(rnd, ['1e308', '-1e308', 'NaN', 'Infinity', '-0', '99999999', '-45356', '4.5e4', '', 'x'])}</v>` : m));
    default:
      return xml.replace(/\br="[^"]*"/g, (m) => (rnd() < 0.3 ? `r="${pick(rnd, ['XFE1', 'A1048577', 'XFD1048576', 'A0', '0', '-1', '1e9', 'ZZZZZZZ1', '', 'A99999999999', '中1'])}"` : m));
  }
}

const partMutations: Record<string, (rnd: () => number) => Parts> = {
  'damaged sheet XML': (rnd) => ({ ...handBase, 'xl/worksheets/sheet1.xml': mutateText(rnd, handBase['xl/worksheets/sheet1.xml'] as string) }),
  'damaged workbook.xml': (rnd) => ({ ...handBase, 'xl/workbook.xml': mutateText(rnd, handBase['xl/workbook.xml'] as string) }),
  'damaged styles.xml': (rnd) => ({ ...handBase, 'xl/styles.xml': mutateText(rnd, handBase['xl/styles.xml'] as string) }),
  'damaged relationships': (rnd) => ({
    ...handBase,
    'xl/_rels/workbook.xml.rels': pick(rnd, [
      mutateText(rnd, handBase['xl/_rels/workbook.xml.rels'] as string),
      (handBase['xl/_rels/workbook.xml.rels'] as string).replace('worksheets/sheet1.xml', pick(rnd, ['../../../etc/passwd', 'worksheets/none.xml', '/xl/workbook.xml', 'styles.xml', ''])),
    ]),
  }),
  'garbage shared strings': (rnd) => {
    const strings = pick(rnd, [
      '<sst><si><t>联盟名称</t></si>',
      '<sst>' + '<si><t>x</t></si>'.repeat(int(rnd, 5)) + '<si><r><t>',
      String(randomBytes(rnd, 200)),
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>活动</t></si></sst>',
      '',
    ]);
    const sheet = (handBase['xl/worksheets/sheet1.xml'] as string).replace(/<c r="([A-Z]+\d+)" t="inlineStr"><is><t>[^<]*<\/t><\/is><\/c>/g, (m, ref: string) =>
      rnd() < 0.4 ? `<c r="${ref}" t="s"><v>${pick(rnd, ['0', '1', '7', '-1', '99999', 'x', '1.5'])}</v></c>` : m,
    );
    return { ...workbookParts([], { sharedStrings: strings }), 'xl/worksheets/sheet1.xml': sheet, 'xl/styles.xml': handBase['xl/styles.xml']! };
  },
  'extreme cell addresses': (rnd) => {
    const ref = pick(rnd, ['XFE1', 'A1048577', 'XFE1048577', 'AAAA1', 'A2147483648']);
    const sheet = (handBase['xl/worksheets/sheet1.xml'] as string).replace('</sheetData>', `<row r="${/\d+$/.exec(ref)![0]}"><c r="${ref}"><v>1</v></c></row></sheetData>`);
    const withDim = rnd() < 0.5 ? sheet.replace('<sheetData>', `<dimension ref="A1:${ref}"/><sheetData>`) : sheet;
    return { ...handBase, 'xl/worksheets/sheet1.xml': withDim };
  },
  'missing part': (rnd) => {
    const parts = { ...handBase };
    delete parts[pick(rnd, Object.keys(parts))];
    return parts;
  },
};

beforeAll(async () => {
  handBase = workbookParts(activityRows('手工'));
  handZip = await zipParts(handBase);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('交流活动');
  for (const r of activityRows('表格')) ws.addRow(r.map((c) => (c !== null && typeof c === 'object' ? new Date(Date.UTC(2024, 2, 5)) : c)));
  exceljsZip = Buffer.from(await wb.xlsx.writeBuffer());
});

async function mutant(rnd: () => number, i: number): Promise<{ label: string; bytes: Uint8Array }> {
  if (rnd() < 0.5) {
    const name = pick(rnd, Object.keys(byteMutations));
    const [baseName, base] = rnd() < 0.5 ? ['hand', handZip] : ['exceljs', exceljsZip];
    return { label: `#${i} ${name} of the ${baseName} file`, bytes: byteMutations[name]!(rnd, base) };
  }
  const name = pick(rnd, Object.keys(partMutations));
  return { label: `#${i} ${name}`, bytes: await zipParts(partMutations[name]!(rnd)) };
}

describe('mutated and truncated .xlsx files', () => {
  it(`imports or refuses in Chinese each of ${fuzzRounds} mutants, writing nothing when refusing, in bounded time and memory`, async () => {
    const rnd = prng(seed);
    const rss0 = process.memoryUsage().rss;
    let rssMax = rss0;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 20);
    const tally = { imported: 0, refused: 0, slowest: 0 };
    const messages = new Map<string, number>();
    try {
      for (let i = 0; i < fuzzRounds; i++) {
        const { label, bytes } = await mutant(rnd, i);
        const o = await attempt(label, pick(rnd, ['活动.xlsx', '活动.csv']), bytes);
        if (o.ok) tally.imported++;
        else tally.refused++;
        tally.slowest = Math.max(tally.slowest, o.ms);
        if (o.message) {
          const key = o.message.replace(/\d+/g, 'N').slice(0, 40);
          messages.set(key, (messages.get(key) ?? 0) + 1);
        }
      }
    } finally {
      clearInterval(sampler);
    }
    console.info(
      `fuzz: ${fuzzRounds} mutants (seed ${seed}): ${tally.imported} imported, ${tally.refused} refused; slowest ${tally.slowest} ms; RSS +${((rssMax - rss0) / 2 ** 20).toFixed(0)} MB\n` +
        [...messages].map(([m, n]) => `  ${n} × ${m}…`).join('\n'),
    );
    expect(failures).toEqual([]);
    expect(rssMax - rss0).toBeLessThan(rssBudget);
    // Whatever imported is in the ledger whole: every activity names a live alliance.
    const orphans = await world.db('activities as t').leftJoin('alliances as a', 'a.id', 't.alliance_id').whereNull('a.id').count({ n: '*' });
    expect(Number((orphans as [{ n: number }])[0].n)).toBe(0);
  }, 600_000);
});

describe('zip bombs', () => {
  const bombs: [string, () => Buffer][] = [
    [
      'a sheet whose XML inflates to 2 GB of blanks',
      () => {
        const parts = workbookParts(activityRows('炸弹'));
        const sheet = parts['xl/worksheets/sheet1.xml'] as string;
        const cut = sheet.indexOf('</sheetData>');
        return rawZip([
          ...Object.entries(parts)
            .filter(([n]) => n !== 'xl/worksheets/sheet1.xml')
            .map(([n, d]) => rawEntry(n, d as string)),
          bombEntry('xl/worksheets/sheet1.xml', sheet.slice(0, cut), ' ', 2 * 2 ** 30, sheet.slice(cut)),
        ]);
      },
    ],
    [
      'shared strings that inflate to 1 GB',
      () => {
        const parts = workbookParts(activityRows('炸弹'), { sharedStrings: '' });
        return rawZip([
          ...Object.entries(parts)
            .filter(([n]) => n !== 'xl/sharedStrings.xml')
            .map(([n, d]) => rawEntry(n, d as string)),
          bombEntry('xl/sharedStrings.xml', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '<si><t>联盟</t></si>', 2 ** 30 / 20, '</sst>'),
        ]);
      },
    ],
    [
      'styles that inflate to 1 GB',
      () => {
        const parts = workbookParts(activityRows('炸弹'));
        const styles = parts['xl/styles.xml'] as string;
        const cut = styles.indexOf('</styleSheet>');
        return rawZip([
          ...Object.entries(parts)
            .filter(([n]) => n !== 'xl/styles.xml')
            .map(([n, d]) => rawEntry(n, d as string)),
          bombEntry('xl/styles.xml', styles.slice(0, cut), '<!-- -->', 2 ** 30 / 8, styles.slice(cut)),
        ]);
      },
    ],
  ];

  for (const [what, build] of bombs) {
    it(`refuses ${what} quickly, in Chinese, without the memory to hold it`, async () => {
      const bytes = build();
      expect(bytes.length).toBeLessThan(5 * 2 ** 20);
      const rss0 = process.memoryUsage().rss;
      let rssMax = rss0;
      const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 10);
      const o = await attempt(what, '炸弹.xlsx', bytes);
      clearInterval(sampler);
      console.info(`${what}: ${bytes.length} bytes zipped → ${o.ok ? 'imported' : `refused “${o.message}”`} in ${o.ms} ms, RSS +${((rssMax - rss0) / 2 ** 20).toFixed(0)} MB`);
      expect(o.ok).toBe(false);
      expect(o.message).toMatch(cjk);
      expect(failures).toEqual([]);
      expect(rssMax - rss0).toBeLessThan(rssBudget);
    }, 120_000);
  }
});

describe('cells beyond Excel’s limits', () => {
  for (const ref of ['XFE1', 'A1048577', 'XFE1048577']) {
    for (const dimension of [false, true]) {
      it(`refuses a cell at ${ref}${dimension ? ' named by the dimension too' : ''} in Chinese, or reads it whole`, async () => {
        const rows = activityRows(`越界${ref}${dimension}`);
        const parts = workbookParts(rows, dimension ? { dimension: `A1:${ref}` } : {});
        const num = /\d+$/.exec(ref)![0];
        parts['xl/worksheets/sheet1.xml'] = (parts['xl/worksheets/sheet1.xml'] as string).replace('</sheetData>', `<row r="${num}"><c r="${ref}" t="inlineStr"><is><t>越界</t></is></c></row></sheetData>`);
        const before = await world.rows('activities');
        const o = await attempt(`cell ${ref}`, '越界.xlsx', await zipParts(parts));
        expect(failures).toEqual([]);
        if (o.ok) expect(await world.rows('activities')).toBe(before + 3);
        else expect(o.message).toMatch(/超出|超过|损坏|无法/);
      });
    }
  }
});

describe('date systems and Chinese date formats', () => {
  // 2024-03-05 is serial 45356 in the 1900 system and 43894 in the 1904 system (Mac Excel).
  const cases = [
    ['1900', false, 45356],
    ['1904', true, 43894],
  ] as const;
  const styles = [
    ['日期格式 (14)', styleOf.date14],
    ['yyyy年m月d日 (31)', styleOf.cn31],
    ['yyyy年m月 (57)', styleOf.cn57],
    ['m月d日 (58)', styleOf.cn58],
  ] as const;

  for (const [system, date1904, serial] of cases) {
    for (const [label, s] of styles) {
      it(`reads a ${label} cell of a ${system}-system workbook as 2024-03-05`, async () => {
        const tag = `日期${system}格式${s}`;
        const bytes = await zipParts(workbookParts(activityRows(tag, { v: serial, s }), { date1904 }));
        const o = await attempt(`${system} ${label}`, '日期.xlsx', bytes);
        expect(o).toMatchObject({ ok: true });
        const dates = await world.db('activities').where({ title: `${tag}小学数学同课异构` }).pluck('date');
        expect(dates).toEqual(['2024-03-05']);
        // The streaming reader (sheets over 20,000 rows) reads the same.
        const streamed = await readXlsx(bytes, { streamAbove: 0 });
        const d = streamed.rows[1]!.cells[1];
        expect(d instanceof Date ? d.toISOString().slice(0, 10) : d).toBe('2024-03-05');
      });
    }
  }
});

describe('files that are no spreadsheet at all', () => {
  it('refuses random bytes, a PDF, a password-protected workbook, a docx and a zip of nothing, in Chinese', async () => {
    const rnd = prng(seed + 1);
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1152);
    const files: [string, Uint8Array][] = [
      ['随机.xlsx', randomBytes(rnd, 5000)],
      ['随机.csv', randomBytes(rnd, 5000)],
      ['报告.xlsx', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj<</Type/Catalog>>endobj\n')],
      ['加密.xlsx', ole],
      ['文档.xlsx', await new JSZip().file('word/document.xml', '<w:document/>').generateAsync({ type: 'nodebuffer' })],
      ['空压缩包.xlsx', await new JSZip().generateAsync({ type: 'nodebuffer' })],
      ['图片.xlsx', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
      ['活动.docx', handZip],
      ['活动', handZip],
    ];
    for (const [name, bytes] of files) {
      const o = await attempt(name, name, bytes);
      expect(o.ok, name).toBe(false);
    }
    expect(failures).toEqual([]);
  });
});
