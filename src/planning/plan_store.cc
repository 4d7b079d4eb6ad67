#include "planning/plan_store.h"

#include <set>

namespace probation::planning {
namespace {

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ",") + v;
  return out;
}

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

void BindDate(Statement* s, int index, const std::optional<Date>& date) {
  if (date) {
    s->BindTextCopy(index, date->ToString());
  } else {
    s->BindNull(index);
  }
}

Result<std::optional<Date>> ColumnDate(const Statement& s, int index) {
  if (s.ColumnIsNull(index)) return std::optional<Date>();
  Result<Date> d = Date::Parse(s.ColumnText(index));
  if (!d.ok()) return Internal("a plan date in the store is damaged: " + d.status().message());
  return std::optional<Date>(*d);
}

std::string Text(const Statement& s, int index) { return std::string(s.ColumnText(index)); }

// Runs `sql` with the given text parameters and returns the rows of the first column.
Result<std::vector<std::string>> Column(Database* db, std::string_view sql,
                                        std::initializer_list<std::string_view> params) {
  PROBATION_ASSIGN_OR_RETURN(Statement s, db->Prepare(sql));
  int i = 1;
  for (std::string_view p : params) s.BindText(i++, p);
  std::vector<std::string> out;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(Text(s, 0));
  }
  return out;
}

Status Exec(Database* db, std::string_view sql, std::initializer_list<std::string_view> params) {
  PROBATION_ASSIGN_OR_RETURN(Statement s, db->Prepare(sql));
  int i = 1;
  for (std::string_view p : params) s.BindText(i++, p);
  return s.Run();
}

