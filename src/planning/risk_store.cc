#include "planning/risk_store.h"

#include <algorithm>
#include <map>

namespace probation::planning {
namespace {

void BindOptionalText(Statement* s, int index, const std::string& text, bool present) {
  if (present) {
    s->BindText(index, text);
  } else {
    s->BindNull(index);
  }
}

Status InsertRisk(Database* db, const std::string& register_id, const Risk& r, int position) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement insert,
      db->Prepare("INSERT INTO risks (register_id, reference, position, section_id, title, "
                  "description, inherent_likelihood, inherent_impact, residual_likelihood, "
                  "residual_impact, published_score, owner, due, due_date, success, comments, "
                  "next_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  const std::string il = r.inherent ? std::string(RatingName(r.inherent->likelihood)) : "";
  const std::string ii = r.inherent ? std::string(RatingName(r.inherent->impact)) : "";
  const std::string rl = r.residual ? std::string(RatingName(r.residual->likelihood)) : "";
  const std::string ri = r.residual ? std::string(RatingName(r.residual->impact)) : "";
  const std::string due_date = r.due_date ? r.due_date->ToString() : "";
  const std::string next_review = r.next_review ? r.next_review->ToString() : "";
  insert.BindText(1, register_id);
  insert.BindText(2, r.reference);
  insert.BindInt(3, position);
  insert.BindText(4, r.section);
  insert.BindText(5, r.title);
  insert.BindText(6, r.description);
  BindOptionalText(&insert, 7, il, r.inherent.has_value());
  BindOptionalText(&insert, 8, ii, r.inherent.has_value());
  BindOptionalText(&insert, 9, rl, r.residual.has_value());
  BindOptionalText(&insert, 10, ri, r.residual.has_value());
  if (r.published_score) {
    insert.BindInt(11, *r.published_score);
  } else {
    insert.BindNull(11);
  }
  insert.BindText(12, r.owner);
  insert.BindText(13, r.due);
  BindOptionalText(&insert, 14, due_date, r.due_date.has_value());
  insert.BindText(15, r.success);
  insert.BindText(16, r.comments);
  BindOptionalText(&insert, 17, next_review, r.next_review.has_value());
  PROBATION_RETURN_IF_ERROR(insert.Run());

  PROBATION_ASSIGN_OR_RETURN(
      Statement threat, db->Prepare("INSERT INTO risk_threats (register_id, reference, "
                                    "position, plan_id, item, text) VALUES (?, ?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < r.threatens.size(); ++i) {
    threat.BindText(1, register_id);
    threat.BindText(2, r.reference);
    threat.BindInt(3, static_cast<int64_t>(i));
    threat.BindText(4, r.threatens[i].plan);
    threat.BindText(5, r.threatens[i].item);
    threat.BindText(6, r.threatens[i].text);
    PROBATION_RETURN_IF_ERROR(threat.Run());
    threat.Reset();
  }
  PROBATION_ASSIGN_OR_RETURN(Statement measure,
                             db->Prepare("INSERT INTO risk_measures (register_id, reference, kind, "
                                         "position, text) VALUES (?, ?, ?, ?, ?)"));
  for (const auto& [kind, list] :
       {std::pair<const char*, const std::vector<std::string>*>{"control", &r.controls},
        {"action", &r.actions}}) {
    for (size_t i = 0; i < list->size(); ++i) {
      measure.BindText(1, register_id);
      measure.BindText(2, r.reference);
      measure.BindText(3, kind);
      measure.BindInt(4, static_cast<int64_t>(i));
      measure.BindText(5, (*list)[i]);
      PROBATION_RETURN_IF_ERROR(measure.Run());
      measure.Reset();
    }
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement review,
      db->Prepare("INSERT INTO risk_reviews (register_id, reference, review_no, review_date, "
                  "reviewer, likelihood, impact, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < r.reviews.size(); ++i) {
    const RiskReview& v = r.reviews[i];
    const std::string date = v.date.ToString();
    const std::string l = v.rating ? std::string(RatingName(v.rating->likelihood)) : "";
    const std::string im = v.rating ? std::string(RatingName(v.rating->impact)) : "";
    review.BindText(1, register_id);
    review.BindText(2, r.reference);
    review.BindInt(3, static_cast<int64_t>(i + 1));
    review.BindText(4, date);
    review.BindText(5, v.reviewer);
    BindOptionalText(&review, 6, l, v.rating.has_value());
    BindOptionalText(&review, 7, im, v.rating.has_value());
    review.BindText(8, v.note);
    PROBATION_RETURN_IF_ERROR(review.Run());
    review.Reset();
  }
  return Status::Ok();
}

Status DeleteRegister(Database* db, const std::string& id) {
  PROBATION_ASSIGN_OR_RETURN(Statement del, db->Prepare("DELETE FROM risk_registers WHERE id = ?"));
  del.BindText(1, id);
  return del.Run();
}

Status InsertRegister(Database* db, const RiskRegister& reg) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement insert,
      db->Prepare("INSERT INTO risk_registers (id, organisation, title, period, source, summary, "
                  "thresholds) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  insert.BindText(1, reg.id);
  insert.BindText(2, reg.organisation);
  insert.BindText(3, reg.title);
  insert.BindText(4, reg.period);
  insert.BindText(5, reg.source);
  insert.BindInt(6, reg.summary ? 1 : 0);
  insert.BindText(7, reg.thresholds);
  PROBATION_RETURN_IF_ERROR(insert.Run());
  PROBATION_ASSIGN_OR_RETURN(Statement section,
                             db->Prepare("INSERT INTO risk_sections (register_id, position, "
                                         "section_id, title) VALUES (?, ?, ?, ?)"));
  for (size_t i = 0; i < reg.sections.size(); ++i) {
    section.BindText(1, reg.id);
    section.BindInt(2, static_cast<int64_t>(i));
    section.BindText(3, reg.sections[i].id);
    section.BindText(4, reg.sections[i].title);
    PROBATION_RETURN_IF_ERROR(section.Run());
    section.Reset();
  }
  for (size_t i = 0; i < reg.risks.size(); ++i) {
    PROBATION_RETURN_IF_ERROR(InsertRisk(db, reg.id, reg.risks[i], static_cast<int>(i)));
  }
  return Status::Ok();
}

Result<std::optional<RiskRating>> ReadRating(const Statement& s, int l, int i) {
  if (s.ColumnIsNull(l) || s.ColumnIsNull(i)) return std::optional<RiskRating>();
  PROBATION_ASSIGN_OR_RETURN(Rating likelihood, ParseRating(s.ColumnText(l)));
  PROBATION_ASSIGN_OR_RETURN(Rating impact, ParseRating(s.ColumnText(i)));
  return std::optional<RiskRating>(RiskRating{likelihood, impact});
}

Result<std::optional<Date>> ReadDate(const Statement& s, int column) {
  if (s.ColumnIsNull(column)) return std::optional<Date>();
  PROBATION_ASSIGN_OR_RETURN(Date d, Date::Parse(s.ColumnText(column)));
  return std::optional<Date>(d);
}

}  // namespace

Status SaveRegister(Database* db, const RiskRegister& reg) { return SaveRegisters(db, {reg}); }

// A re-import must not drop the reviews recorded since (`probation risks review`): every review
// the store holds must be in the new file too, as it is after export, edit and import.
Status CheckKeepsReviews(Database* db, const RiskRegister& reg) {
  Result<std::vector<RiskRegister>> existing = LoadRegisters(db, reg.id);
  if (existing.status().code() == StatusCode::kNotFound) return Status::Ok();
  if (!existing.ok()) return existing.status();
  for (const Risk& old : existing->front().risks) {
    const auto now = std::find_if(reg.risks.begin(), reg.risks.end(),
                                  [&](const Risk& r) { return r.reference == old.reference; });
    for (const RiskReview& review : old.reviews) {
      if (now != reg.risks.end() &&
          std::find(now->reviews.begin(), now->reviews.end(), review) != now->reviews.end()) {
        continue;
      }
      return FailedPrecondition(
          "register " + reg.id + ": the store holds a review of risk " + old.reference + " dated " +
          review.date.ToString() + " by " + review.reviewer +
          " that the new file does not have; export the register (probation risks export), "
          "edit that file and import it, so that no review is lost");
    }
  }
  return Status::Ok();
}

Status SaveRegisters(Database* db, const std::vector<RiskRegister>& registers) {
  PROBATION_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  for (const RiskRegister& reg : registers) {
    PROBATION_RETURN_IF_ERROR(CheckKeepsReviews(db, reg));
    PROBATION_RETURN_IF_ERROR(DeleteRegister(db, reg.id));
    PROBATION_RETURN_IF_ERROR(InsertRegister(db, reg));
  }
  return txn.Commit();
}

Result<std::vector<RiskRegister>> LoadRegisters(Database* db, const std::string& id) {
  std::vector<RiskRegister> registers;
  std::map<std::string, size_t> index;
  PROBATION_ASSIGN_OR_RETURN(Statement regs,
                             db->Prepare("SELECT id, organisation, title, period, source, summary, "
                                         "thresholds FROM risk_registers WHERE ?1 = '' OR id = ?1 "
                                         "ORDER BY id"));
  regs.BindText(1, id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, regs.Step());
    if (!row) break;
    RiskRegister reg;
    reg.id = regs.ColumnText(0);
    reg.organisation = regs.ColumnText(1);
    reg.title = regs.ColumnText(2);
    reg.period = regs.ColumnText(3);
    reg.source = regs.ColumnText(4);
    reg.summary = regs.ColumnInt(5) != 0;
    reg.thresholds = regs.ColumnText(6);
    index[reg.id] = registers.size();
    registers.push_back(std::move(reg));
  }
  if (!id.empty() && registers.empty()) return NotFound("there is no risk register '" + id + "'");

  PROBATION_ASSIGN_OR_RETURN(Statement sections,
                             db->Prepare("SELECT register_id, section_id, title FROM "
                                         "risk_sections WHERE ?1 = '' OR register_id = ?1 "
                                         "ORDER BY register_id, position"));
  sections.BindText(1, id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, sections.Step());
    if (!row) break;
    registers[index.at(std::string(sections.ColumnText(0)))].sections.push_back(
        {std::string(sections.ColumnText(1)), std::string(sections.ColumnText(2))});
  }

