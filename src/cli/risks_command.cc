// `probation risks ...`: the risk register (see docs/risks.md).
//   score LIKELIHOOD IMPACT        the matrix score of one cell
//   import --db FILE REGISTER.toml...
//   list --db FILE [--register ID] [--status S]
//   heatmap --db FILE [--register ID] [--inherent]
//   top --db FILE [--register ID] [-n 10]
//   overdue --db FILE [--register ID] [--as-of DATE]
//   review --db FILE --register ID --risk REF --date D --reviewer NAME [--likelihood X
//          --impact Y] --note TEXT [--comments TEXT]
//   export --db FILE --register ID [--out FILE]
#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/output.h"
#include "planning/risk_matrix.h"
#include "planning/risk_queries.h"
#include "planning/risk_register_file.h"
#include "planning/risk_store.h"
#include "store/schema.h"

namespace probation {
namespace {

struct RisksArgs {
  std::string db, register_id, status, as_of, risk, date, reviewer, likelihood, impact, note,
      comments, out;
  std::vector<std::string> files;
  bool inherent = false;
  size_t n = 10;
};

// The matrix in use. A matrix that does not reproduce the ten pairs NPS 2005-06 Annex C
// publishes is a trust's own: it is used, with a warning.
Result<planning::RiskMatrix> MatrixInUse() {
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, planning::LoadRiskMatrix());
  Status published = matrix.CheckPublishedPairs();
  if (!published.ok()) std::cerr << "warning: " << published.message() << "\n";
  return matrix;
}

// The registers in the store (one, or all) scored with their thresholds. The registers are
// kept in `registers`, which the scored risks point into.
Result<std::vector<planning::ScoredRisk>> LoadScored(
    Database* db, const std::string& register_id, const planning::RiskMatrix& matrix,
    std::vector<planning::RiskRegister>* registers) {
  PROBATION_ASSIGN_OR_RETURN(*registers, planning::LoadRegisters(db, register_id));
  std::vector<planning::ScoredRisk> scored;
  for (const planning::RiskRegister& reg : *registers) {
    PROBATION_ASSIGN_OR_RETURN(planning::RiskThresholds thresholds,
                               planning::LoadRiskThresholds(reg.thresholds));
    for (const planning::ScoredRisk& s : planning::ScoreRisks(reg, matrix, thresholds))
      scored.push_back(s);
  }
  return scored;
}

std::string Shorten(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

std::string Pad(std::string text, size_t width) {
  while (text.size() < width) text += ' ';
  return text + " ";
}

std::string RiskTable(const std::vector<planning::ScoredRisk>& risks, bool with_review) {
  std::string out = Pad("register", 20) + Pad("ref", 5) + Pad("rating", 6) + Pad("score", 5) +
                    Pad("status", 7) + (with_review ? Pad("review due", 10) : "") +
                    Pad("owner", 28) + "risk\n";
  for (const planning::ScoredRisk& s : risks) {
    const planning::Risk& r = *s.risk;
    out += Pad(s.register_id, 20) + Pad(r.reference, 5) +
           Pad(r.residual ? planning::RatingText(*r.residual) : "-", 6) +
           Pad(s.residual_score ? std::to_string(*s.residual_score) : "-", 5) +
           Pad(std::string(planning::RiskStatusName(s.status)), 7) +
           (with_review ? Pad(r.next_review ? r.next_review->ToString() : "-", 10) : "") +
           Pad(Shorten(r.owner.empty() ? "-" : r.owner, 28), 28) + Shorten(r.description, 70) +
           "\n";
  }
  out += std::to_string(risks.size()) + (risks.size() == 1 ? " risk\n" : " risks\n");
  return out;
}

Status RunImport(const RisksArgs& args) {
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, MatrixInUse());
  // Every file is checked before any is saved.
  std::vector<planning::RiskRegister> registers;
  std::string errors;
  for (const std::string& file : args.files) {
    Result<planning::RiskRegister> reg = planning::ReadRiskRegisterFile(file, matrix);
    if (!reg.ok()) {
      errors += (errors.empty() ? "" : "\n") + reg.status().message();
      continue;
    }
    for (const planning::RiskRegister& other : registers) {
      if (other.id == reg->id) {
        errors += (errors.empty() ? "" : "\n") + file + ": register id '" + reg->id +
                  "' is also the id of an earlier file";
      }
    }
    registers.push_back(std::move(*reg));
  }
  if (!errors.empty()) return InvalidArgument(errors + "\nnothing was imported");
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(args.db));
  PROBATION_RETURN_IF_ERROR(planning::SaveRegisters(db.get(), registers));
  for (const planning::RiskRegister& reg : registers) {
    std::cout << "Imported risk register " << reg.id << " (" << reg.risks.size()
              << " risks): " << reg.title << "\n";
  }
  return Status::Ok();
}

