#include "planning/risk_register_file.h"

#include <map>
#include <set>

#include "base/financial_year.h"
#include "base/mapped_file.h"
#include "base/toml_reader.h"

namespace probation::planning {
namespace {

constexpr std::string_view kRegisterKeys =
    "id organisation title period source summary thresholds sections risks";
constexpr std::string_view kSectionKeys = "id title";
constexpr std::string_view kRiskKeys =
    "reference section title description threatens inherent residual owner due due_date success "
    "controls actions comments reviews next_review";
constexpr std::string_view kThreatKeys = "plan item text";
constexpr std::string_view kRatingKeys = "likelihood impact";
constexpr std::string_view kResidualKeys = "likelihood impact score";
constexpr std::string_view kReviewKeys = "date reviewer likelihood impact note";

class RegisterReader {
 public:
  RegisterReader(const std::string& path, std::string_view text, const RiskMatrix& matrix,
                 const ThresholdsLookup& lookup)
      : toml_(path, std::string(text)), matrix_(matrix), lookup_(lookup) {}

  Result<RiskRegister> Read() {
    const toml::table* root = toml_.Root();
    if (root == nullptr) return toml_.Finish();
    RiskRegister reg;
    const SourcePos top{1, 1};
    toml_.CheckKeys(*root, kRegisterKeys, "the register");
    if (toml_.GetText(*root, "id", top, true, &reg.id) && !IsRegisterId(reg.id)) {
      toml_.Error(TomlReader::Pos(*root->get("id")),
                  "'id' may only have lower-case letters, digits and '-', not '" + reg.id + "'");
    }
    toml_.GetText(*root, "organisation", top, true, &reg.organisation);
    toml_.GetText(*root, "title", top, true, &reg.title);
    if (toml_.GetText(*root, "period", top, true, &reg.period) &&
        FinancialYearStart(reg.period) < 0) {
      toml_.Error(
          TomlReader::Pos(*root->get("period")),
          "'period' must be a financial year such as \"2008-09\", not \"" + reg.period + "\"");
    }
    toml_.GetText(*root, "source", top, false, &reg.source);
    toml_.GetBool(*root, "summary", &reg.summary);
    std::optional<RiskThresholds> thresholds;
    if (toml_.GetText(*root, "thresholds", top, false, &reg.thresholds) || true) {
      Result<RiskThresholds> loaded = lookup_(reg.thresholds);
      if (loaded.ok()) {
        thresholds = std::move(*loaded);
      } else {
        const toml::node* node = root->get("thresholds");
        toml_.Error(node ? TomlReader::Pos(*node) : top,
                    "the thresholds cannot be loaded: " + loaded.status().message());
      }
    }
    std::set<std::string> section_ids;
    for (const toml::table* t : toml_.GetTables(*root, "sections")) {
      const SourcePos at = TomlReader::Pos(*t);
      toml_.CheckKeys(*t, kSectionKeys, "a section");
      RiskSection section;
      toml_.GetText(*t, "id", at, true, &section.id);
      toml_.GetText(*t, "title", at, false, &section.title);
      if (!section.id.empty() && !section_ids.insert(section.id).second) {
        toml_.Error(at, "section '" + section.id + "' is declared twice");
      }
      reg.sections.push_back(std::move(section));
    }
    std::map<std::string, int> references;  // reference -> line
    const std::vector<const toml::table*> risks = toml_.GetTables(*root, "risks");
    if (root->get("risks") == nullptr) toml_.Error(top, "the register has no [[risks]]");
    for (const toml::table* t : risks) {
      Risk risk = ReadRisk(*t, section_ids, thresholds ? &*thresholds : nullptr, reg.summary);
      const SourcePos at = TomlReader::Pos(*t);
      if (!risk.reference.empty()) {
        auto [it, inserted] = references.emplace(risk.reference, at.line);
        if (!inserted) {
          toml_.Error(at, "risk reference '" + risk.reference + "' is used twice (first at line " +
                              std::to_string(it->second) + ")");
        }
      }
      reg.risks.push_back(std::move(risk));
    }
    if (toml_.failed()) return toml_.Finish();
    return reg;
  }

