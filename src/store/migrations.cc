// The schema migrations, in order. Never edit a migration that has shipped: add a new one.
// Each migration's SQL runs inside the transaction Migrate() opens.
#include "store/schema.h"

namespace probation {
namespace {

// Version 1: the case-record tables, one per record type (src/model/record_types.cc).
constexpr std::string_view kCaseRecordTables = R"sql(
CREATE TABLE org_units (
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  parent_code TEXT,
  PRIMARY KEY (code)
) WITHOUT ROWID;

CREATE TABLE staff (
  staff_id TEXT NOT NULL,
  surname TEXT NOT NULL,
  forenames TEXT NOT NULL,
  team_code TEXT NOT NULL,
  grade TEXT NOT NULL,
  fte REAL NOT NULL,
  gender TEXT,
  ethnicity TEXT,
  start_date TEXT NOT NULL,
  end_date TEXT,
  PRIMARY KEY (staff_id)
) WITHOUT ROWID;

CREATE TABLE staff_absences (
  staff_id TEXT NOT NULL,
  absence_no INTEGER NOT NULL,
  absence_type TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  working_days_lost REAL,
  PRIMARY KEY (staff_id, absence_no)
) WITHOUT ROWID;

CREATE TABLE people (
  crn TEXT NOT NULL,
  surname TEXT NOT NULL,
  forenames TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  gender TEXT NOT NULL,
  ethnicity TEXT,
  disability TEXT,
  first_sanction_date TEXT,
  sanctions INTEGER,
  PRIMARY KEY (crn)
) WITHOUT ROWID;

CREATE TABLE sentences (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  sentence_type TEXT NOT NULL,
  sentence_date TEXT NOT NULL,
  court_code TEXT NOT NULL,
  offence_code TEXT,
  offence_category TEXT NOT NULL,
  serious_sexual_violent INTEGER NOT NULL,
  custodial_months INTEGER,
  start_date TEXT NOT NULL,
  expected_end_date TEXT NOT NULL,
  termination_date TEXT,
  termination_reason TEXT,
  PRIMARY KEY (crn, event_no)
) WITHOUT ROWID;

CREATE TABLE responsible_officers (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  allocation_no INTEGER NOT NULL,
  staff_id TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  PRIMARY KEY (crn, event_no, allocation_no)
) WITHOUT ROWID;

CREATE TABLE requirements (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  requirement_no INTEGER NOT NULL,
  requirement_type TEXT NOT NULL,
  programme TEXT,
  upw_hours_ordered INTEGER,
  upw_hours_worked REAL,
  programme_sessions INTEGER,
  programme_sessions_attended INTEGER,
  electronic_monitoring INTEGER,
  start_date TEXT,
  end_date TEXT,
  outcome TEXT,
  PRIMARY KEY (crn, event_no, requirement_no)
) WITHOUT ROWID;

CREATE TABLE assessments (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  assessment_no INTEGER NOT NULL,
  assessment_type TEXT NOT NULL,
  started_date TEXT NOT NULL,
  completed_date TEXT,
  rosh_level TEXT,
  ogrs_score INTEGER,
  tier TEXT,
  need_accommodation TEXT,
  need_ete TEXT,
  need_finance TEXT,
  need_relationships TEXT,
  need_lifestyle TEXT,
  need_drugs TEXT,
  need_alcohol TEXT,
  need_emotional TEXT,
  need_thinking TEXT,
  need_attitudes TEXT,
  rmp_completed_date TEXT,
  sentence_plan_completed_date TEXT,
  quality_audit TEXT,
  PRIMARY KEY (crn, event_no, assessment_no)
) WITHOUT ROWID;

CREATE TABLE court_reports (
  crn TEXT NOT NULL,
  report_no INTEGER NOT NULL,
  event_no INTEGER,
  report_type TEXT NOT NULL,
  court_code TEXT NOT NULL,
  author_staff_id TEXT,
  requested_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  delivered_date TEXT,
  remanded_in_custody INTEGER NOT NULL,
  low_seriousness INTEGER,
  ogrs_score INTEGER,
  proposal TEXT,
  sentence_given TEXT,
  PRIMARY KEY (crn, report_no)
) WITHOUT ROWID;

CREATE TABLE contacts (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  contact_no INTEGER NOT NULL,
  contact_date TEXT NOT NULL,
  contact_type TEXT NOT NULL,
  ns_required INTEGER NOT NULL,
  arranged INTEGER NOT NULL,
  outcome TEXT,
  requirement_no INTEGER,
  hours_credited REAL,
  staff_id TEXT,
  PRIMARY KEY (crn, event_no, contact_no)
) WITHOUT ROWID;

CREATE TABLE breaches (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  breach_no INTEGER NOT NULL,
  failure_date TEXT NOT NULL,
  initiated_date TEXT,
  resolved_date TEXT,
  outcome TEXT,
  PRIMARY KEY (crn, event_no, breach_no)
) WITHOUT ROWID;

CREATE TABLE recalls (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  recall_no INTEGER NOT NULL,
  recall_type TEXT NOT NULL,
  decision_time TEXT NOT NULL,
  request_received_time TEXT,
  PRIMARY KEY (crn, event_no, recall_no)
) WITHOUT ROWID;

CREATE TABLE registrations (
  crn TEXT NOT NULL,
  registration_no INTEGER NOT NULL,
  registration_type TEXT NOT NULL,
  mappa_category TEXT,
  mappa_level TEXT,
  start_date TEXT NOT NULL,
  end_date TEXT,
  PRIMARY KEY (crn, registration_no)
) WITHOUT ROWID;

CREATE TABLE victim_contacts (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  victim_contact_no INTEGER NOT NULL,
  contact_date TEXT NOT NULL,
  method TEXT,
  outcome TEXT,
  PRIMARY KEY (crn, event_no, victim_contact_no)
) WITHOUT ROWID;

CREATE TABLE circumstances (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  point TEXT NOT NULL,
  recorded_date TEXT NOT NULL,
  employment TEXT,
  accommodation TEXT,
  education TEXT,
  PRIMARY KEY (crn, event_no, point)
) WITHOUT ROWID;

CREATE TABLE ete_outcomes (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  outcome_no INTEGER NOT NULL,
  outcome_type TEXT NOT NULL,
  outcome_date TEXT NOT NULL,
  PRIMARY KEY (crn, event_no, outcome_no)
) WITHOUT ROWID;

CREATE TABLE surveys (
  survey_id TEXT NOT NULL,
  survey_type TEXT NOT NULL,
  response_date TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  crn TEXT,
  positive INTEGER NOT NULL,
  score INTEGER,
  PRIMARY KEY (survey_id)
) WITHOUT ROWID;

CREATE TABLE reoffences (
  crn TEXT NOT NULL,
  reoffence_no INTEGER NOT NULL,
  offence_date TEXT NOT NULL,
  conviction_date TEXT,
  offence_category TEXT,
  PRIMARY KEY (crn, reoffence_no)
) WITHOUT ROWID;

)sql";

// Version 2: the log of bulk loads, one row per `probation import` that changed anything.
constexpr std::string_view kImportRuns = R"sql(
CREATE TABLE import_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  files TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_accepted INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  rows_inserted INTEGER NOT NULL,
  rows_updated INTEGER NOT NULL
);
)sql";

