import type { Plugin } from 'esbuild';

export const PRECOMPILED: Record<string, { schemaFile?: string; schemaId?: string; exportName: string }>;
export function precompiledSource(module: string): Promise<string>;
export const precompiledValidators: Plugin;
