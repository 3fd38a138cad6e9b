// The i18n layer as components use it: `t(key, params)` in the language chosen now.
import { useCallback } from 'react';
import { useDock } from './store.ts';
import { translate, type Key, type Lang, type Params } from './i18n.ts';

export type T = (key: Key, params?: Params) => string;

export function useLang(): Lang {
  return useDock((s) => s.lang);
}

export function useT(): T {
  const lang = useLang();
  return useCallback((key: Key, params?: Params) => translate(lang, key, params), [lang]);
}
