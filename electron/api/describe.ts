// `methods --json`: every API method with its input as JSON Schema, from the one contract.
import { z } from 'zod';
import { contract, type Method } from './contract';

export function describeMethods(): { name: Method; input: unknown; long: boolean }[] {
  return (Object.keys(contract) as Method[]).sort().map((name) => {
    const def = contract[name] as { input: z.ZodType; long?: boolean };
    return {
      name,
      input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }),
      long: def.long === true,
    };
  });
}
