// Golden cases for the scorecard's rules (docs/scorecards.md): the organisation a data set is,
// targets per unit (a unit's own, a pro-rata share, a national target the data cannot be judged
// against), cells not rated for each reason, a volume without direction, and ranks and the
// league table among rated units only. The data is the hand-made PT2 golden case on the golden
// organisation (R1 > T1 > L1 (TM1: S1), L2 (TM2: S2)), judged at 2011-07-08; the framework is
// written here, with a targets table beside it.
//
// Sentences by sentence date and attributed LDU (officer on that date):
//   L1 (S1): X1/1 CUS 2011-04-01, X1/2 CUS 04-05, X4/2 CUS 04-04
//   L2 (S2): X2/1 CUS 04-12, X2/2 CUS 04-13, X3/1 CUS 05-20, X3/2 LIC 04-10, X5/1 CUS 05-10,
//            X4/1 CUS 2011-03-31 (FY2010)
// PT2's victim-contact rule (VC), FY2011: L1 X1/1 succeeded, X1/2 and X4/2 failed (1 of 3);
// L2 X5/1 succeeded, X3/1 pending (deadline 15 July); X2/1 (11 months) and X2/2 (not serious)
// are not items.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "base/calendar.h"
#include "ingest/importer.h"
#include "measures/data_quality.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/scorecard.h"
#include "reports/measure_text.h"
#include "reports/scorecard_report.h"
#include "store/schema.h"
#include "store/snapshot.h"

