// Row ⇄ domain mapping of activities, and the text they are found by.
import type { Activity, ActivityDraft, NamedRef } from '../../electron/api/activities';
import type { Attachment } from '../../electron/api/system';
import type { TermBoundaries } from '../../electron/api/settings';
import { termOf } from '../../electron/api/terms';
import { bool, num, str } from '../paging';
import type { Row } from '../records';

export function toActivityRow(d: ActivityDraft): Row {
  return {
    alliance_id: d.allianceId,
    date: d.date,
    category: d.category,
    form: d.form,
    title: d.title,
    host_school_id: d.hostSchoolId,
    participants: d.participants,
    is_leadership_visit: d.isLeadershipVisit,
    is_online: d.isOnline,
    summary: d.summary,
    outcome: d.outcome,
    notes: d.notes,
  };
}

export function toActivity(
  r: Record<string, unknown>,
  terms: TermBoundaries,
  schools: NamedRef[],
  attachments: Attachment[],
): Activity {
  const date = String(r.date);
  return {
    id: String(r.id),
    allianceId: String(r.alliance_id),
    allianceName: String(r.alliance_name ?? ''),
    date,
    term: termOf(date, terms),
    category: r.category as Activity['category'],
    form: str(r.form),
    title: String(r.title),
    hostSchoolId: str(r.host_school_id),
    hostSchoolName: str(r.host_school_name),
    participatingSchools: schools,
    participants: num(r.participants),
    isLeadershipVisit: bool(r.is_leadership_visit),
    isOnline: bool(r.is_online),
    summary: str(r.summary),
    outcome: str(r.outcome),
    notes: str(r.notes),
    attachments,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}

export function toAttachment(r: Record<string, unknown>): Attachment {
  return {
    id: String(r.id),
    originalName: String(r.original_name),
    mime: String(r.mime),
    size: Number(r.size),
    sha256: String(r.sha256),
    createdAt: String(r.created_at),
  };
}

/**
 * The searchable text of an activity. Fields are kept apart by a word nobody searches for:
 * a query is matched as a phrase of adjacent characters, and without the break a title
 * ending in 教 followed by a summary starting with 研 would match 教研.
 */
export const fieldBreak = 'fieldbreak';

export function activitySearchText(parts: {
  title: string;
  form: string | null;
  summary: string | null;
  outcome: string | null;
  allianceName: string;
  hostSchoolName: string | null;
  schoolNames: string[];
}): string {
  return [parts.title, parts.form, parts.summary, parts.outcome, parts.allianceName, parts.hostSchoolName, ...parts.schoolNames]
    .filter((s): s is string => !!s)
    .join(` ${fieldBreak} `);
}
