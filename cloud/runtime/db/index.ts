export { DocStore, DuplicateKeyError, type DocStoreOptions, type Write } from './store'
export {
  createDatabase,
  DbError,
  DEFAULT_GET_LIMIT,
  MAX_GET_LIMIT,
  type AddResult,
  type Aggregate,
  type AggregateResult,
  type CollectionReference,
  type CountResult,
  type Database,
  type DatabaseOptions,
  type DocData,
  type DocumentGetResult,
  type DocumentReference,
  type GetResult,
  type Query,
  type RemoveResult,
  type SetResult,
  type Transaction,
  type TransactionCollection,
  type TransactionDocument,
  type UpdateResult,
  type WhereCondition,
} from './database'
export { AGGREGATE_DEFAULT_LIMIT } from './aggregate'
export { applyUpdate, compileUpdate, compileWhere, matches, InvalidInputError } from './query'
export {
  Accumulator,
  LogicCommand,
  QueryCommand,
  ServerDate,
  UnsupportedError,
  UpdateCommand,
  type AggregateCommand,
  type Command,
} from './commands'
export type { Doc } from './values'