// Saves one plan inside the caller's transaction.
Status SaveOne(Database* db, const Plan& plan) {
  PROBATION_RETURN_IF_ERROR(ValidatePlan(plan));
  std::set<std::string> numbers;
  for (const PlanItem& item : plan.items) numbers.insert(item.number);
  // Updates on items the new file drops would be lost: refuse.
  PROBATION_ASSIGN_OR_RETURN(
      std::vector<std::string> updated,
      Column(db,
             "SELECT number FROM plan_progress WHERE plan_id = ?1 AND origin = 'update' "
             "UNION SELECT number FROM plan_quarter_rag WHERE plan_id = ?1 AND origin = 'update' "
             "ORDER BY 1",
             {plan.id}));
  for (const std::string& number : updated) {
    if (numbers.count(number) == 0) {
      return FailedPrecondition("plan " + plan.id + ": item " + number +
                                " has progress or RAG recorded by 'plan update' but is not in "
                                "the new file; put it back or remove the updates first");
    }
  }
  PROBATION_RETURN_IF_ERROR(Exec(db, "DELETE FROM plans WHERE plan_id = ?1", {plan.id}));
  PROBATION_RETURN_IF_ERROR(
      Exec(db, "DELETE FROM plan_progress WHERE plan_id = ?1 AND origin = 'file'", {plan.id}));
  PROBATION_RETURN_IF_ERROR(
      Exec(db, "DELETE FROM plan_quarter_rag WHERE plan_id = ?1 AND origin = 'file'", {plan.id}));

  PROBATION_ASSIGN_OR_RETURN(
      Statement p, db->Prepare("INSERT INTO plans (plan_id, organisation, title, kind, start_date, "
                               "end_date, source, description, reporting_quarters) VALUES "
                               "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  const std::string start = plan.start.ToString(), end = plan.end.ToString();
  const std::string quarters = Joined(plan.reporting_quarters);
  p.BindText(1, plan.id);
  p.BindText(2, plan.organisation);
  p.BindText(3, plan.title);
  p.BindText(4, plan.kind);
  p.BindText(5, start);
  p.BindText(6, end);
  p.BindText(7, plan.source);
  p.BindText(8, plan.description);
  p.BindText(9, quarters);
  PROBATION_RETURN_IF_ERROR(p.Run());

  PROBATION_ASSIGN_OR_RETURN(
      Statement ctx, db->Prepare("INSERT INTO plan_context_codes (plan_id, seq, code, level, "
                                 "grouping, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  for (size_t i = 0; i < plan.context.size(); ++i) {
    const ContextCode& c = plan.context[i];
    ctx.Reset();
    ctx.BindText(1, plan.id);
    ctx.BindInt(2, static_cast<int64_t>(i));
    ctx.BindText(3, c.code);
    ctx.BindText(4, c.level);
    ctx.BindText(5, c.group);
    ctx.BindText(6, c.text);
    PROBATION_RETURN_IF_ERROR(ctx.Run());
  }
  PROBATION_ASSIGN_OR_RETURN(Statement lead,
                             db->Prepare("INSERT INTO plan_leads (plan_id, seq, code, name, role) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5)"));
  for (size_t i = 0; i < plan.leads.size(); ++i) {
    lead.Reset();
    lead.BindText(1, plan.id);
    lead.BindInt(2, static_cast<int64_t>(i));
    lead.BindText(3, plan.leads[i].code);
    lead.BindText(4, plan.leads[i].name);
    lead.BindText(5, plan.leads[i].role);
    PROBATION_RETURN_IF_ERROR(lead.Run());
  }
  // Each list has a header row (entry_seq -1, no entry) so an empty list survives.
  PROBATION_ASSIGN_OR_RETURN(
      Statement entry, db->Prepare("INSERT INTO plan_list_entries (plan_id, list_seq, list_name, "
                                   "entry_seq, entry) VALUES (?1, ?2, ?3, ?4, ?5)"));
  for (size_t i = 0; i < plan.lists.size(); ++i) {
    const PlanList& list = plan.lists[i];
    for (int64_t e = -1; e < static_cast<int64_t>(list.entries.size()); ++e) {
      entry.Reset();
      entry.BindText(1, plan.id);
      entry.BindInt(2, static_cast<int64_t>(i));
      entry.BindText(3, list.name);
      entry.BindInt(4, e);
      if (e < 0) {
        entry.BindNull(5);
      } else {
        entry.BindText(5, list.entries[static_cast<size_t>(e)]);
      }
      PROBATION_RETURN_IF_ERROR(entry.Run());
    }
  }

  PROBATION_ASSIGN_OR_RETURN(
      Statement item_stmt,
      db->Prepare("INSERT INTO plan_items (plan_id, number, seq, parent, kind, title, "
                  "description, success, measure, deadline, deadline_text, completed, lead, "
                  "governance, level, accomplishment, context_text) VALUES (?1, ?2, ?3, ?4, ?5, "
                  "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"));
  PROBATION_ASSIGN_OR_RETURN(
      Statement code_stmt, db->Prepare("INSERT INTO plan_item_context (plan_id, number, seq, code) "
                                       "VALUES (?1, ?2, ?3, ?4)"));
  PROBATION_ASSIGN_OR_RETURN(Statement measure_stmt,
                             db->Prepare("INSERT INTO plan_item_measures (plan_id, number, seq, "
                                         "framework, code) VALUES (?1, ?2, ?3, ?4, ?5)"));
  PROBATION_ASSIGN_OR_RETURN(Statement activity_stmt,
                             db->Prepare("INSERT INTO plan_activities (plan_id, number, seq, "
                                         "year, text) VALUES (?1, ?2, ?3, ?4, ?5)"));
  PROBATION_ASSIGN_OR_RETURN(
      Statement note_stmt,
      db->Prepare("INSERT INTO plan_progress (plan_id, number, origin, note_date, author, text) "
                  "VALUES (?1, ?2, 'file', ?3, ?4, ?5)"));
  // The file took in an identical update note (e.g. after `plan export`): keep one copy.
  PROBATION_ASSIGN_OR_RETURN(
      Statement note_dedup,
      db->Prepare("DELETE FROM plan_progress WHERE plan_id = ?1 AND number = ?2 AND origin = "
                  "'update' AND note_date IS ?3 AND author = ?4 AND text = ?5"));
  PROBATION_ASSIGN_OR_RETURN(
      Statement rag_stmt,
      db->Prepare("INSERT OR REPLACE INTO plan_quarter_rag (plan_id, number, quarter, origin, "
                  "seq, rag, comment) VALUES (?1, ?2, ?3, 'file', ?4, ?5, ?6)"));
  for (size_t i = 0; i < plan.items.size(); ++i) {
    const PlanItem& item = plan.items[i];
    Statement& s = item_stmt;
    s.Reset();
    s.BindText(1, plan.id);
    s.BindText(2, item.number);
    s.BindInt(3, static_cast<int64_t>(i));
    s.BindText(4, item.parent);
    s.BindText(5, item.kind);
    s.BindText(6, item.title);
    s.BindText(7, item.description);
    s.BindText(8, item.success);
    s.BindText(9, item.measure);
    BindDate(&s, 10, item.deadline);
    s.BindText(11, item.deadline_text);
    BindDate(&s, 12, item.completed);
    s.BindText(13, item.lead);
    s.BindText(14, item.governance);
    s.BindText(15, item.level);
    s.BindText(16, AccomplishmentName(item.accomplishment));
    s.BindText(17, item.context_text);
    PROBATION_RETURN_IF_ERROR(s.Run());
    for (size_t c = 0; c < item.context.size(); ++c) {
      code_stmt.Reset();
      code_stmt.BindText(1, plan.id);
      code_stmt.BindText(2, item.number);
      code_stmt.BindInt(3, static_cast<int64_t>(c));
      code_stmt.BindText(4, item.context[c]);
      PROBATION_RETURN_IF_ERROR(code_stmt.Run());
    }
    for (size_t m = 0; m < item.measures.size(); ++m) {
      measure_stmt.Reset();
      measure_stmt.BindText(1, plan.id);
      measure_stmt.BindText(2, item.number);
      measure_stmt.BindInt(3, static_cast<int64_t>(m));
      measure_stmt.BindText(4, item.measures[m].framework);
      measure_stmt.BindText(5, item.measures[m].code);
      PROBATION_RETURN_IF_ERROR(measure_stmt.Run());
    }
    for (size_t a = 0; a < item.activities.size(); ++a) {
      activity_stmt.Reset();
      activity_stmt.BindText(1, plan.id);
      activity_stmt.BindText(2, item.number);
      activity_stmt.BindInt(3, static_cast<int64_t>(a));
      activity_stmt.BindText(4, item.activities[a].year);
      activity_stmt.BindText(5, item.activities[a].text);
      PROBATION_RETURN_IF_ERROR(activity_stmt.Run());
    }
    for (const ProgressNote& note : item.progress) {
      for (Statement* st : {&note_dedup, &note_stmt}) {
        st->Reset();
        st->BindText(1, plan.id);
        st->BindText(2, item.number);
        BindDate(st, 3, note.date);
        st->BindText(4, note.author);
        st->BindText(5, note.text);
        PROBATION_RETURN_IF_ERROR(st->Run());
      }
    }
    for (size_t r = 0; r < item.rag.size(); ++r) {
      rag_stmt.Reset();
      rag_stmt.BindText(1, plan.id);
      rag_stmt.BindText(2, item.number);
      rag_stmt.BindText(3, item.rag[r].quarter);
      rag_stmt.BindInt(4, static_cast<int64_t>(r));
      rag_stmt.BindText(5, RagName(item.rag[r].rag));
      rag_stmt.BindText(6, item.rag[r].comment);
      PROBATION_RETURN_IF_ERROR(rag_stmt.Run());
    }
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement ms, db->Prepare("INSERT INTO plan_milestones (plan_id, seq, month, milestone_date, "
                                "when_text, text, item) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  for (size_t i = 0; i < plan.milestones.size(); ++i) {
    const Milestone& m = plan.milestones[i];
    ms.Reset();
    ms.BindText(1, plan.id);
    ms.BindInt(2, static_cast<int64_t>(i));
    ms.BindText(3, m.month);
    BindDate(&ms, 4, m.date);
    ms.BindText(5, m.when);
    ms.BindText(6, m.text);
    ms.BindText(7, m.item);
    PROBATION_RETURN_IF_ERROR(ms.Run());
  }
  return Status::Ok();
}

Result<Plan> LoadOne(Database* db, std::string_view plan_id) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement p, db->Prepare("SELECT organisation, title, kind, start_date, end_date, source, "
                               "description, reporting_quarters FROM plans WHERE plan_id = ?1"));
  p.BindText(1, plan_id);
  PROBATION_ASSIGN_OR_RETURN(bool found, p.Step());
  if (!found) {
    PROBATION_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                               Column(db, "SELECT plan_id FROM plans ORDER BY plan_id", {}));
    std::string list;
    for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
    return NotFound("there is no plan '" + std::string(plan_id) + "' in " + db->path() +
                    (list.empty() ? " (no plans are loaded: use 'probation plan import')"
                                  : " (plans: " + list + ")"));
  }
  Plan plan;
  plan.id = plan_id;
  plan.organisation = Text(p, 0);
  plan.title = Text(p, 1);
  plan.kind = Text(p, 2);
  PROBATION_ASSIGN_OR_RETURN(std::optional<Date> start, ColumnDate(p, 3));
  PROBATION_ASSIGN_OR_RETURN(std::optional<Date> end, ColumnDate(p, 4));
  plan.start = start.value_or(Date());
  plan.end = end.value_or(Date());
  plan.source = Text(p, 5);
  plan.description = Text(p, 6);
  plan.reporting_quarters = Split(p.ColumnText(7));

  PROBATION_ASSIGN_OR_RETURN(Statement ctx,
                             db->Prepare("SELECT code, level, grouping, text FROM "
                                         "plan_context_codes WHERE plan_id = ?1 ORDER BY seq"));
  ctx.BindText(1, plan_id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, ctx.Step());
    if (!row) break;
    plan.context.push_back({Text(ctx, 0), Text(ctx, 1), Text(ctx, 2), Text(ctx, 3)});
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement lead,
      db->Prepare("SELECT code, name, role FROM plan_leads WHERE plan_id = ?1 ORDER BY seq"));
  lead.BindText(1, plan_id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, lead.Step());
    if (!row) break;
    plan.leads.push_back({Text(lead, 0), Text(lead, 1), Text(lead, 2)});
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement entries, db->Prepare("SELECT list_name, entry_seq, entry FROM plan_list_entries "
                                     "WHERE plan_id = ?1 ORDER BY list_seq, entry_seq"));
  entries.BindText(1, plan_id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, entries.Step());
    if (!row) break;
    if (entries.ColumnInt(1) < 0) {
      plan.lists.push_back({Text(entries, 0), {}});
    } else if (!plan.lists.empty()) {
      plan.lists.back().entries.push_back(Text(entries, 2));
    }
  }

  PROBATION_ASSIGN_OR_RETURN(
      Statement items,
      db->Prepare("SELECT number, parent, kind, title, description, success, measure, deadline, "
                  "deadline_text, completed, lead, governance, level, accomplishment, "
                  "context_text FROM plan_items WHERE plan_id = ?1 ORDER BY seq"));
  items.BindText(1, plan_id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, items.Step());
    if (!row) break;
    PlanItem& item = plan.items.emplace_back();
    item.number = Text(items, 0);
    item.parent = Text(items, 1);
    item.kind = Text(items, 2);
    item.title = Text(items, 3);
    item.description = Text(items, 4);
    item.success = Text(items, 5);
    item.measure = Text(items, 6);
    PROBATION_ASSIGN_OR_RETURN(item.deadline, ColumnDate(items, 7));
    item.deadline_text = Text(items, 8);
    PROBATION_ASSIGN_OR_RETURN(item.completed, ColumnDate(items, 9));
    item.lead = Text(items, 10);
    item.governance = Text(items, 11);
    item.level = Text(items, 12);
    const std::string accomplishment = Text(items, 13);
    if (!accomplishment.empty()) {
      PROBATION_ASSIGN_OR_RETURN(item.accomplishment, ParseAccomplishment(accomplishment));
    }
    item.context_text = Text(items, 14);
  }
  // The per-item lists, each read in one pass and attached by number.
  const auto attach = [&](std::string_view sql, auto add) -> Status {
    PROBATION_ASSIGN_OR_RETURN(Statement s, db->Prepare(sql));
    s.BindText(1, plan_id);
    while (true) {
      PROBATION_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      PlanItem* item = plan.FindItem(s.ColumnText(0));
      if (item == nullptr) {
        return Internal("plan " + plan.id + " has rows for item " + Text(s, 0) +
                        ", which is not in plan_items");
      }
      PROBATION_RETURN_IF_ERROR(add(s, item));
    }
    return Status::Ok();
  };
  PROBATION_RETURN_IF_ERROR(
      attach("SELECT number, code FROM plan_item_context WHERE plan_id = ?1 ORDER BY number, seq",
             [](const Statement& s, PlanItem* item) {
               item->context.push_back(Text(s, 1));
               return Status::Ok();
             }));
  PROBATION_RETURN_IF_ERROR(
      attach("SELECT number, framework, code FROM plan_item_measures WHERE plan_id = ?1 "
             "ORDER BY number, seq",
             [](const Statement& s, PlanItem* item) {
               item->measures.push_back({Text(s, 1), Text(s, 2)});
               return Status::Ok();
             }));
  PROBATION_RETURN_IF_ERROR(attach(
      "SELECT number, year, text FROM plan_activities WHERE plan_id = ?1 ORDER BY number, seq",
      [](const Statement& s, PlanItem* item) {
        item->activities.push_back({Text(s, 1), Text(s, 2)});
        return Status::Ok();
      }));
  PROBATION_RETURN_IF_ERROR(
      attach("SELECT number, note_date, author, text FROM plan_progress WHERE plan_id = ?1 "
             "ORDER BY origin = 'update', id",
             [](const Statement& s, PlanItem* item) -> Status {
               ProgressNote note;
               PROBATION_ASSIGN_OR_RETURN(note.date, ColumnDate(s, 1));
               note.author = Text(s, 2);
               note.text = Text(s, 3);
               item->progress.push_back(std::move(note));
               return Status::Ok();
             }));
  PROBATION_RETURN_IF_ERROR(
      attach("SELECT number, quarter, rag, comment FROM plan_quarter_rag WHERE plan_id = ?1 "
             "ORDER BY origin = 'update', seq",
             [](const Statement& s, PlanItem* item) -> Status {
               QuarterRag rag;
               rag.quarter = Text(s, 1);
               PROBATION_ASSIGN_OR_RETURN(rag.rag, ParseRag(s.ColumnText(2)));
               rag.comment = Text(s, 3);
               item->rag.push_back(std::move(rag));
               return Status::Ok();
             }));

  PROBATION_ASSIGN_OR_RETURN(Statement ms,
                             db->Prepare("SELECT month, milestone_date, when_text, text, item FROM "
                                         "plan_milestones WHERE plan_id = ?1 ORDER BY seq"));
  ms.BindText(1, plan_id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, ms.Step());
    if (!row) break;
    Milestone m;
    m.month = Text(ms, 0);
    PROBATION_ASSIGN_OR_RETURN(m.date, ColumnDate(ms, 1));
    m.when = Text(ms, 2);
    m.text = Text(ms, 3);
    m.item = Text(ms, 4);
    plan.milestones.push_back(std::move(m));
  }
  return plan;
}

