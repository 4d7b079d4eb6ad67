#include "ingest/generator_documents.h"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace probation::gen {
namespace {

namespace fs = std::filesystem;

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string YearLabel(int fy) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d-%02d", fy, (fy + 1) % 100);
  return buf;
}

// The last day of quarter `q` (1-4) of financial year `fy`.
Date QuarterEnd(int fy, int q) {
  switch (q) {
    case 1:
      return Date::FromCivil(fy, 7, 1) - 1;
    case 2:
      return Date::FromCivil(fy, 10, 1) - 1;
    case 3:
      return Date::FromCivil(fy + 1, 1, 1) - 1;
    default:
      return Date::FromCivil(fy + 1, 4, 1) - 1;
  }
}

Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return IoError("cannot write " + path.string());
  return Status::Ok();
}

// FTE in post on `day` by LDU (head office staff under the trust's own name), in LDU order.
std::vector<std::pair<std::string, double>> FteByUnit(const Trust& trust, Date day) {
  std::vector<double> fte(trust.ldus.size() + 1, 0);
  for (const StaffMember& m : trust.staff) {
    if (!m.InPost(day)) continue;
    const size_t unit = m.team >= 0
                            ? static_cast<size_t>(trust.teams[static_cast<size_t>(m.team)].ldu)
                            : trust.ldus.size();
    fte[unit] += m.fte_tenths / 10.0;
  }
  std::vector<std::pair<std::string, double>> out;
  for (size_t l = 0; l < trust.ldus.size(); ++l) out.emplace_back(trust.ldus[l].name, fte[l]);
  out.emplace_back("Head office", fte.back());
  return out;
}

}  // namespace