// Version 3: business plans (src/planning/plan.h, docs/plans.md). A plan's rows are replaced as
// a whole on import; progress notes and quarter RAGs recorded by `probation plan update` have
// origin 'update' and survive re-import.
constexpr std::string_view kBusinessPlans = R"sql(
CREATE TABLE plans (
  plan_id TEXT NOT NULL,
  organisation TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  source TEXT NOT NULL,
  description TEXT NOT NULL,
  reporting_quarters TEXT NOT NULL,
  PRIMARY KEY (plan_id)
) WITHOUT ROWID;

CREATE TABLE plan_context_codes (
  plan_id TEXT NOT NULL REFERENCES plans (plan_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  level TEXT NOT NULL,
  grouping TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (plan_id, seq)
) WITHOUT ROWID;

CREATE TABLE plan_leads (
  plan_id TEXT NOT NULL REFERENCES plans (plan_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (plan_id, seq)
) WITHOUT ROWID;

CREATE TABLE plan_list_entries (
  plan_id TEXT NOT NULL REFERENCES plans (plan_id) ON DELETE CASCADE,
  list_seq INTEGER NOT NULL,
  list_name TEXT NOT NULL,
  entry_seq INTEGER NOT NULL,
  entry TEXT,
  PRIMARY KEY (plan_id, list_seq, entry_seq)
) WITHOUT ROWID;

CREATE TABLE plan_items (
  plan_id TEXT NOT NULL REFERENCES plans (plan_id) ON DELETE CASCADE,
  number TEXT NOT NULL,
  seq INTEGER NOT NULL,
  parent TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  success TEXT NOT NULL,
  measure TEXT NOT NULL,
  deadline TEXT,
  deadline_text TEXT NOT NULL,
  completed TEXT,
  lead TEXT NOT NULL,
  governance TEXT NOT NULL,
  level TEXT NOT NULL,
  accomplishment TEXT NOT NULL,
  context_text TEXT NOT NULL,
  PRIMARY KEY (plan_id, number)
) WITHOUT ROWID;

CREATE TABLE plan_item_context (
  plan_id TEXT NOT NULL,
  number TEXT NOT NULL,
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (plan_id, number, seq),
  FOREIGN KEY (plan_id, number) REFERENCES plan_items (plan_id, number) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE plan_item_measures (
  plan_id TEXT NOT NULL,
  number TEXT NOT NULL,
  seq INTEGER NOT NULL,
  framework TEXT NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (plan_id, number, seq),
  FOREIGN KEY (plan_id, number) REFERENCES plan_items (plan_id, number) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE plan_activities (
  plan_id TEXT NOT NULL,
  number TEXT NOT NULL,
  seq INTEGER NOT NULL,
  year TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (plan_id, number, seq),
  FOREIGN KEY (plan_id, number) REFERENCES plan_items (plan_id, number) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE plan_progress (
  id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL,
  number TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('file', 'update')),
  note_date TEXT,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  recorded_at TEXT
);
CREATE INDEX plan_progress_by_item ON plan_progress (plan_id, number);

CREATE TABLE plan_quarter_rag (
  plan_id TEXT NOT NULL,
  number TEXT NOT NULL,
  quarter TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('file', 'update')),
  seq INTEGER NOT NULL,
  rag TEXT NOT NULL CHECK (rag IN ('R', 'A', 'G')),
  comment TEXT NOT NULL,
  CHECK (rag <> 'R' OR comment <> ''),
  PRIMARY KEY (plan_id, number, quarter)
) WITHOUT ROWID;

CREATE TABLE plan_milestones (
  plan_id TEXT NOT NULL REFERENCES plans (plan_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  month TEXT NOT NULL,
  milestone_date TEXT,
  when_text TEXT NOT NULL,
  text TEXT NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (plan_id, seq)
) WITHOUT ROWID;
)sql";

// Version 4: risk registers (src/planning/risk_register.h) and resource annexes, budget and
// staffing (src/planning/resources.h). Scores are not stored: they come from the matrix in
// use. Child rows go with their register or annex (ON DELETE CASCADE), so a re-import
// replaces a whole register or annex in one transaction.
constexpr std::string_view kRisksAndResources = R"sql(
CREATE TABLE risk_registers (
  id TEXT NOT NULL PRIMARY KEY,
  organisation TEXT NOT NULL,
  title TEXT NOT NULL,
  period TEXT NOT NULL,
  source TEXT NOT NULL,
  summary INTEGER NOT NULL,
  thresholds TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE risk_sections (
  register_id TEXT NOT NULL REFERENCES risk_registers (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  section_id TEXT NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (register_id, position)
) WITHOUT ROWID;

CREATE TABLE risks (
  register_id TEXT NOT NULL REFERENCES risk_registers (id) ON DELETE CASCADE,
  reference TEXT NOT NULL,
  position INTEGER NOT NULL,
  section_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  inherent_likelihood TEXT,
  inherent_impact TEXT,
  residual_likelihood TEXT,
  residual_impact TEXT,
  published_score INTEGER,
  owner TEXT NOT NULL,
  due TEXT NOT NULL,
  due_date TEXT,
  success TEXT NOT NULL,
  comments TEXT NOT NULL,
  next_review TEXT,
  PRIMARY KEY (register_id, reference)
) WITHOUT ROWID;

CREATE TABLE risk_threats (
  register_id TEXT NOT NULL,
  reference TEXT NOT NULL,
  position INTEGER NOT NULL,
  plan_id TEXT NOT NULL,
  item TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (register_id, reference, position),
  FOREIGN KEY (register_id, reference) REFERENCES risks (register_id, reference) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE risk_measures (
  register_id TEXT NOT NULL,
  reference TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('control', 'action')),
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (register_id, reference, kind, position),
  FOREIGN KEY (register_id, reference) REFERENCES risks (register_id, reference) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE risk_reviews (
  register_id TEXT NOT NULL,
  reference TEXT NOT NULL,
  review_no INTEGER NOT NULL,
  review_date TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  likelihood TEXT,
  impact TEXT,
  note TEXT NOT NULL,
  PRIMARY KEY (register_id, reference, review_no),
  FOREIGN KEY (register_id, reference) REFERENCES risks (register_id, reference) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE resource_annexes (
  id TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('budget', 'staffing')),
  organisation TEXT NOT NULL,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  unit TEXT NOT NULL,
  heading TEXT NOT NULL,
  carry_forward_max_percent REAL
) WITHOUT ROWID;

CREATE TABLE resource_years (
  annex_id TEXT NOT NULL REFERENCES resource_annexes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  year INTEGER NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (annex_id, position)
) WITHOUT ROWID;

CREATE TABLE budget_lines (
  annex_id TEXT NOT NULL REFERENCES resource_annexes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  year INTEGER NOT NULL,
  heading TEXT NOT NULL,
  line TEXT NOT NULL,
  line_group TEXT NOT NULL,
  plan REAL,
  outturn REAL,
  PRIMARY KEY (annex_id, position, year)
) WITHOUT ROWID;

CREATE TABLE resource_totals (
  annex_id TEXT NOT NULL REFERENCES resource_annexes (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('total', 'funding')),
  position INTEGER NOT NULL,
  year INTEGER NOT NULL,
  label TEXT NOT NULL,
  headings TEXT NOT NULL,
  amount REAL NOT NULL,
  PRIMARY KEY (annex_id, kind, position, year)
) WITHOUT ROWID;

CREATE TABLE staffing_lines (
  annex_id TEXT NOT NULL REFERENCES resource_annexes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  year INTEGER NOT NULL,
  unit TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  grade TEXT NOT NULL,
  fte REAL NOT NULL,
  PRIMARY KEY (annex_id, position, year)
) WITHOUT ROWID;
)sql";

// Version 5: the service's accounts and audit log (src/store/account_store.h,
// src/store/audit_log.h). Secrets are stored only as hashes: passwords as Argon2id strings,
// session and API tokens as SHA-256 hex. The audit log is append-only: each entry carries a
// hash over its content and the previous entry's hash, and triggers refuse UPDATE and DELETE.
constexpr std::string_view kAccountsAndAudit = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_code TEXT NOT NULL DEFAULT '',
  staff_id TEXT NOT NULL DEFAULT '',
  disabled INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  locked_at INTEGER,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  at INTEGER NOT NULL,
  succeeded INTEGER NOT NULL
);
CREATE INDEX login_attempts_by_user ON login_attempts (username, at);
CREATE INDEX login_attempts_by_address ON login_attempts (address, at);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_key TEXT NOT NULL,
  query TEXT NOT NULL,
  unit TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused')),
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_user ON audit_log (username, at);
CREATE INDEX audit_by_key ON audit_log (record_key, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// Version 6: what the service needs of the case records (src/server/, src/store/case_*.h).
// record_versions: each service-writable record's version for optimistic concurrency; a record
// without a row is at version 1, and every UPDATE of it (by the service or by an import)
// raises it by one. record_changes: one row per record the service writes, for the live
// engine (an import is seen through import_runs instead). Indexes for scope and search.
constexpr std::string_view kCaseService = R"sql(
CREATE TABLE record_versions (
  record_type TEXT NOT NULL,
  record_key TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (record_type, record_key)
) WITHOUT ROWID;

CREATE TABLE record_changes (
  id INTEGER PRIMARY KEY,
  changed_at TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_key TEXT NOT NULL,
  user_id INTEGER NOT NULL
);

CREATE TRIGGER contacts_version AFTER UPDATE ON contacts BEGIN
  INSERT INTO record_versions VALUES
    ('contacts', NEW.crn || '/' || NEW.event_no || '/' || NEW.contact_no, 2)
  ON CONFLICT (record_type, record_key) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER breaches_version AFTER UPDATE ON breaches BEGIN
  INSERT INTO record_versions VALUES
    ('breaches', NEW.crn || '/' || NEW.event_no || '/' || NEW.breach_no, 2)
  ON CONFLICT (record_type, record_key) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER assessments_version AFTER UPDATE ON assessments BEGIN
  INSERT INTO record_versions VALUES
    ('assessments', NEW.crn || '/' || NEW.event_no || '/' || NEW.assessment_no, 2)
  ON CONFLICT (record_type, record_key) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER recalls_version AFTER UPDATE ON recalls BEGIN
  INSERT INTO record_versions VALUES
    ('recalls', NEW.crn || '/' || NEW.event_no || '/' || NEW.recall_no, 2)
  ON CONFLICT (record_type, record_key) DO UPDATE SET version = version + 1;
END;

CREATE INDEX responsible_officers_by_staff ON responsible_officers (staff_id, end_date, crn);
CREATE INDEX staff_by_team ON staff (team_code);
CREATE INDEX org_units_by_parent ON org_units (parent_code);
CREATE INDEX people_by_surname ON people (surname COLLATE NOCASE);
)sql";

// Version 7: public engagement events (Essex objective 10): a record type of its own.
constexpr std::string_view kPublicEvents = R"sql(
CREATE TABLE public_events (
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  event_date TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  attendance INTEGER,
  PRIMARY KEY (event_id)
) WITHOUT ROWID;
)sql";

// Version 8: OGRS3 computed for every sentence at commencement, with its inputs and the
// coefficient table's version (src/analytics/sentence_ogrs3.h). `reason` is set, and the score
// blank, when it could not be computed.
constexpr std::string_view kOgrs3Scores = R"sql(
CREATE TABLE ogrs3_scores (
  crn TEXT NOT NULL,
  event_no INTEGER NOT NULL,
  table_version TEXT NOT NULL,
  gender TEXT,
  date_of_birth TEXT,
  offence_category TEXT,
  sanctions INTEGER,
  first_sanction_date TEXT,
  conviction_date TEXT,
  assessed_date TEXT,
  age INTEGER,
  age_first INTEGER,
  copas REAL,
  one_year REAL,
  two_year REAL,
  band TEXT,
  reason TEXT,
  PRIMARY KEY (crn, event_no)
) WITHOUT ROWID;
)sql";

// Version 9: tiering and workload (src/analytics/, docs/workload.md): every computed tier with
// its inputs, rule set version and reasons, keyed by run (a run inserts in key order); and the
// workload reductions an analyst loads.
constexpr std::string_view kTiersAndWorkload = R"sql(
CREATE TABLE computed_tiers (
  crn TEXT NOT NULL,
  rule_set TEXT NOT NULL,
  as_at TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL,
  tier TEXT NOT NULL,
  protect_points INTEGER,
  change_points INTEGER,
  inputs TEXT NOT NULL,
  reasons TEXT NOT NULL,
  previous_tier TEXT,
  change_reason TEXT,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (rule_set, as_at, crn)
) WITHOUT ROWID;
CREATE INDEX computed_tiers_by_crn ON computed_tiers (crn);

CREATE TABLE workload_reductions (
  staff_id TEXT NOT NULL,
  reduction_no INTEGER NOT NULL,
  reduction_type TEXT NOT NULL,
  hours REAL NOT NULL CHECK (hours > 0),
  start_date TEXT NOT NULL,
  end_date TEXT,
  note TEXT,
  PRIMARY KEY (staff_id, reduction_no)
) WITHOUT ROWID;
)sql";

// Bail accommodation (BASS) placements, serious further offence notifications and reviews, and
// the fines and discharges passed (court records): record types of their own.
constexpr char kBassAndSfo[] = R"sql(
CREATE TABLE bass_placements (
  placement_id TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  gender TEXT NOT NULL,
  placement_type TEXT NOT NULL,
  arrival_date TEXT NOT NULL,
  departure_date TEXT,
  PRIMARY KEY (placement_id)
) WITHOUT ROWID;
CREATE TABLE sfo_reviews (
  sfo_id TEXT NOT NULL,
  crn TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  charge_date TEXT NOT NULL,
  notified_date TEXT,
  review_type TEXT NOT NULL,
  review_completed_date TEXT,
  PRIMARY KEY (sfo_id)
) WITHOUT ROWID;
CREATE TABLE court_disposals (
  disposal_id TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  court_code TEXT NOT NULL,
  sentence_date TEXT NOT NULL,
  disposal TEXT NOT NULL,
  after_report INTEGER NOT NULL,
  PRIMARY KEY (disposal_id)
) WITHOUT ROWID;
)sql";

constexpr Migration kMigrations[] = {
    {1, "case-record tables", kCaseRecordTables},
    {2, "import log", kImportRuns},
    {3, "business plans", kBusinessPlans},
    {4, "risk registers and resources", kRisksAndResources},
    {5, "accounts, sessions, tokens and audit log", kAccountsAndAudit},
    {6, "case-record versions, service change log, scope and search indexes", kCaseService},
    {7, "public engagement events", kPublicEvents},
    {8, "OGRS3 scores", kOgrs3Scores},
    {9, "computed tiers and workload reductions", kTiersAndWorkload},
    {11, "bail accommodation, SFO reviews, fines and discharges", kBassAndSfo},
};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

}  // namespace probation
