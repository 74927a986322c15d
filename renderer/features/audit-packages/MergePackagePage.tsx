// 合并督导包: pick the package file, see what it adds and changes, decide every conflict —
// per record or field by field, with both versions side by side and who changed each and
// when — then merge (after an automatic backup, in one transaction).
import { Alert, App, Button, Card, Descriptions, Empty, Radio, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConflictField, MergePreview, PackageConflict, PackageResolution } from '../../../electron/api/audit-packages';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useLongTask } from '../../components/LongTask';
import { PageHeader } from '../../components/PageHeader';
import { readBase64 } from '../../components/read-file';
import { fmtTime } from '../../format';
import { packageValue, whoWhen } from './package-values';

type Side = 'office' | 'package';
interface Choice {
  keep?: Side;
  fields: Record<string, Side>;
}

const keyOf = (c: { entity: string; id: string }) => `${c.entity}:${c.id}`;
const effective = (choice: Choice | undefined, field: string): Side | undefined => choice?.fields[field] ?? choice?.keep;
const decided = (c: PackageConflict, choice: Choice | undefined) => c.fields.every((f) => effective(choice, f.field));

function ConflictCard({ conflict, choice, onChange }: { conflict: PackageConflict; choice: Choice | undefined; onChange: (c: Choice) => void }) {
  const done = decided(conflict, choice);
  return (
    <Card
      size="small"
      data-testid="package-conflict"
      style={{ marginBottom: 12, borderColor: done ? undefined : '#faad14' }}
      title={
        <Space>
          <Tag color="orange">{conflict.entityLabel}</Tag>
          <span>{conflict.label}</span>
          {done ? <Tag color="green">已选择</Tag> : <Tag color="red">待选择</Tag>}
        </Space>
      }
      extra={
        <Radio.Group
          size="small"
          optionType="button"
          value={choice?.keep && Object.keys(choice.fields).length === 0 ? choice.keep : undefined}
          onChange={(e) => onChange({ keep: e.target.value as Side, fields: {} })}
          options={[
            { value: 'office', label: '整条保留台账' },
            { value: 'package', label: '整条采用督导包' },
          ]}
        />
      }
    >
      <Table<ConflictField>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={conflict.fields}
        columns={[
          { key: 'label', title: '字段', width: 130, render: (_, f) => f.label },
          {
            key: 'office',
            title: `台账（${whoWhen(conflict.officeChange)}）`,
            render: (_, f) => <Typography.Text strong={effective(choice, f.field) === 'office'}>{packageValue(f.field, f.office, f.officeText)}</Typography.Text>,
          },
          {
            key: 'package',
            title: `督导包（${whoWhen(conflict.packageChange)}）`,
            render: (_, f) => <Typography.Text strong={effective(choice, f.field) === 'package'}>{packageValue(f.field, f.package, f.packageText)}</Typography.Text>,
          },
          {
            key: 'choice',
            title: '保留',
            width: 170,
            render: (_, f) => (
              <Radio.Group
                size="small"
                value={effective(choice, f.field)}
                onChange={(e) => onChange({ keep: choice?.keep, fields: { ...(choice?.fields ?? {}), [f.field]: e.target.value as Side } })}
                options={[
                  { value: 'office', label: '台账' },
                  { value: 'package', label: '督导包' },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

export function MergePackagePage() {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const status = useApi('system.status', {});
  const previewing = useLongTask('auditPackages.preview');
  const merging = useLongTask('auditPackages.merge');
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});

  async function pick(f: File) {
    setPreview(null);
    setChoices({});
    try {
      const upload = { fileName: f.name, dataBase64: await readBase64(f) };
      const p = await previewing.run(upload);
      setFile(upload);
      setPreview(p);
    } catch (e) {
      setFile(null);
      if (e instanceof ApiError && e.code === 'cancelled') message.info('已取消');
      else modal.error({ title: '不能合并这个督导包', content: (e as Error).message });
    }
  }

  const open = preview ? preview.conflicts.filter((c) => !decided(c, choices[keyOf(c)])) : [];

  function resolutions(): PackageResolution[] {
    return (preview?.conflicts ?? []).map((c) => {
      const choice = choices[keyOf(c)]!;
      const keep = choice.keep ?? effective(choice, c.fields[0]!.field)!;
      return { entity: c.entity, id: c.id, keep, fields: Object.fromEntries(c.fields.map((f) => [f.field, effective(choice, f.field)!])) };
    });
  }

  function merge() {
    if (!file || !preview) return;
    modal.confirm({
      title: '合并督导包',
      content: `将新增 ${preview.added} 条、修改 ${preview.updated} 条记录，并按所选处理 ${preview.conflicts.length} 处冲突。合并前会自动备份当前台账。`,
      okText: '合并',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await merging.run({ ...file, resolutions: resolutions() });
          await client.invalidateQueries();
          setPreview(null);
          setFile(null);
          setChoices({});
          modal.success({
            title: '已合并督导包',
            content: r.backup
              ? `新增 ${r.added} 条，修改 ${r.updated} 条；冲突保留台账 ${r.keptOffice} 处，采用督导包 ${r.keptPackage} 处。合并前的台账已备份（设置 → 备份与恢复 → 合并前备份）。`
              : '督导包中没有新的内容，台账未做改动。',
          });
        } catch (e) {
          if (e instanceof ApiError && e.code === 'cancelled') message.info('已取消，台账没有改动');
          else modal.error({ title: '合并失败', content: (e as Error).message });
        }
      },
    });
  }

  return (
    <>
      <PageHeader title="合并督导包" sub="把笔记本电脑上录入的督导包并入本台账；两边都改过的记录由您逐条选择" />
      {previewing.dialog}
      {merging.dialog}
      {status.data?.package ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="当前打开的是督导包。请在办公室的正常台账中合并督导包（先返回正常台账）。" />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space>
          <Upload
            accept=".sqlite"
            showUploadList={false}
            beforeUpload={(f) => {
              void pick(f);
              return false;
            }}
          >
            <Button type={preview ? 'default' : 'primary'} disabled={previewing.running || !!status.data?.package}>
              选择督导包文件…
            </Button>
          </Upload>
          {file ? <Typography.Text type="secondary">{file.fileName}</Typography.Text> : <Typography.Text type="secondary">先查看将合并的内容，确认后再合并</Typography.Text>}
        </Space>
      </Card>
      {preview ? (
        <>
          <Card size="small" title="督导包" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={3}>
              <Descriptions.Item label="范围">{preview.package.label}</Descriptions.Item>
              <Descriptions.Item label="导出人">{preview.package.createdBy}</Descriptions.Item>
              <Descriptions.Item label="导出时间">{fmtTime(preview.package.createdAt)}</Descriptions.Item>
            </Descriptions>
            <Space size={48} style={{ marginTop: 8 }}>
              <Statistic title="新增" value={preview.added} suffix="条" />
              <Statistic title="修改" value={preview.updated} suffix="条" />
              <Statistic title="冲突" value={preview.conflicts.length} suffix="处" styles={{ content: { color: preview.conflicts.length ? '#d46b08' : undefined } }} />
            </Space>
          </Card>
          {preview.added + preview.updated + preview.conflicts.length === 0 ? (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title="督导包中没有新的内容（可能已经合并过），合并不会改动台账" />
          ) : null}
          {preview.changes.length > 0 ? (
            <Card size="small" title="新增和修改" style={{ marginBottom: 16 }}>
              <Table
                size="small"
                rowKey={(r) => keyOf(r)}
                dataSource={preview.changes}
                pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                columns={[
                  { key: 'kind', title: '', width: 70, render: (_, r) => (r.kind === 'added' ? <Tag color="green">新增</Tag> : <Tag color="blue">修改</Tag>) },
                  { key: 'entity', title: '类别', width: 130, render: (_, r) => r.entityLabel },
                  { key: 'label', title: '记录', render: (_, r) => r.label },
                  {
                    key: 'fields',
                    title: '改动的字段',
                    render: (_, r) => (r.kind === 'added' ? '—' : r.fieldLabels.join('、')),
                  },
                ]}
              />
            </Card>
          ) : null}
          {preview.conflicts.length > 0 ? (
            <>
              <Typography.Title level={5}>冲突：办公室和督导包都改过的记录（{preview.conflicts.length} 处）</Typography.Title>
              {preview.conflicts.map((c) => (
                <ConflictCard key={keyOf(c)} conflict={c} choice={choices[keyOf(c)]} onChange={(next) => setChoices((all) => ({ ...all, [keyOf(c)]: next }))} />
              ))}
            </>
          ) : null}
          <Space>
            <Button type="primary" onClick={merge} disabled={open.length > 0 || merging.running}>
              合并
            </Button>
            {open.length > 0 ? <Typography.Text type="warning">还有 {open.length} 处冲突未选择保留哪一方</Typography.Text> : null}
          </Space>
        </>
      ) : !previewing.running ? (
        <Empty description="选择从笔记本电脑带回的督导包文件" />
      ) : null}
    </>
  );
}