Status WriteTrustDocuments(const Trust& trust, const Window& window, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return IoError("cannot make the folder " + dir + ": " + ec.message());
  const int fy = window.as_at.month() >= 4 ? window.as_at.year() : window.as_at.year() - 1;
  const std::string label = YearLabel(fy);
  std::string id_stem;
  for (char c : trust.code) {
    id_stem += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::string plan_id = id_stem + "-" + label;
  const std::string source = "generated with the trust's case records (probation generate)";

  // The business plan: two aims, an action per LDU (deadlines through the year, every other
  // one done by its deadline, the others still open) and one for unpaid work.
  std::string plan = "# " + trust.name + ", Business Plan " + label +
                     ": generated with its data, so that its board pack is its own.\n";
  plan += "id = " + Quote(plan_id) + "\norganisation = " + Quote(trust.name) +
          "\ntitle = " + Quote("Business Plan " + label) +
          "\nkind = \"business-plan\"\nstart = " + Date::FromCivil(fy, 4, 1).ToString() +
          "\nend = " + (Date::FromCivil(fy + 1, 4, 1) - 1).ToString() + "\nsource = " +
          Quote(source) + "\n";
  plan += "\n[[items]]\nnumber = \"1\"\nkind = \"aim\"\ntitle = \"Protect the public: assess "
          "the risk of harm promptly in every LDU\"\n";
  for (size_t l = 0; l < trust.ldus.size(); ++l) {
    const Date deadline = QuarterEnd(fy, static_cast<int>(l % 4) + 1);
    const bool done = l % 2 == 0 && deadline <= window.as_at;
    plan += "\n[[items]]\nnumber = \"1." + std::to_string(l + 1) +
            "\"\nkind = \"action\"\ntitle = " +
            Quote("Risk of harm assessments within five working days in " + trust.ldus[l].name) +
            "\nlead = " + Quote("ACO, " + trust.ldus[l].name) + "\ndeadline = " +
            deadline.ToString() + "\nmeasures = [\"nps-2005-06:PT1\"]\n";
    if (done) plan += "completed = " + deadline.ToString() + "\n";
    for (int q = 1; q <= 4 && QuarterEnd(fy, q) <= window.as_at; ++q) {
      plan += "\n[[items.rag]]\nquarter = \"" + std::to_string(fy) + "-Q" + std::to_string(q) +
              "\"\nrag = \"" + (done ? "G" : q >= 2 ? "A" : "G") + "\"\n";
    }
  }
  plan += "\n[[items]]\nnumber = \"2\"\nkind = \"aim\"\ntitle = \"Deliver the orders of the "
          "court\"\n\n[[items]]\nnumber = \"2.1\"\nkind = \"action\"\ntitle = \"Unpaid work "
          "placements for every order within ten working days\"\nlead = \"ACO, Interventions\"\n"
          "deadline = " +
          (Date::FromCivil(fy + 1, 4, 1) - 1).ToString() + "\nmeasures = [\"nps-2005-06:PT8\"]\n";
  PROBATION_RETURN_IF_ERROR(WriteFile(fs::path(dir) / "plan.toml", plan));

  // The risk register, rated on the risk matrix (reference/risk_matrix.csv).
  const auto fte_now = FteByUnit(trust, window.as_at);
  size_t largest = 0;
  for (size_t l = 0; l + 1 < fte_now.size(); ++l) {
    if (fte_now[l].second > fte_now[largest].second) largest = l;
  }
  std::string risks = "# " + trust.name + ", risk register " + label + ": generated.\n";
  risks += "id = " + Quote(id_stem + "-risks-" + label) + "\norganisation = " + Quote(trust.name) +
           "\ntitle = " + Quote("Risk Register " + label) + "\nperiod = \"" + label +
           "\"\nsource = " + Quote(source) +
           "\n\n[[sections]]\nid = \"1\"\ntitle = \"Risks to the business plan\"\n";
  risks += "\n[[risks]]\nreference = \"1.1\"\nsection = \"1\"\ndescription = " +
           Quote("Caseload in " + trust.ldus[largest].name +
                 " grows faster than its officers, delaying risk of harm assessments") +
           "\nthreatens = [{ plan = " + Quote(plan_id) + ", item = \"1." +
           std::to_string(largest + 1) + "\" }]\nowner = " +
           Quote("ACO, " + trust.ldus[largest].name) +
           "\nresidual = { likelihood = \"M\", impact = \"H\", score = 19 }\ncomments = "
           "\"Cases reallocated between teams monthly; two trainee officers qualify in the "
           "autumn.\"\n";
  risks += "\n[[risks]]\nreference = \"1.2\"\nsection = \"1\"\ndescription = \"Unpaid work "
           "placements fall short of the orders made\"\nthreatens = [{ plan = " +
           Quote(plan_id) +
           ", item = \"2.1\" }]\nowner = \"ACO, Interventions\"\nresidual = { likelihood = "
           "\"M\", impact = \"M\", score = 14 }\n";
  risks += "\n[[risks]]\nreference = \"1.3\"\nsection = \"1\"\ndescription = \"Staff sickness "
           "above the target of 9 days a year\"\nowner = \"Head of Human Resources\"\n"
           "residual = { likelihood = \"L\", impact = \"L\", score = 5 }\n";
  PROBATION_RETURN_IF_ERROR(WriteFile(fs::path(dir) / "risks.toml", risks));

  // Budget and staffing annexes for the year before and this year, from the staff in post on
  // each year's first day.
  const auto fte_then = FteByUnit(trust, Date::FromCivil(fy - 1, 4, 1));
  const auto fte_this = FteByUnit(trust, Date::FromCivil(fy, 4, 1));
  const std::string prev = YearLabel(fy - 1);
  const std::string years = "years = [{ year = \"" + prev + "\", label = \"" + prev +
                            "\" }, { year = \"" + label + "\", label = \"" + label + "\" }]\n";
  std::string staffing = "# " + trust.name + ", staffing annex: FTE in post on 1 April by LDU, "
                         "from the generated staff records.\n";
  staffing += "id = " + Quote(id_stem + "-staffing-" + label) +
              "\nkind = \"staffing\"\norganisation = " + Quote(trust.name) +
              "\ntitle = \"Staffing (full-time equivalents)\"\nsource = " + Quote(source) +
              "\nunit = \"FTE\"\n" + years;
  double total_then = 0, total_this = 0;
  for (size_t u = 0; u < fte_this.size(); ++u) {
    staffing += "\n[[staffing]]\nunit = " + Quote(fte_this[u].first) + "\n";
    if (u < trust.ldus.size()) staffing += "unit_code = " + Quote(trust.ldus[u].code) + "\n";
    staffing += "fte = { \"" + prev + "\" = " + Number(fte_then[u].second) + ", \"" + label +
                "\" = " + Number(fte_this[u].second) + " }\n";
    total_then += fte_then[u].second;
    total_this += fte_this[u].second;
  }
  PROBATION_RETURN_IF_ERROR(WriteFile(fs::path(dir) / "staffing.toml", staffing));
  // Pay at 33.5 thousand pounds per FTE, non-pay a quarter of pay, a little income.
  std::string budget = "# " + trust.name + ", budget annex (GBP thousand): pay from its FTE.\n";
  budget += "id = " + Quote(id_stem + "-budget-" + label) +
            "\nkind = \"budget\"\norganisation = " + Quote(trust.name) +
            "\ntitle = \"Resource budget\"\nsource = " + Quote(source) +
            "\nunit = \"GBP thousand\"\n" + years;
  const auto line = [&](const char* heading, const char* name, const char* group, double then,
                        double now) {
    budget += std::string("\n[[lines]]\nheading = \"") + heading + "\"\nline = \"" + name +
              "\"\ngroup = \"" + group + "\"\nplan = { \"" + prev + "\" = " + Number(then) +
              ", \"" + label + "\" = " + Number(now) + " }\n";
  };
  line("Pay", "Staff pay", "pay", total_then * 33.5, total_this * 33.5);
  line("Non Pay Costs", "Premises, travel and supplies", "non-pay", total_then * 8.4,
       total_this * 8.4);
  line("Non Pay Costs", "Income", "income", -total_then * 1.2, -total_this * 1.2);
  PROBATION_RETURN_IF_ERROR(WriteFile(fs::path(dir) / "budget.toml", budget));
  return Status::Ok();
}

}  // namespace probation::gen
