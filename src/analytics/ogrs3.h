// OGRS3 (Offender Group Reconviction Scale 3; Howard, Francis, Soothill and Humphreys, Ministry
// of Justice 2009): the probability of a proven reoffence within one and two years, from
// gender, age, offence category and criminal history.
//
// The coefficients, age bands, offence weights and band thresholds are data
// (reference/ogrs3.csv, with its version and source), read into an Ogrs3Table. A score that
// cannot be computed (age under 10, first sanction after the current one, an unknown offence
// category, gender not known) is an error with the reason, never a number.
// Ogrs3Table is immutable after loading; every function here is thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace probation::analytics {

inline constexpr int kOgrs3AgeBands = 11;  // 10-11, 12-13, ..., 40-49, 50+
inline constexpr int kOgrs3Bands = 4;      // low, medium, high, very high

enum class Ogrs3Band { kLow, kMedium, kHigh, kVeryHigh };
std::string_view Ogrs3BandName(Ogrs3Band band);  // "low", "medium", "high", "very high"

struct Ogrs3Table {
  std::string version;  // e.g. "OGRS3-2009"
  std::string source;
  double intercept_1y = 0, intercept_2y = 0, copas = 0;
  double first_sanction = 0;                       // added when the current sanction is the first
  double previous_sanctions = 0;                   // added otherwise
  std::array<int, kOgrs3AgeBands> age_band_low{};  // lower edge of each band, ascending
  std::array<double, kOgrs3AgeBands> age_male{}, age_female{};
  std::vector<std::pair<std::string, double>> offences;  // category code, weight
  // Lower edges, in percent of the 2-year probability, of medium, high and very high.
  std::array<double, kOgrs3Bands - 1> band_low{};

  // Reads the table from CSV text (header item,key,value). Every age band of both genders,
  // every offence category of the offence_category code list and every band must be there.
  static Result<Ogrs3Table> FromCsv(std::string_view text, std::string_view source_name);
  // reference/ogrs3.csv from the reference folder.
  static Result<Ogrs3Table> Load();

  // The index of the band holding `age`. REQUIRES: age >= age_band_low[0].
  int AgeBand(int age) const;
  // The weight of offence category `code`, or NotFound naming the categories.
  Result<double> OffenceWeight(std::string_view code) const;
};

enum class Gender { kMale, kFemale };

struct Ogrs3Inputs {
  Gender gender = Gender::kMale;
  Date date_of_birth;
  std::string offence_category;  // offence_category code, e.g. "theft"
  int sanctions = 1;             // cautions and convictions including the current one
  Date first_sanction;           // date of the first caution or conviction
  Date conviction;               // date of the current conviction
  // The date the score is taken at (the start of the period at risk: commencement of the
  // order, or release); ages are counted to it. Defaults to the conviction date.
  Date assessed;
};

struct Ogrs3Score {
  int age = 0;                       // whole years on the assessed date
  int age_first = 0;                 // whole years on the date of the first sanction
  int age_band = 0;                  // index into the table's bands
  double copas = 0;                  // ln(sanctions / (10 + age - age_first))
  double x = 0;                      // the linear predictor without the intercept
  double one_year = 0;               // probability, 0..1
  double two_year = 0;               // probability, 0..1
  Ogrs3Band band = Ogrs3Band::kLow;  // from the 2-year probability
};

// Whole years from `born` to `on` (a birthday on 29 February falls on 1 March in other years).
int AgeInYears(Date born, Date on);

// The score, or InvalidArgument with the reason it cannot be computed.
Result<Ogrs3Score> ComputeOgrs3(const Ogrs3Table& table, const Ogrs3Inputs& inputs);

}  // namespace probation::analytics
