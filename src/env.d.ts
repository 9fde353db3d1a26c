/// <reference types="@tarojs/taro" />

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string
    /** CloudBase environment id for the mini program; unset means the default environment. */
    TARO_APP_CLOUD_ENV?: string
    /** JSON kind → subscribe-message template id, the same map as the server's WX_SUBSCRIBE_TEMPLATES. */
    TARO_APP_SUBSCRIBE_TEMPLATES?: string
  }
}
