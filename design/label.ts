/** Every text the interface shows exists in both languages. */
export const LANGUAGES = ['zh', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export interface Label {
  readonly zh: string;
  readonly en: string;
}
