#include "planning/plan_file.h"

#include <vector>

#include "base/mapped_file.h"
#include "base/toml_reader.h"

namespace probation::planning {
namespace {

// The keys each table may have, separated by spaces.
constexpr std::string_view kPlanKeys =
    "id organisation title kind start end source description reporting_quarters context leads "
    "lists items milestones";
constexpr std::string_view kContextKeys = "code level group text";
constexpr std::string_view kLeadKeys = "code name role";
constexpr std::string_view kListKeys = "name entries";
constexpr std::string_view kItemKeys =
    "number parent kind title description success measure deadline deadline_text completed "
    "lead governance level accomplishment context context_text measures activities progress rag";
constexpr std::string_view kActivityKeys = "year text";
constexpr std::string_view kProgressKeys = "date author text";
constexpr std::string_view kRagKeys = "quarter rag comment";
constexpr std::string_view kMilestoneKeys = "month date when text item";

// "6.4.1" -> "6.4"; "O1" -> "".
std::string DefaultParent(std::string_view number) {
  const size_t dot = number.rfind('.');
  return dot == std::string_view::npos ? std::string() : std::string(number.substr(0, dot));
}

// Reads one plan file, collecting every problem before giving up.
class PlanReader {
 public:
  PlanReader(std::string_view text, std::string_view source)
      : toml_(std::string(source), std::string(text)) {}

  Result<Plan> Read() {
    const toml::table* root = toml_.Root();
    if (root == nullptr) return toml_.Finish();
    Plan plan;
    toml_.CheckKeys(*root, kPlanKeys, "the plan");
    const SourcePos top{1, 1};
    toml_.GetText(*root, "id", top, true, &plan.id);
    toml_.GetText(*root, "organisation", top, true, &plan.organisation);
    toml_.GetText(*root, "title", top, true, &plan.title);
    toml_.GetText(*root, "kind", top, true, &plan.kind);
    toml_.GetDate(*root, "start", top, true, &plan.start);
    toml_.GetDate(*root, "end", top, true, &plan.end);
    toml_.GetText(*root, "source", top, false, &plan.source);
    toml_.GetText(*root, "description", top, false, &plan.description);
    toml_.GetTextList(*root, "reporting_quarters", &plan.reporting_quarters);

    for (const toml::table* t : Tables(*root, "context", kContextKeys)) {
      const SourcePos at = TomlReader::Pos(*t);
      ContextCode& c = plan.context.emplace_back();
      toml_.GetText(*t, "code", at, true, &c.code);
      toml_.GetText(*t, "level", at, false, &c.level);
      toml_.GetText(*t, "group", at, false, &c.group);
      toml_.GetText(*t, "text", at, true, &c.text);
    }
    for (const toml::table* t : Tables(*root, "leads", kLeadKeys)) {
      const SourcePos at = TomlReader::Pos(*t);
      Lead& l = plan.leads.emplace_back();
      toml_.GetText(*t, "code", at, true, &l.code);
      toml_.GetText(*t, "name", at, false, &l.name);
      toml_.GetText(*t, "role", at, false, &l.role);
    }
    for (const toml::table* t : Tables(*root, "lists", kListKeys)) {
      PlanList& l = plan.lists.emplace_back();
      toml_.GetText(*t, "name", TomlReader::Pos(*t), true, &l.name);
      toml_.GetTextList(*t, "entries", &l.entries);
    }
    for (const toml::table* t : Tables(*root, "items", kItemKeys)) {
      plan.items.push_back(ReadItem(*t));
    }
    for (const toml::table* t : Tables(*root, "milestones", kMilestoneKeys)) {
      const SourcePos at = TomlReader::Pos(*t);
      Milestone& m = plan.milestones.emplace_back();
      toml_.GetText(*t, "month", at, false, &m.month);
      toml_.GetDate(*t, "date", at, false, &m.date);
      toml_.GetText(*t, "when", at, false, &m.when);
      toml_.GetText(*t, "text", at, true, &m.text);
      toml_.GetText(*t, "item", at, false, &m.item);
    }
    if (toml_.failed()) return toml_.Finish();
    for (const PlanProblem& p : FindPlanProblems(plan)) toml_.Error(toml_.Where(p.path), p.message);
    if (toml_.failed()) return toml_.Finish();
    return plan;
  }

