#include "planning/plan_queries.h"

#include <algorithm>
#include <tuple>

namespace probation::planning {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return out;
}

bool Contains(std::string_view haystack, const std::string& lower_needle) {
  return Lower(haystack).find(lower_needle) != std::string::npos;
}

}  // namespace

bool IsDone(const PlanItem& item, Date as_of) {
  if (item.accomplishment == Accomplishment::kFully) return true;
  return item.completed && *item.completed <= as_of;
}

std::vector<ItemRef> OverdueActions(const std::vector<Plan>& plans, Date as_of) {
  struct Keyed {
    Date deadline;
    size_t plan, index;
    ItemRef ref;
  };
  std::vector<Keyed> found;
  for (size_t p = 0; p < plans.size(); ++p) {
    for (size_t i = 0; i < plans[p].items.size(); ++i) {
      const PlanItem& item = plans[p].items[i];
      if (!item.deadline || !(*item.deadline < as_of) || IsDone(item, as_of)) continue;
      found.push_back({*item.deadline, p, i, {&plans[p], &item}});
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Keyed& a, const Keyed& b) {
    return std::tie(a.deadline, a.ref.plan->id, a.index) <
           std::tie(b.deadline, b.ref.plan->id, b.index);
  });
  std::vector<ItemRef> out;
  for (const Keyed& k : found) out.push_back(k.ref);
  return out;
}

std::map<std::string, std::vector<ItemRef>> ActionsByLead(const std::vector<Plan>& plans,
                                                          std::string_view owner) {
  const std::string needle = Lower(owner);
  std::map<std::string, std::vector<ItemRef>> out;
  for (const Plan& plan : plans) {
    for (const PlanItem& item : plan.items) {
      if (item.lead.empty()) continue;
      if (!needle.empty()) {
        bool match = Contains(item.lead, needle);
        for (const Lead& l : plan.leads) {
          if (l.code == item.lead && (Contains(l.name, needle) || Contains(l.role, needle))) {
            match = true;
          }
        }
        if (!match) continue;
      }
      out[item.lead].push_back({&plan, &item});
    }
  }
  return out;
}

const QuarterRag* RagAsOf(const PlanItem& item, std::string_view quarter) {
  const QuarterRag* best = nullptr;
  for (const QuarterRag& r : item.rag) {
    if (r.quarter > quarter) continue;  // "YYYY-Qn" sorts as text
    if (best == nullptr || r.quarter >= best->quarter) best = &r;
  }
  return best;
}

std::vector<RagSummary> QuarterRagSummary(const std::vector<Plan>& plans,
                                          std::string_view quarter) {
  std::vector<RagSummary> out;
  for (const Plan& plan : plans) {
    RagSummary s;
    s.plan_id = plan.id;
    s.quarter = quarter;
    const bool has_actions = std::any_of(plan.items.begin(), plan.items.end(),
                                         [](const PlanItem& i) { return i.kind == "action"; });
    for (const PlanItem& item : plan.items) {
      if (has_actions && item.kind != "action") continue;
      const QuarterRag* exact = nullptr;
      for (const QuarterRag& r : item.rag) {
        if (r.quarter == quarter) exact = &r;
      }
      const auto count = [](const QuarterRag* r, int* red, int* amber, int* green, int* none) {
        if (r == nullptr) {
          ++*none;
        } else if (r->rag == Rag::kRed) {
          ++*red;
        } else if (r->rag == Rag::kAmber) {
          ++*amber;
        } else {
          ++*green;
        }
      };
      count(exact, &s.red, &s.amber, &s.green, &s.not_rated);
      count(RagAsOf(item, quarter), &s.latest_red, &s.latest_amber, &s.latest_green,
            &s.latest_not_rated);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace probation::planning
