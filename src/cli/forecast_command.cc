// `probation forecast --db FILE [--unit CODE] [--as-at DATE] [--history N] [--format text|csv]`:
// each LDU's caseload by setting for the next four quarters, with a 95% prediction interval,
// against its staff capacity (docs/workload.md, "Demand forecast").
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

#include "analytics/demand_forecast.h"
#include "base/csv.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/workload_environment.h"

namespace probation {
namespace {

struct Options {
  std::string db, unit = "national", as_at, format = "text", out;
  int history = 8;
};

std::string Fixed(double v, int decimals = 0) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}

int Run(const Options& o) {
  Result<std::unique_ptr<WorkloadEnvironment>> opened = OpenWorkloadEnvironment(o.db, o.as_at);
  if (!opened.ok()) {
    std::cerr << "probation forecast: " << opened.status().message() << "\n";
    return 2;
  }
  const WorkloadEnvironment& env = **opened;
  const measures::Organisation& org = *env.organisation;
  Result<measures::UnitRef> scope = org.Find(o.unit);
  if (!scope.ok()) {
    std::cerr << "probation forecast: " << scope.status().message() << "\n";
    return 2;
  }
  std::vector<measures::Period> quarters;
  const std::vector<analytics::LduFlows> flows =
      analytics::ComputeLduFlows(*env.snapshot, org, env.as_at, o.history, &quarters);
  std::vector<std::string> labels;
  measures::Period next = quarters.back();
  for (int h = 0; h < 4; ++h) {
    next = analytics::NextQuarter(next);
    labels.push_back(next.label);
  }
  const std::vector<analytics::OfficerWorkload> officers = WorkloadsOn(env, env.as_at);
  const double red = env.points.At(env.as_at).red_over_percent;

  std::string out;
  if (o.format == "csv") {
    out = "ldu,setting,caseload_now,termination_rate,mean_commencements,residual_sd";
    for (const std::string& l : labels) out += "," + l + "," + l + "_low," + l + "_high";
    out += ",capacity_now";
    for (const std::string& l : labels) out += "," + l + "_capacity," + l + "_capacity_high";
    out += "\n";
  } else {
    out = "Caseload forecast (orders and licences running) by LDU and setting, from the " +
          std::to_string(o.history) + " quarters " + quarters.front().label + " to " +
          quarters.back().label + "; 95% prediction intervals; capacity as at " +
          env.as_at.ToString() + " scaled by the caseload (red over " + Fixed(red) + "%)\n";
  }
  int outrun = 0;
  for (const analytics::LduFlows& ldu : flows) {
    const measures::UnitRef unit{measures::UnitLevel::kLdu, ldu.ldu_row};
    if (!org.Within(unit, *scope)) continue;
    const analytics::UnitWorkload now = analytics::RollUpWorkloads(org, officers, unit).front();
    const analytics::LduDemand d = analytics::ForecastLduDemand(ldu, labels, now.capacity(), red);
    if (o.format != "csv") {
      out += "\n" + org.Code(unit) + " " + org.Name(unit) + "\n";
      out += "  setting    now  rate  in/qtr";
      for (const std::string& l : labels) out += "  " + l + "            ";
      out += "\n";
    }
    for (int s = 0; s < analytics::kSettingCount; ++s) {
      const int current = d.now[s];
      const analytics::CaseloadForecast& f = d.settings[s];
      const std::string setting(analytics::SettingName(static_cast<analytics::Setting>(s)));
      if (o.format == "csv") {
        out += org.Code(unit) + "," + setting + "," + std::to_string(current) + "," +
               Fixed(f.termination_rate, 4) + "," + Fixed(f.mean_commencements, 1) + "," +
               Fixed(f.residual_sd, 1);
        for (const auto& p : f.quarters) {
          out += "," + Fixed(p.caseload, 1) + "," + Fixed(p.low, 1) + "," + Fixed(p.high, 1);
        }
        out += ",";
        for (size_t q = 0; q < labels.size(); ++q) out += ",,";
        out += "\n";
      } else {
        char line[128];
        std::snprintf(line, sizeof line, "  %-9s %5d %5.3f %6.1f", setting.c_str(), current,
                      f.termination_rate, f.mean_commencements);
        out += line;
        for (const auto& p : f.quarters) {
          std::snprintf(line, sizeof line, "  %6.0f [%5.0f-%5.0f]", p.caseload, p.low, p.high);
          out += line;
        }
        out += "\n";
      }
    }
    outrun += d.outruns;
    if (o.format == "csv") {
      out += org.Code(unit) + ",all," + std::to_string(d.total_now) + ",,,";
      for (const analytics::ForecastPoint& p : d.total) {
        out += "," + Fixed(p.caseload, 1) + "," + Fixed(p.low, 1) + "," + Fixed(p.high, 1);
      }
      out += "," + Fixed(d.capacity_now, 1);
      for (size_t q = 0; q < labels.size(); ++q) {
        out += "," + Fixed(d.capacity[q], 1) + "," + Fixed(d.capacity_high[q], 1);
      }
      out += "\n";
    } else {
      char line[128];
      std::snprintf(line, sizeof line, "  %-9s %5d              ", "all", d.total_now);
      out += line;
      for (const analytics::ForecastPoint& p : d.total) {
        std::snprintf(line, sizeof line, "  %6.0f [%5.0f-%5.0f]", p.caseload, p.low, p.high);
        out += line;
      }
      out += "\n  capacity  " + Fixed(d.capacity_now) + "% now (" + std::to_string(now.officers) +
             " officers)              ";
      for (size_t q = 0; q < labels.size(); ++q) {
        std::snprintf(line, sizeof line, "  %5.0f%% (high %4.0f%%)", d.capacity[q],
                      d.capacity_high[q]);
        out += line;
      }
      out += d.outruns ? "  DEMAND OUTRUNS STAFF\n" : "\n";
    }
  }
  if (o.format != "csv") {
    out += "\n" + std::to_string(outrun) + " LDU(s) where the forecast capacity passes " +
           Fixed(red) + "% within four quarters\n";
  }
  Status written = WriteOutput(out, o.out);
  if (!written.ok()) {
    std::cerr << "probation forecast: " << written.message() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

void AddForecastCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "forecast",
      "Forecast each LDU's caseload by setting for the next four quarters, against "
      "its staff capacity");
  cmd->add_option("--db", o->db, "Database file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--unit", o->unit, "Unit code (national, region, trust or LDU)");
  cmd->add_option("--as-at", o->as_at, "Date (YYYY-MM-DD); default the latest activity");
  cmd->add_option("--history", o->history, "Quarters of history the model uses")
      ->check(CLI::Range(2, 40));
  cmd->add_option("--format", o->format, "text or csv")->check(CLI::IsMember({"text", "csv"}));
  cmd->add_option("--out", o->out, "Write to this file instead of standard output");
  cmd->callback([o, exit_code] { *exit_code = Run(*o); });
}

}  // namespace probation
