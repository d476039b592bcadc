/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.scss'

/** Injected by config/index.ts: the WeChat cloud environment id ('' = the default environment). */
declare const CLOUD_ENV: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5'
    TARO_APP_ID: string
  }
}