namespace probation::measures {
namespace {

namespace fs = std::filesystem;

constexpr char kMeasures[] = R"toml(
[[measures]]
code = "ALL"
title = "Sentences passed"
description = "Every sentence by sentence date: the pro-rata rule's measure of size."
kind = "count"
counts = "sentences"
anchor = "sentence_date"
direction = "none"

[[measures]]
code = "CUS"
title = "Custodial sentences"
description = "T1's own target in the targets table; its LDUs a pro-rata share."
kind = "count"
counts = "sentences"
anchor = "sentence_date"
filter = "sentence_type = 'CUS'"

[[measures]]
code = "NATCUS"
title = "Custodial sentences against a national target"
description = "Judged only where the data holds the nation."
kind = "count"
counts = "sentences"
anchor = "sentence_date"
filter = "sentence_type = 'CUS'"
national_target = true
target = 100

[[measures]]
code = "LICS"
title = "Licences"
description = "L2's own target (tolerance 60) in the targets table; nobody else has one."
kind = "count"
counts = "sentences"
anchor = "sentence_date"
filter = "sentence_type = 'LIC'"

[[measures]]
code = "WHITE"
title = "Sentences of white offenders"
description = "A filter on the person's ethnicity, which X000002's record leaves blank."
kind = "count"
counts = "sentences"
anchor = "sentence_date"
filter = "person.ethnicity in ['W1', 'W2', 'W9']"

[[measures]]
code = "VC"
title = "Victim contact within 8 weeks"
description = "PT2's rule."
kind = "percent"
counts = "sentences"
anchor = "sentence_date"
filter = "sentence_type = 'CUS' and serious_sexual_violent and custodial_months >= 12"
success = """
any(victim_contacts where contact_date >= outer.sentence_date
    and contact_date <= add_days(outer.sentence_date, 56))"""
deadline = "add_days(sentence_date, 56)"
target = 80
)toml";

class ScorecardRulesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path golden = fs::path(PROBATION_SOURCE_DIR) / "tests" / "golden";
    Result<std::unique_ptr<Database>> db = OpenStore(":memory:");
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db).release();
    ImportOptions import;
    import.paths = {(golden / "_base").string(),
                    (golden / "nps-PT2-victim-contact-8-weeks").string()};
    Result<ImportResult> loaded = Import(db_, import);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    ASSERT_TRUE(loaded->first_rejections.empty());
    Result<Calendar> calendar =
        Calendar::FromChangesFile(PROBATION_SOURCE_DIR "/reference/bank_holiday_changes.csv");
    ASSERT_TRUE(calendar.ok());
    calendar_ = new Calendar(std::move(*calendar));
    Result<std::unique_ptr<Snapshot>> snapshot = Snapshot::Load(db_, *calendar_);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    snapshot_ = std::move(*snapshot).release();
    organisation_ = new Organisation(*snapshot_);
    engine_ = new Engine(*snapshot_, *calendar_, *organisation_, *Date::Parse("2011-07-08"));

    dir_ = fs::path(::testing::TempDir()) / ("scorecard_rules_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "weighted");
    fs::create_directories(dir_ / "share");
    const std::string targets =
        "framework,measure,unit,year,target,tolerance\n"
        "rules-weighted,CUS,T1,2011-12,8,\n"
        "rules-weighted,LICS,L2,,2,60\n"
        "rules-share,CUS,T1,2011-12,8,\n"
        "rules-share,LICS,L2,,2,60\n";
    const std::string head =
        "title = \"Scorecard rules\"\nyear = \"2011-12\"\namber_tolerance = 5\n"
        "min_decided = 2\nmax_pending_share = 0.3\nunit_target_rule = \"pro-rata\"\n"
        "pro_rata_by = \"ALL\"\n";
    std::string weighted = std::string("id = \"rules-weighted\"\n") + head +
                           "[bands]\nmax_score = [50, 150, 300]\n" + kMeasures + "weight = 10\n";
    std::string share = std::string("id = \"rules-share\"\n") + head + kMeasures;
    for (const auto& [sub, text] : {std::pair{"weighted", weighted}, std::pair{"share", share}}) {
      std::ofstream(dir_ / sub / "rules.toml") << text;
      std::ofstream(dir_ / sub / "targets.csv") << targets;
    }
    Result<Framework> w = LoadFramework((dir_ / "weighted" / "rules.toml").string());
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    weighted_ = new Framework(std::move(*w));
    Result<Framework> s = LoadFramework((dir_ / "share" / "rules.toml").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    share_ = new Framework(std::move(*s));
  }

  static Scorecard Card(const Framework& fw, const std::string& period, UnitLevel level) {
    Result<Scorecard> card =
        ComputeScorecard(*engine_, fw, *ParsePeriod(period), level, organisation_->Top());
    EXPECT_TRUE(card.ok()) << card.status().ToString();
    return std::move(*card);
  }
  static const MeasureCell& Cell(const Scorecard& card, const std::string& unit,
                                 const std::string& measure) {
    for (const ScorecardRow& row : card.rows) {
      if (row.code != unit) continue;
      for (size_t m = 0; m < card.framework->measures.size(); ++m) {
        if (card.framework->measures[m].code == measure) return row.cells[m];
      }
    }
    ADD_FAILURE() << "no cell " << unit << " " << measure;
    static const MeasureCell none;
    return none;
  }
  static const ScorecardRow& Row(const Scorecard& card, const std::string& unit) {
    for (const ScorecardRow& row : card.rows) {
      if (row.code == unit) return row;
    }
    ADD_FAILURE() << "no row " << unit;
    return card.rows.front();
  }

  static inline Database* db_ = nullptr;
  static inline Calendar* calendar_ = nullptr;
  static inline Snapshot* snapshot_ = nullptr;
  static inline Organisation* organisation_ = nullptr;
  static inline Engine* engine_ = nullptr;
  static inline Framework* weighted_ = nullptr;
  static inline Framework* share_ = nullptr;
  static inline fs::path dir_;
};

TEST_F(ScorecardRulesTest, TheDataIsTheTrustItHolds) {
  // One region with one trust: the data is Golden Trust, not the nation.
  EXPECT_EQ(organisation_->Code(organisation_->Top()), "T1");
  EXPECT_FALSE(organisation_->HoldsNation());
  const Scorecard card = Card(*weighted_, "FY2011", UnitLevel::kTrust);
  EXPECT_EQ(card.scope_name, "Golden Trust");
  EXPECT_EQ(ScorecardText(card).rfind("Golden Trust: Scorecard rules (rules-weighted)\n", 0), 0u)
      << ScorecardText(card);
}

TEST_F(ScorecardRulesTest, ANationalTargetIsNotSetAgainstOneTrust) {
  // NATCUS has 7 custodial sentences at T1 against a national target of 100: no target, no RAG.
  const Scorecard card = Card(*weighted_, "FY2011", UnitLevel::kTrust);
  const MeasureCell& c = Cell(card, "T1", "NATCUS");
  EXPECT_EQ(c.value, 7);
  EXPECT_FALSE(c.target.has_value());
  EXPECT_EQ(c.rag, Rag::kNone);
}

