import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Shows a refused call's per-field messages under the form's fields; returns the message
 * for anything that is not about one field.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fieldMap: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const unplaced: string[] = [];
  const fields = Object.entries(error.fieldErrors)
    .map(([path, message]) => {
      // Update inputs nest the draft: { id, draft: {...} } → the form field is the last part.
      const name = fieldMap[path] ?? path.replace(/^draft\./, '');
      const top = name.split('.')[0] ?? name;
      if (!known.has(top)) {
        unplaced.push(message);
        return null;
      }
      return { name: name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [message] };
    })
    .filter((f): f is { name: (string | number)[]; errors: string[] } => f !== null);
  form.setFields(fields);
  return unplaced[0] ?? error.message;
}

/**
 * Validates a form; resolves with its values, or null when a field is wrong (antd already
 * shows the message under the field). Avoids an unhandled rejection per failed save.
 */
export async function validated<T = Record<string, unknown>>(form: FormInstance): Promise<T | null> {
  try {
    return (await form.validateFields()) as T;
  } catch {
    return null;
  }
}