// NotFound unless plan `plan_id` has item `number`.
Status CheckItemExists(Database* db, std::string_view plan_id, std::string_view number) {
  PROBATION_ASSIGN_OR_RETURN(std::vector<std::string> plans,
                             Column(db, "SELECT plan_id FROM plans WHERE plan_id = ?1", {plan_id}));
  if (plans.empty()) return LoadOne(db, plan_id).status();  // NotFound listing the plans
  PROBATION_ASSIGN_OR_RETURN(
      std::vector<std::string> items,
      Column(db, "SELECT number FROM plan_items WHERE plan_id = ?1 AND number = ?2",
             {plan_id, number}));
  if (items.empty()) {
    return NotFound("plan " + std::string(plan_id) + " has no item " + std::string(number));
  }
  return Status::Ok();
}

}  // namespace

Status SavePlans(Database* db, const std::vector<Plan>& plans) {
  std::set<std::string> ids;
  for (const Plan& plan : plans) {
    if (!ids.insert(plan.id).second) {
      return InvalidArgument("plan id " + plan.id + " is given twice; nothing was saved");
    }
  }
  PROBATION_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  for (const Plan& plan : plans) PROBATION_RETURN_IF_ERROR(SaveOne(db, plan));
  return txn.Commit();
}

Status SavePlan(Database* db, const Plan& plan) { return SavePlans(db, {plan}); }

