// Which template a year's results mean when a command names it (or does not): the year's
// only template, the one named, or — when that leaves a choice — a refusal that lists the
// choices, never a guess. A name may carry its version: 名称（第2版）.
import { invalid } from '../../api/errors';
import type { YearTemplate } from '../../api/evaluations';

export function templateLabel(t: Pick<YearTemplate, 'name' | 'version'>): string {
  return t.version > 1 ? `${t.name}（第${t.version}版）` : t.name;
}

function listOf(templates: YearTemplate[]): string {
  return templates.map((t) => `“${templateLabel(t)}”（${t.evaluations} 份）`).join('、');
}

export function chooseTemplate(used: YearTemplate[], year: number, name?: string): YearTemplate {
  if (used.length === 0) throw invalid(`${year} 年度还没有考核评价`);
  if (name === undefined) {
    if (used.length === 1) return used[0]!;
    throw invalid(`${year} 年度的考核评价用了 ${used.length} 个模板：${listOf(used)}，请用 --template 指定其中一个`);
  }
  const wanted = name.trim();
  const versioned = /^(.*?)\s*[（(]?\s*第\s*(\d+)\s*版\s*[）)]?$/.exec(wanted);
  const matches = versioned
    ? used.filter((t) => t.name === versioned[1]!.trim() && t.version === Number(versioned[2]))
    : used.filter((t) => t.name === wanted);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw invalid(`${year} 年度有 ${matches.length} 个版本的“${wanted}”：${listOf(matches)}，请写明版本，例如 --template "${templateLabel(matches[matches.length - 1]!)}"`);
  }
  throw invalid(`${year} 年度没有使用模板“${wanted}”的考核评价；该年度的模板：${listOf(used)}`);
}
