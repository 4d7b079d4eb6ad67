// `probation demo [--dir DIR] [--seed N] [--serve [--listen ADDRESS:PORT]]`: generates a
// trust, loads it into a fresh database and says what to do next; with --serve it then adds
// one user of each role (printing their passwords once) and starts the server.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/reference_files.h"
#include "cli/board_pack_writer.h"
#include "cli/commands.h"
#include "cli/measure_environment.h"
#include "cli/serve_command.h"
#include "ingest/generator.h"
#include "ingest/importer.h"
#include "measures/scorecard.h"
#include "planning/plan_file.h"
#include "planning/plan_store.h"
#include "planning/resources_file.h"
#include "planning/resources_store.h"
#include "planning/risk_register_file.h"
#include "planning/risk_store.h"
#include "reports/scorecard_report.h"
#include "server/accounts.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

struct DemoArgs {
  std::string dir = "demo";
  uint64_t seed = 1;
  double scale = 1.0;  // the generator's scale (a smaller trust: the tests use 0.05)
  bool serve = false;
  std::string listen = "127.0.0.1:8080";
};

// The first value of a one-column query with one text parameter, or "" when there is none.
std::string FirstCode(Database* db, std::string_view sql, std::string_view arg) {
  Result<Statement> stmt = db->Prepare(sql);
  if (!stmt.ok()) return {};
  stmt->BindText(1, arg);
  Result<bool> has = stmt->Step();
  return has.ok() && *has ? std::string(stmt->ColumnText(0)) : std::string();
}

// One user of each role, tied to the first trust, its first LDU and an officer of that LDU,
// with a random password each, printed once.
Status AddDemoUsers(const std::string& db_path) {
  PROBATION_RETURN_IF_ERROR(InitCrypto());
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(db_path));
  const std::string trust =
      FirstCode(db.get(), "SELECT code FROM org_units WHERE level = ? ORDER BY code", "trust");
  const std::string ldu = FirstCode(
      db.get(), "SELECT code FROM org_units WHERE level = 'ldu' AND parent_code = ? ORDER BY code",
      trust);
  const std::string officer =
      FirstCode(db.get(),
                "SELECT staff_id FROM staff WHERE team_code IN (SELECT code FROM org_units WHERE "
                "parent_code = ?) ORDER BY staff_id",
                ldu);
  SystemClock clock;
  PasswordHasher hasher(1);
  AccountService accounts(db.get(), &hasher, &clock, Actor{0, "demo", "local"});
  const NewUser users[] = {
      {"practitioner", "Demo Practitioner", Role::kPractitioner, "", officer},
      {"manager", "Demo Manager", Role::kManager, ldu, ""},
      {"analyst", "Demo Analyst", Role::kPerformanceAnalyst, trust, ""},
      {"board", "Demo Board Member", Role::kBoardMember, trust, ""},
      {"admin", "Demo Administrator", Role::kAdministrator, "", ""},
  };
  std::printf("Users (the passwords are shown only now):\n");
  for (const NewUser& user : users) {
    const std::string password = GeneratePassword();
    PROBATION_RETURN_IF_ERROR(accounts.AddUser(user, password).status());
    std::printf(
        "  %-13s %-20s %-10s %s\n", user.username.c_str(), std::string(RoleName(user.role)).c_str(),
        (user.unit_code.empty() ? user.staff_id : user.unit_code).c_str(), password.c_str());
  }
  std::printf("\n");
  return Status::Ok();
}

