#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "measures/framework.h"
#include "planning/plan.h"
#include "planning/plan_file.h"
#include "planning/plan_queries.h"
#include "planning/plan_store.h"
#include "store/schema.h"

namespace probation::planning {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> ExamplePlans() {
  std::vector<fs::path> paths;
  for (const auto& entry :
       fs::directory_iterator(fs::path(PROBATION_SOURCE_DIR) / "examples" / "plans")) {
    if (entry.path().extension() == ".toml") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::unique_ptr<Database> MemoryStore() {
  Result<std::unique_ptr<Database>> db = OpenStore(":memory:");
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return std::move(*db);
}

constexpr std::string_view kSmall = R"toml(id = "small"
organisation = "Test Trust"
title = "Business Plan 2008/09"
kind = "business-plan"
start = 2008-04-01
end = 2009-03-31

[[context]]
code = "N1"
level = "national"
text = "Workforce reforms"

[[items]]
number = "6"
kind = "aim"
title = "ORGANISATION"

[[items]]
number = "6.4"
kind = "action"
title = "Stay within budget"
lead = "Finance Mgr"
deadline = 2009-03-31
context = ["N1"]

[[items.rag]]
quarter = "2008-Q1"
rag = "G"

[[items]]
number = "6.5"
kind = "action"
title = "Develop the organisation"
lead = "Assistant Chief Officer (Bus. Services)"
deadline = "2008-10-31"
completed = 2008-10-15
)toml";

Plan SmallPlan() {
  Result<Plan> plan = ParsePlanText(kSmall, "small.toml");
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  return plan.ok() ? *plan : Plan();
}

// The error for `text`, which must not parse.
std::string ErrorOf(std::string_view text) {
  Result<Plan> plan = ParsePlanText(text, "bad.toml");
  EXPECT_FALSE(plan.ok());
  return plan.ok() ? "" : plan.status().message();
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(PlanFileTest, EveryExamplePlanRoundTripsThroughText) {
  const std::vector<fs::path> paths = ExamplePlans();
  ASSERT_GE(paths.size(), 5u);
  for (const fs::path& path : paths) {
    Result<Plan> plan = ParsePlanFile(path.string());
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_FALSE(plan->items.empty()) << path;
    const std::string written = WritePlanText(*plan);
    Result<Plan> again = ParsePlanText(written, path.filename().string() + " (written)");
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_TRUE(*again == *plan) << path;
    EXPECT_EQ(WritePlanText(*again), written) << path;
  }
}

TEST(PlanStoreTest, EveryExamplePlanRoundTripsThroughTheStore) {
  std::unique_ptr<Database> db = MemoryStore();
  std::vector<Plan> plans;
  for (const fs::path& path : ExamplePlans()) {
    Result<Plan> plan = ParsePlanFile(path.string());
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    plans.push_back(std::move(*plan));
  }
  ASSERT_TRUE(SavePlans(db.get(), plans).ok());
  for (const Plan& plan : plans) {
    Result<Plan> loaded = LoadPlan(db.get(), plan.id);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_TRUE(*loaded == plan) << plan.id;
    EXPECT_EQ(WritePlanText(*loaded), WritePlanText(plan)) << plan.id;
  }
  // Saving again replaces, it does not add.
  ASSERT_TRUE(SavePlans(db.get(), plans).ok());
  Result<std::vector<Plan>> all = LoadPlans(db.get());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), plans.size());
}

TEST(PlanFileTest, ExamplePlansRelateOnlyToMeasuresTheFrameworksHold) {
  Result<std::vector<measures::Framework>> frameworks =
      measures::LoadFrameworks(std::string(PROBATION_SOURCE_DIR) + "/frameworks");
  ASSERT_TRUE(frameworks.ok()) << frameworks.status().ToString();
  int related = 0;
  for (const fs::path& path : ExamplePlans()) {
    Result<Plan> plan = ParsePlanFile(path.string());
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    for (const PlanItem& item : plan->items) {
      for (const MeasureRef& ref : item.measures) {
        if (ref.framework.empty()) continue;
        const auto fw =
            std::find_if(frameworks->begin(), frameworks->end(),
                         [&](const measures::Framework& f) { return f.id == ref.framework; });
        ASSERT_NE(fw, frameworks->end()) << plan->id << " " << item.number << ": " << ref.framework;
        EXPECT_NE(fw->FindMeasure(ref.code), nullptr)
            << plan->id << " " << item.number << ": " << ref.framework << ":" << ref.code;
        ++related;
      }
    }
  }
  EXPECT_GT(related, 100);
}

TEST(PlanFileTest, ParsesTheSmallPlan) {
  const Plan plan = SmallPlan();
  ASSERT_EQ(plan.items.size(), 3u);
  EXPECT_EQ(plan.items[1].parent, "6");
  EXPECT_EQ(plan.items[1].deadline, Date::FromCivil(2009, 3, 31));
  EXPECT_EQ(plan.items[2].deadline, Date::FromCivil(2008, 10, 31));  // text date
  ASSERT_EQ(plan.items[1].rag.size(), 1u);
  EXPECT_EQ(plan.items[1].rag[0].rag, Rag::kGreen);
}

TEST(PlanFileTest, UnknownKeyNamesLineAndNearestKey) {
  const std::string error =
      ErrorOf(Replace(std::string(kSmall), "lead = \"Finance Mgr\"", "leed = \"Finance Mgr\""));
  EXPECT_NE(error.find("bad.toml, line 22, column 1: unknown key 'leed' in [[items]]; did you "
                       "mean 'lead'?"),
            std::string::npos)
      << error;
}

TEST(PlanFileTest, DateThatIsNotARealDay) {
  const std::string error =
      ErrorOf(Replace(std::string(kSmall), "\"2008-10-31\"", "\"2008-09-31\""));
  EXPECT_NE(error.find("bad.toml, line 35, column 12: 'deadline': "), std::string::npos) << error;
}

TEST(PlanFileTest, RedWithoutCommentIsRefusedAtItsLine) {
  const std::string error = ErrorOf(Replace(std::string(kSmall), "rag = \"G\"", "rag = \"R\""));
  EXPECT_NE(error.find("bad.toml, line 26, column 1: item 6.4: a red RAG for 2008-Q1 needs a "
                       "comment"),
            std::string::npos)
      << error;
}

TEST(PlanFileTest, StructuralProblemsAreReportedWithLines) {
  EXPECT_NE(ErrorOf(Replace(std::string(kSmall), "number = \"6.5\"", "number = \"6.4\""))
                .find("line 31, column 10: item 6.4: the number is used twice"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Replace(std::string(kSmall), "number = \"6.5\"", "number = \"7.1\""))
                .find("line 30, column 1: item 7.1: the parent 7 is not an item of the plan"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Replace(std::string(kSmall), "context = [\"N1\"]", "context = [\"N9\"]"))
                .find("line 24, column 11: item 6.4: context code N9 is not defined"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Replace(std::string(kSmall), "quarter = \"2008-Q1\"", "quarter = \"2008-Q5\""))
                .find("line 27, column 11: item 6.4: '2008-Q5' is not a financial quarter"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Replace(std::string(kSmall), "kind = \"aim\"", "kind = \"goal\""))
                .find("line 15, column 8: item 6: the kind must be aim, priority"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Replace(std::string(kSmall), "end = 2009-03-31", "end = 2007-03-31"))
                .find("line 6, column 7: the period ends (2007-03-31) before it starts"),
            std::string::npos);
  EXPECT_NE(ErrorOf("id = \"x\"\ntitle = [1]\n")
                .find("bad.toml, line 2, column 9: 'title' must "
                      "be text in quotes, not a list"),
            std::string::npos);
  EXPECT_NE(ErrorOf("id = \"x\n").find("bad.toml, line 1"), std::string::npos);
}

TEST(PlanQueriesTest, OverdueTheDayAfterTheDeadlineNotOnIt) {
  const std::vector<Plan> plans = {SmallPlan()};
  EXPECT_TRUE(OverdueActions(plans, Date::FromCivil(2009, 3, 31)).empty());
  const std::vector<ItemRef> after = OverdueActions(plans, Date::FromCivil(2009, 4, 1));
  ASSERT_EQ(after.size(), 1u);  // 6.5 was completed before its deadline
  EXPECT_EQ(after[0].item->number, "6.4");
  // 6.5 is overdue the day after its deadline only if it was not yet complete by then.
  Plan late = plans[0];
  late.items[2].completed = Date::FromCivil(2008, 11, 20);
  EXPECT_EQ(OverdueActions({late}, Date::FromCivil(2008, 11, 1)).size(), 1u);
  EXPECT_TRUE(OverdueActions({late}, Date::FromCivil(2008, 11, 20)).empty());
  late.items[2].completed.reset();
  late.items[2].accomplishment = Accomplishment::kFully;
  EXPECT_TRUE(OverdueActions({late}, Date::FromCivil(2008, 11, 20)).empty());
}

TEST(PlanQueriesTest, ByLeadAndRagSummary) {
  Plan plan = SmallPlan();
  plan.leads.push_back({"Finance Mgr", "Pat Smith", "Finance Manager"});
  const auto all = ActionsByLead({plan});
  EXPECT_EQ(all.size(), 2u);
  const auto smith = ActionsByLead({plan}, "smith");
  ASSERT_EQ(smith.size(), 1u);
  EXPECT_EQ(smith.begin()->first, "Finance Mgr");

  plan.items[2].rag.push_back({"2008-Q2", Rag::kRed, "late"});
  const std::vector<RagSummary> q2 = QuarterRagSummary({plan}, "2008-Q2");
  ASSERT_EQ(q2.size(), 1u);
  EXPECT_EQ(q2[0].red, 1);
  EXPECT_EQ(q2[0].not_rated, 1);  // 6.4 was rated for Q1 only
  EXPECT_EQ(q2[0].latest_green, 1);
  EXPECT_EQ(q2[0].latest_red, 1);
  EXPECT_EQ(q2[0].latest_not_rated, 0);
}

TEST(PlanStoreTest, UpdatesRefuseRedWithoutCommentAndSurviveReimport) {
  std::unique_ptr<Database> db = MemoryStore();
  const Plan plan = SmallPlan();
  ASSERT_TRUE(SavePlan(db.get(), plan).ok());

  const Status red = SetQuarterRag(db.get(), "small", "6.4", {"2008-Q3", Rag::kRed, ""});
  EXPECT_EQ(red.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(red.message().find("red RAG needs a comment"), std::string::npos);
  EXPECT_EQ(SetQuarterRag(db.get(), "small", "9.9", {"2008-Q3", Rag::kGreen, ""}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(SetQuarterRag(db.get(), "nope", "6.4", {"2008-Q3", Rag::kGreen, ""}).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(SetQuarterRag(db.get(), "small", "6.4", {"2008-Q3", Rag::kRed, "overspend"}).ok());
  const ProgressNote note{Date::FromCivil(2008, 12, 1), "Finance Mgr", "Forecast overspend"};
  ASSERT_TRUE(AddProgressNote(db.get(), "small", "6.4", note).ok());
  EXPECT_EQ(AddProgressNote(db.get(), "small", "6.4", {std::nullopt, "x", "y"}).code(),
            StatusCode::kInvalidArgument);

  Result<Plan> loaded = LoadPlan(db.get(), "small");
  ASSERT_TRUE(loaded.ok());
  const PlanItem& item = *loaded->FindItem("6.4");
  ASSERT_EQ(item.rag.size(), 2u);
  EXPECT_EQ(LatestRag(item)->quarter, "2008-Q3");
  ASSERT_EQ(item.progress.size(), 1u);
  EXPECT_EQ(item.progress[0], note);

  // Re-importing the original file keeps the updates.
  ASSERT_TRUE(SavePlan(db.get(), plan).ok());
  Result<Plan> again = LoadPlan(db.get(), "small");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*again == *loaded);
  // Importing the exported plan does not duplicate them.
  Result<Plan> exported = ParsePlanText(WritePlanText(*loaded), "export.toml");
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  ASSERT_TRUE(SavePlan(db.get(), *exported).ok());
  Result<Plan> third = LoadPlan(db.get(), "small");
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(*third == *loaded);
  // A file that drops an item with updates is refused, and the store is unchanged.
  ASSERT_TRUE(AddProgressNote(db.get(), "small", "6.5", note).ok());
  Plan dropped = plan;
  dropped.items.pop_back();
  const Status refused = SavePlans(db.get(), {dropped});
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("item 6.5"), std::string::npos) << refused.message();
  Result<Plan> unchanged = LoadPlan(db.get(), "small");
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->items.size(), 3u);
}

TEST(PlanStoreTest, SavingSeveralPlansIsAllOrNothing) {
  std::unique_ptr<Database> db = MemoryStore();
  Plan good = SmallPlan();
  Plan bad = SmallPlan();
  bad.id = "bad";
  bad.items[1].rag[0] = {"2008-Q1", Rag::kRed, ""};
  EXPECT_FALSE(SavePlans(db.get(), {good, bad}).ok());
  Result<std::vector<Plan>> plans = LoadPlans(db.get());
  ASSERT_TRUE(plans.ok());
  EXPECT_TRUE(plans->empty());
  EXPECT_EQ(LoadPlan(db.get(), "small").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace probation::planning