Result<Plan> LoadPlan(Database* db, std::string_view plan_id) { return LoadOne(db, plan_id); }

Result<std::vector<Plan>> LoadPlans(Database* db) {
  PROBATION_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                             Column(db, "SELECT plan_id FROM plans ORDER BY plan_id", {}));
  std::vector<Plan> plans;
  for (const std::string& id : ids) {
    PROBATION_ASSIGN_OR_RETURN(Plan plan, LoadOne(db, id));
    plans.push_back(std::move(plan));
  }
  return plans;
}

Status AddProgressNote(Database* db, std::string_view plan_id, std::string_view number,
                       const ProgressNote& note) {
  if (!note.date) return InvalidArgument("a progress note needs a date");
  if (note.author.empty()) return InvalidArgument("a progress note needs an author");
  if (note.text.empty()) return InvalidArgument("a progress note needs text");
  PROBATION_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  PROBATION_RETURN_IF_ERROR(CheckItemExists(db, plan_id, number));
  PROBATION_ASSIGN_OR_RETURN(
      Statement s, db->Prepare("INSERT INTO plan_progress (plan_id, number, origin, note_date, "
                               "author, text, recorded_at) VALUES (?1, ?2, 'update', ?3, ?4, ?5, "
                               "strftime('%Y-%m-%dT%H:%M:%S', 'now'))"));
  s.BindText(1, plan_id);
  s.BindText(2, number);
  BindDate(&s, 3, note.date);
  s.BindText(4, note.author);
  s.BindText(5, note.text);
  PROBATION_RETURN_IF_ERROR(s.Run());
  return txn.Commit();
}

