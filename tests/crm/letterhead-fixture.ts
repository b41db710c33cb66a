/** The CRM settings' letterhead and bank details of the company in the quotation tests. */
export const LETTERHEAD = {
  companyNameZh: '宁波关系贸易有限公司', companyNameEn: 'Ningbo Guanxi Trading Co., Ltd.',
  companyAddressZh: '浙江省宁波市江北区人民路 88 号', companyAddressEn: '88 Renmin Road, Jiangbei, Ningbo, China',
  companyPhone: '+86 574 8765 4321', companyEmail: 'sales@guanxi-trading.cn',
  bankDetails: 'Bank of China, Ningbo Branch\nSWIFT: BKCHCNBJ92A\nA/C 3601 2345 6789',
};
