// `probation ogrs3 ...`: OGRS3 for one case, or for every sentence in a database (stored in
// ogrs3_scores with its inputs and the coefficient table's version). See docs/reoffending.md.
//   ogrs3 --gender M|F --dob DATE --offence-category CODE --sanctions N --first-sanction DATE
//         --conviction DATE [--assessed DATE]
//   ogrs3 --db FILE [--threads N]
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "analytics/ogrs3.h"
#include "analytics/sentence_ogrs3.h"
#include "base/reference_files.h"
#include "cli/commands.h"
#include "cli/measure_environment.h"
#include "store/schema.h"

namespace probation {
namespace {

using Clock = std::chrono::steady_clock;

struct Ogrs3Args {
  std::string db, gender, dob, offence, first, conviction, assessed;
  int sanctions = 0;
  int threads = 2;
};

Result<Date> ParseDateOption(const std::string& name, const std::string& text) {
  Result<Date> d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument("--" + name + ": " + d.status().message());
  return d;
}

Status RunOne(const Ogrs3Args& a) {
  if (a.gender.empty() || a.dob.empty() || a.offence.empty() || a.first.empty() ||
      a.conviction.empty() || a.sanctions == 0) {
    return InvalidArgument(
        "give --db FILE, or all of --gender, --dob, --offence-category, --sanctions, "
        "--first-sanction and --conviction");
  }
  PROBATION_ASSIGN_OR_RETURN(const analytics::Ogrs3Table table, analytics::Ogrs3Table::Load());
  analytics::Ogrs3Inputs in;
  if (a.gender == "M" || a.gender == "m") in.gender = analytics::Gender::kMale;
  else if (a.gender == "F" || a.gender == "f") in.gender = analytics::Gender::kFemale;
  else return InvalidArgument("--gender: '" + a.gender + "' is not M or F (OGRS3 has no other)");
  PROBATION_ASSIGN_OR_RETURN(in.date_of_birth, ParseDateOption("dob", a.dob));
  PROBATION_ASSIGN_OR_RETURN(in.first_sanction, ParseDateOption("first-sanction", a.first));
  PROBATION_ASSIGN_OR_RETURN(in.conviction, ParseDateOption("conviction", a.conviction));
  in.assessed = in.conviction;
  if (!a.assessed.empty()) {
    PROBATION_ASSIGN_OR_RETURN(in.assessed, ParseDateOption("assessed", a.assessed));
  }
  in.sanctions = a.sanctions;
  in.offence_category = a.offence;
  PROBATION_ASSIGN_OR_RETURN(const analytics::Ogrs3Score s, analytics::ComputeOgrs3(table, in));
  const int low = table.age_band_low[s.age_band];
  const std::string band_text =
      s.age_band + 1 < analytics::kOgrs3AgeBands
          ? std::to_string(low) + "-" + std::to_string(table.age_band_low[s.age_band + 1] - 1)
          : std::to_string(low) + "+";
  std::printf(
      "OGRS3 (%s)\nage %d on %s (band %s), first sanction at %d, %d sanctions\n"
      "copas rate ln(%d / (10 + %d - %d)) = %.6f\n"
      "1-year probability %.1f%% (%.9f)\n2-year probability %.1f%% (%.9f)\nband: %s\n",
      table.version.c_str(), s.age, in.assessed.ToString().c_str(), band_text.c_str(), s.age_first,
      in.sanctions, in.sanctions, s.age, s.age_first, s.copas, s.one_year * 100, s.one_year,
      s.two_year * 100, s.two_year, std::string(analytics::Ogrs3BandName(s.band)).c_str());
  return Status::Ok();
}

Status RunDatabase(const Ogrs3Args& a) {
  PROBATION_ASSIGN_OR_RETURN(const analytics::Ogrs3Table table, analytics::Ogrs3Table::Load());
  PROBATION_ASSIGN_OR_RETURN(const Calendar calendar, LoadCalendar());
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(a.db));
  auto start = Clock::now();
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Snapshot> snapshot,
                             OpenSnapshot(db.get(), a.db, calendar));
  const double load_s = std::chrono::duration<double>(Clock::now() - start).count();
  start = Clock::now();
  const std::vector<analytics::SentenceOgrs3> scores =
      analytics::ScoreSentences(*snapshot, table, a.threads);
  const double score_s = std::chrono::duration<double>(Clock::now() - start).count();
  start = Clock::now();
  PROBATION_RETURN_IF_ERROR(analytics::SaveSentenceScores(db.get(), *snapshot, table, scores));
  const double save_s = std::chrono::duration<double>(Clock::now() - start).count();
  std::array<size_t, analytics::kOgrs3Bands> bands{};
  std::map<std::string, size_t> reasons;
  size_t scored = 0;
  for (const analytics::SentenceOgrs3& s : scores) {
    if (s.score) {
      ++scored;
      ++bands[static_cast<size_t>(s.score->band)];
    } else {
      // Group the reasons by their wording, figures and dates blanked.
      std::string key = s.reason;
      for (char& ch : key) {
        if (ch >= '0' && ch <= '9') ch = '#';
      }
      ++reasons[key];
    }
  }
  std::printf("OGRS3 (%s) for %zu sentences: %zu scored, %zu not\n", table.version.c_str(),
              scores.size(), scored, scores.size() - scored);
  for (int b = 0; b < analytics::kOgrs3Bands; ++b) {
    std::printf("  %-10s %zu\n",
                std::string(analytics::Ogrs3BandName(static_cast<analytics::Ogrs3Band>(b))).c_str(),
                bands[static_cast<size_t>(b)]);
  }
  for (const auto& [reason, n] : reasons) std::printf("  not scored: %s: %zu\n", reason.c_str(), n);
  std::printf("snapshot %.2f s, scoring %.3f s (%d threads), storing %.2f s\n", load_s, score_s,
              a.threads, save_s);
  return Status::Ok();
}

}  // namespace

void AddOgrs3Command(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<Ogrs3Args>();
  CLI::App* cmd = app.add_subcommand(
      "ogrs3",
      "OGRS3 reoffending probabilities for one case, or (--db) for every sentence at "
      "commencement, stored with their inputs");
  cmd->add_option("--db", a->db, "Database: score every sentence and store the scores")
      ->check(CLI::ExistingFile);
  cmd->add_option("--threads", a->threads, "Threads for --db (default 2)")->check(CLI::Range(1, 64));
  cmd->add_option("--gender", a->gender, "M or F");
  cmd->add_option("--dob", a->dob, "Date of birth, YYYY-MM-DD");
  cmd->add_option("--offence-category", a->offence, "OGRS3 offence category code (e.g. theft)");
  cmd->add_option("--sanctions", a->sanctions,
                  "Cautions and convictions including the current one")
      ->check(CLI::Range(1, 500));
  cmd->add_option("--first-sanction", a->first, "Date of the first caution or conviction");
  cmd->add_option("--conviction", a->conviction, "Date of the current conviction");
  cmd->add_option("--assessed", a->assessed,
                  "Date the score is taken at (commencement); ages are counted to it "
                  "(default: the conviction date)");
  cmd->callback([=] {
    const Status status = a->db.empty() ? RunOne(*a) : RunDatabase(*a);
    if (!status.ok()) {
      std::cerr << "probation ogrs3: " << status.message() << "\n";
      *exit_code = 2;
    }
  });
}

}  // namespace probation
