#include "planning/risk_thresholds.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "base/mapped_file.h"
#include "base/reference_csv.h"
#include "base/reference_files.h"

namespace probation::planning {
namespace {

constexpr std::array<std::string_view, 5> kStatusNames = {"unrated", "green", "amber", "red",
                                                          "black"};

bool ParseScore(std::string_view text, int* out) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return !text.empty() && ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::string_view RiskStatusName(RiskStatus status) {
  return kStatusNames[static_cast<int>(status)];
}

Result<RiskStatus> ParseRiskStatus(std::string_view text) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (text == kStatusNames[i]) return static_cast<RiskStatus>(i);
  }
  return InvalidArgument("'" + std::string(text) +
                         "' is not a risk status; use green, amber, red, black or unrated");
}

Result<RiskThresholds> RiskThresholds::FromFile(const std::string& path) {
  Result<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  return FromCsv(*text, path);
}

Result<RiskThresholds> RiskThresholds::FromCsv(std::string_view text,
                                               std::string_view source_name) {
  ReferenceCsvReader csv(text, source_name);
  PROBATION_RETURN_IF_ERROR(
      csv.ReadHeader({"status", "min_score", "max_score", "comment_required"}));
  std::vector<std::string_view> fields;
  std::vector<Band> bands;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool more, csv.Next(&fields));
    if (!more) break;
    Result<RiskStatus> status = ParseRiskStatus(fields[0]);
    if (!status.ok()) return csv.Error("status " + status.status().message());
    if (*status == RiskStatus::kUnrated)
      return csv.Error("'unrated' has no band; it means no score");
    for (const Band& b : bands) {
      if (b.status == *status)
        return csv.Error("status " + std::string(fields[0]) + " appears twice");
    }
    Band band{*status, 0, 0, false};
    if (!ParseScore(fields[1], &band.min_score) || !ParseScore(fields[2], &band.max_score)) {
      return csv.Error("min_score and max_score must be whole numbers");
    }
    if (band.min_score < 1 || band.max_score > 25 || band.min_score > band.max_score) {
      return csv.Error("the band " + std::to_string(band.min_score) + "-" +
                       std::to_string(band.max_score) + " must lie within 1-25, lowest first");
    }
    if (fields[3] == "yes") {
      band.comment_required = true;
    } else if (fields[3] != "no") {
      return csv.Error("comment_required must be yes or no, not '" + std::string(fields[3]) + "'");
    }
    bands.push_back(band);
  }
  std::sort(bands.begin(), bands.end(),
            [](const Band& a, const Band& b) { return a.min_score < b.min_score; });
  int next = 1;
  for (const Band& b : bands) {
    if (b.min_score != next) {
      return csv.Error(b.min_score > next
                           ? "no band covers score " + std::to_string(next)
                           : "the bands overlap at score " + std::to_string(b.min_score));
    }
    next = b.max_score + 1;
  }
  if (next != 26) return csv.Error("no band covers score " + std::to_string(next));
  return RiskThresholds(std::move(bands));
}

RiskStatus RiskThresholds::StatusOf(int score) const {
  for (const Band& b : bands_) {
    if (score >= b.min_score && score <= b.max_score) return b.status;
  }
  return RiskStatus::kUnrated;
}

bool RiskThresholds::CommentRequired(RiskStatus status) const {
  for (const Band& b : bands_) {
    if (b.status == status) return b.comment_required;
  }
  return false;
}

Result<RiskThresholds> LoadRiskThresholds(std::string_view name) {
  if (name.empty() || name.find('/') != std::string_view::npos ||
      name.find('\\') != std::string_view::npos || name == "." || name == "..") {
    return InvalidArgument("the thresholds '" + std::string(name) +
                           "' must be a file name in the reference folder, not a path");
  }
  Result<std::string> dir = ReferenceDir();
  if (!dir.ok()) return dir.status();
  return RiskThresholds::FromFile(*dir + "/" + std::string(name));
}

}  // namespace probation::planning
