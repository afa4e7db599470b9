// "." entry: the framework-free client, the license middleware and the wire types.
// Each export names its leaf file (no barrel-of-barrels).

// ---- contract (wire types of API.md)
export type * from './contract/types.js'
