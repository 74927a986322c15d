// 数据导入: choose what the file holds, upload it, check the preview (counts and every row
// that cannot be understood), then 确认导入 writes it all at once.
import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Radio, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { ImportKind, ImportPreview, ImportRowError } from '../../../electron/api/imports';
import { call } from '../../api/client';
import { downloadBase64 } from '../../components/download';
import { useLongTask } from '../../components/LongTask';
import { PageHeader } from '../../components/PageHeader';
import { readBase64 } from '../../components/read-file';

const kinds: { value: ImportKind; label: string; columns: string; after: string }[] = [
  { value: 'schools', label: '学校', columns: '学校名称、所在县区、学段；可选 学校标识码、城乡属性、是否薄弱校、是否新建校、学生数、教师数、校长、联系电话、地址', after: '/schools' },
  { value: 'alliances', label: '联盟及成员', columns: '联盟名称、联盟类型、学校名称、角色（牵头校/成员校）；可选 办学模式、成立时间、加入时间、所在县区', after: '/alliances' },
  { value: 'activities', label: '交流活动', columns: '联盟名称、活动日期、活动类别、活动主题；可选 活动形式、承办学校、参与学校、参与人数、是否校级领导互访、活动成效、备注', after: '/activities' },
  { value: 'teacher-exchanges', label: '教师交流', columns: '联盟名称、教师姓名、派出学校、接收学校、交流类型、开始日期；可选 学科、结束日期、课时/小时、状态', after: '/teacher-exchanges' },
  { value: 'problems', label: '问题清单', columns: '联盟名称、问题描述、完成时限、责任人；可选 学校、工作目标、工作措施、阶段任务、状态', after: '/problems' },
  { value: 'indicators', label: '评价指标', columns: '一级指标、二级指标、分值；可选 评分标准、编号（整个工作表导入为一个评价模板，第 1 行标题为模板名称）', after: '/evaluation-templates' },
];

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const actionLabels = { create: '新增', update: '更新', skip: '无变化' } as const;

interface ChosenFile {
  fileName: string;
  dataBase64: string;
}

