-- Lumen emulator schema, version 1. Plain SQL; applied once, tracked by PRAGMA user_version.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  id              TEXT PRIMARY KEY,
  email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash   TEXT NOT NULL,
  first_name      TEXT NOT NULL,
  last_name       TEXT NOT NULL,
  photo_asset_id  TEXT,
  created_at      TEXT NOT NULL
);

CREATE TABLE organizations (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  slug           TEXT NOT NULL UNIQUE,
  logo_asset_id  TEXT,
  created_at     TEXT NOT NULL
);

CREATE TABLE memberships (
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  org_id      TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (user_id, org_id)
);

CREATE TABLE sessions (
  id              TEXT PRIMARY KEY,
  user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  user_agent      TEXT,
  ip_address      TEXT,
  active_org_id   TEXT,
  created_at      TEXT NOT NULL,
  last_active_at  TEXT NOT NULL,
  revoked_at      TEXT,
  revoke_reason   TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Opaque refresh tokens, stored as SHA-256 hashes. A rotated token keeps its child sealed with a
-- key derived from the parent token itself, so only its holder can get the child back (grace).
CREATE TABLE refresh_tokens (
  id          TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  rotated_at  INTEGER,
  child_box   TEXT
);
CREATE INDEX refresh_tokens_session ON refresh_tokens(session_id);

CREATE TABLE login_failures (
  email  TEXT NOT NULL COLLATE NOCASE,
  ip     TEXT NOT NULL,
  at     INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(email, ip, at);

CREATE TABLE password_resets (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);

CREATE TABLE invitations (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  email        TEXT NOT NULL COLLATE NOCASE,
  role         TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  token_hash   TEXT NOT NULL UNIQUE,
  invited_by   TEXT,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  accepted_at  INTEGER
);

CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  to_email    TEXT NOT NULL,
  subject     TEXT NOT NULL,
  body        TEXT NOT NULL,
  link        TEXT,
  kind        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE products (
  slug         TEXT PRIMARY KEY,
  name         TEXT NOT NULL
);

CREATE TABLE tiers (
  product_slug    TEXT NOT NULL REFERENCES products(slug) ON DELETE CASCADE,
  slug            TEXT NOT NULL,
  name            TEXT NOT NULL,
  sort_order      INTEGER NOT NULL,
  price_amount    INTEGER,
  price_currency  TEXT,
  price_interval  TEXT,
  features        TEXT NOT NULL,
  limits          TEXT NOT NULL,
  PRIMARY KEY (product_slug, slug)
);

CREATE TABLE licenses (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  product_slug   TEXT NOT NULL REFERENCES products(slug) ON DELETE CASCADE,
  tier_slug      TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('active', 'trial', 'expired', 'canceled')),
  unit_count     INTEGER,
  trial_ends_at  TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (org_id, product_slug)
);

CREATE TABLE usage (
  org_id        TEXT NOT NULL,
  product_slug  TEXT NOT NULL,
  metric        TEXT NOT NULL,
  value         INTEGER NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (org_id, product_slug, metric)
);

CREATE TABLE assets (
  id             TEXT PRIMARY KEY,
  app            TEXT NOT NULL,
  kind           TEXT NOT NULL,
  owner_type     TEXT NOT NULL CHECK (owner_type IN ('user', 'org', 'entity')),
  owner_id       TEXT,
  org_id         TEXT,
  visibility     TEXT NOT NULL CHECK (visibility IN ('private', 'public')),
  original_name  TEXT NOT NULL,
  content_type   TEXT NOT NULL,
  size           INTEGER NOT NULL,
  metadata       TEXT NOT NULL,
  bytes          BLOB NOT NULL,
  uploaded_by    TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX assets_org ON assets(org_id);
CREATE INDEX assets_owner ON assets(owner_type, owner_id);

-- Stored results of requests sent with an Idempotency-Key, sealed with a key derived from it.
CREATE TABLE idempotency (
  scope        TEXT PRIMARY KEY,
  fingerprint  TEXT,
  status       INTEGER NOT NULL,
  box          TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