Status SetQuarterRag(Database* db, std::string_view plan_id, std::string_view number,
                     const QuarterRag& rag) {
  PROBATION_RETURN_IF_ERROR(CheckQuarter(rag.quarter));
  if (rag.rag == Rag::kRed && rag.comment.empty()) {
    return InvalidArgument("a red RAG needs a comment saying why and what is being done");
  }
  PROBATION_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  PROBATION_RETURN_IF_ERROR(CheckItemExists(db, plan_id, number));
  // Updates sort after the file's RAGs, in the order they were set.
  PROBATION_ASSIGN_OR_RETURN(
      Statement s,
      db->Prepare("INSERT OR REPLACE INTO plan_quarter_rag (plan_id, number, quarter, origin, seq, "
                  "rag, comment) VALUES (?1, ?2, ?3, 'update', (SELECT coalesce(max(seq), 0) + 1 "
                  "FROM plan_quarter_rag WHERE plan_id = ?1), ?4, ?5)"));
  s.BindText(1, plan_id);
  s.BindText(2, number);
  s.BindText(3, rag.quarter);
  s.BindText(4, RagName(rag.rag));
  s.BindText(5, rag.comment);
  PROBATION_RETURN_IF_ERROR(s.Run());
  return txn.Commit();
}

}  // namespace probation::planning
