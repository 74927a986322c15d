// Recognising constraint failures across SQLite and PostgreSQL.

/**
 * SQLite reports a unique failure by column list ("UNIQUE constraint failed: schools.code"),
 * PostgreSQL by index name (code 23505, constraint "schools_code_unique"); `hint` may be either.
 */
export function isUniqueViolation(e: unknown, hint?: string): boolean {
  const err = e as { code?: string; message?: string; constraint?: string };
  if (err?.code === '23505') return hint === undefined || err.constraint === hint;
  const message = err?.message ?? '';
  return (
    err?.code === 'SQLITE_CONSTRAINT' &&
    /UNIQUE constraint failed/.test(message) &&
    (hint === undefined || message.includes(hint))
  );
}