  // (register, reference) -> risk, for the child rows.
  std::map<std::pair<std::string, std::string>, Risk*> risks;
  PROBATION_ASSIGN_OR_RETURN(
      Statement rs,
      db->Prepare("SELECT register_id, reference, section_id, title, description, "
                  "inherent_likelihood, inherent_impact, residual_likelihood, residual_impact, "
                  "published_score, owner, due, due_date, success, comments, next_review "
                  "FROM risks WHERE ?1 = '' OR register_id = ?1 ORDER BY register_id, position"));
  rs.BindText(1, id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, rs.Step());
    if (!row) break;
    Risk r;
    const std::string register_id(rs.ColumnText(0));
    r.reference = rs.ColumnText(1);
    r.section = rs.ColumnText(2);
    r.title = rs.ColumnText(3);
    r.description = rs.ColumnText(4);
    PROBATION_ASSIGN_OR_RETURN(r.inherent, ReadRating(rs, 5, 6));
    PROBATION_ASSIGN_OR_RETURN(r.residual, ReadRating(rs, 7, 8));
    if (!rs.ColumnIsNull(9)) r.published_score = static_cast<int>(rs.ColumnInt(9));
    r.owner = rs.ColumnText(10);
    r.due = rs.ColumnText(11);
    PROBATION_ASSIGN_OR_RETURN(r.due_date, ReadDate(rs, 12));
    r.success = rs.ColumnText(13);
    r.comments = rs.ColumnText(14);
    PROBATION_ASSIGN_OR_RETURN(r.next_review, ReadDate(rs, 15));
    registers[index.at(register_id)].risks.push_back(std::move(r));
  }
  for (RiskRegister& reg : registers) {
    for (Risk& r : reg.risks) risks[{reg.id, r.reference}] = &r;
  }
  const auto find = [&](const Statement& s) -> Risk* {
    auto it = risks.find({std::string(s.ColumnText(0)), std::string(s.ColumnText(1))});
    return it == risks.end() ? nullptr : it->second;
  };

