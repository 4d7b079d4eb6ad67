#include "planning/risk_matrix.h"

#include <charconv>
#include <vector>

#include "base/mapped_file.h"
#include "base/reference_csv.h"
#include "base/reference_files.h"

namespace probation::planning {
namespace {

constexpr std::array<std::string_view, kRatingCount> kRatingNames = {"VL", "L", "M", "H", "VH"};
constexpr std::string_view kAllowedRatings = "VL, L, M, H or VH";

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view RatingName(Rating rating) { return kRatingNames[static_cast<int>(rating)]; }

Result<Rating> ParseRating(std::string_view text) {
  for (int i = 0; i < kRatingCount; ++i) {
    if (EqualsIgnoringCase(text, kRatingNames[i])) return static_cast<Rating>(i);
  }
  return InvalidArgument("'" + std::string(text) + "' is not a rating; use " +
                         std::string(kAllowedRatings));
}

Result<RiskMatrix> RiskMatrix::FromFile(const std::string& path) {
  Result<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  return FromCsv(*text, path);
}

Result<RiskMatrix> RiskMatrix::FromCsv(std::string_view text, std::string_view source_name) {
  ReferenceCsvReader csv(text, source_name);
  static_assert(kRatingCount == 5, "the header names the five ratings");
  PROBATION_RETURN_IF_ERROR(csv.ReadHeader({"likelihood", "VL", "L", "M", "H", "VH"}));
  std::vector<std::string_view> fields;
  Grid scores{};
  std::array<bool, kRatingCount> seen{};
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool more, csv.Next(&fields));
    if (!more) break;
    Result<Rating> likelihood = ParseRating(fields[0]);
    if (!likelihood.ok()) return csv.Error("likelihood " + likelihood.status().message());
    const int row = static_cast<int>(*likelihood);
    if (seen[row]) {
      return csv.Error("likelihood " + std::string(kRatingNames[row]) + " has a second row");
    }
    seen[row] = true;
    for (int column = 0; column < kRatingCount; ++column) {
      const std::string_view cell = fields[1 + column];
      int score = 0;
      const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), score);
      const std::string where = std::string(kRatingNames[row]) + "/" +
                                std::string(kRatingNames[column]) + " (likelihood/impact)";
      if (cell.empty() || ec != std::errc() || ptr != cell.data() + cell.size()) {
        return csv.Error("the score for " + where + ", '" + std::string(cell) +
                         "', is not a whole number");
      }
      if (score < kMinScore || score > kMaxScore) {
        return csv.Error("the score for " + where + " is " + std::to_string(score) +
                         "; scores run from 1 to 25");
      }
      scores[row][column] = score;
    }
  }
  for (int row = 0; row < kRatingCount; ++row) {
    if (!seen[row]) {
      return csv.Error("the file ends without a row for likelihood " +
                       std::string(kRatingNames[row]));
    }
  }
  return RiskMatrix(scores);
}

Result<int> RiskMatrix::Score(std::string_view likelihood, std::string_view impact) const {
  Result<Rating> l = ParseRating(likelihood);
  if (!l.ok()) return InvalidArgument("likelihood " + l.status().message());
  Result<Rating> i = ParseRating(impact);
  if (!i.ok()) return InvalidArgument("impact " + i.status().message());
  return Score(*l, *i);
}

Status RiskMatrix::CheckPublishedPairs() const {
  for (const PublishedScore& p : kPublishedScores) {
    const int got = Score(p.likelihood, p.impact);
    if (got != p.score) {
      return FailedPrecondition("the matrix scores " + std::string(RatingName(p.likelihood)) + "/" +
                                std::string(RatingName(p.impact)) + " (likelihood/impact) " +
                                std::to_string(got) + ", but NPS 2005-06 Annex C publishes " +
                                std::to_string(p.score));
    }
  }
  return Status::Ok();
}

Result<RiskMatrix> LoadRiskMatrix() {
  Result<std::string> dir = ReferenceDir();
  if (!dir.ok()) return dir.status();
  return RiskMatrix::FromFile(*dir + "/risk_matrix.csv");
}

}  // namespace probation::planning
