// How an award's target reads on screen: 联盟 / 学校 by name, a person with their school.
import { Tag, Typography } from 'antd';
import { awardTargets, type Award, type AwardTarget } from '../../../electron/api/evaluations';

export const targetOptions = (Object.keys(awardTargets) as AwardTarget[]).map((c) => ({ value: c, label: awardTargets[c] }));

const targetColors: Record<AwardTarget, string> = { alliance: 'blue', school: 'green', person: 'purple' };

export function AwardTargetCell({ award: a }: { award: Award }) {
  const name = a.targetType === 'alliance' ? a.allianceName : a.targetType === 'school' ? a.schoolName : a.personName;
  return (
    <div style={{ width: 320 }}>
      <div style={{ display: 'flex', alignItems: 'center' }}>
        <Tag color={targetColors[a.targetType]}>{awardTargets[a.targetType]}</Tag>
        <Typography.Text ellipsis={{ tooltip: name }} style={{ minWidth: 0, flex: 1 }}>
          {name ?? '—'}
        </Typography.Text>
      </div>
      {a.targetType === 'person' && a.schoolName ? (
        <Typography.Text type="secondary" ellipsis={{ tooltip: a.schoolName }} style={{ display: 'block', fontSize: 12, paddingLeft: 44 }}>
          {a.schoolName}
        </Typography.Text>
      ) : null}
    </div>
  );
}
