// An empty ledger offers sample data, so a new clerk can look around before typing.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { SampleScale } from '../../../electron/api/system';
import { ApiError } from '../../api/client';
import { useLongTask } from '../../components/LongTask';

export function SampleOffer() {
  const [scale, setScale] = useState<SampleScale>('county');
  const { message } = App.useApp();
  const client = useQueryClient();
  const task = useLongTask('sample.load');
  async function load() {
    try {
      const stats = await task.run({ scale });
      message.success(`示例数据已载入：${stats.schools} 所学校、${stats.alliances} 个联盟、${stats.activities} 条交流活动`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'cancelled') message.info('已取消，未写入任何数据');
      else message.error((e as Error).message);
    } finally {
      // Everything asked of the empty ledger (the summary too, asked for before the page knew
      // the ledger was empty) is reset rather than shown for a moment while the new data loads.
      await client.resetQueries();
    }
  }
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title="台账还是空的"
      description={
        <Space orientation="vertical">
          <Typography.Text>
            可以先载入示例数据（宝鸡市城乡教育联盟、江门蓬江—恩平跨区域教育集团、海宁教共体）熟悉各项功能，示例数据会标明“示例”。正式使用前请新建一个空的数据文件夹。
          </Typography.Text>
          <Space>
            <Select<SampleScale>
              value={scale}
              onChange={setScale}
              style={{ width: 300 }}
              options={[
                { value: 'county', label: '县级规模（约 250 所学校）' },
                { value: 'city', label: '市级规模（约 1000 所学校）' },
                { value: 'province', label: '省级规模（约 1.2 万所学校，需几分钟）' },
              ]}
            />
            <Button type="primary" onClick={load} loading={task.running}>
              载入示例数据
            </Button>
          </Space>
          {task.dialog}
        </Space>
      }
    />
  );
}
