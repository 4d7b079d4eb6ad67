#include "analytics/workload.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>

#include "base/mapped_file.h"
#include "base/reference_csv.h"
#include "base/reference_files.h"

namespace probation::analytics {
namespace {

constexpr std::string_view kProtect = "ABCD";

bool ParseNumber(std::string_view text, double* out) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return !text.empty() && ec == std::errc() && ptr == text.data() + text.size();
}

Result<std::string> ReadReference(std::string_view name, std::string* path) {
  PROBATION_ASSIGN_OR_RETURN(const std::string dir, ReferenceDir());
  *path = dir + "/" + std::string(name);
  return ReadFileToString(*path);
}

}  // namespace

int TierIndex(std::string_view tier) {
  if (tier.size() != 2) return -1;
  const size_t protect = kProtect.find(tier[0]);
  if (protect == std::string_view::npos || tier[1] < '0' || tier[1] > '3') return -1;
  return static_cast<int>(protect) * 4 + (3 - (tier[1] - '0'));
}

std::string TierName(int index) {
  return std::string(1, kProtect[index / 4]) + static_cast<char>('0' + 3 - index % 4);
}

Result<WorkloadPoints> WorkloadPoints::FromCsv(std::string_view text,
                                               std::string_view source_name) {
  ReferenceCsvReader csv(text, source_name);
  PROBATION_RETURN_IF_ERROR(csv.ReadHeader({"effective_from", "item", "value", "source"}));
  // Items per version, to check each version is complete.
  constexpr int kOtherItems = 6;
  std::map<int32_t, std::pair<PointsTable, int>> by_date;
  std::vector<std::string_view> f;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool more, csv.Next(&f));
    if (!more) break;
    Result<Date> date = Date::Parse(f[0]);
    if (!date.ok()) return csv.Error("effective_from: " + date.status().message());
    double value = 0;
    if (!ParseNumber(f[2], &value) || value < 0) {
      return csv.Error("value '" + std::string(f[2]) + "' is not a number of 0 or more");
    }
    auto& [table, items] = by_date[date->days()];
    table.effective_from = *date;
    const std::string_view item = f[1];
    const size_t dot = item.find('.');
    const std::string_view group = item.substr(0, dot);
    const std::string_view name = dot == std::string_view::npos ? "" : item.substr(dot + 1);
    Result<Setting> setting = ParseSetting(group);
    if (setting.ok()) {
      const int tier = TierIndex(name);
      if (tier < 0) return csv.Error("'" + std::string(name) + "' is not a tier A3..D0");
      table.case_points[static_cast<int>(*setting)][tier] = static_cast<int>(value);
    } else if (item == "report.SDR") {
      table.sdr_points = static_cast<int>(value);
    } else if (item == "report.FDR") {
      table.fdr_points = static_cast<int>(value);
    } else if (item == "report.window_days") {
      table.report_window_days = static_cast<int>(value);
    } else if (item == "nominal.points") {
      table.nominal_points = value;
    } else if (item == "nominal.hours") {
      if (value <= 0) return csv.Error("nominal.hours must be positive");
      table.nominal_hours = value;
    } else if (item == "capacity.red_over_percent") {
      table.red_over_percent = value;
    } else {
      return csv.Error("unknown item '" + std::string(item) +
                       "' (community|licence|custody.<tier>, report.SDR, report.FDR, "
                       "report.window_days, nominal.points, nominal.hours, "
                       "capacity.red_over_percent)");
    }
    ++items;
  }
  WorkloadPoints points;
  for (auto& [day, entry] : by_date) {
    if (entry.second != kSettingCount * kTierCount + kOtherItems) {
      return InvalidArgument(std::string(source_name) + ": the version effective from " +
                             entry.first.effective_from.ToString() + " has " +
                             std::to_string(entry.second) + " items; each version needs all " +
                             std::to_string(kSettingCount * kTierCount + kOtherItems) +
                             " (48 case weights and 6 others), each once");
    }
    points.versions_.push_back(entry.first);
  }
  if (points.versions_.empty()) {
    return InvalidArgument(std::string(source_name) + ": no points");
  }
  return points;
}

