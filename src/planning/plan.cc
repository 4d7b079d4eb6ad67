#include "planning/plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/financial_year.h"

namespace probation::planning {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string LowerCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = Lower(c);
  return out;
}

bool IsDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsPlanId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsMonth(std::string_view month) {
  if (month.size() != 7 || month[4] != '-' || !IsDigits(month.substr(0, 4)) ||
      !IsDigits(month.substr(5))) {
    return false;
  }
  const int m = std::stoi(std::string(month.substr(5)));
  return m >= 1 && m <= 12;
}

template <size_t N>
bool OneOf(std::string_view text, const std::string_view (&choices)[N]) {
  return std::find(std::begin(choices), std::end(choices), text) != std::end(choices);
}

template <size_t N>
std::string ChoiceList(const std::string_view (&choices)[N]) {
  std::string list;
  for (size_t i = 0; i < N; ++i) {
    list += std::string(i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(choices[i]);
  }
  return list;
}

}  // namespace

std::string_view RagName(Rag rag) {
  switch (rag) {
    case Rag::kRed:
      return "R";
    case Rag::kAmber:
      return "A";
    case Rag::kGreen:
      return "G";
  }
  return "?";
}

Result<Rag> ParseRag(std::string_view text) {
  const std::string lower = LowerCase(text);
  if (lower == "r" || lower == "red") return Rag::kRed;
  if (lower == "a" || lower == "amber") return Rag::kAmber;
  if (lower == "g" || lower == "green") return Rag::kGreen;
  return InvalidArgument("'" + std::string(text) + "' is not a RAG rating; use R, A or G");
}

std::string_view AccomplishmentName(Accomplishment a) {
  switch (a) {
    case Accomplishment::kNone:
      return "";
    case Accomplishment::kPartly:
      return "partly";
    case Accomplishment::kSignificantly:
      return "significantly";
    case Accomplishment::kFully:
      return "fully";
  }
  return "";
}

Result<Accomplishment> ParseAccomplishment(std::string_view text) {
  const std::string lower = LowerCase(text);
  if (lower == "fully") return Accomplishment::kFully;
  if (lower == "significantly") return Accomplishment::kSignificantly;
  if (lower == "partly") return Accomplishment::kPartly;
  return InvalidArgument("'" + std::string(text) +
                         "' is not an accomplishment level; use fully, significantly or partly");
}

const PlanItem* Plan::FindItem(std::string_view number) const {
  for (const PlanItem& item : items) {
    if (item.number == number) return &item;
  }
  return nullptr;
}

PlanItem* Plan::FindItem(std::string_view number) {
  for (PlanItem& item : items) {
    if (item.number == number) return &item;
  }
  return nullptr;
}

Status CheckQuarter(std::string_view text) {
  if (text.size() == 7 && IsDigits(text.substr(0, 4)) && text.substr(4, 2) == "-Q" &&
      text[6] >= '1' && text[6] <= '4') {
    return Status::Ok();
  }
  return InvalidArgument("'" + std::string(text) +
                         "' is not a financial quarter; write YYYY-Qn, e.g. 2008-Q3 for "
                         "October-December 2008");
}

const QuarterRag* LatestRag(const PlanItem& item) {
  const QuarterRag* latest = nullptr;
  for (const QuarterRag& r : item.rag) {
    // "YYYY-Qn" sorts as text.
    if (latest == nullptr || r.quarter >= latest->quarter) latest = &r;
  }
  return latest;
}