 private:
  // The tables of the array `key` of `parent` ([[items]], or [[items.activities]] under an
  // item), each with its keys checked.
  std::vector<const toml::table*> Tables(const toml::table& parent, std::string_view key,
                                         std::string_view allowed, std::string_view prefix = {}) {
    const std::string name = (prefix.empty() ? "" : std::string(prefix) + ".") + std::string(key);
    const std::vector<const toml::table*> tables = toml_.GetTables(parent, key, name);
    for (const toml::table* t : tables) toml_.CheckKeys(*t, allowed, "[[" + name + "]]");
    return tables;
  }

  PlanItem ReadItem(const toml::table& t) {
    const SourcePos at = TomlReader::Pos(t);
    PlanItem item;
    toml_.GetText(t, "number", at, true, &item.number);
    item.parent = DefaultParent(item.number);
    toml_.GetText(t, "parent", at, false, &item.parent);
    toml_.GetText(t, "kind", at, true, &item.kind);
    toml_.GetText(t, "title", at, true, &item.title);
    toml_.GetText(t, "description", at, false, &item.description);
    toml_.GetText(t, "success", at, false, &item.success);
    toml_.GetText(t, "measure", at, false, &item.measure);
    toml_.GetDate(t, "deadline", at, false, &item.deadline);
    toml_.GetText(t, "deadline_text", at, false, &item.deadline_text);
    toml_.GetDate(t, "completed", at, false, &item.completed);
    toml_.GetText(t, "lead", at, false, &item.lead);
    toml_.GetText(t, "governance", at, false, &item.governance);
    toml_.GetText(t, "level", at, false, &item.level);
    std::string accomplishment;
    if (toml_.GetText(t, "accomplishment", at, false, &accomplishment)) {
      Result<Accomplishment> a = ParseAccomplishment(accomplishment);
      if (a.ok()) {
        item.accomplishment = *a;
      } else {
        toml_.Error(TomlReader::Pos(*t.get("accomplishment")), a.status().message());
      }
    }
    toml_.GetTextList(t, "context", &item.context);
    toml_.GetText(t, "context_text", at, false, &item.context_text);
    std::vector<std::string> measures;
    toml_.GetTextList(t, "measures", &measures);
    for (const std::string& m : measures) {
      const size_t colon = m.find(':');
      if (colon == std::string::npos) {
        item.measures.push_back({"", m});
      } else {
        item.measures.push_back({m.substr(0, colon), m.substr(colon + 1)});
      }
    }
    for (const toml::table* a : Tables(t, "activities", kActivityKeys, "items")) {
      const SourcePos a_at = TomlReader::Pos(*a);
      PlannedActivity& act = item.activities.emplace_back();
      toml_.GetText(*a, "year", a_at, true, &act.year);
      toml_.GetText(*a, "text", a_at, true, &act.text);
    }
    for (const toml::table* p : Tables(t, "progress", kProgressKeys, "items")) {
      const SourcePos p_at = TomlReader::Pos(*p);
      ProgressNote& note = item.progress.emplace_back();
      toml_.GetDate(*p, "date", p_at, false, &note.date);
      toml_.GetText(*p, "author", p_at, false, &note.author);
      toml_.GetText(*p, "text", p_at, true, &note.text);
    }
    for (const toml::table* r : Tables(t, "rag", kRagKeys, "items")) {
      const SourcePos r_at = TomlReader::Pos(*r);
      QuarterRag& q = item.rag.emplace_back();
      toml_.GetText(*r, "quarter", r_at, true, &q.quarter);
      std::string rag;
      if (toml_.GetText(*r, "rag", r_at, true, &rag)) {
        Result<Rag> parsed = ParseRag(rag);
        if (parsed.ok()) {
          q.rag = *parsed;
        } else {
          toml_.Error(TomlReader::Pos(*r->get("rag")), parsed.status().message());
        }
      }
      toml_.GetText(*r, "comment", r_at, false, &q.comment);
    }
    return item;
  }