TEST_F(ScorecardRulesTest, AUnitsOwnTargetAndAProRataShare) {
  const Scorecard trust = Card(*weighted_, "FY2011", UnitLevel::kTrust);
  // T1's own target 8 for 2011-12; 7 custodial sentences: short by 12.5% > 5: red.
  const MeasureCell& t1 = Cell(trust, "T1", "CUS");
  ASSERT_TRUE(t1.target.has_value());
  EXPECT_DOUBLE_EQ(*t1.target, 8);
  EXPECT_EQ(t1.target_source, "own (targets table)");
  EXPECT_EQ(t1.rag, Rag::kRed);
  const Scorecard ldus = Card(*weighted_, "FY2011", UnitLevel::kLdu);
  // L1: 3 of T1's 8 sentences (ALL) -> 8 x 3/8 = 3; 3 custodial: green.
  const MeasureCell& l1 = Cell(ldus, "L1", "CUS");
  ASSERT_TRUE(l1.target.has_value());
  EXPECT_DOUBLE_EQ(*l1.target, 3);
  EXPECT_EQ(l1.target_source, "pro rata: T1's target x ALL 3 of 8");
  EXPECT_EQ(l1.rag, Rag::kGreen);
  // L2: 8 x 5/8 = 5; 4 custodial, short by 20%: red.
  const MeasureCell& l2 = Cell(ldus, "L2", "CUS");
  EXPECT_DOUBLE_EQ(*l2.target, 5);
  EXPECT_EQ(l2.rag, Rag::kRed);
  // LICS: L2's own target 2 with its own tolerance 60: 1 licence, short by 50%: amber.
  const MeasureCell& lics = Cell(ldus, "L2", "LICS");
  EXPECT_DOUBLE_EQ(*lics.target, 2);
  EXPECT_EQ(lics.target_source, "own (targets table)");
  EXPECT_EQ(lics.rag, Rag::kAmber);
  // No unit above L1 holds a LICS target: none to share.
  EXPECT_FALSE(Cell(ldus, "L1", "LICS").target.has_value());
  // Before 2011-12 T1 has no CUS target (the table's starts then).
  EXPECT_FALSE(Cell(Card(*weighted_, "FY2010", UnitLevel::kTrust), "T1", "CUS").target);
}

TEST_F(ScorecardRulesTest, CellsNotRatedSayWhy) {
  const Scorecard ldus = Card(*weighted_, "FY2011", UnitLevel::kLdu);
  // L2's VC: 1 succeeded, 1 pending of 2; 1 > 0.3 x 2.
  const MeasureCell& incomplete = Cell(ldus, "L2", "VC");
  EXPECT_EQ(incomplete.not_rated, "incomplete: 1 of 2 pending");
  EXPECT_EQ(incomplete.rag, Rag::kNone);
  EXPECT_DOUBLE_EQ(incomplete.value, 100);  // shown, not rated
  // L1 has no licences.
  EXPECT_EQ(Cell(ldus, "L1", "LICS").not_rated, "no items");
  // L1's VC: 1 of 3 decided, none pending: rated, 33.3% against 80: red.
  const MeasureCell& rated = Cell(ldus, "L1", "VC");
  EXPECT_EQ(rated.not_rated, "");
  EXPECT_NEAR(rated.value, 100.0 / 3, 1e-9);
  EXPECT_EQ(rated.rag, Rag::kRed);
  // 2010-Q4 at T1: X4/1 only (contact 15 April, success): 1 decided, fewer than 2.
  const Scorecard q4 = Card(*weighted_, "2010-Q4", UnitLevel::kTrust);
  const MeasureCell& few = Cell(q4, "T1", "VC");
  EXPECT_EQ(few.tally.succeeded, 1);
  EXPECT_EQ(few.not_rated, "fewer than 2 decided");
  EXPECT_EQ(few.rag, Rag::kNone);
  // 2011-Q3 (October to December 2011) starts after the as-at date 2011-07-08.
  const Scorecard q3 = Card(*weighted_, "2011-Q3", UnitLevel::kTrust);
  const MeasureCell& after = Cell(q3, "T1", "CUS");
  EXPECT_EQ(after.not_rated, "after the data");
  EXPECT_TRUE(std::isnan(after.value));
  EXPECT_EQ(after.rag, Rag::kNone);
}

