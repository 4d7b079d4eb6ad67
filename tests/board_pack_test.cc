// The board pack on a generated trust: every section present, in order; its numbers equal the
// scorecard's, the engine's tallies and the caseload framework's; the web page carries them and
// prints to A4 with each section on a new page and no table row cut between pages; the
// workbook is written whole or not at all.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>

#include "cli/measure_environment.h"
#include "cli/measure_status_lookup.h"
#include "generated_store.h"
#include "ingest/generator.h"
#include "ingest/importer.h"
#include "measures/scorecard.h"
#include "planning/plan_file.h"
#include "planning/plan_queries.h"
#include "planning/plan_store.h"
#include "planning/resources.h"
#include "planning/resources_file.h"
#include "planning/resources_store.h"
#include "planning/risk_queries.h"
#include "planning/risk_register_file.h"
#include "planning/risk_store.h"
#include "planning/risk_thresholds.h"
#include "reports/board_pack.h"
#include "reports/document_html.h"
#include "reports/document_xlsx.h"
#include "reports/measure_text.h"
#include "run_probation.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;
using report::Cell;
using report::Document;
using report::Section;
using report::Table;

constexpr char kFramework[] = "nps-2005-06";
constexpr char kPeriod[] = "2010-Q4";

class BoardPackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Per process: ctest runs each test in its own process, several at once.
    dir_ =
        new fs::path(fs::path(::testing::TempDir()) / ("board_pack_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    {
      Result<std::unique_ptr<Database>> db = testing::GenerateTrustStore(*dir_, 11, 0.1, DbPath());
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      LoadExamples(db->get());
      LoadTrustDocuments(db->get(), (*dir_ / "data" / "documents").string());
    }
    Result<std::unique_ptr<MeasureEnvironment>> env =
        OpenMeasureEnvironment(DbPath(), kFramework, "");
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = env->release();
    Result<measures::Framework> caseload =
        measures::LoadFramework(PROBATION_SOURCE_DIR "/frameworks/caseload-annex.toml");
    ASSERT_TRUE(caseload.ok()) << caseload.status().ToString();
    caseload_ = new measures::Framework(std::move(*caseload));
  }

  static void TearDownTestSuite() {
    delete env_;
    fs::remove_all(*dir_);
    delete caseload_;
    delete dir_;
  }

  // The shipped plans, risk registers and resource annexes, as the demo loads them.
  static void LoadExamples(Database* db) {
    const fs::path examples = fs::path(PROBATION_SOURCE_DIR) / "examples";
    std::vector<planning::Plan> plans;
    for (const auto& f : fs::directory_iterator(examples / "plans")) {
      Result<planning::Plan> plan = planning::ParsePlanFile(f.path().string());
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      plans.push_back(std::move(*plan));
    }
    ASSERT_TRUE(planning::SavePlans(db, plans).ok());
    Result<planning::RiskMatrix> matrix = planning::LoadRiskMatrix();
    ASSERT_TRUE(matrix.ok());
    std::vector<planning::RiskRegister> registers;
    for (const auto& f : fs::directory_iterator(examples / "risks")) {
      Result<planning::RiskRegister> reg =
          planning::ReadRiskRegisterFile(f.path().string(), *matrix);
      ASSERT_TRUE(reg.ok()) << reg.status().ToString();
      registers.push_back(std::move(*reg));
    }
    ASSERT_TRUE(planning::SaveRegisters(db, registers).ok());
    std::vector<planning::ResourceAnnex> annexes;
    for (const auto& f : fs::directory_iterator(examples / "resources")) {
      Result<planning::ResourceAnnex> annex = planning::ReadResourceAnnexFile(f.path().string());
      ASSERT_TRUE(annex.ok()) << annex.status().ToString();
      annexes.push_back(std::move(*annex));
    }
    ASSERT_TRUE(planning::SaveAnnexes(db, annexes).ok());
  }

  // The generated trust's own plan, register and annexes, as the demo loads them.
  static void LoadTrustDocuments(Database* db, const std::string& dir) {
    Result<planning::Plan> plan = planning::ParsePlanFile(dir + "/plan.toml");
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    ASSERT_TRUE(planning::SavePlans(db, {*plan}).ok());
    Result<planning::RiskMatrix> matrix = planning::LoadRiskMatrix();
    ASSERT_TRUE(matrix.ok());
    Result<planning::RiskRegister> reg =
        planning::ReadRiskRegisterFile(dir + "/risks.toml", *matrix);
    ASSERT_TRUE(reg.ok()) << reg.status().ToString();
    ASSERT_TRUE(planning::SaveRegisters(db, {*reg}).ok());
    for (const char* name : {"/budget.toml", "/staffing.toml"}) {
      Result<planning::ResourceAnnex> annex = planning::ReadResourceAnnexFile(dir + name);
      ASSERT_TRUE(annex.ok()) << annex.status().ToString();
      ASSERT_TRUE(planning::SaveAnnexes(db, {*annex}).ok());
    }
  }
  static std::string DbPath() { return (*dir_ / "trust.db").string(); }

  static BoardPackRequest Request() {
    BoardPackRequest r;
    r.engine = env_->engine.get();
    r.framework = &env_->framework;
    r.sickness = env_->framework.FindMeasure("PT15");
    r.caseload = caseload_;
    r.calendar = env_->calendar.get();
    r.db = env_->db.get();
    r.period = *measures::ParsePeriod(kPeriod);
    return r;
  }

  static const Section& SectionById(const Document& doc, const std::string& id) {
    for (const Section& s : doc.sections) {
      if (s.id == id) return s;
    }
    ADD_FAILURE() << "no section " << id;
    static const Section kNone;
    return kNone;
  }

  static std::vector<const Table*> Tables(const Section& s) {
    std::vector<const Table*> out;
    for (const report::Block& b : s.blocks) {
      if (const auto* t = std::get_if<Table>(&b)) out.push_back(t);
    }
    return out;
  }

  static const measures::Measure* FindMeasure(const measures::Framework& fw,
                                              const std::string& code) {
    for (const measures::Measure& m : fw.measures) {
      if (m.code == code) return &m;
    }
    return nullptr;
  }

  static fs::path* dir_;
  static MeasureEnvironment* env_;
  static measures::Framework* caseload_;
};