  PROBATION_ASSIGN_OR_RETURN(
      Statement threats,
      db->Prepare("SELECT register_id, reference, plan_id, item, text FROM risk_threats "
                  "WHERE ?1 = '' OR register_id = ?1 ORDER BY register_id, reference, position"));
  threats.BindText(1, id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, threats.Step());
    if (!row) break;
    if (Risk* r = find(threats)) {
      r->threatens.push_back({std::string(threats.ColumnText(2)),
                              std::string(threats.ColumnText(3)),
                              std::string(threats.ColumnText(4))});
    }
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement measures,
      db->Prepare("SELECT register_id, reference, kind, text FROM risk_measures WHERE ?1 = '' OR "
                  "register_id = ?1 ORDER BY register_id, reference, kind, position"));
  measures.BindText(1, id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, measures.Step());
    if (!row) break;
    if (Risk* r = find(measures)) {
      (measures.ColumnText(2) == "control" ? r->controls : r->actions)
          .emplace_back(measures.ColumnText(3));
    }
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement reviews,
      db->Prepare("SELECT register_id, reference, review_date, reviewer, likelihood, impact, "
                  "note FROM risk_reviews WHERE ?1 = '' OR register_id = ?1 "
                  "ORDER BY register_id, reference, review_no"));
  reviews.BindText(1, id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, reviews.Step());
    if (!row) break;
    Risk* r = find(reviews);
    if (r == nullptr) continue;
    RiskReview v;
    PROBATION_ASSIGN_OR_RETURN(v.date, Date::Parse(reviews.ColumnText(2)));
    v.reviewer = reviews.ColumnText(3);
    PROBATION_ASSIGN_OR_RETURN(v.rating, ReadRating(reviews, 4, 5));
    v.note = reviews.ColumnText(6);
    r->reviews.push_back(std::move(v));
  }
  return registers;
}

