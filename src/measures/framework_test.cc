#include "measures/framework.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>

namespace probation::measures {
namespace {

namespace fs = std::filesystem;

const std::string kFrameworks = std::string(PROBATION_SOURCE_DIR) + "/frameworks";

const Framework& Shipped(std::string_view id) {
  static const std::vector<Framework> all = [] {
    Result<std::vector<Framework>> loaded = LoadFrameworks(kFrameworks);
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.ok() ? std::move(*loaded) : std::vector<Framework>();
  }();
  for (const Framework& fw : all) {
    if (fw.id == id) return fw;
  }
  ADD_FAILURE() << "framework " << id << " not shipped";
  static const Framework empty;
  return empty;
}

TEST(FrameworkTest, EveryShippedFrameworkLoadsAndCompiles) {
  Result<std::vector<Framework>> all = LoadFrameworks(kFrameworks);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_GE(all->size(), 4u);
  for (const Framework& fw : *all) {
    SCOPED_TRACE(fw.file);
    EXPECT_FALSE(fw.title.empty());
    EXPECT_FALSE(fw.measures.empty());
    for (const Measure& m : fw.measures) {
      SCOPED_TRACE(m.code);
      EXPECT_FALSE(m.title.empty());
      if (m.placeholder) {
        EXPECT_EQ(m.anchor, nullptr);
        continue;
      }
      EXPECT_FALSE(m.description.empty());
      ASSERT_NE(m.counts, nullptr);
      EXPECT_NE(m.anchor, nullptr);
      EXPECT_EQ(m.success == nullptr, m.success_text.empty());
      EXPECT_EQ(m.filter == nullptr, m.filter_text.empty());
      EXPECT_EQ(m.kind == MeasureKind::kAverage, m.value != nullptr);
      EXPECT_GT(m.position.line, 0);
    }
  }
}

TEST(FrameworkTest, NpsHasEveryAnnexBCodeWithItsWeightAndTarget) {
  const Framework& nps = Shipped("nps-2005-06");
  EXPECT_EQ(nps.year, "2005-06");
  ASSERT_EQ(nps.bands.max_score.size(), 3u);
  struct Expected {
    const char* code;
    MeasureKind kind;
    double target;  // -1: none
    double weight;
  };
  const Expected expected[] = {
      {"PT1", MeasureKind::kPercent, 90, 10},       {"PT2", MeasureKind::kPercent, 85, 0},
      {"PT3", MeasureKind::kPercent, 90, 10},       {"PT4", MeasureKind::kCount, 350, 0},
      {"PT5", MeasureKind::kPercent, 90, 10},       {"PT6", MeasureKind::kPercent, 90, 8},
      {"PT7", MeasureKind::kPercent, 85, 8},        {"PT8", MeasureKind::kCount, 50000, 10},
      {"PT9a", MeasureKind::kCount, 40000, 0},      {"PT9b", MeasureKind::kCount, 8033, 10},
      {"PT10", MeasureKind::kCount, 15000, 0},      {"PT11", MeasureKind::kCount, 4000, 10},
      {"PT12", MeasureKind::kCount, 15000, 10},     {"PT13", MeasureKind::kPercent, -1, 0},
      {"PT14", MeasureKind::kPercent, 95, 10},      {"PT15", MeasureKind::kAverage, 9, 0},
      {"PM1", MeasureKind::kPercent, 90, 2},        {"PM2", MeasureKind::kPercent, 65, 2},
      {"PM3", MeasureKind::kPercent, -1, 0},        {"PM4", MeasureKind::kPercent, -1, 0},
      {"PM5", MeasureKind::kCount, 16000, 0},       {"PM6a", MeasureKind::kPercent, 90, 0},
      {"PM6b", MeasureKind::kPercent, 90, 0},       {"PM7", MeasureKind::kPercent, -1, 0},
      {"PM8", MeasureKind::kPercent, -1, 0},        {"ICCP", MeasureKind::kPercent, 40, 0},
      {"LCJB-E2E-a", MeasureKind::kAverage, 35, 0}, {"LCJB-E2E-b", MeasureKind::kPercent, 50, 0},
  };
  double total_weight = 0;
  for (const Expected& e : expected) {
    SCOPED_TRACE(e.code);
    const Measure* m = nps.FindMeasure(e.code);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->kind, e.kind);
    EXPECT_EQ(m->weight, e.weight);
    total_weight += m->weight;
    if (e.target < 0) {
      EXPECT_FALSE(m->TargetFor(2005).has_value());
    } else {
      EXPECT_EQ(m->TargetFor(2005), e.target);
    }
    EXPECT_NE(m->source.find("003_ef55058b427607a4.txt"), std::string::npos);
  }
  EXPECT_EQ(total_weight, 100);
  EXPECT_EQ(nps.FindMeasure("PT15")->direction, Direction::kLowerIsBetter);
  EXPECT_EQ(nps.FindMeasure("LCJB-E2E-a")->direction, Direction::kLowerIsBetter);
  EXPECT_TRUE(nps.FindMeasure("PT8")->national_target);
  EXPECT_FALSE(nps.FindMeasure("PT6")->national_target);
  EXPECT_EQ(nps.FindMeasure("PT6")->anchor_text, "failure_date");
  EXPECT_EQ(nps.FindMeasure("PT99"), nullptr);
}

TEST(FrameworkTest, PtrsCarriesPreviousTargetAchievedAndPlannedTarget) {
  const Framework& ptrs = Shipped("ptrs-2011-12");
  const Measure* om20 = ptrs.FindMeasure("OM20");
  ASSERT_NE(om20, nullptr);
  EXPECT_EQ(om20->previous_target, "73%");
  EXPECT_EQ(om20->reported_achieved, "77%");
  EXPECT_EQ(om20->TargetFor(2010), 73);
  EXPECT_EQ(om20->TargetFor(2011), 73);
  EXPECT_FALSE(om20->TargetFor(2009).has_value());

  const Measure* om40 = ptrs.FindMeasure("OM40");  // planned target "Tbc"
  ASSERT_NE(om40, nullptr);
  EXPECT_EQ(om40->TargetFor(2010), 90);
  EXPECT_FALSE(om40->TargetFor(2011).has_value());
  EXPECT_EQ(om40->reported_achieved, "99%");

  const Measure* int02 = ptrs.FindMeasure("INT02");
  ASSERT_NE(int02, nullptr);
  EXPECT_EQ(int02->kind, MeasureKind::kCount);
  // Cheshire's own count target, from frameworks/targets.csv: not every trust's.
  EXPECT_FALSE(int02->TargetFor(2010).has_value());
  ASSERT_EQ(int02->unit_targets.size(), 2u);
  EXPECT_EQ(int02->unit_targets[0].unit, "CHESHIRE");
  EXPECT_EQ(int02->unit_targets[0].target.year, "2010-11");
  EXPECT_EQ(int02->unit_targets[0].target.value, 115);
  EXPECT_EQ(int02->unit_targets[1].target.year, "2011-12");
  EXPECT_EQ(int02->unit_targets[1].target.value, 135);
  EXPECT_FALSE(int02->unit_targets[1].tolerance.has_value());
  EXPECT_EQ(int02->reported_achieved, "164");

  const Measure* om21 = ptrs.FindMeasure("OM21");
  ASSERT_NE(om21, nullptr);
  EXPECT_FALSE(om21->placeholder);
  EXPECT_NE(om21->description.find("OGRS"), std::string::npos);

  for (const char* code :
       {"OM03",  "OM07",  "OM08",  "OM09",   "OM10",   "OM14",   "OM15",  "OM19",
        "OM35",  "OM39",  "INT04", "INT11",  "INT13",  "INT14",  "INT15", "INT16",
        "INT17", "INT18", "INT19", "IPPF01", "IPPF02", "IPPF03", "IPPF08"}) {
    SCOPED_TRACE(code);
    const Measure* m = ptrs.FindMeasure(code);
    ASSERT_NE(m, nullptr);
    EXPECT_TRUE(m->placeholder);
    EXPECT_EQ(m->anchor, nullptr);
  }
  // BASS beds: defined from bass_placements, a level on the period's last night, against
  // Cheshire's own planned levels (targets table), not the measure's (every unit's).
  for (const auto& [code, beds] : {std::pair{"BASS-M", 34.0}, std::pair{"BASS-F", 6.0}}) {
    SCOPED_TRACE(code);
    const Measure* m = ptrs.FindMeasure(code);
    ASSERT_NE(m, nullptr);
    EXPECT_FALSE(m->placeholder);
    EXPECT_TRUE(m->level);
    EXPECT_EQ(m->kind, MeasureKind::kCount);
    EXPECT_EQ(m->counts->name, "bass_placements");
    EXPECT_FALSE(m->TargetFor(2011).has_value());
    ASSERT_EQ(m->unit_targets.size(), 1u);
    EXPECT_EQ(m->unit_targets[0].unit, "CHESHIRE");
    EXPECT_EQ(m->unit_targets[0].target.value, beds);
  }
  EXPECT_EQ(ptrs.FindMeasure("OM03")->title.rfind("Cited by Essex 2010-13 without a definition", 0),
            0u);
}

TEST(FrameworkTest, DiacIntakeProfileSumsToTheAnnualTarget) {
  const Framework& diac = Shipped("derbyshire-iac-2008-09");
  const Measure* intake = nullptr;
  for (const Measure& m : diac.measures) {
    if (!m.monthly_profile.empty()) intake = &m;
  }
  ASSERT_NE(intake, nullptr);
  EXPECT_EQ(intake->kind, MeasureKind::kCount);
  ASSERT_EQ(intake->monthly_profile.size(), 12u);
  EXPECT_EQ(std::accumulate(intake->monthly_profile.begin(), intake->monthly_profile.end(), 0.0),
            144);
  EXPECT_EQ(intake->TargetFor(2008), 144);
  EXPECT_EQ(intake->monthly_profile.front(), 4);
  EXPECT_EQ(intake->monthly_profile[5], 15);
  EXPECT_EQ(diac.measures.size(), 6u);
}

TEST(FrameworkTest, CaseloadAnnexHasCountsWithoutTargets) {
  const Framework& annex = Shipped("caseload-annex");
  EXPECT_GE(annex.measures.size(), 18u);
  for (const Measure& m : annex.measures) {
    SCOPED_TRACE(m.code);
    EXPECT_EQ(m.kind, MeasureKind::kCount);
    EXPECT_TRUE(m.targets.empty());
  }
}

TEST(FrameworkTest, TargetForPicksTheLatestYearInForce) {
  Measure m;
  EXPECT_FALSE(m.TargetFor(2010).has_value());
  m.targets = {{"", 50, false}, {"2010-11", 60, false}, {"2012-13", 0, true}};
  EXPECT_EQ(m.TargetFor(2009), 50);
  EXPECT_EQ(m.TargetFor(2010), 60);
  EXPECT_EQ(m.TargetFor(2011), 60);
  EXPECT_FALSE(m.TargetFor(2012).has_value());
}

// Writes `text` to a temporary framework file and loads it.
class BadFrameworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("framework_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  // The error message of loading `body` after a valid header; expects failure.
  std::string ErrorOf(const std::string& body) {
    path_ = Write("bad.toml", kHeader + body);
    Result<Framework> fw = LoadFramework(path_);
    EXPECT_FALSE(fw.ok());
    return fw.ok() ? "" : fw.status().message();
  }

  // "<path>, line L, column C:" for the current file.
  std::string At(int line, int column) const {
    return path_ + ", line " + std::to_string(line) + ", column " + std::to_string(column) + ":";
  }

  // Five lines, so a body starts on line 6.
  static constexpr const char* kHeader =
      "id = \"t\"\n"
      "title = \"Test\"\n"
      "year = \"2010-11\"\n"
      "amber_tolerance = 5\n"
      "\n";

  fs::path dir_;
  std::string path_;
};

constexpr const char* kGoodMeasure =
    "[[measures]]\n"
    "code = \"B1\"\n"
    "title = \"Breaches\"\n"
    "description = \"d\"\n"
    "kind = \"percent\"\n"
    "counts = \"breaches\"\n"
    "anchor = \"failure_date\"\n"
    "success = \"initiated_date <= add_working_days(failure_date, 10)\"\n";

TEST_F(BadFrameworkTest, AValidFileLoads) {
  path_ = Write("good.toml", std::string(kHeader) + kGoodMeasure + "target = 90\nweight = 8\n" +
                                 "[bands]\nmax_score = [1, 2, 3]\n");
  Result<Framework> fw = LoadFramework(path_);
  ASSERT_TRUE(fw.ok()) << fw.status().message();
  ASSERT_EQ(fw->measures.size(), 1u);
  EXPECT_EQ(fw->measures[0].position.line, 7);
  EXPECT_EQ(fw->measures[0].amber_tolerance, 5);
  EXPECT_EQ(fw->file, path_);
}

// `needs_records` names a record type and one of its date fields.
TEST_F(BadFrameworkTest, NeedsRecordsNamesADateField) {
  for (const char* bad : {"staff_absences.absence_type", "staff_absences", "nothing.start_date"}) {
    SCOPED_TRACE(bad);
    path_ = Write("needs.toml",
                  std::string(kHeader) + kGoodMeasure + "needs_records = \"" + bad + "\"\n");
    Result<Framework> fw = LoadFramework(path_);
    ASSERT_FALSE(fw.ok());
    EXPECT_NE(fw.status().message().find("'needs_records' must name a record type"),
              std::string::npos)
        << fw.status().message();
  }
  path_ = Write("needs.toml", std::string(kHeader) + kGoodMeasure +
                                  "needs_records = \"staff_absences.start_date\"\n");
  Result<Framework> fw = LoadFramework(path_);
  ASSERT_TRUE(fw.ok()) << fw.status().message();
  EXPECT_EQ(fw->measures[0].needs_type->name, "staff_absences");
}

// `level` (a count held at a moment, never pro rata) belongs to counts only.
TEST_F(BadFrameworkTest, LevelIsForCountsOnly) {
  path_ = Write("level.toml", std::string(kHeader) + kGoodMeasure + "level = true\n");
  Result<Framework> fw = LoadFramework(path_);
  ASSERT_FALSE(fw.ok());
  EXPECT_NE(fw.status().message().find("'level' does not apply to a percent measure"),
            std::string::npos)
      << fw.status().message();
}

TEST_F(BadFrameworkTest, RatingRulesAndTheTargetsTableLoad) {
  path_ = Write("good.toml",
                "id = \"t\"\ntitle = \"Test\"\nyear = \"2010-11\"\nmax_pending_share = 0.25\n"
                "min_decided = 10\nunit_target_rule = \"pro-rata\"\npro_rata_by = \"N\"\n"
                "[[measures]]\ncode = \"N\"\ntitle = \"Breaches\"\ndescription = \"d\"\n"
                "kind = \"count\"\ncounts = \"breaches\"\nanchor = \"failure_date\"\n"
                "direction = \"none\"\npopulation = true\n");
  Write("targets.csv",
        "framework,measure,unit,year,target,tolerance\nother,X,T1,,1,\nt,N,T1,2010-11,40,10\n"
        "t,N,L1,,tbc,\n");
  Result<Framework> fw = LoadFramework(path_);
  ASSERT_TRUE(fw.ok()) << fw.status().message();
  EXPECT_DOUBLE_EQ(fw->max_pending_share, 0.25);
  EXPECT_EQ(fw->min_decided, 10);
  EXPECT_EQ(fw->unit_target_rule, UnitTargetRule::kProRata);
  EXPECT_EQ(fw->pro_rata_by, "N");
  const Measure& n = fw->measures[0];
  EXPECT_EQ(n.direction, Direction::kNone);
  EXPECT_TRUE(n.population);
  ASSERT_EQ(n.unit_targets.size(), 2u);  // the other framework's row is not its
  EXPECT_EQ(n.unit_targets[0].unit, "T1");
  EXPECT_EQ(n.unit_targets[0].target.value, 40);
  EXPECT_EQ(n.unit_targets[0].tolerance, 10);
  EXPECT_TRUE(n.unit_targets[1].target.tbc);
}

TEST_F(BadFrameworkTest, TargetsTableErrorsNameTheFileAndLine) {
  path_ = Write("good.toml", std::string(kHeader) + kGoodMeasure);
  const std::string table = (dir_ / "targets.csv").string();
  Write("targets.csv", "framework,measure,unit,year,target,tolerance\nt,B1,T1,,90,\nt,B9,T1,,1,\n");
  Result<Framework> fw = LoadFramework(path_);
  ASSERT_FALSE(fw.ok());
  EXPECT_NE(fw.status().message().find(table + ", line 3"), std::string::npos)
      << fw.status().message();
  EXPECT_NE(fw.status().message().find("'B9' is not a measure of t"), std::string::npos);
  Write("targets.csv", "framework,measure,unit,year,target,tolerance\nt,B1,T1,2010,90,\n");
  EXPECT_FALSE(LoadFramework(path_).ok());
  Write("targets.csv", "framework,measure,unit,year,target,tolerance\nt,B1,T1,,ninety,\n");
  EXPECT_FALSE(LoadFramework(path_).ok());
}

TEST_F(BadFrameworkTest, ProRataNeedsACountMeasureOfSize) {
  EXPECT_NE(ErrorOf(std::string("unit_target_rule = \"pro-rata\"\npro_rata_by = \"B1\"\n") +
                    kGoodMeasure)
                .find("needs 'pro_rata_by', the code of a count measure"),
            std::string::npos);
  EXPECT_NE(ErrorOf(std::string("max_pending_share = 1.5\n") + kGoodMeasure)
                .find("'max_pending_share' must be a share from 0 to 1"),
            std::string::npos);
}

TEST_F(BadFrameworkTest, TomlSyntaxError) {
  const std::string e = ErrorOf("[[measures]]\ncode = \"B1\ntitle = \"x\"\n");
  EXPECT_NE(e.find(path_ + ", line 7, column "), std::string::npos) << e;
}

TEST_F(BadFrameworkTest, UnknownKey) {
  const std::string e = ErrorOf(std::string(kGoodMeasure) + "wieght = 8\n");
  EXPECT_NE(e.find(At(14, 1) + " unknown key 'wieght' in a measure; did you mean 'weight'?"),
            std::string::npos)
      << e;
}

TEST_F(BadFrameworkTest, UnknownTopLevelKey) {
  path_ = Write("bad.toml", std::string("colour = \"red\"\n") + kHeader + kGoodMeasure);
  Result<Framework> fw = LoadFramework(path_);
  ASSERT_FALSE(fw.ok());
  // Nothing allowed is near: the message lists what is.
  EXPECT_NE(fw.status().message().find(At(1, 1) + " unknown key 'colour' in the framework "
                                                  "(allowed: id, title, year, source, "),
            std::string::npos)
      << fw.status().message();
}

TEST_F(BadFrameworkTest, WrongType) {
  const std::string e = ErrorOf(std::string(kGoodMeasure) + "target = \"90%\"\n");
  EXPECT_NE(e.find(At(14, 10) + " 'target' must be a number, not text"), std::string::npos) << e;
}

TEST_F(BadFrameworkTest, UnknownRecordType) {
  const std::string e = ErrorOf(
      "[[measures]]\ncode = \"B1\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"count\"\n"
      "counts = \"breaches_x\"\nanchor = \"failure_date\"\n");
  EXPECT_NE(e.find(At(11, 11) + " 'breaches_x' is not a record type"), std::string::npos) << e;
}

TEST_F(BadFrameworkTest, MissingRequiredKey) {
  const std::string e = ErrorOf(
      "[[measures]]\ncode = \"B1\"\ndescription = \"d\"\nkind = \"count\"\n"
      "counts = \"breaches\"\nanchor = \"failure_date\"\n");
  EXPECT_NE(e.find(At(6, 1) + " missing required key 'title'"), std::string::npos) << e;
}

TEST_F(BadFrameworkTest, MissingFrameworkKey) {
  path_ = Write("bad.toml", std::string("id = \"t\"\ntitle = \"T\"\n") + kGoodMeasure);
  Result<Framework> fw = LoadFramework(path_);
  ASSERT_FALSE(fw.ok());
  EXPECT_NE(fw.status().message().find(At(1, 1) + " missing required key 'year'"),
            std::string::npos)
      << fw.status().message();
}

TEST_F(BadFrameworkTest, DuplicateCode) {
  const std::string e = ErrorOf(std::string(kGoodMeasure) + kGoodMeasure);
  EXPECT_NE(e.find(At(15, 8) + " measure code 'B1' is used twice (first at line 7)"),
            std::string::npos)
      << e;
}

TEST_F(BadFrameworkTest, WeightOnAnAverage) {
  const std::string e = ErrorOf(
      "[[measures]]\ncode = \"A\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"average\"\n"
      "counts = \"breaches\"\nanchor = \"resolved_date\"\n"
      "value = \"working_days(failure_date, resolved_date)\"\ntarget = 35\nweight = 10\n");
  EXPECT_NE(e.find(At(15, 10) + " 'weight' is for percent and count measures"), std::string::npos)
      << e;
}

TEST_F(BadFrameworkTest, WeightWithoutTarget) {
  const std::string e = ErrorOf(std::string(kGoodMeasure) + "weight = 2\n");
  EXPECT_NE(e.find(At(14, 10) + " a weighted measure needs a target"), std::string::npos) << e;
}

TEST_F(BadFrameworkTest, RuleOnAPlaceholder) {
  const std::string e = ErrorOf(
      "[[measures]]\ncode = \"OM03\"\ntitle = \"t\"\nplaceholder = true\n"
      "anchor = \"failure_date\"\n");
  EXPECT_NE(e.find(At(10, 10) + " placeholder measure OM03 has no rules: remove 'anchor'"),
            std::string::npos)
      << e;
}

TEST_F(BadFrameworkTest, ProfileThatDoesNotAddUp) {
  const std::string e = ErrorOf(
      "[[measures]]\ncode = \"I\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"count\"\n"
      "counts = \"requirements\"\nanchor = \"start_date\"\ntarget = 144\n"
      "monthly_profile = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]\n");
  EXPECT_NE(e.find(At(14, 19) + " 'monthly_profile' adds up to 78"), std::string::npos) << e;
}

TEST_F(BadFrameworkTest, TargetsWithTbcAndBadYear) {
  const std::string e = ErrorOf(std::string(kGoodMeasure) +
                                "targets = [{ year = \"2010-11\", value = 90 }, "
                                "{ year = \"2011-13\", tbc = true }, { year = \"2012-13\" }]\n");
  EXPECT_NE(e.find(At(14, 55) + " a target's year must be a financial year"), std::string::npos)
      << e;
  EXPECT_NE(e.find(At(14, 80) + " a target needs either 'value' or 'tbc = true'"),
            std::string::npos)
      << e;
}

TEST_F(BadFrameworkTest, ExpressionErrorPointsIntoASingleLineString) {
  // `sucess_date` starts at column 12: the quote is at 11.
  const std::string e = ErrorOf(
      "[[measures]]\ncode = \"B1\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"percent\"\n"
      "counts = \"breaches\"\nanchor = \"failure_date\"\nsuccess = \"sucess_date is null\"\n");
  EXPECT_NE(e.find(At(13, 12)), std::string::npos) << e;
}

TEST_F(BadFrameworkTest, ExpressionErrorPointsIntoAMultiLineString) {
  // The newline after the opening quotes is trimmed: the text starts on the next line, and
  // `intiated_date` is on its second line, column 5.
  const std::string e = ErrorOf(
      "[[measures]]\ncode = \"B1\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"percent\"\n"
      "counts = \"breaches\"\nanchor = \"failure_date\"\nsuccess = \"\"\"\n"
      "failure_date is not null\nand intiated_date is null\"\"\"\n");
  EXPECT_NE(e.find(At(15, 5)), std::string::npos) << e;
}

TEST_F(BadFrameworkTest, ExpressionOfTheWrongType) {
  const std::string e = ErrorOf(
      "[[measures]]\ncode = \"B1\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"percent\"\n"
      "counts = \"breaches\"\nanchor = \"outcome\"\nsuccess = \"initiated_date is not null\"\n");
  EXPECT_NE(e.find(path_ + ", line 12, column "), std::string::npos) << e;
}

TEST_F(BadFrameworkTest, SeveralErrorsAreAllReported) {
  const std::string e = ErrorOf(std::string(kGoodMeasure) + "wieght = 8\ndirection = \"up\"\n");
  EXPECT_NE(e.find("unknown key 'wieght'"), std::string::npos) << e;
  EXPECT_NE(e.find(At(15, 14) + " 'direction' must be higher, lower or none"), std::string::npos)
      << e;
}

TEST_F(BadFrameworkTest, MissingFileIsAnIoError) {
  Result<Framework> fw = LoadFramework((dir_ / "none.toml").string());
  ASSERT_FALSE(fw.ok());
  EXPECT_EQ(fw.status().code(), StatusCode::kIoError);
}

TEST_F(BadFrameworkTest, DuplicateFrameworkIdsInAFolder) {
  Write("a.toml", std::string(kHeader) + kGoodMeasure);
  Write("b.toml", std::string(kHeader) + kGoodMeasure);
  Result<std::vector<Framework>> all = LoadFrameworks(dir_.string());
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().message().find("framework id 't' is already used"), std::string::npos);
}

TEST(FrameworksDirTest, EnvironmentVariableWins) {
  ::setenv("PROBATION_FRAMEWORKS_DIR", kFrameworks.c_str(), 1);
  Result<std::string> dir = FrameworksDir();
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  EXPECT_EQ(*dir, kFrameworks);
  ::setenv("PROBATION_FRAMEWORKS_DIR", (kFrameworks + "/no-such-folder").c_str(), 1);
  EXPECT_EQ(FrameworksDir().status().code(), StatusCode::kNotFound);
  ::unsetenv("PROBATION_FRAMEWORKS_DIR");
}

}  // namespace
}  // namespace probation::measures
