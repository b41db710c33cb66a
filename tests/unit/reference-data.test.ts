import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { choiceByName } from '../../design/reference/choice-by-name.js';
import { COUNTRIES, countryCode, countryName } from '../../design/reference/countries.js';
import { INDUSTRIES } from '../../design/reference/industries.js';
import { provinceCode } from '../../design/reference/provinces.js';
import { validate } from '../../design/validate.js';
import { saveContext } from '../helpers/test-store.js';

const CTX = saveContext();

function saved(fields: Doc, old: Doc | null = null): Doc {
  return prepareForSave({ form: 'Customer', name: '汉堡北方阀门有限公司', category: 'existing', ...fields }, old, CTX);
}

describe('reference data', () => {
  test('德国, Germany, Deutschland and DE were three categories: each is stored as DE', () => {
    assert.deepEqual(['德国', 'Germany', 'Deutschland', 'DE', ' de '].map((country) => saved({ country }).country), ['DE', 'DE', 'DE', 'DE', 'DE']);
    assert.equal(countryName('DE', 'zh'), '德国');
    assert.equal(countryName('DE', 'en'), 'Germany');
    assert.equal(countryName('Narnia', 'en'), 'Narnia', 'a value no list knows reads as written');
  });

  test('every country has a Chinese and an English name, China first', () => {
    assert.equal(COUNTRIES.length, 250);
    assert.equal(COUNTRIES[0]!.value, 'CN');
    assert.ok(COUNTRIES.every((c) => /^[A-Z]{2}$/.test(c.value) && c.label.zh !== '' && c.label.en !== '' && c.label.zh !== c.label.en));
    assert.deepEqual(['美国', 'U.S.A.', 'United States', '英国', 'UK', '阿联酋', 'UAE', '越南', 'Viet Nam'].map(countryCode), ['US', 'US', 'US', 'GB', 'GB', 'AE', 'AE', 'VN', 'VN']);
  });

  test('a country no list knows is refused on a new customer, and kept on one that had it before', () => {
    const fresh = saved({ country: 'Narnia' });
    assert.deepEqual(validate(fresh, null, CTX.user).map((e) => [e.field, e.code]), [['country', 'choice']]);
    const old = { ...fresh, _id: 'c1', _rev: '1-a' };
    assert.deepEqual(validate(saved({ country: 'Narnia', notes: '改了备注' }, old), old, CTX.user), []);
  });

  test('provinces of China by their long, short and English names; a state abroad as written', () => {
    assert.deepEqual(['浙江省', '浙江', 'Zhejiang Province', '广西壮族自治区', '上海市', 'Hong Kong SAR', 'Nei Mongol'].map(provinceCode),
      ['CN-ZJ', 'CN-ZJ', 'CN-ZJ', 'CN-GX', 'CN-SH', 'CN-HK', 'CN-NM']);
    assert.equal(saved({ province: '浙江省' }).province, 'CN-ZJ');
    assert.equal(saved({ province: 'Texas' }).province, 'Texas');
    assert.deepEqual(validate(saved({ province: 'Texas' }), null, CTX.user), []);
  });

  test('industries and sources by either name are stored as their code; others as written', () => {
    assert.equal(choiceByName(INDUSTRIES, 'Water Treatment')?.value, 'waterTreatment');
    assert.deepEqual([saved({ industry: '水处理' }).industry, saved({ industry: 'HVAC' }).industry, saved({ industry: '泵业' }).industry], ['waterTreatment', 'hvac', '泵业']);
    assert.deepEqual([saved({ source: '展会' }).source, saved({ source: 'Trade fair' }).source], ['fair', 'fair']);
  });

  test('the sort key of a coded country is the code, so a view has one category for it', () => {
    const keys = ['德国', 'Germany'].map((country) => (saved({ country }).$sort as Record<string, unknown>).country);
    assert.deepEqual(keys, [undefined, undefined], 'an ASCII code needs no stored key: the view derives it from DE');
  });
});