export function ImportsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const kind = kinds.find((k) => k.value === search.get('kind'))?.value ?? 'schools';
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [sheet, setSheet] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const previewTask = useLongTask('imports.preview');
  const commitTask = useLongTask('imports.commit');
  const reportTask = useLongTask('imports.errorReport');
  const [templateLoading, setTemplateLoading] = useState(false);

  async function downloadTemplate() {
    setTemplateLoading(true);
    try {
      const file = await call('imports.template', { kind });
      downloadBase64(file.fileName, file.dataBase64, xlsxMime);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setTemplateLoading(false);
    }
  }

  async function exportErrors() {
    if (!file) return;
    try {
      const report = await reportTask.run({ kind, ...file, ...(sheet.trim() ? { sheet: sheet.trim() } : {}) });
      downloadBase64(report.fileName, report.dataBase64, xlsxMime);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  async function check(chosen: ChosenFile, sheetName = sheet) {
    setFile(chosen);
    setPreview(null);
    setFailure(null);
    try {
      setPreview(await previewTask.run({ kind, ...chosen, ...(sheetName.trim() ? { sheet: sheetName.trim() } : {}) }));
    } catch (e) {
      setFailure((e as Error).message);
    }
  }

  async function commit() {
    if (!file) return;
    try {
      const result = await commitTask.run({ kind, ...file, ...(sheet.trim() ? { sheet: sheet.trim() } : {}) });
      await queryClient.invalidateQueries();
      message.success(`导入完成：新增 ${result.rows.create} 条，更新 ${result.rows.update} 条，跳过 ${result.rows.skip} 条`);
      setPreview(null);
      setFile(null);
      navigate(kinds.find((k) => k.value === kind)!.after);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const current = kinds.find((k) => k.value === kind)!;
  const clean = preview !== null && preview.errorCount === 0;
  const toWrite = preview ? preview.rows.create + preview.rows.update : 0;

  return (
    <>
      <PageHeader title="数据导入" sub="导入学校报来的 Excel 表格：先预览核对，确认无误后一次写入" />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>数据类型</Typography.Text>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                setSearch({ kind: e.target.value as string });
                setPreview(null);
                setFile(null);
              }}
              options={kinds.map((k) => ({ value: k.value, label: k.label }))}
              optionType="button"
            />
            <Button icon={<DownloadOutlined />} loading={templateLoading} onClick={downloadTemplate}>
              下载空白模板
            </Button>
          </Space>
          <Typography.Text type="secondary">必填列：{current.columns}。支持 .xlsx 和 .csv；旧版 .xls、WPS .et 请先另存为 .xlsx。</Typography.Text>
          <Space wrap>
            <Typography.Text>工作表</Typography.Text>
            <Input
              allowClear
              placeholder="默认读取第一个可见工作表"
              value={sheet}
              onChange={(e) => setSheet(e.target.value)}
              onPressEnter={() => file && check(file)}
              style={{ width: 240 }}
            />
            {file ? <Button onClick={() => check(file)}>重新预览</Button> : null}
          </Space>
          <Upload.Dragger
            accept=".xlsx,.csv,.xls,.et"
            showUploadList={false}
            beforeUpload={(f) => {
              readBase64(f).then(
                (dataBase64) => check({ fileName: f.name, dataBase64 }),
                () => message.error(`读取文件“${f.name}”失败`),
              );
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入{current.label}表格文件</p>
            {file ? <p className="ant-upload-hint">当前文件：{file.fileName}</p> : null}
          </Upload.Dragger>
        </Space>
      </Card>

      {failure ? <Alert type="error" showIcon title="无法读取文件" description={failure} style={{ marginBottom: 16 }} /> : null}

      {preview ? (
        <Card
          size="small"
          title={`预览：${preview.fileName} · 工作表“${preview.sheet}” · 表头在第 ${preview.headerRow} 行`}
          extra={
            <Button type="primary" disabled={!clean || toWrite === 0} loading={commitTask.running} onClick={commit}>
              确认导入
            </Button>
          }
        >
          <Space size={32} style={{ marginBottom: 16 }}>
            <Statistic title="新增" value={preview.rows.create} />
            <Statistic title="更新" value={preview.rows.update} />
            <Statistic title="无变化跳过" value={preview.rows.skip} />
            <Statistic title="错误" value={preview.errorCount} styles={{ content: { color: preview.errorCount ? '#cf1322' : undefined } }} />
          </Space>
          {preview.errorCount > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                title={`文件中有 ${preview.errorCount} 处错误，改正后重新上传；在此之前不会写入任何数据`}
                action={
                  <Button size="small" icon={<FileExcelOutlined />} loading={reportTask.running} onClick={exportErrors}>
                    导出错误清单
                  </Button>
                }
                style={{ marginBottom: 12 }}
              />
              <Table<ImportRowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.message}`}
                dataSource={preview.errors}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: '工作表', dataIndex: 'sheet', width: 120 },
                  { title: '行', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'column', width: 140, render: (c: string | null) => c ?? '（整行）' },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            </>
          ) : (
            <>
              <Typography.Paragraph type="secondary">
                {toWrite === 0 ? '文件中的记录与台账完全一致，无需导入。' : `前 ${preview.sample.length} 行如下，核对无误后点击“确认导入”。`}
              </Typography.Paragraph>
              <Table
                size="small"
                rowKey="row"
                dataSource={preview.sample}
                pagination={false}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: '行', dataIndex: 'row', width: 60 },
                  {
                    title: '处理',
                    dataIndex: 'action',
                    width: 80,
                    render: (a: keyof typeof actionLabels) => (
                      <Tag color={a === 'create' ? 'green' : a === 'update' ? 'blue' : 'default'}>{actionLabels[a]}</Tag>
                    ),
                  },
                  ...Object.keys(preview.sample[0]?.values ?? {}).map((label) => ({
                    title: label,
                    key: label,
                    render: (_: unknown, s: ImportPreview['sample'][number]) => s.values[label],
                  })),
                ]}
              />
            </>
          )}
        </Card>
      ) : null}
      {previewTask.dialog}
      {commitTask.dialog}
      {reportTask.dialog}
    </>
  );
}