Status AddReview(Database* db, const std::string& register_id, const std::string& reference,
                 const RiskReview& review, const std::string& comments, const RiskMatrix& matrix,
                 const RiskThresholds& thresholds) {
  PROBATION_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  PROBATION_ASSIGN_OR_RETURN(std::vector<RiskRegister> found, LoadRegisters(db, register_id));
  RiskRegister& reg = found.front();
  Risk* risk = nullptr;
  for (Risk& r : reg.risks) {
    if (r.reference == reference) risk = &r;
  }
  if (risk == nullptr) {
    return NotFound("risk register '" + register_id + "' has no risk '" + reference + "'");
  }
  if (!risk->reviews.empty() && review.date < risk->reviews.back().date) {
    return InvalidArgument("the review date " + review.date.ToString() +
                           " is before the risk's last review, " +
                           risk->reviews.back().date.ToString());
  }
  risk->reviews.push_back(review);
  if (review.rating) {
    risk->residual = review.rating;
    risk->published_score.reset();
  }
  if (!comments.empty()) risk->comments = comments;
  const std::vector<RiskProblem> problems = CheckRisk(*risk, reg.summary, matrix, thresholds);
  if (!problems.empty()) {
    std::string message = "risk " + reference + " of " + register_id + ": ";
    for (size_t i = 0; i < problems.size(); ++i) {
      message += (i == 0 ? "" : "; ") + problems[i].message;
    }
    return InvalidArgument(message);
  }
  PROBATION_RETURN_IF_ERROR(DeleteRegister(db, reg.id));
  PROBATION_RETURN_IF_ERROR(InsertRegister(db, reg));
  return txn.Commit();
}

}  // namespace probation::planning
