// What the clerk types into a 得分 box, read as a number. Typed text is kept as text in the
// form so that "8a" is refused in words instead of silently becoming 8.
import type { Indicator, ScoreEntry, ScoreSheet } from '../../../electron/api/evaluations';

/** Full-width digits and points (typed with a Chinese IME) read like ASCII ones. */
function halfWidth(s: string): string {
  return s.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

export type Parsed = { ok: true; value: number | null } | { ok: false; message: string };

/** Blank is "not scored yet"; otherwise a number within 0..max with at most two decimals. */
export function parseScore(raw: string | null | undefined, max: number): Parsed {
  const s = halfWidth(String(raw ?? '')).trim();
  if (s === '') return { ok: true, value: null };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return { ok: false, message: '请输入数字' };
  const n = Number(s);
  if (n < 0 || n > max) return { ok: false, message: `得分应在 0 至 ${max} 之间` };
  if (Math.abs(Math.round(n * 100) - n * 100) > 1e-6) return { ok: false, message: '得分最多保留两位小数' };
  return { ok: true, value: n };
}

/** The tree's leaves: 二级指标, and 一级指标 scored directly. */
export function leavesOf(indicators: readonly Indicator[]): Indicator[] {
  return indicators.flatMap((t) => (t.children.length ? t.children : [t]));
}

export interface FormScores {
  [leafId: string]: { score?: string; note?: string | null } | undefined;
}

export interface SheetValues {
  evaluators?: string | null;
  comments?: string | null;
  scores?: FormScores;
}

/** The form's values as the API's score sheet (unreadable scores were refused before this). */
export function toSheet(id: string, rowVersion: number, leaves: readonly Indicator[], values: SheetValues): ScoreSheet {
  const scores: Record<string, ScoreEntry> = {};
  for (const leaf of leaves) {
    const entry = values.scores?.[leaf.id];
    const parsed = parseScore(entry?.score, leaf.maxScore);
    scores[leaf.id] = { score: parsed.ok ? parsed.value : null, note: entry?.note?.trim() || null };
  }
  return { id, rowVersion, evaluators: values.evaluators?.trim() || null, comments: values.comments?.trim() || null, scores };
}

/** The stored scores as form values. */
export function toFormScores(scores: Record<string, ScoreEntry>, leaves: readonly Indicator[]): FormScores {
  const out: FormScores = {};
  for (const leaf of leaves) {
    const s = scores[leaf.id];
    out[leaf.id] = { score: s?.score === null || s?.score === undefined ? '' : String(s.score), note: s?.note ?? '' };
  }
  return out;
}

/** Sum in hundredths, as the server does, so 0.1 + 0.2 shows as 0.3. */
export function sumScores(ns: readonly number[]): number {
  return ns.reduce((s, n) => s + Math.round(n * 100), 0) / 100;
}

/** What the form adds up to right now: per 一级指标 and in all, over the readable scores. */
export function liveTotals(indicators: readonly Indicator[], scores: FormScores | undefined) {
  const read = (leaf: Indicator) => {
    const p = parseScore(scores?.[leaf.id]?.score, leaf.maxScore);
    return p.ok ? p.value : null;
  };
  const byTop = new Map<string, { total: number; scored: number; leaves: number }>();
  let scored = 0;
  const all: number[] = [];
  for (const t of indicators) {
    const leaves = t.children.length ? t.children : [t];
    const values = leaves.map(read).filter((v): v is number => v !== null);
    byTop.set(t.id, { total: sumScores(values), scored: values.length, leaves: leaves.length });
    scored += values.length;
    all.push(...values);
  }
  return { byTop, total: sumScores(all), scored };
}
