-- The schema of Redress's local database at version 1 (PRAGMA user_version = 1),
-- frozen: test-store builds a version-1 database from it and checks that the
-- store migrates it with its data intact.  Never edit; it is history.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE users (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  locale TEXT,
  is_current INTEGER NOT NULL DEFAULT 0);
CREATE TABLE orders (
  id TEXT PRIMARY KEY NOT NULL,
  number TEXT NOT NULL,
  buyer_id TEXT,
  buyer_name TEXT,
  seller_id TEXT,
  seller_name TEXT,
  total_amount INTEGER,
  total_currency TEXT,
  ordered_at INTEGER NOT NULL,
  shipped_at INTEGER,
  delivered_at INTEGER,
  carrier TEXT,
  tracking TEXT,
  return_window_days INTEGER NOT NULL DEFAULT 0,
  warranty_months INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL);
CREATE INDEX orders_ordered_at_idx ON orders (ordered_at DESC);
CREATE TABLE order_items (
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  sku TEXT NOT NULL,
  title TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_amount INTEGER,
  unit_currency TEXT,
  PRIMARY KEY (order_id, idx)) WITHOUT ROWID;
CREATE TABLE cases (
  id TEXT PRIMARY KEY NOT NULL,
  version INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  order_number TEXT,
  item_sku TEXT,
  item_title TEXT,
  item_quantity INTEGER,
  item_amount INTEGER,
  item_currency TEXT,
  buyer_id TEXT,
  buyer_name TEXT,
  seller_id TEXT,
  seller_name TEXT,
  reason TEXT NOT NULL,
  requested_type TEXT NOT NULL,
  requested_amount INTEGER,
  requested_currency TEXT,
  description TEXT,
  lang TEXT,
  status TEXT NOT NULL,
  turn TEXT NOT NULL,
  respond_by INTEGER,
  on_expiry TEXT NOT NULL,
  due_key INTEGER NOT NULL,
  resolution_outcome TEXT,
  resolution_amount INTEGER,
  resolution_currency TEXT,
  resolution_by TEXT,
  resolution_at INTEGER,
  rating_stars INTEGER,
  rating_comment TEXT,
  allowed_actions INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  seen_version INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL);
CREATE INDEX cases_due_idx ON cases (due_key, updated_at DESC);
CREATE INDEX cases_status_idx ON cases (status, due_key, updated_at DESC);
CREATE INDEX cases_turn_idx ON cases (turn, due_key, updated_at DESC, status);
CREATE INDEX cases_order_idx ON cases (order_id);
CREATE TABLE events (
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  id TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor_id TEXT,
  actor_name TEXT,
  actor_role TEXT NOT NULL,
  type TEXT NOT NULL,
  text TEXT,
  template_id TEXT,
  lang TEXT,
  offer_id TEXT,
  PRIMARY KEY (case_id, idx)) WITHOUT ROWID;
CREATE INDEX events_id_idx ON events (id);
CREATE TABLE offers (
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  amount INTEGER,
  currency TEXT,
  note TEXT,
  status TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (case_id, idx)) WITHOUT ROWID;
CREATE TABLE evidence (
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  id TEXT NOT NULL,
  filename TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  by_id TEXT,
  by_name TEXT,
  role TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (case_id, idx)) WITHOUT ROWID;
CREATE INDEX evidence_id_idx ON evidence (id);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  case_id TEXT NOT NULL,
  body TEXT,
  base_version INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'pending',
  last_error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  file_path TEXT,
  filename TEXT,
  mime TEXT,
  created_at INTEGER NOT NULL);
CREATE INDEX outbox_case_idx ON outbox (case_id, seq);
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor TEXT);
