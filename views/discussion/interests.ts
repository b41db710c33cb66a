import { defineView } from '../view-def.js';

/** Each person sees only their own profile (its readers); the server reads them all to match posts. */
export const interestProfiles = defineView({
  id: 'interest-profiles',
  db: 'discussion',
  name: { zh: '个人兴趣', en: 'Interest Profiles' },
  forms: ['InterestProfile'],
  columns: [
    { title: { zh: '本人', en: 'Owner' }, field: 'owner' },
    { title: { zh: '发送方式', en: 'Delivery' }, field: 'delivery' },
    { title: { zh: '类别', en: 'Categories' }, field: 'categories' },
    { title: { zh: '关键词', en: 'Words' }, field: 'words' },
  ],
});
