// `probation tier`: the tier of every case derived from its inputs (docs/workload.md).
//   tier --db FILE --crn X [--as-at DATE]               explain one case, with its history
//   tier --db FILE --compute [--as-at DATE] [--timings] compute and store every case's tiers
//   tier --db FILE --disagreements [--as-at DATE] [--format text|csv] [--limit N]
//                                                       cases whose imported tier differs
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <thread>

#include "analytics/tiering_store.h"
#include "base/clock.h"
#include "base/csv.h"
#include "cli/commands.h"
#include "cli/workload_environment.h"

namespace probation {
namespace {

using analytics::SupervisedCase;
using analytics::TierInputs;
using analytics::TierResult;

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

std::string DescribeInputs(const TierInputs& in) {
  std::string out;
  if (in.assessed) {
    out += "assessment " + in.assessment + " completed " + in.assessment_date.ToString() +
           ": ROSH " + std::string(analytics::RoshName(in.rosh)) + ", OGRS " +
           (in.ogrs >= 0 ? std::to_string(in.ogrs) + "%" : "unknown") + ", needs";
    for (int i = 0; i < analytics::kNeedCount; ++i) {
      out += std::string(i == 0 ? " " : ", ") + std::string(analytics::kNeedNames[i]) + " " +
             (in.needs[i] >= 0 ? std::to_string(in.needs[i]) : "-");
    }
    out += " (need score " + std::to_string(in.NeedScore()) + ")";
  } else {
    out += "no completed assessment";
  }
  out += "\n  registrations: ";
  if (in.registrations.empty()) out += "none";
  for (size_t i = 0; i < in.registrations.size(); ++i) {
    const auto& r = in.registrations[i];
    out += (i ? ", " : "") + r.type +
           (r.mappa_level > 0 ? " level " + std::to_string(r.mappa_level) : "") + " from " +
           r.start.ToString();
  }
  out += "\n  setting: " + std::string(analytics::SettingName(in.setting)) +
         "; mandate for change: " + (in.mandate_for_change ? "yes" : "no");
  return out;
}

int Explain(const WorkloadEnvironment& env, const std::string& crn) {
  Result<SupervisedCase> found = env.cases->CaseOf(crn, env.as_at);
  if (!found.ok()) {
    std::cerr << "probation tier: " << found.status().message() << "\n";
    return 2;
  }
  const SupervisedCase& c = *found;
  const TierResult omm = analytics::ComputeOmmTier(env.omm, c.inputs);
  const TierResult pc = analytics::ComputeProtectChangeTier(env.protect_change, c.inputs);
  std::printf("CRN %s as at %s: lead sentence %s, officer %s\n", crn.c_str(),
              env.as_at.ToString().c_str(),
              env.snapshot->table(*FindRecordType("sentences")).KeyText(c.sentence_row).c_str(),
              c.officer_row < 0 ? "none" : env.cases->StaffId(c.officer_row).c_str());
  std::printf("  %s\n\n", DescribeInputs(c.inputs).c_str());
  std::printf("%s (%s version %d): tier %s\n", env.omm.info.title.c_str(), env.omm.info.id.c_str(),
              env.omm.info.version, omm.tier.c_str());
  for (const std::string& b : omm.because) std::printf("  because %s\n", b.c_str());
  std::printf("%s (%s version %d): tier %s\n", env.protect_change.info.title.c_str(),
              env.protect_change.info.id.c_str(), env.protect_change.info.version, pc.tier.c_str());
  for (const std::string& b : pc.because) std::printf("  %s\n", b.c_str());
  if (!c.inputs.imported_tier.empty()) {
    std::printf("Imported tier (on the assessment): %s%s\n", c.inputs.imported_tier.c_str(),
                c.inputs.imported_tier == omm.tier ? ", agrees" : ", DISAGREES with the computed");
  }

  // History: the tiers at every date the inputs may have changed.
  std::printf("\nHistory (tiers computed at each change of the inputs):\n");
  const int32_t person = env.cases->FindPerson(crn);
  bool have_previous = false;
  SupervisedCase previous;
  std::string previous_omm, previous_pc;
  for (Date d : env.cases->ChangeDates(person, env.as_at)) {
    SupervisedCase now;
    if (!env.cases->CaseAt(person, d, &now)) {
      if (have_previous) std::printf("  %s  no sentence running\n", d.ToString().c_str());
      have_previous = false;
      continue;
    }
    const std::string o = analytics::ComputeOmmTier(env.omm, now.inputs).tier;
    const std::string p = analytics::ComputeProtectChangeTier(env.protect_change, now.inputs).tier;
    if (!have_previous) {
      std::printf("  %s  %-2s %-3s  under supervision\n", d.ToString().c_str(), o.c_str(),
                  p.c_str());
    } else if (o != previous_omm || p != previous_pc) {
      std::printf("  %s  %-2s %-3s  %s\n", d.ToString().c_str(), o.c_str(), p.c_str(),
                  analytics::DescribeTierChange(previous.inputs, now.inputs, d).c_str());
    }
    have_previous = true;
    previous = std::move(now);
    previous_omm = o;
    previous_pc = p;
  }
  Result<std::vector<analytics::StoredTier>> stored = analytics::ReadStoredTiers(env.db.get(), crn);
  if (stored.ok() && !stored->empty()) {
    std::printf("\nStored tiers (`probation tier --compute`):\n");
    for (const analytics::StoredTier& t : *stored) {
      std::printf("  %s  %-14s v%d  %s%s\n", t.as_at.c_str(), t.rule_set.c_str(),
                  t.rule_set_version, t.tier.c_str(),
                  t.previous_tier.empty()
                      ? ""
                      : ("  (was " + t.previous_tier + ": " + t.change_reason + ")").c_str());
    }
  }
  return 0;
}

int Compute(const WorkloadEnvironment& env, bool timings) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  std::vector<SupervisedCase> cases = env.cases->CasesOn(env.as_at);
  const auto t1 = Clock::now();
  std::vector<analytics::ComputedTier> omm(cases.size()), pc(cases.size());
  const auto work = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      const std::string crn = env.cases->Crn(cases[i].person_row);
      omm[i].crn = crn;
      omm[i].inputs = cases[i].inputs;
      omm[i].result = analytics::ComputeOmmTier(env.omm, cases[i].inputs);
      pc[i].crn = crn;
      pc[i].inputs = cases[i].inputs;
      pc[i].result = analytics::ComputeProtectChangeTier(env.protect_change, cases[i].inputs);
    }
  };
  std::thread other(work, cases.size() / 2, cases.size());
  work(0, cases.size() / 2);
  other.join();
  const auto t2 = Clock::now();
  const std::string computed_at = FormatUtc(SystemClock().Now());
  for (auto* run : {&omm, &pc}) {
    const analytics::RuleSetInfo& info = run == &omm ? env.omm.info : env.protect_change.info;
    Status saved = analytics::SaveComputedTiers(env.db.get(), info, env.as_at, computed_at, run);
    if (!saved.ok()) {
      std::cerr << "probation tier: " << saved.message() << "\n";
      return 2;
    }
  }
  const auto t3 = Clock::now();
  std::printf("%zu cases under supervision on %s; tiers stored (rule sets %s v%d, %s v%d)\n",
              cases.size(), env.as_at.ToString().c_str(), env.omm.info.id.c_str(),
              env.omm.info.version, env.protect_change.info.id.c_str(),
              env.protect_change.info.version);
  for (auto* run : {&omm, &pc}) {
    std::map<std::string, int> counts;
    int changed = 0;
    for (const auto& t : *run) {
      counts[t.result.tier]++;
      changed += !t.previous_tier.empty();
    }
    std::printf("%s:", run == &omm ? env.omm.info.id.c_str() : env.protect_change.info.id.c_str());
    for (const auto& [tier, n] : counts) std::printf(" %s %d", tier.c_str(), n);
    std::printf("; %d changed since the previous run\n", changed);
  }
  if (timings) {
    const auto ms = [](auto a, auto b) {
      return std::chrono::duration<double, std::milli>(b - a).count();
    };
    std::fprintf(stderr, "cases %.0f ms, tiers %.0f ms, store %.0f ms\n", ms(t0, t1), ms(t1, t2),
                 ms(t2, t3));
  }
  return 0;
}

