// The reminder engine: pure — given the facts gathered for a day, the rules from 设置 and
// that day, it derives every reminder (domain.md, "Rules a bureau enforces"). No database.
import type { Reminder, ReminderRule, ReminderSeverity } from '../../api/reminders';
import type { ReminderRules } from '../../api/settings';
import type { TermBoundaries } from '../../api/settings';
import { termLabel, termOf, termRange, termsBetween } from '../../api/terms';

/** A reminder before the clerk's decision about it is applied. */
export type DerivedReminder = Omit<Reminder, 'state' | 'snoozedUntil' | 'note'>;

export interface AllianceRef {
  allianceId: string;
  allianceName: string;
}

export interface ReminderFacts {
  /** Live problems not done, of live alliances, due by today + N. */
  problems: (AllianceRef & { id: string; description: string; dueOn: string; owner: string })[];
  /** Live rectification notices not verified: issued ones due by today + N, and reported ones. */
  rectifications: {
    id: string;
    supervisionId: string;
    number: string;
    deadline: string;
    status: string;
    reportedOn: string | null;
    allianceId: string | null;
    allianceName: string | null;
  }[];
  /** Activity and leadership-visit counts of the alliances active in a term. */
  quotaTerms: { term: string; from: string; to: string; counts: (AllianceRef & { activities: number; visits: number })[] }[];
  /** Active alliances without a cooperation project in `year`, when the year end is within N days. */
  cooperationGaps: { year: number; alliances: AllianceRef[] } | null;
  /** Active alliances established on a date whose implementation plan is not filed. */
  unfiledImplementationPlans: (AllianceRef & { establishedOn: string })[];
  /** Active alliances whose annual plan of the school year is not filed. */
  unfiledAnnualPlans: { schoolYear: string; dueOn: string; alliances: AllianceRef[] } | null;
  /** Evaluations still in draft, with their year's deadline. */
  evaluationDrafts: {
    id: string;
    year: number;
    deadline: string;
    allianceId: string | null;
    allianceName: string | null;
    targetName: string;
  }[];
  manual: { id: string; title: string; dueOn: string }[];
}

export const severityOrder: Record<ReminderSeverity, number> = { overdue: 0, due_soon: 1, notice: 2 };

