// 外出督导包: in the office, choose alliances, schools or counties and export the package a
// visit needs; on the laptop, open a package as the working database (and, while one is
// open, save it to carry back or return to the normal ledger — also on the banner).
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Space, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { AllianceSelect, CountySelect, SchoolSelect } from '../../components/pickers';
import { downloadBase64 } from '../../components/download';
import { applyFieldErrors } from '../../components/form-errors';
import { useLongTask } from '../../components/LongTask';
import { PageHeader } from '../../components/PageHeader';
import { readBase64 } from '../../components/read-file';
import { fmtTime } from '../../format';

interface ExportForm {
  allianceIds?: string[];
  schoolIds?: string[];
  regionIds?: string[];
  year?: number;
}

export function AuditPackagesPage() {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ExportForm>();
  const status = useApi('system.status', {});
  const exporting = useLongTask('auditPackages.export');
  const opening = useLongTask('auditPackages.open');
  const pkg = status.data?.package ?? null;

  async function submit() {
    const v = form.getFieldsValue();
    try {
      const file = await exporting.run({
        allianceIds: v.allianceIds ?? [],
        schoolIds: v.schoolIds ?? [],
        regionIds: v.regionIds ?? [],
        ...(v.year ? { year: v.year } : {}),
      });
      downloadBase64(file.fileName, file.dataBase64, 'application/vnd.sqlite3');
      modal.success({
        title: '督导包已导出',
        content: `${file.fileName}，共 ${file.recordCount} 条记录。请拷到笔记本电脑，在“外出督导包”中打开。`,
      });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'cancelled') message.info('已取消导出');
      else message.error(applyFieldErrors(form, e));
    }
  }

  async function open(f: File) {
    try {
      const info = await opening.run({ fileName: f.name, dataBase64: await readBase64(f) });
      await client.invalidateQueries();
      message.success(`已打开督导包：${info.label}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'cancelled') message.info('已取消');
      else modal.error({ title: '无法打开督导包', content: (e as Error).message });
    }
  }

  return (
    <>
      <PageHeader title="外出督导包" sub="下校督导没有网络时，把所需台账带到笔记本电脑上录入，回来后合并" />
      {exporting.dialog}
      {opening.dialog}
      {pkg ? (
        <Card title="当前打开的督导包" size="small" style={{ maxWidth: 860, marginBottom: 16 }}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label="范围">{pkg.label}</Descriptions.Item>
            <Descriptions.Item label="记录数">{pkg.recordCount}</Descriptions.Item>
            <Descriptions.Item label="导出人">{pkg.createdBy}</Descriptions.Item>
            <Descriptions.Item label="导出时间">{fmtTime(pkg.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="在本机打开">{fmtTime(pkg.openedAt)}</Descriptions.Item>
            <Descriptions.Item label="文件">{pkg.fileName}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            用页面上方的“保存督导包文件”把录入的内容带回办公室，在办公室电脑上用“合并督导包”并入台账。
          </Typography.Paragraph>
        </Card>
      ) : (
        <Card title="导出督导包（办公室）" size="small" style={{ maxWidth: 860, marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">
            督导包包含所选联盟、学校或县区的记录：学校和成员、近一年的交流活动、未完成的问题清单、督导及整改通知书和约谈、当年的评价模板和考核评价，以及这些记录的附件。
          </Typography.Paragraph>
          <Form form={form} layout="vertical" style={{ maxWidth: 640 }}>
            <Form.Item name="allianceIds" label="联盟">
              <AllianceSelect mode="multiple" allowClear placeholder="输入联盟名称搜索，可多选" />
            </Form.Item>
            <Form.Item name="schoolIds" label="学校（连同其所在的联盟）">
              <SchoolSelect mode="multiple" allowClear placeholder="输入校名搜索，可多选" />
            </Form.Item>
            <Form.Item name="regionIds" label="县（市、区）（该县区全部学校及其联盟）">
              <CountySelect mode="multiple" allowClear />
            </Form.Item>
            <Form.Item name="year" label="考核年度" tooltip="带上这一年的评价模板和考核评价；不填为今年">
              <InputNumber min={2000} max={2100} style={{ width: 140 }} placeholder="今年" />
            </Form.Item>
            <Button type="primary" onClick={submit} disabled={exporting.running}>
              导出督导包…
            </Button>
          </Form>
        </Card>
      )}
      <Card title="打开督导包（笔记本电脑）" size="small" style={{ maxWidth: 860 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            打开后，本机的台账程序改为使用督导包中的数据，每个页面上方都会标明；可照常登记督导、整改通知书、约谈、问题进展、考核评分和交流活动。
            同一个督导包再次打开时，继续使用本机上已录入的内容。
          </Typography.Paragraph>
          {pkg ? <Alert type="info" showIcon title="打开另一个督导包会替换当前打开的督导包（当前督导包仍保留在本机）" /> : null}
          <Upload
            accept=".sqlite"
            showUploadList={false}
            beforeUpload={(f) => {
              void open(f);
              return false;
            }}
          >
            <Button disabled={opening.running}>选择督导包文件并打开…</Button>
          </Upload>
        </Space>
      </Card>
    </>
  );
}
