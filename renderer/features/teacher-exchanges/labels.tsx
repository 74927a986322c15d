// How exchanges look on screen: kind and status as coloured tags.
import { Tag } from 'antd';
import { exchangeKinds, exchangeStatuses, type ExchangeKind, type ExchangeStatus } from '../../../electron/api/enums';

const kindColors: Record<ExchangeKind, string> = {
  support_teaching: 'blue',
  shadowing: 'cyan',
  rotation: 'purple',
  visiting_teaching: 'green',
};

const statusColors: Record<ExchangeStatus, string> = { planned: 'default', ongoing: 'processing', finished: 'success' };

export const KindTag = ({ kind }: { kind: ExchangeKind }) => <Tag color={kindColors[kind]}>{exchangeKinds.label(kind)}</Tag>;
export const StatusTag = ({ status }: { status: ExchangeStatus }) => (
  <Tag color={statusColors[status]}>{exchangeStatuses.label(status)}</Tag>
);

export const kindOptions = exchangeKinds.codes.map((c) => ({ value: c, label: exchangeKinds.labels[c] }));
export const statusOptions = exchangeStatuses.codes.map((c) => ({ value: c, label: exchangeStatuses.labels[c] }));