 private:
  std::optional<Rating> ReadRatingKey(const toml::table& t, std::string_view key, SourcePos at,
                                      bool required) {
    std::string text;
    if (!toml_.GetText(t, key, at, required, &text)) return std::nullopt;
    Result<Rating> rating = ParseRating(text);
    if (!rating.ok()) {
      toml_.Error(TomlReader::Pos(*t.get(key)),
                  "'" + std::string(key) + "': " + rating.status().message());
      return std::nullopt;
    }
    return *rating;
  }

  std::optional<RiskRating> ReadRating(const toml::table& risk, std::string_view key,
                                       std::optional<int>* score) {
    const toml::table* t = toml_.GetTable(risk, key);
    if (t == nullptr) return std::nullopt;
    const SourcePos at = TomlReader::Pos(*t);
    toml_.CheckKeys(*t, score ? kResidualKeys : kRatingKeys, "'" + std::string(key) + "'");
    std::optional<Rating> l = ReadRatingKey(*t, "likelihood", at, true);
    std::optional<Rating> i = ReadRatingKey(*t, "impact", at, true);
    if (score != nullptr) {
      int value = 0;
      if (toml_.GetInt(*t, "score", at, false, &value)) *score = value;
    }
    if (!l || !i) return std::nullopt;
    return RiskRating{*l, *i};
  }

  Risk ReadRisk(const toml::table& t, const std::set<std::string>& sections,
                const RiskThresholds* thresholds, bool summary) {
    Risk risk;
    const SourcePos at = TomlReader::Pos(t);
    std::string where = "a risk";
    if (toml_.GetText(t, "reference", at, true, &risk.reference)) {
      where = "risk " + risk.reference;
    }
    toml_.CheckKeys(t, kRiskKeys, where);
    if (toml_.GetText(t, "section", at, false, &risk.section) &&
        sections.count(risk.section) == 0) {
      toml_.Error(TomlReader::Pos(*t.get("section")),
                  "'section' '" + risk.section + "' is not one of the register's [[sections]]");
    }
    toml_.GetText(t, "title", at, false, &risk.title);
    toml_.GetText(t, "description", at, true, &risk.description);
    for (const toml::table* th : toml_.GetTables(t, "threatens")) {
      toml_.CheckKeys(*th, kThreatKeys, "'threatens'");
      ThreatenedObjective objective;
      const SourcePos th_at = TomlReader::Pos(*th);
      toml_.GetText(*th, "plan", th_at, false, &objective.plan);
      toml_.GetText(*th, "item", th_at, false, &objective.item);
      toml_.GetText(*th, "text", th_at, false, &objective.text);
      if (objective.item.empty() && objective.text.empty()) {
        toml_.Error(th_at, "'threatens' needs an 'item' of a plan or a 'text'");
      }
      risk.threatens.push_back(std::move(objective));
    }
    risk.inherent = ReadRating(t, "inherent", nullptr);
    risk.residual = ReadRating(t, "residual", &risk.published_score);
    toml_.GetText(t, "owner", at, false, &risk.owner);
    toml_.GetText(t, "due", at, false, &risk.due);
    Date date;
    if (toml_.GetDate(t, "due_date", at, false, &date)) risk.due_date = date;
    toml_.GetText(t, "success", at, false, &risk.success);
    toml_.GetTextList(t, "controls", &risk.controls);
    toml_.GetTextList(t, "actions", &risk.actions);
    toml_.GetText(t, "comments", at, false, &risk.comments);
    if (toml_.GetDate(t, "next_review", at, false, &date)) risk.next_review = date;
    for (const toml::table* r : toml_.GetTables(t, "reviews")) {
      const SourcePos r_at = TomlReader::Pos(*r);
      toml_.CheckKeys(*r, kReviewKeys, "a review of " + where);
      RiskReview review;
      toml_.GetDate(*r, "date", r_at, true, &review.date);
      toml_.GetText(*r, "reviewer", r_at, true, &review.reviewer);
      toml_.GetText(*r, "note", r_at, false, &review.note);
      const bool has_l = r->get("likelihood") != nullptr;
      const bool has_i = r->get("impact") != nullptr;
      std::optional<Rating> l = ReadRatingKey(*r, "likelihood", r_at, false);
      std::optional<Rating> i = ReadRatingKey(*r, "impact", r_at, false);
      if (has_l != has_i) {
        toml_.Error(r_at, "a review gives both 'likelihood' and 'impact' or neither");
      } else if (l && i) {
        review.rating = RiskRating{*l, *i};
      }
      risk.reviews.push_back(std::move(review));
    }
    if (thresholds != nullptr && !toml_.failed()) {
      for (const RiskProblem& p : CheckRisk(risk, summary, matrix_, *thresholds)) {
        const toml::node* node = p.field == "score" ? t.get("residual") : t.get(p.field);
        toml_.Error(node ? TomlReader::Pos(*node) : at, where + ": " + p.message);
      }
    }
    return risk;
  }