fs::path* BoardPackTest::dir_ = nullptr;
MeasureEnvironment* BoardPackTest::env_ = nullptr;
measures::Framework* BoardPackTest::caseload_ = nullptr;

TEST_F(BoardPackTest, HasEverySectionInOrder) {
  Result<Document> pack = BuildBoardPack(Request());
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  std::vector<std::string> ids;
  for (const Section& s : pack->sections) ids.push_back(s.id);
  const std::vector<std::string> expected = {"scorecard", "trends",   "exceptions", "plans",
                                             "risks",     "caseload", "budget",     "staffing"};
  EXPECT_EQ(ids, expected);
  EXPECT_NE(pack->title.find("Board pack"), std::string::npos);
}

TEST_F(BoardPackTest, ScorecardNumbersEqualTheScorecard) {
  const BoardPackRequest r = Request();
  Result<Document> pack = BuildBoardPack(r);
  ASSERT_TRUE(pack.ok());
  Result<measures::Scorecard> card =
      measures::ComputeScorecard(*r.engine, *r.framework, r.period, r.scope.level, r.scope);
  ASSERT_TRUE(card.ok());
  const Table& table = *Tables(SectionById(*pack, "scorecard")).at(0);
  int computed = 0;
  for (const measures::Measure& m : r.framework->measures) computed += m.placeholder ? 0 : 1;
  ASSERT_EQ(table.rows.size(), static_cast<size_t>(computed));
  for (const std::vector<Cell>& row : table.rows) {
    const std::string& code = row[0].text;
    size_t index = 0;
    while (r.framework->measures[index].code != code) ++index;
    const measures::Measure& m = r.framework->measures[index];
    const measures::MeasureCell& c = card->rows[0].cells[index];
    EXPECT_EQ(row[2].text, MeasureValueText(m, c.value)) << code;
    if (std::isnan(c.value)) {
      EXPECT_FALSE(row[2].number.has_value()) << code;
    } else {
      EXPECT_DOUBLE_EQ(*row[2].number, c.value) << code;
    }
    EXPECT_EQ(row[3].text, MeasureTargetText(m, c.target)) << code;
    EXPECT_EQ(row[4].text, c.not_rated.empty() ? std::string(measures::RagName(c.rag))
                                               : "not rated: " + c.not_rated)
        << code;
    EXPECT_EQ(row[5].text, MeasureCountsText(m, c.tally)) << code;
    EXPECT_EQ(*row[6].number, static_cast<double>(c.tally.pending)) << code;
    EXPECT_EQ(row[7].text.substr(0, MeasureValueText(m, c.previous).size()),
              MeasureValueText(m, c.previous))
        << code;
  }
}