std::vector<PlanProblem> FindPlanProblems(const Plan& plan) {
  std::vector<PlanProblem> problems;
  const auto add = [&](std::string path, std::string message) {
    problems.push_back({std::move(path), std::move(message)});
  };
  if (!IsPlanId(plan.id)) {
    add("id", "the plan id '" + plan.id + "' must be lower-case letters, digits and '-'");
  }
  if (plan.organisation.empty()) add("organisation", "the plan needs an 'organisation'");
  if (plan.title.empty()) add("title", "the plan needs a 'title'");
  if (!OneOf(plan.kind, kPlanKinds)) {
    add("kind", "the plan's kind must be " + ChoiceList(kPlanKinds) + ", not '" + plan.kind + "'");
  }
  if (plan.end < plan.start) {
    add("end", "the period ends (" + plan.end.ToString() + ") before it starts (" +
                   plan.start.ToString() + ")");
  }
  for (size_t i = 0; i < plan.reporting_quarters.size(); ++i) {
    const Status s = CheckQuarter(plan.reporting_quarters[i]);
    if (!s.ok()) add("reporting_quarters", "reporting_quarters: " + s.message());
  }

  std::set<std::string> codes;
  for (size_t i = 0; i < plan.context.size(); ++i) {
    const ContextCode& c = plan.context[i];
    const std::string path = "context[" + std::to_string(i) + "]";
    if (c.code.empty()) add(path + ".code", "a context code needs a 'code'");
    if (!codes.insert(c.code).second) {
      add(path + ".code", "context code " + c.code + " is defined twice");
    }
  }
  std::set<std::string> lead_codes;
  for (size_t i = 0; i < plan.leads.size(); ++i) {
    const std::string path = "leads[" + std::to_string(i) + "]";
    if (plan.leads[i].code.empty()) add(path + ".code", "a lead needs a 'code'");
    if (!lead_codes.insert(plan.leads[i].code).second) {
      add(path + ".code", "lead " + plan.leads[i].code + " is defined twice");
    }
  }
  for (size_t i = 0; i < plan.lists.size(); ++i) {
    if (plan.lists[i].name.empty()) {
      add("lists[" + std::to_string(i) + "].name", "a list needs a 'name'");
    }
  }

  std::map<std::string, size_t> seen;  // number -> index
  for (size_t i = 0; i < plan.items.size(); ++i) {
    const PlanItem& item = plan.items[i];
    const std::string path = "items[" + std::to_string(i) + "]";
    const std::string who =
        "item " + (item.number.empty() ? "#" + std::to_string(i + 1) : item.number);
    if (item.number.empty()) {
      add(path + ".number", who + ": the item needs a 'number'");
    } else if (auto [it, inserted] = seen.emplace(item.number, i); !inserted) {
      add(path + ".number", who + ": the number is used twice (first by item #" +
                                std::to_string(it->second + 1) + ")");
    }
    if (!item.parent.empty() && seen.find(item.parent) == seen.end()) {
      const bool later = plan.FindItem(item.parent) != nullptr;
      add(path + ".parent",
          who + ": the parent " + item.parent +
              (later ? " must come before its children" : " is not an item of the plan"));
    }
    if (item.parent == item.number && !item.number.empty()) {
      add(path + ".parent", who + ": an item cannot be its own parent");
    }
    if (!OneOf(item.kind, kItemKinds)) {
      add(path + ".kind",
          who + ": the kind must be " + ChoiceList(kItemKinds) + ", not '" + item.kind + "'");
    }
    if (item.title.empty()) add(path + ".title", who + ": the item needs a 'title'");
    std::set<std::string> item_codes;
    for (const std::string& code : item.context) {
      if (codes.find(code) == codes.end()) {
        add(path + ".context",
            who + ": context code " + code + " is not defined in the plan's [[context]] tables");
      } else if (!item_codes.insert(code).second) {
        add(path + ".context", who + ": context code " + code + " is listed twice");
      }
    }
    for (size_t m = 0; m < item.measures.size(); ++m) {
      if (item.measures[m].code.empty()) {
        add(path + ".measures", who + ": a related measure needs a code");
      }
    }
    for (size_t a = 0; a < item.activities.size(); ++a) {
      const PlannedActivity& act = item.activities[a];
      const std::string apath = path + ".activities[" + std::to_string(a) + "]";
      if (FinancialYearStart(act.year) < 0) {
        add(apath + ".year", who +
                                 ": planned activities' year must be a financial year such as "
                                 "\"2011-12\", not \"" +
                                 act.year + "\"");
      }
      if (act.text.empty()) add(apath + ".text", who + ": a planned activity needs 'text'");
    }
    for (size_t p = 0; p < item.progress.size(); ++p) {
      if (item.progress[p].text.empty()) {
        add(path + ".progress[" + std::to_string(p) + "].text",
            who + ": a progress note needs 'text'");
      }
    }
    std::set<std::string> quarters;
    for (size_t r = 0; r < item.rag.size(); ++r) {
      const QuarterRag& q = item.rag[r];
      const std::string rpath = path + ".rag[" + std::to_string(r) + "]";
      if (const Status s = CheckQuarter(q.quarter); !s.ok()) {
        add(rpath + ".quarter", who + ": " + s.message());
      } else if (!quarters.insert(q.quarter).second) {
        add(rpath + ".quarter", who + ": " + q.quarter + " is rated twice");
      }
      if (q.rag == Rag::kRed && q.comment.empty()) {
        add(rpath + ".comment",
            who + ": a red RAG for " + q.quarter + " needs a comment saying why and what is done");
      }
    }
  }
  for (size_t i = 0; i < plan.milestones.size(); ++i) {
    const Milestone& m = plan.milestones[i];
    const std::string path = "milestones[" + std::to_string(i) + "]";
    if (!m.month.empty() && !IsMonth(m.month)) {
      add(path + ".month",
          "milestone '" + m.text + "': the month must be YYYY-MM, not '" + m.month + "'");
    }
    if (!m.month.empty() && m.date) {
      add(path + ".date", "milestone '" + m.text + "': give a month or a date, not both");
    }
    if (m.text.empty()) add(path + ".text", "a milestone needs 'text'");
    if (!m.item.empty() && plan.FindItem(m.item) == nullptr) {
      add(path + ".item", "milestone '" + m.text + "': item " + m.item + " is not in the plan");
    }
  }
  return problems;
}

Status ValidatePlan(const Plan& plan) {
  const std::vector<PlanProblem> problems = FindPlanProblems(plan);
  if (problems.empty()) return Status::Ok();
  std::string message = "plan " + plan.id + ":";
  for (const PlanProblem& p : problems) message += "\n  " + p.message;
  return InvalidArgument(message);
}

}  // namespace probation::planning
