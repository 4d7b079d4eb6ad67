// `probation risks score LIKELIHOOD IMPACT`: the risk register's scoring matrix
// (reference/risk_matrix.csv; see docs/risks.md).
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "planning/risk_matrix.h"

namespace probation {
namespace {

void RunRisksScore(const std::string& likelihood, const std::string& impact, int* exit_code) {
  const auto fail = [&](const std::string& why) {
    std::cerr << "probation risks score: " << why << "\n";
    *exit_code = 2;
  };
  Result<RiskMatrix> matrix = LoadRiskMatrix();
  if (!matrix.ok()) return fail(matrix.status().message());
  Result<int> score = matrix->Score(likelihood, impact);
  if (!score.ok()) return fail(score.status().message());
  std::cout << *score << "\n";
}

}  // namespace

void AddRisksCommand(CLI::App& app, int* exit_code) {
  CLI::App* risks = app.add_subcommand("risks", "The risk register's scoring matrix");
  risks->require_subcommand(1);

  CLI::App* score = risks->add_subcommand(
      "score", "Print the score (1-25) of a risk of the given likelihood and impact");
  auto likelihood = std::make_shared<std::string>();
  auto impact = std::make_shared<std::string>();
  score->add_option("LIKELIHOOD", *likelihood, "Likelihood: VL, L, M, H or VH")->required();
  score->add_option("IMPACT", *impact, "Impact: VL, L, M, H or VH")->required();
  score->callback([=] { RunRisksScore(*likelihood, *impact, exit_code); });
}

}  // namespace probation
