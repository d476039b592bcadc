/**
 * The errors the local CloudBase server answers with, in the shape the cloud uses: HTTP 200 and a JSON body
 * `{ code, message, requestId }`. wx-server-sdk initialises @cloudbase/node-sdk with `throwOnCode: false`, so such a
 * body comes back to it as a result, and its `checkError` turns it into
 * `Error("<api>:fail <errCode> <text>. <message>")` with `errCode = TCB_ERR_CODE[code] ?? -501001`. The string code
 * itself never reaches the function: only `errCode` and the message do. That is why every message below is chosen
 * with care — the application can only tell a conflict from a duplicate by it.
 */
export class CloudBaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The `errCode` wx-server-sdk 4.0.2 gives each code (its TCB_ERR_CODE table); anything else becomes -501001. */
export const SDK_ERR_CODE: Readonly<Record<string, number>> = {
  SYS_ERR: -501001,
  EXCEED_REQUEST_LIMIT: -501003,
  EXCEED_CONCURRENT_REQUEST_LIMIT: -501004,
  INVALID_PARAM: -501007,
  DATABASE_REQUEST_FAILED: -502001,
  DATABASE_INVALID_OPERRATOR: -502002,
  DATABASE_COLLECTION_NOT_EXIST: -502005,
  STORAGE_FILE_NONEXIST: -503003,
  FUNCTIONS_REQUEST_FAIL: -504001,
  FUNCTIONS_EXECUTE_FAIL: -504002,
}

export const TRANSACTION_CONFLICT_MESSAGE = 'Transaction is conflict, maybe resource operated by others.'

export const refuse = {
  collectionMissing: (name: string) => new CloudBaseError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`),
  collectionExists: (name: string) => new CloudBaseError('DATABASE_COLLECTION_ALREADY_EXIST', `Table exist: ${name}`),
  /** MongoDB's E11000 text as CloudBase passes it through; the words "duplicate key" are what callers match on. */
  duplicateKey: (env: string, collection: string, id: unknown) =>
    new CloudBaseError(
      'DATABASE_REQUEST_FAILED',
      `[FailedOperation] multiple write errors: [{write errors: [{E11000 duplicate key error collection: ${env}.${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }}]}, {<nil>}]`,
    ),
  conflict: () => new CloudBaseError('DATABASE_TRANSACTION_CONFLICT', TRANSACTION_CONFLICT_MESSAGE),
  /** CloudBase's error-code page: the transaction does not exist on the server (committed, aborted or past 30 s). */
  transactionGone: (id: string, why: string) => new CloudBaseError('DATABASE_TRANSACTION_FAIL', `Transaction ${id} does not exist on server: ${why}`),
  transactionScope: (what: string) =>
    new CloudBaseError('DATABASE_REQUEST_FAILED', `transaction only supports single document operations (doc().get/set/update/remove, add): ${what}`),
  /**
   * MongoDB's refusal of a document past its 16 MB BSON limit, as CloudBase passes it through (-502001): the insert
   * text for a new document, the update text for a document an update or set would make too large.
   */
  documentTooLarge: (bytes: number, limit: number, insert: boolean) =>
    new CloudBaseError(
      'DATABASE_REQUEST_FAILED',
      insert ? `object to insert too large. size in bytes: ${bytes}, max size: ${limit}` : `Resulting document after update is larger than ${limit}`,
    ),
  /** One answer of the database past the 16 MB a packet may carry (WeChat's quota page); our wording. */
  answerTooLarge: (bytes: number, limit: number) =>
    new CloudBaseError(
      'DATABASE_REQUEST_FAILED',
      `database answer too large: ${bytes} bytes, max size: ${limit} (page with skip/limit or select fewer fields with field())`,
    ),
  invalidParam: (message: string) => new CloudBaseError('INVALID_PARAM', message),
  invalidOperator: (message: string) => new CloudBaseError('DATABASE_INVALID_OPERRATOR', message),
  requestFailed: (message: string) => new CloudBaseError('DATABASE_REQUEST_FAILED', message),
  rateLimited: (limit: number) => new CloudBaseError('EXCEED_REQUEST_LIMIT', `exceed request limit: more than ${limit} database operations per second`),
  tooManyInstances: (name: string, limit: number) =>
    new CloudBaseError('EXCEED_CONCURRENT_REQUEST_LIMIT', `exceed concurrent request limit: function ${name} already runs ${limit} instances`),
  unknownAction: (action: string) => new CloudBaseError('INVALID_PARAM', `unknown action: ${action}`),
  fileMissing: (fileID: string) => new CloudBaseError('STORAGE_FILE_NONEXIST', `file does not exist: ${fileID}`),
  functionMissing: (name: string) => new CloudBaseError('FUNCTIONS_REQUEST_FAIL', `function not found: ${name}`),
  functionFailed: (name: string, message: string) => new CloudBaseError('FUNCTIONS_EXECUTE_FAIL', `function ${name} failed: ${message}`),
}