TEST_F(BoardPackTest, TrendsEndWithTheScorecardValueAndExceptionsEqualTheTallies) {
  const BoardPackRequest r = Request();
  Result<Document> pack = BuildBoardPack(r);
  ASSERT_TRUE(pack.ok());
  Result<measures::Scorecard> card =
      measures::ComputeScorecard(*r.engine, *r.framework, r.period, r.scope.level, r.scope);
  ASSERT_TRUE(card.ok());
  std::map<std::string, size_t> index;
  for (size_t m = 0; m < r.framework->measures.size(); ++m) {
    index[r.framework->measures[m].code] = m;
  }
  int charts = 0;
  for (const report::Block& b : SectionById(*pack, "trends").blocks) {
    const auto* chart = std::get_if<report::TrendChart>(&b);
    if (chart == nullptr) continue;
    ++charts;
    const measures::MeasureCell& c = card->rows[0].cells[index.at(chart->code)];
    ASSERT_EQ(chart->labels.size(), 6u);
    EXPECT_EQ(chart->labels.back(), kPeriod);
    if (std::isnan(c.value)) {
      EXPECT_FALSE(chart->values.back().has_value()) << chart->code;
    } else {
      EXPECT_DOUBLE_EQ(*chart->values.back(), c.value) << chart->code;
      // The chart's previous point is the scorecard's previous period.
      if (!std::isnan(c.previous)) {
        EXPECT_DOUBLE_EQ(*chart->values[4], c.previous) << chart->code;
      }
    }
    EXPECT_EQ(chart->targets.back(), c.target) << chart->code;
  }
  EXPECT_GT(charts, 10);

  const Table& items = *Tables(SectionById(*pack, "exceptions")).at(0);
  ASSERT_FALSE(items.rows.empty());
  for (const std::vector<Cell>& row : items.rows) {
    const measures::Tally& t = card->rows[0].cells[index.at(row[0].text)].tally;
    EXPECT_EQ(*row[2].number, static_cast<double>(t.items())) << row[0].text;
    EXPECT_EQ(*row[3].number, static_cast<double>(t.failed)) << row[0].text;
    EXPECT_EQ(*row[4].number, static_cast<double>(t.pending)) << row[0].text;
    EXPECT_LE(*row[5].number, *row[4].number) << row[0].text;
  }
}

TEST_F(BoardPackTest, CaseloadAnnexEqualsTheCaseloadFramework) {
  const BoardPackRequest r = Request();
  Result<Document> pack = BuildBoardPack(r);
  ASSERT_TRUE(pack.ok());
  // The first column is the last full financial year: FY2009 for 2010-Q4.
  Result<measures::Scorecard> card = measures::ComputeScorecard(
      *r.engine, *caseload_, *measures::ParsePeriod("FY2009"), r.scope.level, r.scope);
  ASSERT_TRUE(card.ok());
  const Table& table = *Tables(SectionById(*pack, "caseload")).at(0);
  EXPECT_EQ(table.columns[2], "FY2009-10");
  ASSERT_FALSE(table.rows.empty());
  for (const std::vector<Cell>& row : table.rows) {
    const measures::Measure* m = FindMeasure(*caseload_, row[0].text);
    ASSERT_NE(m, nullptr);
    const size_t i = static_cast<size_t>(m - caseload_->measures.data());
    EXPECT_EQ(row[2].text, MeasureValueText(*m, card->rows[0].cells[i].value)) << m->code;
  }
  // The year-to-date column runs from 1 April 2010 to the end of 2010-Q4.
  EXPECT_EQ(table.columns[4], "FY2010 to 2011-03-31");
}

