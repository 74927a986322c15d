// How a method is declared: its input schema (validated at runtime) and its result type
// (checked at compile time).
import type { z } from 'zod';

export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the result type only. */
  output: O;
  /** Long work that reports progress and can be cancelled. */
  long?: boolean;
}

export function def<I extends z.ZodType>(input: I) {
  return {
    returns: <O>(options: { long?: boolean } = {}): MethodDef<I, O> => ({
      input,
      output: undefined as unknown as O,
      ...options,
    }),
  };
}