export function computeReminders(facts: ReminderFacts, rules: ReminderRules, today: string): DerivedReminder[] {
  const out: DerivedReminder[] = [];
  const push = (r: Omit<DerivedReminder, 'parentId' | 'period' | 'allianceId' | 'allianceName'> & Partial<DerivedReminder>) =>
    out.push({ parentId: null, period: null, allianceId: null, allianceName: null, ...r });

  /** overdue when passed, due soon when 0 ≤ dueOn − today ≤ N, otherwise nothing. */
  const byDeadline = (dueOn: string, days: number): ReminderSeverity | null => {
    const left = daysBetween(today, dueOn);
    if (left < 0) return 'overdue';
    return left <= days ? 'due_soon' : null;
  };
  const late = (dueOn: string) => {
    const n = daysBetween(dueOn, today);
    return n > 0 ? `已逾期${n}天` : n === 0 ? '今天到期' : `还有${-n}天到期`;
  };

  if (rules.deadlineProblem.enabled) {
    for (const p of facts.problems) {
      const severity = byDeadline(p.dueOn, rules.deadlineProblem.days);
      if (!severity) continue;
      push({
        key: `deadline-problem:${p.id}`,
        rule: 'deadline-problem',
        severity,
        dueOn: p.dueOn,
        entity: 'problem',
        recordId: p.id,
        allianceId: p.allianceId,
        allianceName: p.allianceName,
        message: `问题“${short(p.description)}”完成时限为${p.dueOn}（${late(p.dueOn)}），请督促责任人${p.owner}整改到位并销号。`,
      });
    }
  }

  for (const r of facts.rectifications) {
    const common = {
      entity: 'rectification' as const,
      recordId: r.id,
      parentId: r.supervisionId,
      allianceId: r.allianceId,
      allianceName: r.allianceName,
      dueOn: r.deadline,
    };
    if (r.status === 'reported' || r.reportedOn) {
      if (!rules.deadlineRectification.enabled) continue;
      push({
        ...common,
        key: `rectification-verify:${r.id}`,
        rule: 'rectification-verify',
        severity: 'notice',
        dueOn: r.reportedOn ?? r.deadline,
        message: `整改通知书${r.number}已报告整改情况，待复查：请组织复查并登记复查结果。`,
      });
      continue;
    }
    if (!rules.deadlineRectification.enabled) continue;
    const severity = byDeadline(r.deadline, rules.deadlineRectification.days);
    if (!severity) continue;
    push({
      ...common,
      key: `deadline-rectification:${r.id}`,
      rule: 'deadline-rectification',
      severity,
      message: `整改通知书${r.number}整改期限为${r.deadline}（${late(r.deadline)}），请督促限期整改到位并报告整改情况。`,
    });
  }

  for (const t of facts.quotaTerms) {
    const ended = t.to < today;
    const left = daysBetween(today, t.to);
    const quotas: { rule: ReminderRule; enabled: boolean; days: number; need: number; what: string; get: (c: { activities: number; visits: number }) => number }[] = [
      {
        rule: 'quota-activities',
        enabled: rules.quotaActivities.enabled,
        days: rules.quotaActivities.days,
        need: rules.quotas.activitiesPerTerm,
        what: '联合交流活动',
        get: (c) => c.activities,
      },
      {
        rule: 'quota-visits',
        enabled: rules.quotaVisits.enabled,
        days: rules.quotaVisits.days,
        need: rules.quotas.visitsPerTerm,
        what: '校级领导互访',
        get: (c) => c.visits,
      },
    ];
    for (const q of quotas) {
      if (!q.enabled || q.need <= 0) continue;
      if (!ended && left > q.days) continue;
      for (const c of t.counts) {
        const have = q.get(c);
        if (have >= q.need) continue;
        push({
          key: `${q.rule}:${c.allianceId}:${t.term}`,
          rule: q.rule,
          severity: ended ? 'overdue' : 'due_soon',
          dueOn: t.to,
          entity: 'alliance',
          recordId: c.allianceId,
          allianceId: c.allianceId,
          allianceName: c.allianceName,
          period: t.term,
          message: ended
            ? `${termLabel(t.term)}已结束，${c.allianceName}只开展了${have}次${q.what}，未达到每学期${q.need}次的要求，请督促说明情况并在本学期补足。`
            : `${termLabel(t.term)}将于${t.to}结束，${c.allianceName}本学期只开展了${have}次${q.what}，每学期应不少于${q.need}次，请督促尽快安排并录入台账。`,
        });
      }
    }
  }

  if (rules.cooperationProject.enabled && facts.cooperationGaps) {
    const { year, alliances } = facts.cooperationGaps;
    const dueOn = `${year}-12-31`;
    if (daysBetween(today, dueOn) <= rules.cooperationProject.days && today <= dueOn) {
      for (const a of alliances) {
        push({
          key: `cooperation-project:${a.allianceId}:${year}`,
          rule: 'cooperation-project',
          severity: 'due_soon',
          dueOn,
          entity: 'alliance',
          recordId: a.allianceId,
          ...a,
          period: String(year),
          message: `${a.allianceName}${year}年还没有合作项目（每年应开展1~2个），请督促在年底前确定并录入合作项目。`,
        });
      }
    }
  }

  if (rules.implementationPlan.enabled) {
    for (const a of facts.unfiledImplementationPlans) {
      const dueOn = addDays(a.establishedOn, rules.implementationPlan.days);
      if (dueOn >= today) continue;
      push({
        key: `implementation-plan:${a.allianceId}`,
        rule: 'implementation-plan',
        severity: 'overdue',
        dueOn,
        entity: 'alliance',
        recordId: a.allianceId,
        allianceId: a.allianceId,
        allianceName: a.allianceName,
        message: `${a.allianceName}于${a.establishedOn}成立，实施方案应在${rules.implementationPlan.days}天内报教育局备案，至今未备案，请督促报送并登记备案日期。`,
      });
    }
  }

  if (rules.annualPlan.enabled && facts.unfiledAnnualPlans) {
    const { schoolYear, dueOn, alliances } = facts.unfiledAnnualPlans;
    const severity = byDeadline(dueOn, rules.annualPlan.days);
    if (severity) {
      for (const a of alliances) {
        push({
          key: `annual-plan:${a.allianceId}:${schoolYear}`,
          rule: 'annual-plan',
          severity,
          dueOn,
          entity: 'alliance',
          recordId: a.allianceId,
          ...a,
          period: schoolYear,
          message: `${a.allianceName}${schoolYear}学年的年度实施计划应于${dueOn}前报教育局备案（${late(dueOn)}），请督促报送并登记备案。`,
        });
      }
    }
  }

  if (rules.evaluationDraft.enabled) {
    for (const e of facts.evaluationDrafts) {
      const severity = byDeadline(e.deadline, rules.evaluationDraft.days);
      if (!severity) continue;
      push({
        key: `evaluation-draft:${e.id}:${e.year}`,
        rule: 'evaluation-draft',
        severity,
        dueOn: e.deadline,
        entity: 'evaluation',
        recordId: e.id,
        allianceId: e.allianceId,
        allianceName: e.allianceName,
        period: String(e.year),
        message: `${e.targetName}${e.year}年度考核评价仍是草稿，截止日期${e.deadline}（${late(e.deadline)}），请完成评分并提交。`,
      });
    }
  }

  if (rules.manual.enabled) {
    for (const m of facts.manual) {
      const left = daysBetween(today, m.dueOn);
      push({
        key: `manual:${m.id}`,
        rule: 'manual',
        severity: left < 0 ? 'overdue' : left <= rules.manual.days ? 'due_soon' : 'notice',
        dueOn: m.dueOn,
        entity: 'manual_reminder',
        recordId: m.id,
        message: m.title,
      });
    }
  }

  return out.sort(
    (a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key),
  );
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(utc(date) + days * 86_400_000).toISOString().slice(0, 10);
}

