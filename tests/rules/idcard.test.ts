import { birthDateFromId, idCheckChar, idNumberProblem, maskIdNumber, maskName, maskPhone, sexFromId } from '../../types/idcard'

describe('ID numbers (GB 11643)', () => {
  test('the check character follows ISO 7064 MOD 11-2, including X', () => {
    // A published example number: 11010519491231002X.
    expect(idCheckChar('11010519491231002')).toBe('X')
    expect(idNumberProblem('11010519491231002X')).toBeNull()
    expect(idNumberProblem('11010519491231002x')).toBeNull()
  })

  test('a single mistyped digit is caught', () => {
    expect(idNumberProblem('11010519491231003X')).toBe('校验位不正确，请核对号码')
  })

  test('impossible or future birth dates are refused', () => {
    const feb30 = '1101051949023000'
    expect(idNumberProblem(feb30 + '1' + idCheckChar(feb30 + '1'))).toBe('出生日期不正确')
    const future = '11010520990101001'
    expect(idNumberProblem(future + idCheckChar(future), new Date('2026-11-22T00:00:00Z'))).toBe('出生日期不能晚于今天')
  })

  test('wrong length or letters are explained', () => {
    expect(idNumberProblem('1101051949123100')).toBe('应为18位，最后一位可以是数字或X')
    expect(idNumberProblem('11010519491231A02X')).toBe('应为18位，最后一位可以是数字或X')
  })

  test('sex and birth date are read from the number', () => {
    expect(sexFromId('11010519491231002X')).toBe('female')
    expect(sexFromId('110105194912310015')).toBe('male')
    expect(birthDateFromId('11010519491231002X')).toBe('1949-12-31')
  })

  test('masking keeps the area prefix and the last four, names keep first and last', () => {
    expect(maskIdNumber('37012519470902017X')).toBe('370***********017X')
    expect(maskPhone('13953187721')).toBe('139****7721')
    expect(maskName('李德福')).toBe('李*福')
    expect(maskName('李梅')).toBe('李*')
    expect(maskName('欧阳娜娜')).toBe('欧**娜')
  })
})
