// Typed in cloud/lib/sdk.ts (CloudSdk): we state the subset we use there, once.
declare module 'wx-server-sdk' {
  const sdk: unknown
  export default sdk
}