function utc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function short(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}

/**
 * The periods the rules look at on a day: the current term when it ends within N days (the
 * larger of the two quota rules' N), the most recently ended term, the calendar year for the
 * cooperation project, and the school year with its annual-plan due date.
 */
export function reminderPeriods(
  today: string,
  settings: { terms: TermBoundaries; annualPlanDue: string; reminderRules: ReminderRules },
) {
  const rules = settings.reminderRules;
  const quotaOn = rules.quotaActivities.enabled || rules.quotaVisits.enabled;
  const lead = Math.max(rules.quotaActivities.enabled ? rules.quotaActivities.days : -1, rules.quotaVisits.enabled ? rules.quotaVisits.days : -1);
  const quotaTerms: { term: string; from: string; to: string }[] = [];
  if (quotaOn) {
    const current = termOf(today, settings.terms);
    if (current) {
      const r = termRange(current, settings.terms);
      if (daysBetween(today, r.to) <= lead) quotaTerms.push({ term: current, ...r });
    }
    const ended = termsBetween(addDays(today, -400), today, settings.terms)
      .map((term) => ({ term, ...termRange(term, settings.terms) }))
      .find((t) => t.to < today);
    if (ended) quotaTerms.push(ended);
  }
  const year = Number(today.slice(0, 4));
  // The school year starts on the first term's start; the annual plan is due within it.
  const startYear = today.slice(5) >= settings.terms.firstStart ? year : year - 1;
  const schoolYear = `${startYear}-${startYear + 1}`;
  const dueYear = settings.annualPlanDue >= settings.terms.firstStart ? startYear : startYear + 1;
  return {
    quotaTerms,
    cooperationYear: rules.cooperationProject.enabled && daysBetween(today, `${year}-12-31`) <= rules.cooperationProject.days ? year : null,
    annualPlan: rules.annualPlan.enabled ? { schoolYear, dueOn: `${dueYear}-${settings.annualPlanDue}` } : null,
  };
}
