/** The action bar's menu of the less used actions; messages.ts adds them to the rest. */
export const ACTION_BAR_EN = {
  moreActions: 'More',
};

export const ACTION_BAR_ZH: typeof ACTION_BAR_EN = {
  moreActions: '更多',
};