Result<WorkloadPoints> WorkloadPoints::Load() {
  std::string path;
  PROBATION_ASSIGN_OR_RETURN(const std::string text, ReadReference("workload_points.csv", &path));
  return FromCsv(text, path);
}

const PointsTable& WorkloadPoints::At(Date at) const {
  const PointsTable* found = &versions_.front();
  for (const PointsTable& v : versions_) {
    if (v.effective_from <= at) found = &v;
  }
  return *found;
}

Result<std::vector<ReductionCap>> ParseReductionCaps(std::string_view text,
                                                     std::string_view source_name) {
  ReferenceCsvReader csv(text, source_name);
  PROBATION_RETURN_IF_ERROR(
      csv.ReadHeader({"reduction_type", "max_percent", "max_weeks", "source"}));
  std::vector<ReductionCap> caps;
  std::vector<std::string_view> f;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool more, csv.Next(&f));
    if (!more) break;
    ReductionCap cap;
    cap.type = std::string(f[0]);
    double weeks = 0;
    if (!ParseNumber(f[1], &cap.max_percent) || cap.max_percent < 0 || cap.max_percent > 100) {
      return csv.Error("max_percent must be a number from 0 to 100");
    }
    if (!ParseNumber(f[2], &weeks) || weeks < 0) {
      return csv.Error("max_weeks must be a whole number of 0 or more");
    }
    cap.max_weeks = static_cast<int>(weeks);
    for (const ReductionCap& c : caps) {
      if (c.type == cap.type) return csv.Error("reduction type " + cap.type + " is listed twice");
    }
    caps.push_back(std::move(cap));
  }
  return caps;
}

Result<std::vector<ReductionCap>> LoadReductionCaps() {
  std::string path;
  PROBATION_ASSIGN_OR_RETURN(const std::string text,
                             ReadReference("workload_reduction_caps.csv", &path));
  return ParseReductionCaps(text, path);
}

AppliedReductions ApplyReductions(const std::vector<Reduction>& reductions,
                                  const std::vector<ReductionCap>& caps, double contracted_hours,
                                  Date at) {
  AppliedReductions applied;
  const auto fmt = [](double h) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1fh", h);
    return std::string(buffer);
  };
  for (const Reduction& r : reductions) {
    const ReductionCap* cap = nullptr;
    for (const ReductionCap& c : caps) {
      if (c.type == r.type) cap = &c;
    }
    if (at < r.start) continue;
    if (r.end) {
      if (at > *r.end) continue;
    } else if (cap != nullptr && cap->max_weeks > 0 && at >= r.start + cap->max_weeks * 7) {
      continue;  // expired: no end date, past the cap's duration
    }
    double hours = r.hours;
    std::string note = r.type + " " + fmt(r.hours);
    if (cap != nullptr) {
      const double limit = contracted_hours * cap->max_percent / 100.0;
      if (hours > limit) {
        hours = limit;
        char percent[32];
        std::snprintf(percent, sizeof percent, "%g%%", cap->max_percent);
        note += " capped at " + fmt(limit) + " (" + percent + " of contracted)";
      }
    }
    applied.hours += hours;
    applied.notes.push_back(std::move(note));
  }
  if (applied.hours > contracted_hours) {
    applied.hours = contracted_hours;
    applied.notes.push_back("total capped at the contracted " + fmt(contracted_hours));
  }
  return applied;
}

double AvailablePoints(const PointsTable& table, double contracted_hours, double reduction_hours) {
  if (contracted_hours <= 0) return 0;
  return table.nominal_points * (contracted_hours / table.nominal_hours) *
         ((contracted_hours - reduction_hours) / contracted_hours);
}

double CapacityPercent(double workload_points, double available_points) {
  if (available_points <= 0) return workload_points > 0 ? 999.9 : 0;
  return workload_points / available_points * 100.0;
}

int CasePoints(const PointsTable& table, Setting setting, std::string_view tier) {
  const int index = TierIndex(tier);
  return index < 0 ? 0 : table.case_points[static_cast<int>(setting)][index];
}

}  // namespace probation::analytics