TEST_F(BoardPackTest, PlanProgressEqualsThePlanQueries) {
  const BoardPackRequest r = Request();
  Result<Document> pack = BuildBoardPack(r);
  ASSERT_TRUE(pack.ok());
  Result<std::vector<planning::Plan>> held = planning::LoadPlans(env_->db.get());
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(held->size(), 6u);  // the five source organisations' and the trust's own
  // The pack for the nation holds the national plan only (the NPS's), not the trusts'.
  Result<std::vector<planning::Plan>> plans = std::vector<planning::Plan>();
  for (planning::Plan& p : *held) {
    if (BelongsToPack(r, p.organisation)) plans->push_back(std::move(p));
  }
  ASSERT_EQ(plans->size(), 1u);
  EXPECT_EQ((*plans)[0].organisation, "National Probation Service");
  // 2010-Q4 (January to March 2011) is the quarter the period ends in.
  const std::vector<planning::RagSummary> rags = planning::QuarterRagSummary(*plans, "2010-Q4");
  const std::vector<planning::ItemRef> overdue =
      planning::OverdueActions(*plans, r.engine->as_at());
  const std::vector<const Table*> tables = Tables(SectionById(*pack, "plans"));
  ASSERT_EQ(tables.size(), 3u);
  const Table& summary = *tables[0];
  ASSERT_EQ(summary.rows.size(), plans->size());
  int overdue_total = 0;
  for (size_t p = 0; p < plans->size(); ++p) {
    EXPECT_EQ(summary.rows[p][0].text, (*plans)[p].id);
    EXPECT_EQ(*summary.rows[p][2].number, rags[p].latest_green);
    EXPECT_EQ(*summary.rows[p][3].number, rags[p].latest_amber);
    EXPECT_EQ(*summary.rows[p][4].number, rags[p].latest_red);
    EXPECT_EQ(*summary.rows[p][5].number, rags[p].latest_not_rated);
    overdue_total += static_cast<int>(*summary.rows[p][6].number);
  }
  EXPECT_EQ(overdue_total, static_cast<int>(overdue.size()));
  EXPECT_GT(overdue_total, 0);
  // The overdue table lists the longest overdue first, at most 40.
  const Table& late = *tables[2];
  ASSERT_EQ(late.rows.size(), std::min<size_t>(40, overdue.size()));
  EXPECT_EQ(late.rows[0][1].text, overdue[0].item->number);
}

TEST_F(BoardPackTest, RiskRegisterEqualsTheRiskQueries) {
  Result<Document> pack = BuildBoardPack(Request());
  ASSERT_TRUE(pack.ok());
  Result<std::vector<planning::RiskRegister>> held = planning::LoadRegisters(env_->db.get());
  ASSERT_TRUE(held.ok());
  Result<std::vector<planning::RiskRegister>> registers = std::vector<planning::RiskRegister>();
  for (planning::RiskRegister& reg : *held) {
    if (BelongsToPack(Request(), reg.organisation)) registers->push_back(std::move(reg));
  }
  ASSERT_EQ(registers->size(), 1u);  // the NPS's, not Derbyshire's
  Result<planning::RiskMatrix> matrix = planning::LoadRiskMatrix();
  ASSERT_TRUE(matrix.ok());
  std::vector<const report::HeatMap*> maps;
  for (const report::Block& b : SectionById(*pack, "risks").blocks) {
    if (const auto* m = std::get_if<report::HeatMap>(&b)) maps.push_back(m);
  }
  ASSERT_EQ(maps.size(), registers->size());
  const std::vector<const Table*> tables = Tables(SectionById(*pack, "risks"));
  ASSERT_EQ(tables.size(), 2 * registers->size());
  for (size_t g = 0; g < registers->size(); ++g) {
    const planning::RiskRegister& reg = (*registers)[g];
    Result<planning::RiskThresholds> thresholds = planning::LoadRiskThresholds(reg.thresholds);
    ASSERT_TRUE(thresholds.ok());
    const std::vector<planning::ScoredRisk> scored =
        planning::ScoreRisks(reg, *matrix, *thresholds);
    const planning::HeatMap counts = planning::MakeHeatMap(scored);
    // Rows run VH..VL, columns VL..VH; the matrix's own score sits in each cell.
    for (int l = 0; l < planning::kRatingCount; ++l) {
      for (int i = 0; i < planning::kRatingCount; ++i) {
        EXPECT_EQ(maps[g]->counts[planning::kRatingCount - 1 - l][i], counts.counts[l][i])
            << reg.id;
        EXPECT_EQ(
            maps[g]->scores[planning::kRatingCount - 1 - l][i],
            matrix->Score(static_cast<planning::Rating>(l), static_cast<planning::Rating>(i)));
      }
    }
    EXPECT_EQ(maps[g]->scores[1][3], 22);  // H/H, a published pair
    size_t severe = 0;
    for (const planning::ScoredRisk& s : scored) {
      severe += s.status == planning::RiskStatus::kRed || s.status == planning::RiskStatus::kBlack
                    ? 1
                    : 0;
    }
    const Table& table = *tables[2 * g];
    EXPECT_EQ(table.rows.size(), severe) << reg.id;
    for (const std::vector<Cell>& row : table.rows) {
      EXPECT_FALSE(row[6].text.empty())
          << reg.id << " risk " << row[0].text << ": red and black risks carry comments";
    }
  }
}

