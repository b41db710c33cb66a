/** The texts of the names picker (people, groups, departments); messages.ts adds them to the rest. */
export const NAMES_PICKER_EN = {
  namesSearch: (what: string) => `Choose ${what}: type a name, 拼音 initials or a department`,
  namesRemove: (name: string) => `Remove ${name}`,
  namesMembers: (n: number) => (n === 1 ? 'group, 1 member' : `group, ${n} members`),
  namesNoMatch: (query: string) => `No one in the directory matches “${query}”: it is kept as typed.`,
  namesNoDirectory: 'The directory has not been read on this computer yet: type names, separated by commas.',
};

export const NAMES_PICKER_ZH: typeof NAMES_PICKER_EN = {
  namesSearch: (what) => `选择${what}：输入姓名、拼音首字母或部门`,
  namesRemove: (name) => `移除 ${name}`,
  namesMembers: (n) => `组，${n} 人`,
  namesNoMatch: (query) => `目录中没有与“${query}”匹配的人或组：按输入保存。`,
  namesNoDirectory: '本机尚未读取过目录：请直接输入姓名，用逗号分隔。',
};
