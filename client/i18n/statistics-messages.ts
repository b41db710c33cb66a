/** The texts of the statistics page beyond its first table's; messages.ts adds them to the rest. */
export const STATISTICS_EN = {
  statPipeline: 'Pipeline', statUndated: 'Open, no close date', statCurrency: 'Currency', statStage: 'Stage',
  statPipelineHint: 'Pipeline: open deals whose expected close date falls in the period.',
  statInBase: (currency: string) => `Converted into ${currency}`,
  statByCurrency: 'By currency',
  statSeparator: '; ',
  statByStage: 'Pipeline of the period by stage',
  statUnconverted: (list: string) => `No exchange rate set for ${list}: not in the converted figures.`,
  statDeals: (n: number) => (n === 1 ? '1 deal' : `${n} deals`),
  statTargets: (n: number) => (n === 1 ? '1 target' : `${n} targets`),
  statNoBase: 'No base currency set in the CRM settings: amounts are shown per currency only.',
};

export const STATISTICS_ZH: typeof STATISTICS_EN = {
  statPipeline: '预计成交金额', statUndated: '未定成交日期', statCurrency: '币种', statStage: '阶段',
  statPipelineHint: '预计成交：预计成交日期在本期间内的跟踪中业务。',
  statInBase: (currency) => `折合${currency}`,
  statByCurrency: '按币种',
  statSeparator: '；',
  statByStage: '本期预计成交（按阶段）',
  statUnconverted: (list) => `以下币种没有设置汇率，未计入折合金额：${list}。`,
  statDeals: (n) => `${n} 笔业务`,
  statTargets: (n) => `${n} 个目标`,
  statNoBase: '客户关系设置中没有设置本位币：金额只按币种分列。',
};
