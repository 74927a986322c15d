// Attachments of a record as a form field: files are read in the page, uploaded to the
// data folder (stored once by content hash) and kept in the field's value, so the record
// links them when it is saved.
import { App, Button, List, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import type { Attachment } from '../../../electron/api/system';
import { call } from '../../api/client';
import { readBase64 } from '../../components/read-file';

const maxBytes = 30 * 1024 * 1024;
export const acceptedFiles = 'image/*,.pdf,.doc,.docx,.xls,.xlsx,.wps,.et';

interface Props {
  value?: Attachment[];
  onChange?: (value: Attachment[]) => void;
}

export function AttachmentField({ value = [], onChange }: Props) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(0);
  // Several files picked at once finish in any order: each appends to the newest list.
  const latest = useRef(value);
  latest.current = value;

  async function upload(file: File) {
    setUploading((n) => n + 1);
    try {
      const dataBase64 = await readBase64(file);
      const stored = await call('attachments.upload', { name: file.name, mime: file.type || 'application/octet-stream', dataBase64 });
      latest.current = [...latest.current, stored];
      onChange?.(latest.current);
    } catch (e) {
      message.error(`“${file.name}”上传失败：${(e as Error).message}`);
    } finally {
      setUploading((n) => n - 1);
    }
  }

  async function download(a: Attachment) {
    try {
      const file = await call('attachments.get', { id: a.id });
      const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.originalName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      message.error(`无法下载：${(e as Error).message}`);
    }
  }

  return (
    <>
      <Upload
        multiple
        accept={acceptedFiles}
        showUploadList={false}
        beforeUpload={(file) => {
          if (file.size > maxBytes) {
            message.error(`“${file.name}”超过 30 MB，不能作为附件上传`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess }) => {
          void upload(file as File).then(() => onSuccess?.(null));
        }}
      >
        <Button loading={uploading > 0}>{uploading > 0 ? '正在上传…' : '添加附件'}</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
        照片、签到表扫描件、PDF、Word、Excel，单个不超过 30 MB
      </Typography.Text>
      {value.length ? (
        <List
          size="small"
          style={{ marginTop: 8 }}
          bordered
          dataSource={value}
          renderItem={(a) => (
            <List.Item
              actions={[
                <a key="download" onClick={() => download(a)}>
                  下载
                </a>,
                <a key="remove" onClick={() => onChange?.(value.filter((x) => x.id !== a.id))}>
                  移除
                </a>,
              ]}
            >
              <Typography.Text ellipsis style={{ maxWidth: 380 }}>
                {a.originalName}
              </Typography.Text>
              <Typography.Text type="secondary">{fileSize(a.size)}</Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
    </>
  );
}

function fileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