// The local calendar date now: the one place the risk commands read the clock.
Date Today() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&t, &local);
  return Date::FromCivil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

Result<Date> AsOf(const std::string& text) {
  if (text.empty()) return Today();
  Result<Date> d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument("--as-of: " + d.status().message());
  return *d;
}

Status RunList(const RisksArgs& args, int command) {
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, MatrixInUse());
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(args.db));
  std::vector<planning::RiskRegister> registers;
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::ScoredRisk> scored,
                             LoadScored(db.get(), args.register_id, matrix, &registers));
  switch (command) {
    case 0: {  // list
      std::optional<planning::RiskStatus> wanted;
      if (!args.status.empty()) {
        Result<planning::RiskStatus> status = planning::ParseRiskStatus(args.status);
        if (!status.ok()) return InvalidArgument("--status: " + status.status().message());
        wanted = *status;
      }
      std::vector<planning::ScoredRisk> kept;
      for (const planning::ScoredRisk& s : scored) {
        if (!wanted || s.status == *wanted) kept.push_back(s);
      }
      std::cout << RiskTable(kept, false);
      return Status::Ok();
    }
    case 1: {  // heatmap
      const planning::HeatMap map =
          planning::MakeHeatMap(scored, args.inherent ? planning::RatingKind::kInherent
                                                      : planning::RatingKind::kResidual);
      std::cout << (args.inherent ? "Inherent" : "Residual") << " risk heat map"
                << (args.register_id.empty() ? " (all registers)" : " of " + args.register_id)
                << "\n\n"
                << planning::HeatMapText(map, &matrix);
      return Status::Ok();
    }
    case 2:  // top
      std::cout << RiskTable(planning::TopRisks(scored, args.n), false);
      return Status::Ok();
    default: {  // overdue
      PROBATION_ASSIGN_OR_RETURN(Date as_of, AsOf(args.as_of));
      std::cout << "Risks past their review date as of " << as_of.ToString() << "\n"
                << RiskTable(planning::PastReview(scored, as_of), true);
      return Status::Ok();
    }
  }
}

Status RunReview(const RisksArgs& args) {
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, MatrixInUse());
  planning::RiskReview review;
  Result<Date> date = Date::Parse(args.date);
  if (!date.ok()) return InvalidArgument("--date: " + date.status().message());
  review.date = *date;
  review.reviewer = args.reviewer;
  review.note = args.note;
  if (args.likelihood.empty() != args.impact.empty()) {
    return InvalidArgument("give both --likelihood and --impact to re-rate the risk, or neither");
  }
  if (!args.likelihood.empty()) {
    Result<planning::Rating> l = planning::ParseRating(args.likelihood);
    if (!l.ok()) return InvalidArgument("--likelihood: " + l.status().message());
    Result<planning::Rating> i = planning::ParseRating(args.impact);
    if (!i.ok()) return InvalidArgument("--impact: " + i.status().message());
    review.rating = planning::RiskRating{*l, *i};
  }
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(args.db));
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::RiskRegister> found,
                             planning::LoadRegisters(db.get(), args.register_id));
  PROBATION_ASSIGN_OR_RETURN(planning::RiskThresholds thresholds,
                             planning::LoadRiskThresholds(found.front().thresholds));
  PROBATION_RETURN_IF_ERROR(planning::AddReview(db.get(), args.register_id, args.risk, review,
                                                args.comments, matrix, thresholds));
  std::cout << "Recorded the review of risk " << args.risk << " (" << args.register_id << ") on "
            << review.date.ToString();
  if (review.rating) {
    const int score = matrix.Score(review.rating->likelihood, review.rating->impact);
    std::cout << ": now " << planning::RatingText(*review.rating) << ", score " << score << ", "
              << planning::RiskStatusName(thresholds.StatusOf(score));
  }
  std::cout << "\n";
  return Status::Ok();
}

Status RunExport(const RisksArgs& args) {
  PROBATION_RETURN_IF_ERROR(CheckCommandOutput(args.out, args.db));
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(args.db));
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::RiskRegister> found,
                             planning::LoadRegisters(db.get(), args.register_id));
  return WriteOutput(planning::WriteRiskRegister(found.front()), args.out);
}

