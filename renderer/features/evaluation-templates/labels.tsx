// How a template's state shows: 示例模板 (shipped for reference), 第N版, 已冻结 (used by a
// submitted evaluation: saving makes a new version), 旧版本 (a later version exists).
import { Space, Tag, Tooltip } from 'antd';
import type { EvaluationTemplateSummary } from '../../../electron/api/evaluations';

type State = Pick<EvaluationTemplateSummary, 'isSample' | 'frozen' | 'latest' | 'version'>;

export function TemplateTags({ template: t, withVersion = false }: { template: State; withVersion?: boolean }) {
  return (
    <Space size={4}>
      {withVersion ? <Tag>第{t.version}版</Tag> : null}
      {t.isSample ? <Tag color="orange">示例模板</Tag> : null}
      {t.frozen && t.latest ? (
        <Tooltip title="已有提交的考核评价，修改将生成新版本">
          <Tag color="blue">已冻结</Tag>
        </Tooltip>
      ) : null}
      {t.latest ? null : (
        <Tooltip title="已有更新的版本；已提交的评价仍按此版本计分">
          <Tag>旧版本</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
