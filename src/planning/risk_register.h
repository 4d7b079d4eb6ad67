// The risk register: a register's risks with their likelihood and impact ratings (scored by the
// RiskMatrix, banded by the RiskThresholds), owner, due date, success criterion, controls,
// actions, comments and review history. Plain values; thread-compatible. The file format is in
// risk_register_file.h and docs/risks.md; storage in risk_store.h; queries in risk_queries.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "planning/risk_matrix.h"
#include "planning/risk_thresholds.h"

namespace probation::planning {

// A likelihood and impact pair.
struct RiskRating {
  Rating likelihood = Rating::kVeryLow;
  Rating impact = Rating::kVeryLow;
  bool operator==(const RiskRating&) const = default;
};

// What a risk threatens: an item of a business plan (plan id and item number, e.g.
// derbyshire-2008-09 / 6.4.1), or free text as the document words it, or both.
struct ThreatenedObjective {
  std::string plan;  // plan id; empty when not known
  std::string item;  // item number within the plan (priority, objective or action)
  std::string text;  // the document's words
  bool operator==(const ThreatenedObjective&) const = default;
};

// A dated review. It may re-rate the risk (both ratings given) or only note that it was looked
// at (neither given).
struct RiskReview {
  Date date;
  std::string reviewer;
  std::optional<RiskRating> rating;
  std::string note;
  bool operator==(const RiskReview&) const = default;
};

struct Risk {
  std::string reference;    // unique in the register, as printed ("7", "1.10")
  std::string section;      // the id of the register section it is listed under; may be empty
  std::string title;        // a short name; may be empty
  std::string description;  // the risk as the document words it
  std::vector<ThreatenedObjective> threatens;
  std::optional<RiskRating> inherent;  // before controls
  std::optional<RiskRating> residual;  // after controls: the current rating
  // The residual score as the source document prints it, when it does. Checked against the
  // matrix on load; a review that re-rates the risk clears it.
  std::optional<int> published_score;
  std::string owner;
  std::string due;  // as the document words it ("Mar", "Apr 2009", "Ongoing")
  std::optional<Date> due_date;
  std::string success;  // what success looks like
  std::vector<std::string> controls;
  std::vector<std::string> actions;
  std::string comments;
  std::vector<RiskReview> reviews;  // oldest first
  std::optional<Date> next_review;
  bool operator==(const Risk&) const = default;
};

// A heading the register groups risks under (NPS: the business plan priority; Derbyshire:
// "Key risks beyond 2008/09").
struct RiskSection {
  std::string id;
  std::string title;
  bool operator==(const RiskSection&) const = default;
};

struct RiskRegister {
  std::string id;  // lower-case letters, digits and '-'
  std::string organisation;
  std::string title;
  std::string period;  // a financial year such as "2008-09"
  std::string source;  // the document, by file name
  // A summary register (NPS 2005-06 Annex C "Summary Risk Register") is published without the
  // detail columns: the comment rule is not applied to it.
  bool summary = false;
  std::string thresholds = "risk_thresholds.csv";  // file in the reference folder
  std::vector<RiskSection> sections;
  std::vector<Risk> risks;  // in the document's order
  bool operator==(const RiskRegister&) const = default;
};

// A risk with its scores worked out.
struct ScoredRisk {
  const Risk* risk = nullptr;
  std::string register_id;
  std::optional<int> inherent_score;
  std::optional<int> residual_score;
  RiskStatus status = RiskStatus::kUnrated;  // of the residual score
};

// The scores and status of every risk of `reg`, in order. REQUIRES: `reg` outlives the result.
std::vector<ScoredRisk> ScoreRisks(const RiskRegister& reg, const RiskMatrix& matrix,
                                   const RiskThresholds& thresholds);

// A problem with a risk: the field at fault ("score", "comments", "reviews") and why.
struct RiskProblem {
  std::string field;
  std::string message;
};

// The problems with one risk beyond its file syntax: a published score the matrix does not
// give, a risk whose status needs a comment without one (unless `summary`), a review without a
// reviewer, a re-rating review without a note, reviews out of date order. Empty when none.
std::vector<RiskProblem> CheckRisk(const Risk& risk, bool summary, const RiskMatrix& matrix,
                                   const RiskThresholds& thresholds);

// Whether `id` is a valid register id (lower-case letters, digits, '-').
bool IsRegisterId(std::string_view id);

// "M/H" for a rating.
std::string RatingText(const RiskRating& rating);

}  // namespace probation::planning