// Imports every examples/plans/*.toml (the source documents' plans) into the demo database.
Status ImportExamplePlans(Database* db) {
  Result<std::string> examples = ExamplesDir();
  if (!examples.ok()) return examples.status();
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(*examples + "/plans", ec)) {
    if (entry.path().extension() == ".toml") paths.push_back(entry.path().string());
  }
  if (ec) return IoError("cannot list " + *examples + "/plans: " + ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<planning::Plan> plans;
  for (const std::string& path : paths) {
    Result<planning::Plan> plan = planning::ParsePlanFile(path);
    if (!plan.ok()) return plan.status();
    plans.push_back(std::move(*plan));
  }
  PROBATION_RETURN_IF_ERROR(planning::SavePlans(db, plans));
  std::printf("Loaded %zu plans from %s/plans:", plans.size(), examples->c_str());
  for (const planning::Plan& plan : plans) std::printf(" %s", plan.id.c_str());
  std::printf("\n\n");
  return Status::Ok();
}

// The latest complete financial quarter's NPS scorecard, by local delivery unit.
void PrintLatestScorecard(const std::string& db_path) {
  Result<std::unique_ptr<MeasureEnvironment>> env =
      OpenMeasureEnvironment(db_path, "nps-2005-06", "");
  if (!env.ok()) {
    std::fprintf(stderr, "(no scorecard: %s)\n", env.status().message().c_str());
    return;
  }
  const Date as_at = (*env)->engine->as_at();
  const int fy = measures::FinancialYearOf(as_at);
  const int quarter = (as_at.month() + 8) % 12 / 3 + 1;  // April-June is Q1
  Result<measures::Period> period =
      measures::ParsePeriod(std::to_string(fy) + "-Q" + std::to_string(quarter));
  if (period->end != as_at) period = measures::PreviousPeriod(*period);
  const std::vector<measures::UnitRef> trusts =
      (*env)->organisation->UnitsAt(measures::UnitLevel::kTrust, measures::UnitRef{});
  if (trusts.empty()) return;
  Result<measures::Scorecard> card = measures::ComputeScorecard(
      *(*env)->engine, (*env)->framework, *period, measures::UnitLevel::kLdu, trusts[0]);
  if (!card.ok()) {
    std::fprintf(stderr, "(no scorecard: %s)\n", card.status().message().c_str());
    return;
  }
  std::printf("%s\n", ScorecardText(*card).c_str());
}

// The source documents' risk registers and resource annexes (examples/), loaded into the demo
// database. A problem is reported and skipped: the demo's case records stand on their own.
// The example risk registers and resource annexes (examples/risks, examples/resources), all
// or none: a shipped example that does not load is an error, not something to skip.
Status ImportExampleRegistersAndAnnexes(Database* db) {
  PROBATION_ASSIGN_OR_RETURN(std::string dir, ExamplesDir());
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, planning::LoadRiskMatrix());
  std::vector<planning::RiskRegister> registers;
  std::vector<planning::ResourceAnnex> annexes;
  std::vector<fs::path> files;
  for (const char* folder : {"/risks", "/resources"}) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir + folder, ec)) {
      if (entry.path().extension() == ".toml") files.push_back(entry.path());
    }
    if (ec) return IoError("cannot list " + dir + folder + ": " + ec.message());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    if (file.parent_path().filename() == "risks") {
      PROBATION_ASSIGN_OR_RETURN(planning::RiskRegister reg,
                                 planning::ReadRiskRegisterFile(file.string(), matrix));
      registers.push_back(std::move(reg));
    } else {
      PROBATION_ASSIGN_OR_RETURN(planning::ResourceAnnex annex,
                                 planning::ReadResourceAnnexFile(file.string()));
      annexes.push_back(std::move(annex));
    }
  }
  PROBATION_RETURN_IF_ERROR(planning::SaveRegisters(db, registers));
  PROBATION_RETURN_IF_ERROR(planning::SaveAnnexes(db, annexes));
  std::printf("Loaded the example risk registers (");
  for (size_t i = 0; i < registers.size(); ++i) {
    std::printf("%s%s", i == 0 ? "" : ", ", registers[i].id.c_str());
  }
  std::printf(") and resource annexes (");
  for (size_t i = 0; i < annexes.size(); ++i) {
    std::printf("%s%s", i == 0 ? "" : ", ", annexes[i].id.c_str());
  }
  std::printf(") from examples/.\n\n");
  return Status::Ok();
}

