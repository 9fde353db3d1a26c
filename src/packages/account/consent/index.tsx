import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { HEALTH_DATA_CONSENT_VERSION } from '../../../../types/account'
import { Page } from '../../../components/Page'
import { ROUTES } from '../../../routes'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useSignedInAccount } from '../../../state/account'
import './index.scss'

/** The text the person agrees to; bump HEALTH_DATA_CONSENT_VERSION in types/account.ts when it changes. */
const SECTIONS: { title: string; body: string }[] = [
  {
    title: '我们会处理哪些健康信息',
    body:
      '就诊人的姓名、身份证号、手机号、与您的关系，以及您为其办理预约挂号、中药代煎配送、上门护理、健康档案与随访时产生的信息：' +
      '就诊和预约记录、处方、护理评估和护理记录、您或医护人员录入的血压、血糖、心率、体重、体温、血氧等测量数据。'
  },
  {
    title: '为什么需要这些信息',
    body:
      '用于核实就诊人身份、为其预约挂号、配送中药、安排护士上门服务、在测量结果异常时安排医生随访，以及向您发送服务提醒。' +
      '不会用于与这些医疗服务无关的用途，不会用于广告推送。'
  },
  {
    title: '谁能看到',
    body:
      '您本人可以看到自己添加的就诊人的全部信息。本院为就诊人提供服务的医生、药师、护士、护理部和客服人员在办理业务时可以查看所需的信息，' +
      '每一次查看都会被记录。身份证号加密保存，除您本人外只显示部分号码。除法律法规另有规定外，我们不会向第三方提供。'
  },
  {
    title: '如何撤回',
    body:
      '您可以随时在“我的 → 就诊人管理”中删除就诊人，或在“我的 → 隐私与数据”中撤回本同意、导出全部数据、注销账号（法律要求医院保存的病历除外）。' +
      '撤回不影响撤回前已经进行的处理，但撤回后将无法继续为就诊人办理上述线上服务。'
  }
]

function Consent() {
  const router = useRouter()
  const { account, replaceAccount } = useSignedInAccount()
  const [checked, setChecked] = useState(false)
  const grant = useAction(() => call('account', 'grantHealthDataConsent', { version: HEALTH_DATA_CONSENT_VERSION }))
  const saving = grant.busy
  const goingToAdd = router.params.next === 'add'
  const granted = account.healthDataConsent

  const proceed = () => {
    if (goingToAdd) Taro.redirectTo({ url: ROUTES.profileForm })
    else Taro.navigateBack()
  }

  const agree = async () => {
    if (!checked) return
    const next = await grant.run(undefined)
    if (!next) return
    replaceAccount(next)
    proceed()
  }

  return (
    <View className="consent">
      <View className="card">
        <Text className="consent__title">健康信息处理知情同意书</Text>
        <Text className="text-muted block consent__lead">添加就诊人前，请仔细阅读以下内容。健康信息属于敏感个人信息，需要您单独同意。</Text>
        {SECTIONS.map((s) => (
          <View key={s.title} className="consent__section">
            <Text className="consent__heading">{s.title}</Text>
            <Text className="consent__body">{s.body}</Text>
          </View>
        ))}
        <Text className="text-muted block">版本：{HEALTH_DATA_CONSENT_VERSION}</Text>
      </View>

      {granted && granted.version === HEALTH_DATA_CONSENT_VERSION ? (
        <View className="actions">
          <Text className="text-body block consent__done">您已于 {granted.at.slice(0, 10)} 同意本知情同意书。</Text>
          <Button type="primary" size="large" block onClick={proceed}>
            {goingToAdd ? '继续添加就诊人' : '返回'}
          </Button>
        </View>
      ) : (
        <View className="actions">
          <View className="consent__check">
            <Checkbox checked={checked} onChange={setChecked} className="consent__checkbox">
              我已阅读并同意医院按上述方式处理就诊人的健康信息
            </Checkbox>
          </View>
          <Button type="primary" size="large" block disabled={!checked || saving} loading={saving} onClick={agree}>
            同意并继续
          </Button>
          <Button size="large" block onClick={() => Taro.navigateBack()}>
            暂不同意
          </Button>
          {!checked ? <Text className="text-muted block consent__tip">请先勾选同意，再点“同意并继续”</Text> : null}
        </View>
      )}
    </View>
  )
}

export default function ConsentPage() {
  return (
    <Page>
      <Consent />
    </Page>
  )
}
