// Golden measure cases: each folder under tests/golden/ (other than _base) is a small hand-made
// data set with the numbers a measure must give, worked out by hand and written in its
// case.toml:
//
//   framework = "nps-2005-06"      # a shipped framework id
//   measure = "PT6"
//   as_at = "2011-07-08"           # optional: pending items are judged at this date
//   why = "what the case covers and how the numbers were worked out"
//   [[expect]]                     # one or more
//   measure = "PT6"                # optional: overrides the case's measure
//   period = "2011-Q1"
//   unit = "L1"                    # optional: count only this unit (default: national)
//   succeeded = 3
//   failed = 1
//   pending = 1
//   value = 21.0                   # optional: the measure's value (averages: the mean)
//
// The case's CSV files are loaded on top of tests/golden/_base (organisation, staff, people).
#include <gtest/gtest.h>

#include <toml++/toml.h>
#include <filesystem>
#include <set>

#include "base/calendar.h"
#include "ingest/importer.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/scorecard.h"
#include "store/schema.h"
#include "store/snapshot.h"

namespace probation::measures {
namespace {

namespace fs = std::filesystem;

const fs::path kGolden = fs::path(PROBATION_SOURCE_DIR) / "tests" / "golden";

std::vector<std::string> Cases() {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(kGolden)) {
    if (e.is_directory() && e.path().filename() != "_base") names.push_back(e.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesTheHandWorkedNumbers) {
  const fs::path dir = kGolden / GetParam();
  toml::table c;
  try {
    c = toml::parse_file((dir / "case.toml").string());
  } catch (const toml::parse_error& e) {
    FAIL() << (dir / "case.toml").string() << ": " << e.description();
  }
  SCOPED_TRACE(c["why"].value_or(std::string()));

  Result<std::unique_ptr<Database>> db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok());
  ImportOptions import;
  import.paths = {(kGolden / "_base").string()};
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".csv") import.paths.push_back(e.path().string());
  }
  Result<ImportResult> loaded = Import(db->get(), import);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  for (const Rejection& r : loaded->first_rejections) {
    ADD_FAILURE() << r.file << ", line " << r.line << ", " << r.column << ": " << r.reason;
  }

  Result<Framework> framework = LoadFramework((fs::path(PROBATION_SOURCE_DIR) / "frameworks" /
                                               (c["framework"].value_or(std::string()) + ".toml"))
                                                  .string());
  ASSERT_TRUE(framework.ok()) << framework.status().ToString();

  Result<Calendar> calendar =
      Calendar::FromChangesFile(PROBATION_SOURCE_DIR "/reference/bank_holiday_changes.csv");
  ASSERT_TRUE(calendar.ok());
  Result<std::unique_ptr<Snapshot>> snapshot = Snapshot::Load(db->get(), *calendar);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  Organisation organisation(**snapshot);
  const std::optional<std::string> as_at_text = c["as_at"].value<std::string>();
  const Date as_at = as_at_text ? *Date::Parse(*as_at_text) : (*snapshot)->latest_activity();
  Engine engine(**snapshot, *calendar, organisation, as_at);

  const toml::array* expectations = c["expect"].as_array();
  ASSERT_NE(expectations, nullptr) << "case.toml has no [[expect]]";
  for (const toml::node& node : *expectations) {
    const toml::table& e = *node.as_table();
    const std::string period_text = e["period"].value_or(std::string());
    const std::string unit_text = e["unit"].value_or(std::string("national"));
    const std::string code = e["measure"].value_or(c["measure"].value_or(std::string()));
    SCOPED_TRACE(code + " " + period_text + " " + unit_text);
    const Measure* measure = framework->FindMeasure(code);
    ASSERT_NE(measure, nullptr) << code;
    Result<Period> period = ParsePeriod(period_text);
    ASSERT_TRUE(period.ok()) << period.status().ToString();
    Result<UnitRef> unit = organisation.Find(unit_text);
    ASSERT_TRUE(unit.ok());
    const UnitRef units[] = {*unit};
    const Period periods[] = {*period};
    Result<std::vector<std::vector<Tally>>> tallies = engine.Tallies(*measure, periods, units);
    ASSERT_TRUE(tallies.ok()) << tallies.status().ToString();
    const Tally& t = (*tallies)[0][0];
    EXPECT_EQ(t.succeeded, e["succeeded"].value_or(-1)) << "succeeded";
    EXPECT_EQ(t.failed, e["failed"].value_or(-1)) << "failed";
    EXPECT_EQ(t.pending, e["pending"].value_or(-1)) << "pending";
    if (const std::optional<double> value = e["value"].value<double>()) {
      EXPECT_NEAR(MeasureValue(*measure, t), *value, 1e-9) << "value";
    }
  }
}

// Every computable measure of every shipped framework has at least one golden expectation.
TEST(GoldenCoverageTest, EveryShippedMeasureHasAGoldenCase) {
  std::set<std::string> covered;  // "framework/measure" pairs with an expectation
  for (const std::string& name : Cases()) {
    toml::table c = toml::parse_file((kGolden / name / "case.toml").string());
    const std::string framework = c["framework"].value_or(std::string());
    if (const toml::array* expectations = c["expect"].as_array()) {
      for (const toml::node& node : *expectations) {
        const toml::table& e = *node.as_table();
        covered.insert(framework + "/" +
                       e["measure"].value_or(c["measure"].value_or(std::string())));
      }
    }
  }
  Result<std::vector<Framework>> frameworks =
      LoadFrameworks((fs::path(PROBATION_SOURCE_DIR) / "frameworks").string());
  ASSERT_TRUE(frameworks.ok()) << frameworks.status().ToString();
  std::string missing;
  for (const Framework& f : *frameworks) {
    for (const Measure& m : f.measures) {
      if (!m.placeholder && !covered.count(f.id + "/" + m.code))
        missing += " " + f.id + "/" + m.code;
    }
  }
  EXPECT_TRUE(missing.empty()) << "measures without a golden case:" << missing;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& ch : name) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace probation::measures