TEST_F(BoardPackTest, BudgetAndSicknessEqualTheirSources) {
  const BoardPackRequest r = Request();
  Result<Document> pack = BuildBoardPack(r);
  ASSERT_TRUE(pack.ok());
  Result<std::vector<planning::ResourceAnnex>> annexes = planning::LoadAnnexes(env_->db.get());
  ASSERT_TRUE(annexes.ok());
  Result<double> max_percent = planning::LoadCarryForwardMaxPercent();
  ASSERT_TRUE(max_percent.ok());
  const std::vector<const Table*> budget = Tables(SectionById(*pack, "budget"));
  size_t b = 0;
  for (const planning::ResourceAnnex& annex : *annexes) {
    if (annex.kind != planning::AnnexKind::kBudget || !BelongsToPack(r, annex.organisation)) {
      continue;
    }
    ASSERT_LT(b, budget.size());
    // The pack shows 2010-11 or the annex's latest year before it, else its first.
    int year = annex.years.front().year;
    for (const planning::AnnexYear& y : annex.years) {
      if (y.year <= 2010) year = std::max(year, y.year);
    }
    const planning::BudgetSummary s = planning::SummariseBudget(annex, year, *max_percent);
    const std::vector<Cell>& net = budget[b]->rows.back();
    EXPECT_EQ(net[0].text, "net");
    EXPECT_DOUBLE_EQ(*net[1].number, s.net_plan) << annex.id;
    ++b;
  }
  EXPECT_EQ(b, budget.size());

  // Sickness for the Board's unit in the period equals the scorecard's PT15.
  Result<measures::Scorecard> card =
      measures::ComputeScorecard(*r.engine, *r.framework, r.period, r.scope.level, r.scope);
  ASSERT_TRUE(card.ok());
  const std::vector<const Table*> staffing = Tables(SectionById(*pack, "staffing"));
  // Cheshire's staffing annex is not the nation's: only the sickness table.
  ASSERT_EQ(staffing.size(), 1u);
  const Table& sickness = *staffing[0];
  const measures::Measure* pt15 = r.framework->FindMeasure("PT15");
  ASSERT_NE(pt15, nullptr);
  const size_t i = static_cast<size_t>(pt15 - r.framework->measures.data());
  EXPECT_EQ(sickness.rows[0][3].text, MeasureValueText(*pt15, card->rows[0].cells[i].value));
  EXPECT_EQ(sickness.rows.size(),
            1 + r.engine->organisation().UnitsAt(measures::UnitLevel::kRegion, r.scope).size());
}

// `plan show --period` shows an action's related measures with the scorecard's value and RAG.
TEST_F(BoardPackTest, PlanMeasureLinksShowTheScorecardValueAndRag) {
  const BoardPackRequest r = Request();
  Result<MeasureStatuses> statuses = LookUpMeasureStatuses(
      DbPath(), {{"nps-2005-06", "PT5"}, {"nps-2005-06", "NOPE"}, {"no-such-framework", "X"}},
      kPeriod, "", "");
  ASSERT_TRUE(statuses.ok()) << statuses.status().ToString();
  Result<measures::Scorecard> card =
      measures::ComputeScorecard(*r.engine, *r.framework, r.period, r.scope.level, r.scope);
  ASSERT_TRUE(card.ok());
  const measures::Measure* pt5 = r.framework->FindMeasure("PT5");
  const measures::MeasureCell& c =
      card->rows[0].cells[static_cast<size_t>(pt5 - r.framework->measures.data())];
  EXPECT_EQ(statuses->at({"nps-2005-06", "PT5"}), MeasureValueText(*pt5, c.value) + " " +
                                                      std::string(measures::RagName(c.rag)) +
                                                      " in " + kPeriod);
  EXPECT_EQ(statuses->at({"nps-2005-06", "NOPE"}), "not in nps-2005-06");
  EXPECT_EQ(statuses->at({"no-such-framework", "X"}),
            "framework no-such-framework is not installed");
}