// The generated trust's own plan, risk register and annexes (<data>/documents/, written by the
// generator), so that its board pack holds its own documents and no other organisation's.
Status ImportTrustDocuments(Database* db, const std::string& dir) {
  PROBATION_ASSIGN_OR_RETURN(planning::Plan plan, planning::ParsePlanFile(dir + "/plan.toml"));
  PROBATION_RETURN_IF_ERROR(planning::SavePlans(db, {plan}));
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, planning::LoadRiskMatrix());
  PROBATION_ASSIGN_OR_RETURN(planning::RiskRegister reg,
                             planning::ReadRiskRegisterFile(dir + "/risks.toml", matrix));
  PROBATION_RETURN_IF_ERROR(planning::SaveRegisters(db, {reg}));
  std::vector<planning::ResourceAnnex> annexes;
  for (const char* name : {"/budget.toml", "/staffing.toml"}) {
    PROBATION_ASSIGN_OR_RETURN(planning::ResourceAnnex annex,
                               planning::ReadResourceAnnexFile(dir + name));
    annexes.push_back(std::move(annex));
  }
  PROBATION_RETURN_IF_ERROR(planning::SaveAnnexes(db, annexes));
  std::printf("Loaded the trust's own plan (%s), risk register (%s) and annexes from %s.\n\n",
              plan.id.c_str(), reg.id.c_str(), dir.c_str());
  return Status::Ok();
}

