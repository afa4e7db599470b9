/** Tier rules, kept here for their public names: the one rule lives in `src/client/access.ts`. */
export { meetsTier, requiredTierFor } from '../client/access.js'
