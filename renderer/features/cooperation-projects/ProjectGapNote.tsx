// The bureau's rule on the list page: each alliance runs 1–2 cooperation projects a year
// (每年开展教育合作项目1~2个). Shows how many active alliances have none in the chosen year.
import { Alert } from 'antd';
import { useApi } from '../../api/hooks';

export function ProjectGapNote({ year, regionId }: { year: number; regionId?: string }) {
  const { data } = useApi('cooperationProjects.missing', { year, regionId });
  if (!data || data.total === 0) return null;
  if (data.count === 0) {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        title={`${year}年，${regionId ? '所选县区' : ''}全部 ${data.total} 个运行中的联盟都已登记合作项目。`}
      />
    );
  }
  const names = data.examples.map((a) => a.name).join('、');
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={`${year}年，${regionId ? '所选县区' : ''}运行中的 ${data.total} 个联盟中有 ${data.count} 个尚未登记合作项目`}
      description={`按规定每个联盟每年开展教育合作项目 1~2 个。尚未登记的联盟：${names}${data.count > data.examples.length ? ` 等 ${data.count} 个` : ''}。`}
    />
  );
}
