/**
 * What each hospital setting means, in Chinese, for the admin page (account.getSettings). Every
 * field of `settingsSchema` has a line here; tests/trust/settings.test.ts checks none is missing.
 */
export interface SettingDescription {
  label: string
  meaning: string
  unit?: string
  /** A list of records: each part's name on the page (settings-editors.ts). */
  fields?: Record<string, string>
  /** A part typed to a pattern: what it should look like, in words. */
  formats?: Record<string, string>
}

export const SECTION_LABELS: Record<string, string> = {
  account: '账号',
  booking: '专家号预约',
  decoction: '中药代煎',
  requests: '请求重试',
  nursing: '上门护理',
  records: '健康档案与随访',
  retention: '数据保存'
}

export const SETTING_DESCRIPTIONS: Record<string, SettingDescription> = {
  'account.maxProfiles': { label: '就诊人上限', meaning: '每个账号最多可添加的就诊人数量', unit: '位' },
  'booking.releaseTime': { label: '放号时间', meaning: '每天几点放出新一天的号源' },
  'booking.releaseDaysAhead': { label: '提前放号天数', meaning: '提前多少天放出号源', unit: '天' },
  'booking.cutoffTime': { label: '预约截止时间', meaning: '就诊前一天（或设定天数）几点停止预约和免费取消' },
  'booking.cutoffDaysBefore': { label: '截止提前天数', meaning: '预约截止在就诊日前几天', unit: '天' },
  'booking.maxActivePerPatient': { label: '每人未就诊预约上限', meaning: '一位就诊人同时可持有的未就诊预约数', unit: '个' },
  'booking.noShowLimit': { label: '爽约次数上限', meaning: '统计期内爽约达到此次数将暂停预约', unit: '次' },
  'booking.noShowWindowDays': { label: '爽约统计期', meaning: '统计爽约次数的时间范围', unit: '天' },
  'booking.noShowBanDays': { label: '暂停预约天数', meaning: '爽约达到上限后暂停预约的天数', unit: '天' },
  'booking.returnVisitDays': { label: '免费复诊期', meaning: '就诊后多少天内可免费预约复诊', unit: '天' },
  'decoction.soakingMinutes': { label: '浸泡时长', meaning: '中药煎煮前浸泡的最少时间', unit: '分钟' },
  'decoction.maxSavedAddresses': { label: '常用地址上限', meaning: '每个账号最多保存的收货地址数', unit: '个' },
  'requests.leaseSeconds': { label: '请求占用时长', meaning: '一次请求中断后，重试可接手前等待的时间（应长于函数超时）', unit: '秒' },
  'requests.keepReplyDays': {
    label: '请求结果保留天数',
    meaning: '已完成请求的结果保留多少天，期间同一请求重试直接返回原结果；到期删除（结果中可能含患者姓名）',
    unit: '天'
  },
  'nursing.serviceStart': { label: '上门服务开始时间', meaning: '每天最早的上门服务时间' },
  'nursing.serviceEnd': { label: '上门服务结束时间', meaning: '每天最晚的上门服务结束时间' },
  'nursing.windowMinutes': { label: '上门时段长度', meaning: '家属可选的每个上门时段的长度', unit: '分钟' },
  'nursing.minLeadHours': { label: '最少提前预约', meaning: '申请上门护理至少提前的时间', unit: '小时' },
  'nursing.maxDaysAhead': { label: '最多提前预约', meaning: '最远可预约多少天后的上门服务', unit: '天' },
  'nursing.freeCancelHours': { label: '免费取消时限', meaning: '上门时段开始前多少小时内取消需联系护理部', unit: '小时' },
  'nursing.minPracticeYears': { label: '护士最低执业年限', meaning: '可派出上门护理的护士至少执业年限', unit: '年' },
  'nursing.minTitle': { label: '护士最低职称', meaning: '可派出上门护理的护士至少应有的职称' },
  'nursing.maxItemsPerRequest': { label: '每单项目上限', meaning: '一次申请最多可选的护理项目数', unit: '个' },
  'nursing.maxPhotos': { label: '照片上限', meaning: '一次申请最多可上传的照片数', unit: '张' },
  'nursing.photoMaxKB': { label: '单张照片大小上限', meaning: '每张照片压缩后的最大大小', unit: 'KB' },
  'records.bpHighSystolic': { label: '血压偏高（收缩压）', meaning: '收缩压达到此值记为偏高', unit: 'mmHg' },
  'records.bpHighDiastolic': { label: '血压偏高（舒张压）', meaning: '舒张压达到此值记为偏高', unit: 'mmHg' },
  'records.bpElderlyAge': { label: '老年血压目标年龄', meaning: '高血压管理对象达到此年龄起按老年目标判断是否控制', unit: '岁' },
  'records.bpElderlyUncontrolledSystolic': { label: '老年未控制（收缩压）', meaning: '老年患者收缩压达到此值记为未控制', unit: 'mmHg' },
  'records.bpElderlyUncontrolledDiastolic': { label: '老年未控制（舒张压）', meaning: '老年患者舒张压达到此值记为未控制', unit: 'mmHg' },
  'records.bpCriticalSystolic': { label: '血压危急（收缩压）', meaning: '收缩压达到此值为危急，当天生成随访任务', unit: 'mmHg' },
  'records.bpCriticalDiastolic': { label: '血压危急（舒张压）', meaning: '舒张压达到此值为危急，当天生成随访任务', unit: 'mmHg' },
  'records.bpLowSystolic': { label: '血压偏低（收缩压）', meaning: '收缩压低于此值记为偏低', unit: 'mmHg' },
  'records.bpLowDiastolic': { label: '血压偏低（舒张压）', meaning: '舒张压低于此值记为偏低', unit: 'mmHg' },
  'records.glucoseFastingHigh': { label: '空腹血糖偏高', meaning: '空腹血糖达到此值记为偏高', unit: 'mmol/L' },
  'records.glucoseRandomHigh': { label: '随机血糖偏高', meaning: '随机或餐后血糖达到此值记为偏高', unit: 'mmol/L' },
  'records.glucoseCritical': { label: '血糖危急', meaning: '血糖达到此值为危急', unit: 'mmol/L' },
  'records.glucoseLow': { label: '低血糖', meaning: '血糖低于此值记为低血糖', unit: 'mmol/L' },
  'records.spo2Low': { label: '血氧偏低', meaning: '血氧饱和度低于此值记为偏低', unit: '%' },
  'records.highRunCount': { label: '连续偏高次数', meaning: '统计期内不同日期偏高达到此次数时生成随访任务', unit: '次' },
  'records.highRunDays': { label: '连续偏高统计期', meaning: '统计连续偏高的天数范围', unit: '天' },
  'records.dueDaysCritical': { label: '危急随访期限', meaning: '危急读数后几天内须随访', unit: '天' },
  'records.dueDaysLow': { label: '偏低随访期限', meaning: '偏低读数后几天内须随访', unit: '天' },
  'records.dueDaysHighRun': { label: '连续偏高随访期限', meaning: '连续偏高后几天内须随访', unit: '天' },
  'records.nextDaysControlled': { label: '控制良好下次随访', meaning: '随访判定控制良好后，建议多少天后再随访', unit: '天' },
  'records.nextDaysUncontrolled': { label: '控制不佳下次随访', meaning: '随访判定控制不佳后，建议多少天后再随访', unit: '天' },
  'records.maxBackfillDays': { label: '最多补录天数', meaning: '测量数据最早可补录到多少天前', unit: '天' },
  'records.referralDaysAfterTask': {
    label: '随访后转诊期限',
    meaning: '随访任务完成或关闭后几天内，仍可从该任务为患者预约专家',
    unit: '天'
  },
  'records.programmes': {
    label: '慢病管理项目',
    meaning: '可纳入管理的慢病项目（编码、名称、是否每季度随访、并发症）',
    fields: { code: '编码', name: '名称', quarterly: '每季度随访', complications: '并发症' },
    formats: { code: '2到32个小写英文字母、数字或下划线，如 t2dm' }
  },
  'retention.outpatientRecordYears': {
    label: '门诊病历保存年限',
    meaning: '注销账号后，门诊病历等依法须保存的医疗记录脱离账号加密保存的年限（不少于15年）',
    unit: '年'
  }
}
