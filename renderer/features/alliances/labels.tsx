// How an alliance's kind, modes, status and quality ratings read on screen.
import { Space, Tag, Tooltip } from 'antd';
import type { Alliance, QualityRatingEntry } from '../../../electron/api/alliances';
import { allianceKinds, allianceStatuses, builtInModes, qualityRatings } from '../../../electron/api/enums';

/** Built-in modes by their label; modes a bureau added in 设置 are stored as their name. */
export const modeLabel = (mode: string): string => builtInModes[mode] ?? mode;

export function ModeTags({ modes }: { modes: string[] }) {
  if (modes.length === 0) return <>—</>;
  return (
    <Space size={[0, 4]} wrap>
      {modes.map((m) => (
        <Tag key={m}>{modeLabel(m)}</Tag>
      ))}
    </Space>
  );
}

export function QualityTags({ ratings }: { ratings: QualityRatingEntry[] }) {
  if (ratings.length === 0) return <>—</>;
  return (
    <Space size={[0, 4]} wrap>
      {ratings.map((r) => (
        <Tag key={`${r.rating}:${r.year}`} color={r.rating === 'province_quality' ? 'gold' : r.rating === 'city_quality' ? 'green' : 'cyan'}>
          {r.year}年{qualityRatings.label(r.rating)}
        </Tag>
      ))}
    </Space>
  );
}

export function KindTag({ kind }: { kind: Alliance['kind'] }) {
  return <Tag color={kind === 'county_alliance' ? 'purple' : 'blue'}>{allianceKinds.label(kind)}</Tag>;
}

export function StatusTag({ alliance }: { alliance: Pick<Alliance, 'status' | 'dissolvedOn'> }) {
  return alliance.status === 'dissolved' ? (
    <Tag color="default">
      {allianceStatuses.label('dissolved')}
      {alliance.dissolvedOn ? ` ${alliance.dissolvedOn}` : ''}
    </Tag>
  ) : (
    <Tag color="success">{allianceStatuses.label('active')}</Tag>
  );
}

export function CrossRegionTag({ alliance }: { alliance: Pick<Alliance, 'crossRegion' | 'regionNames'> }) {
  if (!alliance.crossRegion) return null;
  return (
    <Tooltip title={alliance.regionNames.join('、')}>
      <Tag color="orange">跨区域</Tag>
    </Tooltip>
  );
}

/** The lead school, or the lead county of a county alliance. */
export const leadName = (a: Alliance): string => a.leadSchoolName ?? a.leadRegionName ?? '—';

export const modeOptions = (extraModes: string[]) => [
  ...Object.entries(builtInModes).map(([value, label]) => ({ value, label })),
  ...extraModes.filter((m) => !(m in builtInModes)).map((m) => ({ value: m, label: m })),
];