// The generated trust's pack (the organisation its data holds, as `boardpack` without --unit
// chooses it) holds its own plan, register and annexes and no other organisation's, though all
// five source organisations' are loaded too; it is titled with the trust's name.
TEST_F(BoardPackTest, TheTrustsPackHoldsItsOwnPlansRisksAndAnnexesOnly) {
  BoardPackRequest r = Request();
  const measures::Organisation& org = r.engine->organisation();
  r.scope = org.Top();
  ASSERT_EQ(r.scope.level, measures::UnitLevel::kTrust);
  const std::string name = org.Name(r.scope);
  Result<Document> pack = BuildBoardPack(r);
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  EXPECT_EQ(pack->title, "Board pack: " + name);
  Result<std::vector<planning::Plan>> plans = planning::LoadPlans(env_->db.get());
  ASSERT_TRUE(plans.ok());
  std::string own_plan;
  for (const planning::Plan& p : *plans) {
    if (p.organisation == name) own_plan = p.id;
  }
  ASSERT_FALSE(own_plan.empty());
  // Plans: one row, the trust's; the others are said to be left out.
  const std::vector<const Table*> plan_tables = Tables(SectionById(*pack, "plans"));
  ASSERT_FALSE(plan_tables.empty());
  ASSERT_EQ(plan_tables[0]->rows.size(), 1u);
  EXPECT_EQ(plan_tables[0]->rows[0][0].text, own_plan);
  for (const Table* t : plan_tables) {
    for (const std::vector<Cell>& row : *&t->rows) {
      for (const Cell& c : row) {
        for (const planning::Plan& p : *plans) {
          if (p.id != own_plan) EXPECT_NE(c.text, p.id) << "another organisation's plan";
        }
      }
    }
  }
  for (const char* id : {"plans", "risks", "budget", "staffing"}) {
    bool said = false;
    for (const report::Block& b : SectionById(*pack, id).blocks) {
      if (const auto* p = std::get_if<report::Paragraph>(&b)) {
        said |= p->text.find("of other organisations") != std::string::npos;
      }
    }
    EXPECT_TRUE(said) << id << " does not say what it left out";
  }
  // Risks: one heat map (the trust's register), not the NPS's or Derbyshire's.
  int maps = 0;
  for (const report::Block& b : SectionById(*pack, "risks").blocks) {
    maps += std::holds_alternative<report::HeatMap>(b) ? 1 : 0;
  }
  EXPECT_EQ(maps, 1);
  // Budget: the trust's own annex only; staffing: its FTE table (its LDUs and head office)
  // and the sickness table; no Cheshire or NPS figures.
  const std::vector<const Table*> budget = Tables(SectionById(*pack, "budget"));
  ASSERT_EQ(budget.size(), 1u);
  const std::vector<const Table*> staffing = Tables(SectionById(*pack, "staffing"));
  ASSERT_EQ(staffing.size(), 2u);
  for (const std::vector<Cell>& row : staffing[0]->rows) {
    EXPECT_EQ(row[1].text.find("Cheshire"), std::string::npos) << row[1].text;
  }
  // A row per LDU and head office (and a total).
  EXPECT_GE(staffing[0]->rows.size(), org.UnitsAt(measures::UnitLevel::kLdu, r.scope).size() + 1);
  // An LDU's pack takes its trust's documents only with --include-parent-plans, and never the
  // nation's or another trust's.
  BoardPackRequest ldu = r;
  ldu.scope = org.UnitsAt(measures::UnitLevel::kLdu, r.scope).front();
  ldu.include_parent_plans = true;
  EXPECT_FALSE(BelongsToPack(ldu, "Cheshire Probation"));
  EXPECT_FALSE(BelongsToPack(ldu, "National Probation Service"));
  EXPECT_TRUE(BelongsToPack(ldu, name));
  EXPECT_TRUE(BelongsToPack(ldu, org.Code(r.scope)));
  ldu.include_parent_plans = false;
  EXPECT_FALSE(BelongsToPack(ldu, name));
  // The nation matches the NPS's documents by the words compared.
  BoardPackRequest nation = r;
  nation.scope = measures::UnitRef{};
  EXPECT_TRUE(BelongsToPack(nation, "National Probation Service"));
  EXPECT_FALSE(BelongsToPack(nation, "Derbyshire Probation Board"));
}

