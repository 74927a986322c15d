// Regions from the bundled GB/T 2260 list (electron/services/divisions.ts). Regions the
// first-run picker already created are reused by code; the rest are inserted.
import { divisionTree, type DivisionPathNode } from '../divisions';
import type { RegionLevel } from '../../api/enums';
import { put, TableWriter, type LoadContext } from './bulk';
import type { Area, County, RegionRec, Scale } from './model';
import { commonRoads, genericStreets, genericTowns } from './names';
import { baojiCounties, haining, henanNamedGroups, jiangmenCounties, type CountySpec } from './places';
import type { Rng } from './prng';

export interface RegionResult {
  counties: County[];
  regionsByCode: Map<string, RegionRec>;
  home: RegionRec;
  inserted: number;
}

export async function loadRegions(ctx: LoadContext, rng: Rng, scale: Scale): Promise<RegionResult> {
  const existing = (await ctx.trx('regions')
    .whereNull('deleted_at')
    .select('id', 'name', 'code', 'level', 'parent_id')) as {
    id: string;
    name: string;
    code: string | null;
    level: RegionLevel;
    parent_id: string | null;
  }[];
  const byCode = new Map<string, RegionRec>();
  for (const r of existing) {
    if (r.code) byCode.set(r.code, { id: r.id, name: r.name, code: r.code, level: r.level, parentId: r.parent_id });
  }
  const writer = new TableWriter(ctx, 'regions', ['id', 'name', 'code', 'level', 'parent_id']);

  async function ensure(node: Pick<DivisionPathNode, 'name' | 'level' | 'fullCode'>, parent: RegionRec | null) {
    const found = byCode.get(node.fullCode);
    if (found) return found;
    const rec: RegionRec = { id: rng.uuid(), name: node.name, code: node.fullCode, level: node.level, parentId: parent?.id ?? null };
    byCode.set(node.fullCode, rec);
    await put(writer, [rec.id, rec.name, rec.code, rec.level, rec.parentId]);
    return rec;
  }

  /** A division with its ancestors; returns the region of the division itself. */
  async function ensurePath(code: string): Promise<RegionRec> {
    const tree = divisionTree(code);
    if (!tree) throw new Error(`区划代码 ${code} 不在内置行政区划表中`);
    let parent: RegionRec | null = null;
    for (const a of tree.ancestors) parent = await ensure(a, parent);
    return ensure(tree.chosen, parent);
  }

  const counties: County[] = [];
  const addCounty = (region: RegionRec, spec: CountySpec, area: Area, city: RegionRec | null) => {
    const cityName = city?.name ?? region.name;
    const cityShort = cityName.replace(/市$/, '');
    const isDistrict = city !== null && region.name.endsWith('区');
    const prefix = isDistrict && !region.name.includes(cityShort) ? cityName + region.name : region.name;
    counties.push({
      region,
      area,
      cityCode: (city?.code ?? region.code ?? '000000').slice(0, 4),
      cityName,
      prefix,
      isDistrict,
      spec,
      schools: [],
    });
  };

  // Baoji: the city, its twelve counties, and 高新区 (not a GB/T 2260 division).
  const baoji = await ensurePath('6103');
  const baojiTree = divisionTree('6103')!;
  for (const spec of baojiCounties) {
    if (spec.code) {
      const node = baojiTree.descendants.find((d) => d.node.fullCode === spec.code)!.node;
      addCounty(await ensure(node, baoji), spec, 'baoji', baoji);
    } else {
      addCounty(await ensureNamed(ctx, writer, rng, spec.name, baoji), spec, 'baoji', baoji);
    }
  }

  // Jiangmen: 蓬江区 and 恩平市 only (the cross-region pairing of the seed article).
  const jiangmen = await ensurePath('4407');
  for (const spec of jiangmenCounties) addCounty(await ensurePath(spec.code!), spec, 'jiangmen', jiangmen);

  // Haining (嘉兴市).
  const hainingRegion = await ensurePath(haining.code!);
  addCounty(hainingRegion, haining, 'haining', byCode.get('330400') ?? null);

  let home = baoji;
  if (scale === 'province') {
    const tree = divisionTree('41')!;
    const henan = await ensure(tree.chosen, null);
    home = henan;
    for (const d of tree.descendants) {
      const parent = byCode.get(d.parentCode) ?? henan;
      const rec = await ensure(d.node, parent);
      if (d.node.level !== 'county') continue;
      const district = d.node.name.endsWith('区') && parent.level === 'city';
      const roads = rng.sample(commonRoads, 12);
      const spec: CountySpec = {
        code: d.node.fullCode,
        name: d.node.name,
        towns: district ? genericStreets(rng, roads) : genericTowns(rng, rng.int(7, 14)),
        roads,
        weight: d.node.name.endsWith('区') ? rng.next() * 0.5 + 0.6 : rng.next() * 0.8 + 0.8,
        notable: henanNamedGroups
          .filter(([, code]) => code === d.node.fullCode)
          .map(([, , name, stage]) => ({ name, stage, locality: 'urban' as const, full: true })),
      };
      addCounty(rec, spec, 'henan', parent.level === 'city' ? parent : null);
    }
  }
  await writer.flush();
  return { counties, regionsByCode: byCode, home, inserted: writer.count };
}

/** A region without a division code (高新区): reused by name under the same parent. */
async function ensureNamed(
  ctx: LoadContext,
  writer: TableWriter,
  rng: Rng,
  name: string,
  parent: RegionRec,
): Promise<RegionRec> {
  await writer.flush();
  await ctx.drain();
  const row = (await ctx.trx('regions').whereNull('deleted_at').where({ name, parent_id: parent.id }).first('id', 'code')) as
    | { id: string; code: string | null }
    | undefined;
  if (row) return { id: row.id, name, code: row.code, level: 'county', parentId: parent.id };
  const rec: RegionRec = { id: rng.uuid(), name, code: null, level: 'county', parentId: parent.id };
  await put(writer, [rec.id, rec.name, rec.code, rec.level, rec.parentId]);
  return rec;
}
