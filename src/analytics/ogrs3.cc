#include "analytics/ogrs3.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "base/mapped_file.h"
#include "base/reference_csv.h"
#include "base/reference_files.h"
#include "model/code_lists.h"

namespace probation::analytics {
namespace {

bool ParseNumber(std::string_view text, double* value) {
  if (text.empty()) return false;
  std::string copy(text);
  char* end = nullptr;
  *value = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && std::isfinite(*value);
}

}  // namespace

std::string_view Ogrs3BandName(Ogrs3Band band) {
  switch (band) {
    case Ogrs3Band::kLow:
      return "low";
    case Ogrs3Band::kMedium:
      return "medium";
    case Ogrs3Band::kHigh:
      return "high";
    case Ogrs3Band::kVeryHigh:
      return "very high";
  }
  return "?";
}

Result<Ogrs3Table> Ogrs3Table::FromCsv(std::string_view text, std::string_view source_name) {
  ReferenceCsvReader csv(text, source_name);
  PROBATION_RETURN_IF_ERROR(csv.ReadHeader({"item", "key", "value"}));
  Ogrs3Table table;
  std::vector<std::pair<int, double>> male, female;
  std::array<bool, kOgrs3Bands - 1> band_seen{};
  constexpr std::string_view kScalarNames[] = {"intercept_1y", "intercept_2y", "copas",
                                               "first_sanction", "previous_sanctions"};
  double* const scalar_slots[] = {&table.intercept_1y, &table.intercept_2y, &table.copas,
                                  &table.first_sanction, &table.previous_sanctions};
  int scalars_seen = 0;  // a bit per scalar
  std::vector<std::string_view> f;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool more, csv.Next(&f));
    if (!more) break;
    const std::string_view item = f[0], key = f[1], value_text = f[2];
    if (item == "version") {
      table.version = std::string(value_text);
      continue;
    }
    if (item == "source") {
      table.source = std::string(value_text);
      continue;
    }
    double value = 0;
    if (!ParseNumber(value_text, &value)) {
      return csv.Error("value '" + std::string(value_text) + "' is not a number");
    }
    int scalar = -1;
    for (int i = 0; i < 5; ++i) {
      if (item == kScalarNames[i]) scalar = i;
    }
    if (scalar >= 0) {
      if (scalars_seen & (1 << scalar)) return csv.Error(std::string(item) + " is given twice");
      *scalar_slots[scalar] = value;
      scalars_seen |= 1 << scalar;
    } else if (item == "age_male" || item == "age_female") {
      int low = 0;
      const auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), low);
      if (ec != std::errc() || ptr != key.data() + key.size() || low < 10 || low > 120) {
        return csv.Error("age band '" + std::string(key) + "' is not a whole age from 10");
      }
      (item == "age_male" ? male : female).push_back({low, value});
    } else if (item == "offence") {
      const CodeList* list = FindCodeList("offence_category");
      if (list == nullptr || list->Find(key) == nullptr) {
        return csv.Error("'" + std::string(key) + "' is not an offence_category code");
      }
      for (const auto& [code, weight] : table.offences) {
        if (code == key) return csv.Error("offence '" + std::string(key) + "' is listed twice");
      }
      table.offences.push_back({std::string(key), value});
    } else if (item == "band") {
      const int slot = key == "medium" ? 0 : key == "high" ? 1 : key == "very_high" ? 2 : -1;
      if (slot < 0)
        return csv.Error("band '" + std::string(key) + "' is not medium, high or very_high");
      table.band_low[slot] = value;
      band_seen[slot] = true;
    } else {
      return csv.Error("unknown item '" + std::string(item) + "'");
    }
  }
  const std::string where(source_name);
  if (table.version.empty()) return InvalidArgument(where + ": no version row");
  if (scalars_seen != 0x1F) {
    return InvalidArgument(where +
                           ": needs intercept_1y, intercept_2y, copas, first_sanction "
                           "and previous_sanctions once each");
  }
  if (male.size() != kOgrs3AgeBands || female.size() != kOgrs3AgeBands) {
    return InvalidArgument(where + ": needs " + std::to_string(kOgrs3AgeBands) +
                           " age bands for each of age_male and age_female");
  }
  for (int i = 0; i < kOgrs3AgeBands; ++i) {
    if (male[i].first != female[i].first || (i > 0 && male[i].first <= male[i - 1].first)) {
      return InvalidArgument(where + ": age bands must ascend and be the same for both genders");
    }
    table.age_band_low[i] = male[i].first;
    table.age_male[i] = male[i].second;
    table.age_female[i] = female[i].second;
  }
  const CodeList* list = FindCodeList("offence_category");
  if (list != nullptr && table.offences.size() != list->codes.size()) {
    std::string missing;
    for (const Code& c : list->codes) {
      if (!table.OffenceWeight(c.code).ok())
        missing += (missing.empty() ? "" : ", ") + std::string(c.code);
    }
    return InvalidArgument(where + ": no weight for offence categories " + missing);
  }
  if (!band_seen[0] || !band_seen[1] || !band_seen[2] || table.band_low[0] >= table.band_low[1] ||
      table.band_low[1] >= table.band_low[2]) {
    return InvalidArgument(where + ": needs ascending band rows medium, high and very_high");
  }
  return table;
}