TEST_F(ScorecardRulesTest, AVolumeShowsItsChangeNotAJudgement) {
  const Scorecard ldus = Card(*weighted_, "FY2011", UnitLevel::kLdu);
  const Measure& all = *weighted_->FindMeasure("ALL");
  const Measure& cus = *weighted_->FindMeasure("CUS");
  // L2: 5 sentences in FY2011 against 1 (X4/1) in FY2010: a change of +4, no judgement; its
  // custodial sentences 4 against 1: better (higher is better).
  EXPECT_EQ(Cell(ldus, "L2", "ALL").previous, 1);
  EXPECT_TRUE(Cell(ldus, "L2", "ALL").previous_rated);
  EXPECT_EQ(probation::CellTrendWord(all, Cell(ldus, "L2", "ALL"), false), "+4");
  EXPECT_EQ(probation::CellTrendWord(cus, Cell(ldus, "L2", "CUS"), false), "better");
  // L1 had no sentences in FY2010 (not rated: no items): no trend at all.
  EXPECT_EQ(probation::CellTrendWord(cus, Cell(ldus, "L1", "CUS"), false), "");
}

TEST_F(ScorecardRulesTest, DataQualityFlagsRowsTheFilterCannotDecide) {
  Scorecard ldus = Card(*weighted_, "FY2011", UnitLevel::kLdu);
  ASSERT_TRUE(AddDataQuality(*engine_, &ldus).ok());
  // WHITE's filter reads the person's ethnicity, blank for X000002: L2's FY2011 sentences are
  // X2/1, X2/2 (blank), X3/1, X3/2, X5/1: 2 of 5 rows blank, 40% > 5%: flagged. L1's three
  // (X1/1, X1/2, X4/2) are all recorded.
  const MeasureCell& l2 = Cell(ldus, "L2", "WHITE");
  EXPECT_EQ(l2.quality_rows, 5);
  EXPECT_EQ(l2.quality_blank, 2);
  EXPECT_TRUE(l2.quality_flag);
  EXPECT_EQ(probation::CellQualityText(l2), "DATA FLAG: 2 of 5 rows blank (40.0%)");
  const MeasureCell& l1 = Cell(ldus, "L1", "WHITE");
  EXPECT_EQ(l1.quality_rows, 3);
  EXPECT_EQ(l1.quality_blank, 0);
  EXPECT_FALSE(l1.quality_flag);
  // VC's filter reads the sentence type first: the LIC X3/2 is decided by its type, and every
  // custodial sentence has its length and flag: nothing blank.
  const MeasureCell& vc = Cell(ldus, "L2", "VC");
  EXPECT_EQ(vc.quality_rows, 5);
  EXPECT_EQ(vc.quality_blank, 0);
  EXPECT_EQ(FilterFields(*weighted_->FindMeasure("VC")),
            (std::vector<std::string>{"sentence_type", "serious_sexual_violent",
                                      "custodial_months"}));
  // ALL has no filter: no data quality computed.
  EXPECT_EQ(Cell(ldus, "L2", "ALL").quality_rows, -1);
  // The flag is in every format: text note, JSON and CSV.
  EXPECT_NE(ScorecardText(ldus).find("DATA FLAG: 2 of 5 rows blank (40.0%)"), std::string::npos);
  EXPECT_NE(ScorecardJson(ldus).find("\"blank_rows\": 2"), std::string::npos);
  EXPECT_NE(ScorecardCsv(ldus).find(",5,2,yes\n"), std::string::npos);
}

TEST_F(ScorecardRulesTest, OnlyRatedUnitsAreRankedAndTheLeagueListsTheOthersApart) {
  const Scorecard ldus = Card(*weighted_, "FY2011", UnitLevel::kLdu);
  // Only VC is weighted (10): L1 short by 80 - 33.33 = 46.67 points: score 466.7, band 1; L2's
  // VC is not rated, so L2 has no score, band or rank.
  const ScorecardRow& l1 = Row(ldus, "L1");
  const ScorecardRow& l2 = Row(ldus, "L2");
  EXPECT_TRUE(l1.rated);
  EXPECT_NEAR(l1.weighted_score, 10 * (80 - 100.0 / 3), 1e-9);
  EXPECT_EQ(l1.band, 1);
  EXPECT_EQ(l1.rank, 1);
  EXPECT_EQ(l1.quartile, 1);
  EXPECT_FALSE(l2.rated);
  EXPECT_EQ(l2.rank, 0);
  EXPECT_EQ(l2.band, 0);
  EXPECT_EQ(ldus.rated_rows, 1);
  const std::string league = LeagueText(ldus);
  const size_t first = league.find("\n1     1   L1 ");
  const size_t apart = league.find("-- not rated");
  const size_t second = league.find("\n-     -   L2 ");
  ASSERT_NE(first, std::string::npos) << league;
  ASSERT_NE(apart, std::string::npos) << league;
  ASSERT_NE(second, std::string::npos) << league;
  EXPECT_LT(first, apart);
  EXPECT_LT(apart, second);
  const std::string csv = LeagueCsv(ldus);
  EXPECT_NE(csv.find("rules-weighted,FY2011-12,ldu,1,1,L1,North LDU,466.7,weighted_score,1,,green,,"
                     "not rated: no items,,red\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("rules-weighted,FY2011-12,ldu,,,L2,South LDU,,weighted_score,,,red,,amber,"
                     "not rated: no items,not rated: incomplete: 1 of 2 pending\n"),
            std::string::npos)
      << csv;
}