  TomlReader toml_;
};

}  // namespace

Result<Plan> ParsePlanText(std::string_view text, std::string_view source_name) {
  return PlanReader(text, source_name).Read();
}

Result<Plan> ParsePlanFile(const std::string& path) {
  Result<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  return ParsePlanText(*text, path);
}

std::string WritePlanText(const Plan& plan) {
  using Layout = TomlWriter::Layout;
  TomlWriter w(TomlWriter::Breaks::kEscaped);
  w.Comment(plan.title + " (" + plan.organisation + "). Plan file format: docs/plans.md.");
  w.TextIfAny("id", plan.id);
  w.TextIfAny("organisation", plan.organisation);
  w.TextIfAny("title", plan.title);
  w.TextIfAny("kind", plan.kind);
  w.DateValue("start", plan.start);
  w.DateValue("end", plan.end);
  w.TextIfAny("source", plan.source);
  w.TextIfAny("description", plan.description);
  w.TextListIfAny("reporting_quarters", plan.reporting_quarters, Layout::kInline);
  for (const ContextCode& c : plan.context) {
    w.ArrayTable("context");
    w.TextIfAny("code", c.code);
    w.TextIfAny("level", c.level);
    w.TextIfAny("group", c.group);
    w.TextIfAny("text", c.text);
  }
  for (const Lead& l : plan.leads) {
    w.ArrayTable("leads");
    w.TextIfAny("code", l.code);
    w.TextIfAny("name", l.name);
    w.TextIfAny("role", l.role);
  }
  for (const PlanList& l : plan.lists) {
    w.ArrayTable("lists");
    w.TextIfAny("name", l.name);
    w.TextListIfAny("entries", l.entries, Layout::kOneALine);
  }
  for (const PlanItem& item : plan.items) {
    w.ArrayTable("items");
    w.TextIfAny("number", item.number);
    if (item.parent != DefaultParent(item.number)) w.Text("parent", item.parent);
    w.TextIfAny("kind", item.kind);
    w.TextIfAny("title", item.title);
    w.TextIfAny("description", item.description);
    w.TextIfAny("success", item.success);
    w.TextIfAny("measure", item.measure);
    w.DateIfAny("deadline", item.deadline);
    w.TextIfAny("deadline_text", item.deadline_text);
    w.DateIfAny("completed", item.completed);
    w.TextIfAny("lead", item.lead);
    w.TextIfAny("governance", item.governance);
    w.TextIfAny("level", item.level);
    w.TextIfAny("accomplishment", AccomplishmentName(item.accomplishment));
    w.TextListIfAny("context", item.context, Layout::kInline);
    w.TextIfAny("context_text", item.context_text);
    std::vector<std::string> measures;
    for (const MeasureRef& m : item.measures) {
      measures.push_back(m.framework.empty() ? m.code : m.framework + ":" + m.code);
    }
    w.TextListIfAny("measures", measures, Layout::kInline);
    for (const PlannedActivity& a : item.activities) {
      w.ArrayTable("items.activities");
      w.TextIfAny("year", a.year);
      w.TextIfAny("text", a.text);
    }
    for (const ProgressNote& p : item.progress) {
      w.ArrayTable("items.progress");
      w.DateIfAny("date", p.date);
      w.TextIfAny("author", p.author);
      w.TextIfAny("text", p.text);
    }
    for (const QuarterRag& r : item.rag) {
      w.ArrayTable("items.rag");
      w.TextIfAny("quarter", r.quarter);
      w.TextIfAny("rag", RagName(r.rag));
      w.TextIfAny("comment", r.comment);
    }
  }
  for (const Milestone& m : plan.milestones) {
    w.ArrayTable("milestones");
    w.TextIfAny("month", m.month);
    w.DateIfAny("date", m.date);
    w.TextIfAny("when", m.when);
    w.TextIfAny("text", m.text);
    w.TextIfAny("item", m.item);
  }
  return w.text();
}

}  // namespace probation::planning