int RunDemo(const DemoArgs& args) {
  const auto fail = [](const Status& s) {
    std::cerr << "probation demo: " << s.message() << "\n";
    return 2;
  };
  Result<Calendar> calendar = LoadCalendar();
  if (!calendar.ok()) return fail(calendar.status());
  const std::string data_dir = args.dir + "/data";
  const std::string db_path = args.dir + "/probation.db";
  GeneratorOptions options;
  options.profile = GeneratorProfile::kTrust;
  options.seed = args.seed;
  options.scale = args.scale;
  options.out_dir = data_dir;
  std::printf("Generating a fictional trust (seed %llu) into %s ...\n",
              static_cast<unsigned long long>(args.seed), data_dir.c_str());
  Result<GeneratorSummary> generated = Generate(options, *calendar);
  if (!generated.ok()) return fail(generated.status());
  // A fresh database each time: the demo must not mix with an earlier run.
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", ".rejects.csv"}) fs::remove(db_path + suffix, ec);
  Result<std::unique_ptr<Database>> db = OpenStore(db_path);
  if (!db.ok()) return fail(db.status());
  ImportOptions import;
  import.paths = {data_dir};
  import.report_path = db_path + ".rejects.csv";
  std::printf("Loading it into %s ...\n", db_path.c_str());
  Result<ImportResult> loaded = Import(db->get(), import);
  if (!loaded.ok()) return fail(loaded.status());
  std::printf("Loaded %lld rows from %zu files in %.1f s (%lld rejected).\n\n",
              static_cast<long long>(loaded->TotalAccepted()), loaded->files.size(),
              loaded->seconds, static_cast<long long>(loaded->total_rejected));
  if (const Status plans = ImportExamplePlans(db->get()); !plans.ok()) return fail(plans);
  if (const Status other = ImportExampleRegistersAndAnnexes(db->get()); !other.ok()) {
    return fail(other);
  }
  if (const Status own = ImportTrustDocuments(db->get(), data_dir + "/documents"); !own.ok()) {
    return fail(own);
  }
  db->reset();
  PrintLatestScorecard(db_path);
  BoardPackArgs pack;
  pack.db = db_path;
  pack.framework = "nps-2005-06";
  pack.period = "2010-Q4";
  pack.out = args.dir + "/boardpack.html";
  if (const Status written = WriteBoardPack(pack); !written.ok()) return fail(written);
  std::printf("Wrote the board pack for %s to %s (open it in a browser; it prints to A4).\n\n",
              pack.period.c_str(), pack.out.c_str());
  const std::string next[][2] = {
      {"build/probation info --db " + db_path, "row counts and date range of the data"},
      {"build/probation scorecard --db " + db_path +
           " --framework nps-2005-06 --period 2010-Q4 --unit N01 --by team",
       "the NPS 2005-06 scorecard by team (also --format json|csv|xlsx --out FILE)"},
      {"build/probation exceptions --db " + db_path +
           " --framework nps-2005-06 --measure PT6 --period 2010-Q4 --unit N01LDU3",
       "the breaches behind PT6 in one LDU: failed, pending and due soon"},
      {"build/probation measures list nps-2005-06", "every measure's rule"},
      {"build/probation boardpack --db " + db_path +
           " --framework nps-2005-06 --period 2010-Q4 --out " + args.dir + "/boardpack.xlsx",
       "the board pack as a workbook (also --unit N01LDU1 for one LDU's Board report)"},
      {"build/probation plan show --db " + db_path + " --plan derbyshire-2008-09",
       "the Derbyshire 2008/09 action plan: numbers, leads, deadlines, RAG, progress"},
      {"build/probation plan overdue --db " + db_path + " --as-of 2011-10-01",
       "plan actions past their deadline and not done (also plan by-owner, update, export)"},
      {"build/probation risks heatmap --db " + db_path + " --register nps-2005-06",
       "the NPS 2005-06 risk register's heat map (also risks list|top|overdue|review)"},
      {"build/probation resources budget --db " + db_path,
       "the budget annexes by group, with variance and the carry-forward check"},
      {"build/probation resources staffing --db " + db_path + " --year 2010-11",
       "FTE by unit and sickness days per FTE (PT15) from the staff records"},
      {"build/probation holidays 2011", "the bank holidays of a year"},
      {"build/probation workdays 2011-04-21 +5", "a 5-working-day national-standard deadline"},
      {"sqlite3 " + db_path + " 'SELECT * FROM sentences LIMIT 5'", "the case records"},
      {"less docs/data-format.md", "the format of every file in " + data_dir},
  };
  std::printf("What next:\n");
  for (const auto& [command, what] : next) {
    std::printf("  %s\n      %s\n", command.c_str(), what.c_str());
  }
  if (!args.serve) return loaded->ExitCode();
  std::printf("\n");
  if (const Status users = AddDemoUsers(db_path); !users.ok()) return fail(users);
  std::printf(
      "Sign in (README, \"The service\"):\n  curl -c jar -H 'Content-Type: application/json' "
      "-d '{\"username\":\"analyst\",\"password\":\"...\"}' http://%s/api/v1/session\n"
      "  curl -b jar 'http://%s/api/v1/scorecard?framework=nps-2005-06&period=2010-Q4&by=ldu'\n\n",
      args.listen.c_str(), args.listen.c_str());
  std::fflush(stdout);  // the passwords and instructions before the server's own messages
  ServeArgs serve;
  serve.db = db_path;
  serve.listen = args.listen;
  if (const Status served = RunServer(serve); !served.ok()) return fail(served);
  return loaded->ExitCode();
}

}  // namespace

void AddDemoCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Generate a fictional trust, load it into a fresh database and show what to do next");
  cmd->add_option("--dir", args->dir, "Folder for the generated files and the database")
      ->default_val("demo");
  cmd->add_option("--seed", args->seed, "Generator seed")->default_val(1);
  cmd->add_option("--scale", args->scale, "Size of the trust, as a share of the default")
      ->default_val(1.0)
      ->check(CLI::Range(0.01, 10.0));
  cmd->add_flag("--serve", args->serve,
                "Then add one user of each role (passwords printed once) and start the server");
  cmd->add_option("--listen", args->listen, "With --serve: ADDRESS:PORT to listen on")
      ->default_val("127.0.0.1:8080");
  cmd->callback([=] { *exit_code = RunDemo(*args); });
}

}  // namespace probation