// End to end, as a new user runs it on the demo's generated trust: the FY2010 scorecard is
// titled with the trust's name, reports the trust (not "national"), and no count is judged
// against a national target (PT4, PT8-PT12 and PM5 have no target and no RAG).
TEST_F(BoardPackTest, TheTrustsScorecardIsTheTrustsAndHasNoNationalCountTargets) {
  const measures::Organisation& org = env_->engine->organisation();
  const std::string name = org.Name(org.Top());
  const RunResult text =
      RunProbation("scorecard --db " + DbPath() + " --framework nps-2005-06 --period FY2010");
  ASSERT_EQ(text.exit_status, 0) << text.err;
  EXPECT_EQ(text.out.rfind(name + ": National Probation Service performance targets", 0), 0u)
      << text.out.substr(0, 200);
  EXPECT_NE(text.out.find("\n== " + org.Code(org.Top()) + "  " + name + " (trust)"),
            std::string::npos);
  const RunResult csv = RunProbation("scorecard --db " + DbPath() +
                                     " --framework nps-2005-06 --period FY2010 --format csv");
  ASSERT_EQ(csv.exit_status, 0) << csv.err;
  int national_counts = 0;
  for (const measures::Measure& m : env_->framework.measures) {
    if (!m.national_target) continue;
    ++national_counts;
    // framework,period,level,unit_code,unit_name,measure,title,value,succeeded,failed,pending,
    // target,rag,...: the target and RAG are empty.
    const size_t at = csv.out.find("," + m.code + ",");
    ASSERT_NE(at, std::string::npos) << m.code;
    const std::string line = csv.out.substr(at, csv.out.find('\n', at) - at);
    EXPECT_EQ(line.find(",red,"), std::string::npos) << line;
    EXPECT_NE(line.find(",,,"), std::string::npos) << line;  // no target, no RAG
    EXPECT_EQ(csv.out.find("national,National"), std::string::npos);
  }
  EXPECT_EQ(national_counts, 8);
}

TEST_F(BoardPackTest, ScopedToAnLduCountsOnlyItsItems) {
  BoardPackRequest r = Request();
  const std::vector<measures::UnitRef> ldus =
      r.engine->organisation().UnitsAt(measures::UnitLevel::kLdu, r.scope);
  ASSERT_GE(ldus.size(), 2u);
  r.scope = ldus[0];
  Result<Document> pack = BuildBoardPack(r);
  ASSERT_TRUE(pack.ok());
  Result<measures::Scorecard> card =
      measures::ComputeScorecard(*r.engine, *r.framework, r.period, r.scope.level, r.scope);
  ASSERT_TRUE(card.ok());
  std::map<std::string, size_t> index;
  for (size_t m = 0; m < r.framework->measures.size(); ++m) {
    index[r.framework->measures[m].code] = m;
  }
  for (const std::vector<Cell>& row : Tables(SectionById(*pack, "exceptions")).at(0)->rows) {
    const measures::Tally& t = card->rows[0].cells[index.at(row[0].text)].tally;
    EXPECT_EQ(*row[3].number, static_cast<double>(t.failed)) << row[0].text;
  }
  // The next level down is teams.
  const std::vector<const Table*> tables = Tables(SectionById(*pack, "scorecard"));
  ASSERT_GE(tables.size(), 2u);
  EXPECT_EQ(tables[1]->caption.rfind("By team", 0), 0u) << tables[1]->caption;
}

TEST_F(BoardPackTest, HtmlCarriesEverySectionAndTheScorecardFigures) {
  Result<Document> pack = BuildBoardPack(Request());
  ASSERT_TRUE(pack.ok());
  const std::string html = report::DocumentHtml(*pack);
  for (const Section& s : pack->sections) {
    EXPECT_NE(html.find("<section id=\"" + s.id + "\">"), std::string::npos) << s.id;
    EXPECT_NE(html.find("href=\"#" + s.id + "\""), std::string::npos) << s.id;
  }
  for (const std::vector<Cell>& row : Tables(SectionById(*pack, "scorecard")).at(0)->rows) {
    EXPECT_NE(html.find(">" + row[2].text + "</td>"), std::string::npos) << row[0].text;
  }
  EXPECT_EQ(html.find("http://"), std::string::npos) << "the page must be self-contained";
  EXPECT_EQ(html.find("https://"), std::string::npos) << "the page must be self-contained";
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"trend\""), std::string::npos);
}

