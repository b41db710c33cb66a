/** The texts of the picker of linked documents; messages.ts adds them to the rest. */
export const LINK_EN = {
  linkSearch: (what: string) => `Find ${what} (words, 拼音 initials)`,
  linkTypeToSearch: 'Type to search; ↑ ↓ to move, Enter to choose, Esc to close.',
  linkNoMatch: (query: string) => `Nothing in your replica matches “${query}”.`,
  linkMore: (n: number) => `Only the first ${n} are listed: type more.`,
  linkClear: 'Clear',
  linkOpen: (title: string) => `Open “${title}”`,
  linkGone: 'That document is no longer in your replica (deleted, or no longer shared with you): choose another.',
  linkNoDatabase: 'You have no replica of the database this field links to, so nothing can be chosen here.',
};

export const LINK_ZH: typeof LINK_EN = {
  linkSearch: (what) => `查找${what}（文字、拼音首字母）`,
  linkTypeToSearch: '输入以搜索；↑ ↓ 移动，回车选择，Esc 关闭。',
  linkNoMatch: (query) => `本机副本中没有与“${query}”匹配的文档。`,
  linkMore: (n) => `只列出前 ${n} 个：请再多输入一些。`,
  linkClear: '清除',
  linkOpen: (title) => `打开“${title}”`,
  linkGone: '该文档已不在本机副本中（已删除或不再共享给您）：请另选一个。',
  linkNoDatabase: '您没有此字段所链接数据库的副本，因此无法在此选择。',
};