TEST_F(ScorecardRulesTest, WithoutWeightsUnitsRankByTheShareOfRatedMeasuresMet) {
  const Scorecard ldus = Card(*share_, "FY2011", UnitLevel::kLdu);
  EXPECT_TRUE(ldus.rank_by_share);
  // L1: CUS green, VC red (LICS: no items) -> 1 of 2 = 50%. L2: CUS red, LICS amber (VC not
  // rated) -> 0 of 2 = 0%.
  const ScorecardRow& l1 = Row(ldus, "L1");
  const ScorecardRow& l2 = Row(ldus, "L2");
  EXPECT_EQ(l1.measures_rated, 2);
  EXPECT_EQ(l1.measures_met, 1);
  EXPECT_DOUBLE_EQ(l1.share_met, 50);
  EXPECT_EQ(l1.rank, 1);
  EXPECT_EQ(l2.measures_rated, 2);
  EXPECT_EQ(l2.measures_met, 0);
  EXPECT_EQ(l2.rank, 2);
  EXPECT_EQ(l2.quartile, 3);
  EXPECT_NE(ScorecardText(ldus).find("Ranked by the share of rated measures at or above target"),
            std::string::npos);
}

// PT15 reads staff absence records: a quarter with staff in post but no absence recorded at
// all is not rated "0.0 days, green" but "no staff_absences records" (the PT15 golden case's
// absences begin 28 March - 4 July 2011; October - December 2010 has none).
TEST(NeedsRecordsTest, SicknessWithoutAbsenceRecordsIsNotRated) {
  const fs::path golden = fs::path(PROBATION_SOURCE_DIR) / "tests" / "golden";
  Result<std::unique_ptr<Database>> db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok());
  ImportOptions import;
  import.paths = {(golden / "_base").string(), (golden / "nps-PT15-staff-sickness").string()};
  Result<ImportResult> loaded = Import(db->get(), import);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Result<Calendar> calendar =
      Calendar::FromChangesFile(PROBATION_SOURCE_DIR "/reference/bank_holiday_changes.csv");
  ASSERT_TRUE(calendar.ok());
  Result<std::unique_ptr<Snapshot>> snapshot = Snapshot::Load(db->get(), *calendar);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  const Organisation organisation(**snapshot);
  const Engine engine(**snapshot, *calendar, organisation, *Date::Parse("2011-07-08"));
  Result<Framework> nps = LoadFramework(PROBATION_SOURCE_DIR "/frameworks/nps-2005-06.toml");
  ASSERT_TRUE(nps.ok()) << nps.status().ToString();
  const Measure* pt15 = nps->FindMeasure("PT15");
  ASSERT_NE(pt15, nullptr);
  size_t m = 0;
  while (&nps->measures[m] != pt15) ++m;

  Result<Scorecard> empty = ComputeScorecard(engine, *nps, *ParsePeriod("2010-Q3"),
                                             UnitLevel::kTrust, organisation.Top());
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  const MeasureCell& none = empty->rows.at(0).cells[m];
  EXPECT_GT(none.tally.items(), 0) << "staff are in post";
  EXPECT_EQ(none.not_rated, "no staff_absences records");
  EXPECT_EQ(none.rag, Rag::kNone);

  Result<Scorecard> recorded = ComputeScorecard(engine, *nps, *ParsePeriod("2011-Q1"),
                                                UnitLevel::kTrust, organisation.Top());
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_NE(recorded->rows.at(0).cells[m].not_rated, "no staff_absences records");
  EXPECT_EQ(NoRecordsReason(**snapshot, *pt15, *ParsePeriod("2011-Q1")), "");
  EXPECT_EQ(NoRecordsReason(**snapshot, *pt15, *ParsePeriod("2010-Q4")), "");  // 28 March
}

}  // namespace
}  // namespace probation::measures
