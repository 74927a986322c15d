// How activities look on screen: category tags, the participating schools in one line,
// and the choices of the category and form pickers.
import { Tag, Tooltip } from 'antd';
import type { NamedRef } from '../../../electron/api/activities';
import { activityCategories, builtInActivityForms, type ActivityCategory } from '../../../electron/api/enums';
import { useApi } from '../../api/hooks';

const categoryColors: Record<ActivityCategory, string> = {
  party_building: 'red',
  philosophy: 'magenta',
  teacher_exchange: 'blue',
  teaching_research: 'geekblue',
  management: 'purple',
  student_activity: 'green',
  course_sharing: 'cyan',
  culture: 'gold',
  other: 'default',
};

export const CategoryTag = ({ category }: { category: ActivityCategory }) => (
  <Tag color={categoryColors[category]}>{activityCategories.label(category)}</Tag>
);

export const categoryOptions = activityCategories.codes.map((c) => ({ value: c, label: activityCategories.labels[c] }));

/** 经二路小学、虢镇小学等5校 — the first two by name, all of them on hover. */
export function SchoolsInBrief({ schools }: { schools: NamedRef[] }) {
  if (schools.length === 0) return <>—</>;
  const shown = schools.slice(0, 2).map((s) => s.name).join('、');
  if (schools.length <= 2) return <>{shown}</>;
  return (
    <Tooltip title={schools.map((s) => s.name).join('、')}>
      <span>
        {shown}等{schools.length}校
      </span>
    </Tooltip>
  );
}

/** The built-in forms plus the ones this bureau added in 设置. */
export function useFormOptions(): { value: string }[] {
  const { data } = useApi('settings.get', {});
  const extra = data?.extraActivityForms ?? [];
  return [...new Set([...builtInActivityForms, ...extra])].map((value) => ({ value }));
}