void RunRisksScore(const std::string& likelihood, const std::string& impact, int* exit_code) {
  const auto fail = [&](const std::string& why) {
    std::cerr << "probation risks score: " << why << "\n";
    *exit_code = 2;
  };
  Result<planning::RiskMatrix> matrix = MatrixInUse();
  if (!matrix.ok()) return fail(matrix.status().message());
  Result<int> score = matrix->Score(likelihood, impact);
  if (!score.ok()) return fail(score.status().message());
  std::cout << *score << "\n";
}

// Runs `run` and reports a failure as "probation risks NAME: message" with exit status 2.
template <typename F>
void Report(const char* name, int* exit_code, F run) {
  Status s = run();
  if (!s.ok()) {
    std::cerr << "probation risks " << name << ": " << s.message() << "\n";
    *exit_code = 2;
  }
}

}  // namespace

void AddRisksCommand(CLI::App& app, int* exit_code) {
  CLI::App* risks = app.add_subcommand("risks", "Risk registers: scoring, import, lists, heat map");
  risks->require_subcommand(1);
  auto args = std::make_shared<RisksArgs>();

  CLI::App* score = risks->add_subcommand(
      "score", "Print the score (1-25) of a risk of the given likelihood and impact");
  score->add_option("LIKELIHOOD", args->likelihood, "Likelihood: VL, L, M, H or VH")->required();
  score->add_option("IMPACT", args->impact, "Impact: VL, L, M, H or VH")->required();
  score->callback([=] { RunRisksScore(args->likelihood, args->impact, exit_code); });

  const auto db_option = [&](CLI::App* cmd, bool must_exist) {
    CLI::Option* o = cmd->add_option("--db", args->db, "Database file")->required();
    if (must_exist) o->check(CLI::ExistingFile);
  };
  CLI::App* import = risks->add_subcommand(
      "import", "Load risk register files (TOML) into the database, replacing registers by id");
  db_option(import, false);
  import->add_option("FILES", args->files, "Register files")->required()->check(CLI::ExistingFile);
  import->callback([=] { Report("import", exit_code, [&] { return RunImport(*args);
});
}  // namespace probation
);

CLI::App* list = risks->add_subcommand("list", "List the risks with their scores and status");
db_option(list, true);
list->add_option("--register", args->register_id, "Only this register");
list->add_option("--status", args->status,
                 "Only risks of this status: green, amber, red, "
                 "black or unrated");
list->callback([=] { Report("list", exit_code, [&] { return RunList(*args, 0); }); });

CLI::App* heatmap =
    risks->add_subcommand("heatmap", "Count the risks in each likelihood x impact cell");
db_option(heatmap, true);
heatmap->add_option("--register", args->register_id, "Only this register");
heatmap->add_flag("--inherent", args->inherent, "Use the inherent rating, not the residual");
heatmap->callback([=] { Report("heatmap", exit_code, [&] { return RunList(*args, 1); }); });

CLI::App* top = risks->add_subcommand("top", "The risks with the highest residual scores");
db_option(top, true);
top->add_option("--register", args->register_id, "Only this register");
top->add_option("-n", args->n, "How many")->default_val(10);
top->callback([=] { Report("top", exit_code, [&] { return RunList(*args, 2); }); });

CLI::App* overdue = risks->add_subcommand("overdue", "The risks past their next review date");
db_option(overdue, true);
overdue->add_option("--register", args->register_id, "Only this register");
overdue->add_option("--as-of", args->as_of, "Today's date (YYYY-MM-DD; default today)");
overdue->callback([=] { Report("overdue", exit_code, [&] { return RunList(*args, 3); }); });

CLI::App* review =
    risks->add_subcommand("review", "Record a dated review of a risk, optionally re-rating it");
db_option(review, true);
review->add_option("--register", args->register_id, "Register id")->required();
review->add_option("--risk", args->risk, "Risk reference")->required();
review->add_option("--date", args->date, "Review date (YYYY-MM-DD)")->required();
review->add_option("--reviewer", args->reviewer, "Who reviewed it")->required();
review->add_option("--likelihood", args->likelihood, "New likelihood: VL, L, M, H or VH");
review->add_option("--impact", args->impact, "New impact: VL, L, M, H or VH");
review->add_option("--note", args->note, "What the review found")->required();
review->add_option("--comments", args->comments,
                   "New comments for the risk (needed when it becomes red or black without)");
review->callback([=] { Report("review", exit_code, [&] { return RunReview(*args); }); });

CLI::App* export_cmd =
    risks->add_subcommand("export", "Write a register from the database as a register file");
db_option(export_cmd, true);
export_cmd->add_option("--register", args->register_id, "Register id")->required();
export_cmd->add_option("--out", args->out, "Output file (default: standard output)");
export_cmd->callback([=] { Report("export", exit_code, [&] { return RunExport(*args); }); });
}

}  // namespace probation