  TomlReader toml_;
  const RiskMatrix& matrix_;
  const ThresholdsLookup& lookup_;
};

std::string RatingPart(std::string_view key, Rating r) {
  return std::string(key) + " = " + TomlWriter::Quote(RatingName(r));
}

}  // namespace

Result<RiskRegister> ParseRiskRegister(std::string_view text, const std::string& path,
                                       const RiskMatrix& matrix, const ThresholdsLookup& lookup) {
  return RegisterReader(path, text, matrix, lookup).Read();
}

Result<RiskRegister> ReadRiskRegisterFile(const std::string& path, const RiskMatrix& matrix) {
  PROBATION_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseRiskRegister(text, path, matrix,
                           [](std::string_view name) { return LoadRiskThresholds(name); });
}

std::string WriteRiskRegister(const RiskRegister& reg) {
  TomlWriter w;
  w.Text("id", reg.id);
  w.Text("organisation", reg.organisation);
  w.Text("title", reg.title);
  w.Text("period", reg.period);
  w.TextIfAny("source", reg.source);
  if (reg.summary) w.Bool("summary", true);
  if (reg.thresholds != "risk_thresholds.csv") w.Text("thresholds", reg.thresholds);
  for (const RiskSection& s : reg.sections) {
    w.ArrayTable("sections");
    w.Text("id", s.id);
    w.TextIfAny("title", s.title);
  }
  for (const Risk& r : reg.risks) {
    w.ArrayTable("risks");
    w.Text("reference", r.reference);
    w.TextIfAny("section", r.section);
    w.TextIfAny("title", r.title);
    w.Text("description", r.description);
    if (!r.threatens.empty()) {
      std::string list = "threatens = [";
      for (size_t i = 0; i < r.threatens.size(); ++i) {
        const ThreatenedObjective& t = r.threatens[i];
        std::vector<std::string> parts;
        if (!t.plan.empty()) parts.push_back("plan = " + TomlWriter::Quote(t.plan));
        if (!t.item.empty()) parts.push_back("item = " + TomlWriter::Quote(t.item));
        if (!t.text.empty()) parts.push_back("text = " + TomlWriter::Quote(t.text));
        list += i == 0 ? "{ " : ", { ";
        for (size_t p = 0; p < parts.size(); ++p) list += (p == 0 ? "" : ", ") + parts[p];
        list += " }";
      }
      w.Raw(list + "]\n");
    }
    if (r.inherent) {
      w.Inline("inherent", {RatingPart("likelihood", r.inherent->likelihood),
                            RatingPart("impact", r.inherent->impact)});
    }
    if (r.residual) {
      std::vector<std::string> parts = {RatingPart("likelihood", r.residual->likelihood),
                                        RatingPart("impact", r.residual->impact)};
      if (r.published_score) parts.push_back("score = " + std::to_string(*r.published_score));
      w.Inline("residual", parts);
    }
    w.TextIfAny("owner", r.owner);
    w.TextIfAny("due", r.due);
    if (r.due_date) w.DateValue("due_date", *r.due_date);
    w.TextIfAny("success", r.success);
    if (!r.controls.empty()) w.TextList("controls", r.controls);
    if (!r.actions.empty()) w.TextList("actions", r.actions);
    w.TextIfAny("comments", r.comments);
    if (r.next_review) w.DateValue("next_review", *r.next_review);
    for (const RiskReview& review : r.reviews) {
      w.ArrayTable("risks.reviews");
      w.DateValue("date", review.date);
      w.Text("reviewer", review.reviewer);
      if (review.rating) {
        w.Text("likelihood", RatingName(review.rating->likelihood));
        w.Text("impact", RatingName(review.rating->impact));
      }
      w.TextIfAny("note", review.note);
    }
  }
  return w.text();
}

}  // namespace probation::planning