Result<Ogrs3Table> Ogrs3Table::Load() {
  PROBATION_ASSIGN_OR_RETURN(const std::string dir, ReferenceDir());
  const std::string path = dir + "/ogrs3.csv";
  PROBATION_ASSIGN_OR_RETURN(const std::string text, ReadFileToString(path));
  return FromCsv(text, path);
}

int Ogrs3Table::AgeBand(int age) const {
  int band = 0;
  while (band + 1 < kOgrs3AgeBands && age >= age_band_low[band + 1]) ++band;
  return band;
}

Result<double> Ogrs3Table::OffenceWeight(std::string_view code) const {
  for (const auto& [c, weight] : offences) {
    if (c == code) return weight;
  }
  std::string known;
  for (const auto& [c, weight] : offences) known += (known.empty() ? "" : ", ") + c;
  return NotFound("offence category '" + std::string(code) + "' is not one of " + known);
}

int AgeInYears(Date born, Date on) {
  int y1, m1, d1, y2, m2, d2;
  born.ToCivil(&y1, &m1, &d1);
  on.ToCivil(&y2, &m2, &d2);
  int years = y2 - y1;
  if (m2 < m1 || (m2 == m1 && d2 < d1)) --years;
  return years;
}

Result<Ogrs3Score> ComputeOgrs3(const Ogrs3Table& table, const Ogrs3Inputs& in) {
  if (in.sanctions < 1) {
    return InvalidArgument("sanctions is " + std::to_string(in.sanctions) +
                           ": it counts the current sanction, so it is at least 1");
  }
  if (in.first_sanction > in.conviction) {
    return InvalidArgument("first sanction " + in.first_sanction.ToString() +
                           " is after the current conviction " + in.conviction.ToString());
  }
  if (in.assessed < in.conviction) {
    return InvalidArgument("assessed date " + in.assessed.ToString() +
                           " is before the conviction " + in.conviction.ToString());
  }
  Ogrs3Score s;
  s.age = AgeInYears(in.date_of_birth, in.assessed);
  s.age_first = AgeInYears(in.date_of_birth, in.first_sanction);
  if (AgeInYears(in.date_of_birth, in.conviction) < table.age_band_low[0]) {
    return InvalidArgument("age at conviction is " +
                           std::to_string(AgeInYears(in.date_of_birth, in.conviction)) +
                           ": OGRS3 needs at least " + std::to_string(table.age_band_low[0]));
  }
  if (s.age_first < table.age_band_low[0]) {
    return InvalidArgument("age at first sanction is " + std::to_string(s.age_first) +
                           ": under the age of criminal responsibility (" +
                           std::to_string(table.age_band_low[0]) + ")");
  }
  const double denominator = 10.0 + s.age - s.age_first;
  if (denominator <= 0) return InvalidArgument("the Copas rate's denominator is not positive");
  PROBATION_ASSIGN_OR_RETURN(const double offence, table.OffenceWeight(in.offence_category));
  s.age_band = table.AgeBand(s.age);
  s.copas = std::log(in.sanctions / denominator);
  const double age_gender =
      in.gender == Gender::kMale ? table.age_male[s.age_band] : table.age_female[s.age_band];
  s.x = age_gender + (in.sanctions == 1 ? table.first_sanction : table.previous_sanctions) +
        table.copas * s.copas + offence;
  s.one_year = 1.0 / (1.0 + std::exp(-(table.intercept_1y + s.x)));
  s.two_year = 1.0 / (1.0 + std::exp(-(table.intercept_2y + s.x)));
  const double percent = s.two_year * 100.0;
  s.band = percent >= table.band_low[2]   ? Ogrs3Band::kVeryHigh
           : percent >= table.band_low[1] ? Ogrs3Band::kHigh
           : percent >= table.band_low[0] ? Ogrs3Band::kMedium
                                          : Ogrs3Band::kLow;
  return s;
}

}  // namespace probation::analytics