TEST_F(BoardPackTest, WorkbookIsWrittenWholeOrNotAtAll) {
  Result<Document> pack = BuildBoardPack(Request());
  ASSERT_TRUE(pack.ok());
  const std::string path = (*dir_ / "pack.xlsx").string();
  ASSERT_TRUE(report::WriteDocumentXlsx(*pack, path).ok());
  std::ifstream in(path, std::ios::binary);
  char magic[2] = {};
  in.read(magic, 2);
  EXPECT_EQ(std::string(magic, 2), "PK");  // a zip container, as every .xlsx is
  EXPECT_GT(fs::file_size(path), 10000u);
  EXPECT_FALSE(fs::exists(path + ".partial"));

  const std::string bad = (*dir_ / "no-such-folder" / "pack.xlsx").string();
  const Status status = report::WriteDocumentXlsx(*pack, bad);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find(bad), std::string::npos);
  EXPECT_FALSE(fs::exists(bad));
}

// Runs a shell command, returning its standard output (and failing the test on a non-zero exit).
std::string Shell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return "";
  }
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = pclose(pipe);
  EXPECT_EQ(status, 0) << command;
  return out;
}

// The words of `text` longer than three letters, split at hyphens and slashes too (where a
// printed line may wrap).
std::vector<std::string> Words(std::string text) {
  for (char& c : text) {
    if (c == '-' || c == '/') c = ' ';
  }
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    if (w.size() > 3) out.push_back(w);
  }
  return out;
}

TEST_F(BoardPackTest, PrintsToA4WithSectionsOnNewPagesAndNoRowCut) {
  const fs::path html = *dir_ / "print.html";
  const fs::path pdf = *dir_ / "print.pdf";
  RunResult run = RunProbation("boardpack --db " + DbPath() + " --framework " + kFramework +
                               " --period " + kPeriod + " --out " + html.string());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  Shell(
      "chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer "
      "--user-data-dir='" +
      (*dir_ / "chromium").string() + "' --print-to-pdf='" + pdf.string() + "' 'file://" +
      html.string() + "' >/dev/null 2>&1");
  ASSERT_TRUE(fs::exists(pdf)) << "chromium did not print the page";
  const std::string info = Shell("pdfinfo '" + pdf.string() + "'");
  EXPECT_NE(info.find("A4"), std::string::npos) << info;
  const size_t at = info.find("Pages:");
  ASSERT_NE(at, std::string::npos);
  const int pages = std::stoi(info.substr(at + 6));

  std::vector<std::string> page_text(pages + 1);
  for (int p = 1; p <= pages; ++p) {
    page_text[p] = Shell("pdftotext -layout -f " + std::to_string(p) + " -l " + std::to_string(p) +
                         " '" + pdf.string() + "' -");
  }
  // The cover, then each section starting at the top of a new page.
  Result<Document> pack = BuildBoardPack(Request());
  ASSERT_TRUE(pack.ok());
  EXPECT_NE(page_text[1].find("Board pack"), std::string::npos);
  int page = 1;
  for (const Section& s : pack->sections) {
    int found = 0;
    for (int p = page + 1; p <= pages && found == 0; ++p) {
      const std::string& t = page_text[p];
      const size_t first = t.find_first_not_of(" \n\f");
      if (first != std::string::npos && t.compare(first, s.title.size(), s.title) == 0) found = p;
    }
    ASSERT_GT(found, 0) << "section '" << s.title << "' does not start a page after page " << page;
    page = found;
  }
  EXPECT_LE(pages, 3 * static_cast<int>(pack->sections.size())) << "unexpectedly long";

  // No scorecard row is cut: every word of a row is on the page where its code is.
  for (const std::vector<Cell>& row : Tables(SectionById(*pack, "scorecard")).at(0)->rows) {
    // A code such as PM4-start may wrap after its hyphen.
    const std::string code = row[0].text.substr(0, row[0].text.find('-'));
    int code_page = 0;
    for (int p = 2; p <= pages && code_page == 0; ++p) {
      std::istringstream lines(page_text[p]);
      for (std::string line; std::getline(lines, line);) {
        if (line.find(code) != std::string::npos && line.find(row[2].text) != std::string::npos) {
          code_page = p;
          break;
        }
      }
    }
    ASSERT_GT(code_page, 0) << row[0].text << " " << row[2].text << " not found in the PDF";
    for (const std::string& word : Words(row[1].text)) {
      EXPECT_NE(page_text[code_page].find(word), std::string::npos)
          << "row " << row[0].text << " is cut: '" << word << "' is not on page " << code_page;
    }
  }
}

}  // namespace
}  // namespace probation