int Disagreements(const WorkloadEnvironment& env, const std::string& format, int limit) {
  std::vector<SupervisedCase> cases = env.cases->CasesOn(env.as_at);
  int with_imported = 0;
  int differ = 0;
  std::string out;
  if (format == "csv") out = "crn,officer,imported_tier,computed_tier,reasons\n";
  for (const SupervisedCase& c : cases) {
    if (c.inputs.imported_tier.empty()) continue;
    ++with_imported;
    const TierResult omm = analytics::ComputeOmmTier(env.omm, c.inputs);
    if (omm.tier == c.inputs.imported_tier) continue;
    ++differ;
    if (limit > 0 && differ > limit) continue;
    const std::string crn = env.cases->Crn(c.person_row);
    const std::string officer = env.cases->StaffId(c.officer_row);
    const std::string because = Join(omm.because, "; ");
    if (format == "csv") {
      for (const std::string& field : {crn, officer, c.inputs.imported_tier, omm.tier}) {
        AppendCsvField(&out, field);
        out += ',';
      }
      AppendCsvField(&out, because);
      out += '\n';
    } else {
      out += crn + "  " + (officer.empty() ? "-" : officer) + "  imported " +
             c.inputs.imported_tier + ", computed " + omm.tier + ": " + because + "\n";
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fprintf(
      format == "csv" ? stderr : stdout,
      "%d of %d cases with an imported tier disagree with the computed %s tier on %s%s\n", differ,
      with_imported, env.omm.info.id.c_str(), env.as_at.ToString().c_str(),
      limit > 0 && differ > limit ? (" (first " + std::to_string(limit) + " listed)").c_str() : "");
  return 0;
}

}  // namespace

void AddTierCommand(CLI::App& app, int* exit_code) {
  struct Options {
    std::string db, crn, as_at, format = "text";
    bool compute = false, disagreements = false, timings = false;
    int limit = 0;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "tier",
      "Derive tiers from the case record: explain one case (--crn), compute and store "
      "every case's (--compute), or list imported tiers that disagree (--disagreements)");
  cmd->add_option("--db", o->db, "Database file")->required()->check(CLI::ExistingFile);
  auto* crn = cmd->add_option("--crn", o->crn, "Explain the tier of this case");
  auto* compute = cmd->add_flag("--compute", o->compute, "Compute and store every case's tiers");
  auto* dis = cmd->add_flag("--disagreements", o->disagreements,
                            "List the cases whose imported tier differs from the computed one");
  crn->excludes(compute)->excludes(dis);
  compute->excludes(dis);
  cmd->add_option("--as-at", o->as_at, "Date (YYYY-MM-DD); default the latest activity");
  cmd->add_option("--format", o->format, "text or csv (--disagreements)")
      ->check(CLI::IsMember({"text", "csv"}));
  cmd->add_option("--limit", o->limit, "List at most N disagreements (0: all)");
  cmd->add_flag("--timings", o->timings, "Print the time of each stage to standard error");
  cmd->callback([o, exit_code] {
    if (o->crn.empty() && !o->compute && !o->disagreements) {
      std::cerr << "probation tier: give --crn X, --compute or --disagreements\n";
      *exit_code = 2;
      return;
    }
    Result<std::unique_ptr<WorkloadEnvironment>> env = OpenWorkloadEnvironment(o->db, o->as_at);
    if (!env.ok()) {
      std::cerr << "probation tier: " << env.status().message() << "\n";
      *exit_code = 2;
      return;
    }
    if (!o->crn.empty()) {
      *exit_code = Explain(**env, o->crn);
    } else if (o->compute) {
      *exit_code = Compute(**env, o->timings);
    } else {
      *exit_code = Disagreements(**env, o->format, o->limit);
    }
  });
}

}  // namespace probation
