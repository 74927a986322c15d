// Every API method, fed what no form would send: nothing, the wrong kind of value in each
// field, a 1 MB string in each field, and ids that name no record. Each answers with a
// Chinese validation (or 未找到) message — never an internal error — and writes nothing.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Method } from '../electron/api/contract';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

let world: AllianceWorld;
beforeAll(async () => {
  world = await makeAllianceWorld({ today: '2024-06-01' });
});
afterAll(() => world?.close());

const methods = Object.keys(contract) as Method[];
const cjk = /[\u4e00-\u9fff]/;
const huge = '长'.repeat(1_000_000);

type Def = { type: string; innerType?: Schema; in?: Schema; shape?: Record<string, Schema>; element?: Schema; options?: Schema[] };
type Schema = { _zod: { def: Def } };

/** The object schema under defaults and pipes (null for unions and others). */
function objectShape(schema: Schema): Record<string, Schema> | null {
  let s: Schema | undefined = schema;
  for (let i = 0; s && i < 6; i++) {
    const def: Def = s._zod.def;
    if (def.type === 'object') return def.shape ?? null;
    s = def.innerType ?? def.in;
  }
  return null;
}

/** The field's own type under optional, nullable, default and pipe wrappers. */
function baseType(schema: Schema): string {
  let s: Schema | undefined = schema;
  for (let i = 0; s && i < 8; i++) {
    const def: Def = s._zod.def;
    if (['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else return def.type;
  }
  return 'unknown';
}

/** A value of the wrong kind for a field of this type. */
function wrongValue(type: string): unknown {
  switch (type) {
    case 'string':
    case 'enum':
    case 'literal':
      return 12345;
    case 'number':
    case 'int':
      return '十二';
    case 'boolean':
      return '是';
    case 'array':
      return '经二路小学、虢镇小学';
    case 'object':
    case 'record':
      return 'x';
    default:
      return '不是这种值';
  }
}

async function writesSoFar(): Promise<string> {
  const [{ n }] = (await world.db.raw('SELECT total_changes() AS n')) as [{ n: number }];
  const [{ seq }] = (await world.db('audit_log').max({ seq: 'seq' })) as [{ seq: number | null }];
  const files = fs.existsSync(world.dir) ? fs.readdirSync(world.dir, { recursive: true }).length : 0;
  return `${n}/${seq}/${files}`;
}

interface Finding {
  method: string;
  variant: string;
  problem: string;
}
const findings: Finding[] = [];
let calls = 0;

/** Calls and checks: a refusal in Chinese, of an expected code, and nothing written. */
async function expectRefusal(method: Method, variant: string, args: unknown, codes: string[], field?: string) {
  calls++;
  const before = await writesSoFar();
  const reply = await world.reply(method, args);
  const after = await writesSoFar();
  const problem = (p: string) => findings.push({ method, variant, problem: p });
  if (after !== before) problem(`wrote something (${before} → ${after})`);
  if (reply.ok) return problem('accepted');
  if (!codes.includes(reply.code)) problem(`code ${reply.code}: ${reply.message.slice(0, 120)}`);
  if (!cjk.test(reply.message)) problem(`message not Chinese: ${reply.message.slice(0, 120)}`);
  if (reply.message.length > 2000) problem(`message ${reply.message.length} characters long (echoes the input?)`);
  if (field && reply.code === 'invalid' && reply.fieldErrors && !Object.keys(reply.fieldErrors).some((k) => k === field || k.startsWith(`${field}.`) || k === '_')) {
    problem(`field ${field} not named in ${JSON.stringify(Object.keys(reply.fieldErrors))}`);
  }
}

/** Methods a bare {} may legitimately run: reads, and actions whose every input is optional. */
async function acceptsEmpty(method: Method): Promise<boolean> {
  return contract[method].input.safeParse({}).success;
}

describe('every method refuses malformed input and writes nothing', () => {
  it(`answers ${methods.length} methods fed {}, null, a string and an array`, async () => {
    let emptyOk = 0;
    for (const method of methods) {
      if (await acceptsEmpty(method)) {
        emptyOk++;
      } else {
        await expectRefusal(method, '{}', {}, ['invalid']);
        await expectRefusal(method, 'null', null, ['invalid']);
      }
      await expectRefusal(method, 'a string', '请导入', ['invalid']);
      await expectRefusal(method, 'an array', [1, 2], ['invalid']);
    }
    console.info(`${methods.length} methods, ${emptyOk} of which take {}; ${calls} calls`);
    expect(findings).toEqual([]);
  }, 120_000);

  it('refuses a wrong type in each field, naming the field', async () => {
    findings.length = 0;
    let fields = 0;
    for (const method of methods) {
      const shape = objectShape(contract[method].input as unknown as Schema);
      if (!shape) continue;
      for (const [key, schema] of Object.entries(shape)) {
        fields++;
        await expectRefusal(method, `${key}: wrong type`, { [key]: wrongValue(baseType(schema)) }, ['invalid'], key);
        // An object with unknown keys is a valid (empty) object for an object field.
        if (!['object', 'record'].includes(baseType(schema))) await expectRefusal(method, `${key}: an object`, { [key]: { $gt: '' } }, ['invalid'], key);
      }
    }
    console.info(`${fields} fields fed a wrong type`);
    expect(findings).toEqual([]);
  }, 300_000);

  it('refuses a 1 MB string in each field, naming the field', async () => {
    findings.length = 0;
    for (const method of methods) {
      const shape = objectShape(contract[method].input as unknown as Schema);
      if (!shape) continue;
      for (const key of Object.keys(shape)) await expectRefusal(method, `${key}: 1 MB`, { [key]: huge }, ['invalid'], key);
    }
    // The unions (lists.export, backups.restore) get one in their selector too.
    await expectRefusal('lists.export', 'list: 1 MB', { list: huge, query: {} }, ['invalid']);
    await expectRefusal('backups.restore', 'name: 1 MB', { name: huge }, ['invalid']);
    expect(findings).toEqual([]);
  }, 300_000);

  it('answers 未找到 (or a validation message) for ids that name no record', async () => {
    findings.length = 0;
    let tried = 0;
    for (const method of methods) {
      const shape = objectShape(contract[method].input as unknown as Schema);
      if (!shape || !('id' in shape)) continue;
      tried++;
      await expectRefusal(method, 'unknown id', { id: randomUUID() }, ['not_found', 'invalid']);
      await expectRefusal(method, 'unknown id, empty draft', { id: randomUUID(), draft: {} }, ['not_found', 'invalid']);
    }
    // Writes that name a record by another key.
    const unknown = randomUUID();
    await expectRefusal('activities.addAttachment', 'unknown activity', { activityId: unknown, attachmentId: randomUUID() }, ['not_found', 'invalid']);
    await expectRefusal('alliances.addMember', 'unknown alliance', { allianceId: unknown, member: { schoolId: world.schools.dongrenbao } }, ['not_found', 'invalid']);
    await expectRefusal('alliances.fileAnnualPlan', 'unknown alliance', { allianceId: unknown, schoolYear: '2024-2025', filedOn: '2024-09-01' }, ['not_found', 'invalid']);
    await expectRefusal('evaluations.start', 'unknown template', { templateId: unknown, year: 2024, targetId: world.alliances.weibin }, ['not_found', 'invalid']);
    await expectRefusal('recycleBin.restore', 'unknown record', { entity: 'schools', id: unknown }, ['not_found', 'invalid']);
    await expectRefusal(
      'activities.create',
      'unknown alliance',
      { allianceId: unknown, date: '2024-03-05', category: 'teaching_research', title: '同课异构', participatingSchoolIds: [] },
      ['not_found', 'invalid'],
    );
    await expectRefusal(
      'teacherExchanges.create',
      'unknown schools',
      { allianceId: world.alliances.weibin, teacherName: '张老师', fromSchoolId: unknown, toSchoolId: randomUUID(), kind: 'rotation', startOn: '2024-03-01' },
      ['not_found', 'invalid'],
    );
    await expectRefusal('backups.restore', 'unknown backup', { name: 'ledger-2099-01-01.sqlite' }, ['not_found', 'invalid']);
    await expectRefusal('backups.delete', 'unknown backup', { name: 'ledger-2099-01-01.sqlite' }, ['not_found', 'invalid']);
    await expectRefusal('settings.update', 'unknown home region', { homeRegionId: unknown }, ['not_found']);
    await expectRefusal('backups.download', 'path outside the folder', { name: path.join('..', '..', 'etc', 'passwd') }, ['not_found', 'invalid']);
    console.info(`${tried} methods named an unknown id; ${calls} calls in all`);
    expect(findings).toEqual([]);
  }, 120_000);
});
