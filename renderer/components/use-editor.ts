// Which record a list's form drawer is editing (null: a new one) and whether it is open.
import { useCallback, useState } from 'react';

export function useEditor<T>() {
  const [state, setState] = useState<{ open: boolean; record: T | null }>({ open: false, record: null });
  const edit = useCallback((record: T | null) => setState({ open: true, record }), []);
  const close = useCallback(() => setState((s) => ({ ...s, open: false })), []);
  return { open: state.open, record: state.record, edit, close };
}
