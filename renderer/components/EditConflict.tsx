// 此记录已被他人修改: another clerk saved the record after this form loaded it, and the
// save was refused (optimistic locking, db/records.ts). The dialog lists the fields where
// this clerk's values differ from the record as it is now, and offers to edit again from
// the current values — nothing is ever overwritten silently.
import { Alert, Table, Typography, type ModalFuncProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';

export type EditConflictError = ApiError & { current: Record<string, unknown> };

export function isEditConflict(e: unknown): e is EditConflictError {
  return e instanceof ApiError && e.code === 'edit_conflict' && typeof e.current === 'object' && e.current !== null;
}

export interface ConflictField {
  key: string;
  label: string;
  mine: string;
  current: string;
}

/**
 * The fields of `mine` (what the form tried to save) whose value differs from `current`.
 * Labels come from `labels`, else from the form's own label on screen; fields with no
 * label (ids the form keeps internally) are left out. Ids show the name beside them.
 */
export function differingFields(
  mine: Record<string, unknown>,
  current: Record<string, unknown>,
  labels: Record<string, string> = {},
): ConflictField[] {
  const out: ConflictField[] = [];
  for (const [key, value] of Object.entries(mine)) {
    if (!(key in current)) continue;
    if (same(value, current[key])) continue;
    const label = labels[key] ?? labelOnScreen(key);
    if (!label) continue;
    const isId = /Ids?$/.test(key);
    out.push({
      key,
      label,
      mine: isId ? (shownInField(key) ?? '（已更改）') : show(value),
      current: isId ? nameOf(key, current) : show(current[key]),
    });
  }
  return out;
}

/** The name the record carries beside an id (regionId → regionName), never the bare id. */
function nameOf(key: string, current: Record<string, unknown>): string {
  const name = current[key.replace(/Ids?$/, (m) => (m === 'Ids' ? 'Names' : 'Name'))];
  return name === undefined ? '（与你的选择不同）' : show(name);
}

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.map(show).join('、') : '（空）';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function labelOnScreen(key: string): string | null {
  const label = document.querySelector(`label[for="${CSS.escape(key)}"]`);
  const text = label?.textContent?.trim();
  return text ? text : null;
}

/** What a select shows for an id field (the name the clerk picked). */
function shownInField(key: string): string | null {
  const input = document.getElementById(key);
  const select = input?.closest('.ant-select');
  const items = select ? [...select.querySelectorAll('.ant-select-selection-item')] : [];
  const text = items.map((i) => i.getAttribute('title') || i.textContent || '').filter(Boolean).join('、');
  return text || null;
}

export function ConflictDetails({ fields }: { fields: ConflictField[] }) {
  return (
    <div data-testid="edit-conflict">
      <Alert
        type="warning"
        showIcon
        title="保存前，另一位工作人员已修改并保存了这条记录。你的修改没有保存，也没有覆盖对方的修改。"
        style={{ marginBottom: 12 }}
      />
      {fields.length > 0 ? (
        <Table<ConflictField>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={fields}
          columns={[
            { title: '项目', dataIndex: 'label', width: 160 },
            { title: '你的修改', dataIndex: 'mine', render: (v: string) => <Typography.Text>{v}</Typography.Text> },
            { title: '当前值', dataIndex: 'current', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary">你修改的各项与当前值相同，其他项目已被对方修改。</Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        选择“以当前值为准重新编辑”，表单将换成当前值，再在其上修改并保存。
      </Typography.Paragraph>
    </div>
  );
}

/**
 * Shows the refusal; `reload` puts the current record into the form. Returns false when
 * the error is not an edit conflict, so the caller shows its usual message.
 */
export function showEditConflict<T>(
  modal: { confirm: (config: ModalFuncProps) => unknown },
  error: unknown,
  options: {
    mine: Record<string, unknown>;
    labels?: Record<string, string>;
    /** The current record in the shape of `mine`, when the form's shape differs from the record's. */
    compareWith?: (current: T) => Record<string, unknown>;
    reload: (current: T) => void;
  },
): boolean {
  if (!isEditConflict(error)) return false;
  const current = error.current;
  const fields = differingFields(options.mine, options.compareWith ? options.compareWith(current as T) : current, options.labels);
  modal.confirm({
    title: error.message,
    width: 640,
    icon: null,
    content: <ConflictDetails fields={fields} />,
    okText: '以当前值为准重新编辑',
    cancelText: '关闭',
    onOk: () => options.reload(current as T),
  });
  return true;
}

/**
 * The record a form edits: the one it was opened with, or — after 以当前值为准重新编辑 —
 * the current one from the refusal (with its new row version).
 */
export function useReloadable<T>(open: boolean, record: T | null): [T | null, (current: T) => void] {
  const [fresh, setFresh] = useState<T | null>(null);
  useEffect(() => setFresh(null), [open, record]);
  const reload = useCallback((current: T) => setFresh(current), []);
  return [fresh ?? record, reload];
}
