// 从Excel导入: reads a 评价指标 sheet into an indicator tree and opens the editor with it;
// nothing is saved until the clerk saves the template there.
import { App, Button, Modal, Table, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { IndicatorSheet } from '../../../electron/api/evaluations';
import { call } from '../../api/client';
import { readBase64 } from '../../components/read-file';
import type { TemplatePrefill } from './template-form';

type SheetError = IndicatorSheet['errors'][number];

export function TemplateImportButton() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [reading, setReading] = useState(false);
  const [errors, setErrors] = useState<{ fileName: string; rows: SheetError[] } | null>(null);

  async function read(file: File) {
    setReading(true);
    try {
      const sheet = await call('evaluationTemplates.readExcel', { fileName: file.name, dataBase64: await readBase64(file) });
      if (sheet.errors.length) {
        setErrors({ fileName: file.name, rows: sheet.errors });
        return;
      }
      const prefill: TemplatePrefill = {
        name: sheet.title ?? file.name.replace(/\.[^.]+$/, ''),
        totalScore: sheet.totalScore,
        indicators: sheet.indicators,
      };
      message.info('已读取指标，请核对后保存模板');
      navigate('/evaluation-templates/new', { state: { prefill } });
    } catch (e) {
      message.error(`读取“${file.name}”失败：${(e as Error).message}`);
    } finally {
      setReading(false);
    }
  }

  return (
    <>
      <Upload
        accept=".xlsx,.csv"
        showUploadList={false}
        beforeUpload={(file) => {
          void read(file);
          return false;
        }}
      >
        <Button loading={reading}>从Excel导入</Button>
      </Upload>
      <Modal
        title={errors ? `“${errors.fileName}”有 ${errors.rows.length} 处问题，未能读取` : ''}
        open={!!errors}
        onCancel={() => setErrors(null)}
        footer={<Button onClick={() => setErrors(null)}>知道了</Button>}
        width={720}
      >
        <p>请在表格中改正以下问题后重新导入：</p>
        <Table<SheetError>
          size="small"
          rowKey={(r) => `${r.sheet}:${r.row}:${r.column ?? ''}:${r.message}`}
          dataSource={errors?.rows ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { key: 'sheet', title: '工作表', dataIndex: 'sheet' },
            { key: 'row', title: '行', dataIndex: 'row', width: 60 },
            { key: 'column', title: '列', render: (_, r) => r.column ?? '—', width: 80 },
            { key: 'message', title: '问题', dataIndex: 'message' },
          ]}
        />
      </Modal>
    </>
  );
}
