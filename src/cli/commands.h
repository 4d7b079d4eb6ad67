// The subcommands of the `probation` binary. Each Add*Command registers its subcommand(s) on
// `app`; the callback prints to stdout/stderr and sets *exit_code (0 success, 1 partial
// success, 2 failure), so main() stays the only code outside the libraries.
#pragma once

#include <CLI/CLI.hpp>

namespace probation {

void AddCalendarCommands(CLI::App& app, int* exit_code);    // holidays, workdays
void AddImportCommand(CLI::App& app, int* exit_code);       // import
void AddInfoCommand(CLI::App& app, int* exit_code);         // info
void AddDataFormatCommand(CLI::App& app, int* exit_code);   // data-format
void AddGenerateCommand(CLI::App& app, int* exit_code);     // generate
void AddDemoCommand(CLI::App& app, int* exit_code);         // demo
void AddMeasuresCommand(CLI::App& app, int* exit_code);     // measures check|list|functions
void AddScorecardCommand(CLI::App& app, int* exit_code);    // scorecard
void AddExceptionsCommand(CLI::App& app, int* exit_code);   // exceptions
void AddBoardPackCommand(CLI::App& app, int* exit_code);    // boardpack
void AddPlanCommand(CLI::App& app, int* exit_code);         // plan import|list|show|overdue|...
void AddRisksCommand(CLI::App& app, int* exit_code);        // risks score|import|list|...
void AddResourcesCommand(CLI::App& app, int* exit_code);    // resources import|budget|staffing
void AddSnapshotCommand(CLI::App& app, int* exit_code);     // snapshot
void AddOgrs3Command(CLI::App& app, int* exit_code);        // ogrs3 (issue 15)
void AddReoffendingCommand(CLI::App& app, int* exit_code);  // reoffending (issue 15)
void AddEqualityCommand(CLI::App& app, int* exit_code);     // equality (issue 15)
// Tiering, workload, allocation and demand (issue 16, docs/workload.md).
void AddTierCommand(CLI::App& app, int* exit_code);      // tier
void AddWorkloadCommand(CLI::App& app, int* exit_code);  // workload
void AddAllocateCommand(CLI::App& app, int* exit_code);  // allocate
void AddForecastCommand(CLI::App& app, int* exit_code);  // forecast
void AddServeCommand(CLI::App& app, int* exit_code);     // serve
void AddUsersCommands(CLI::App& app, int* exit_code);    // users ..., tokens ...
void AddAuditCommands(CLI::App& app, int* exit_code);    // audit verify|list

}  // namespace probation
