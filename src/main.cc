// probation: offender management and performance system. One binary, many subcommands.
#include <CLI/CLI.hpp>

#include "base/huge_pages.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  probation::UseHugePages(argv);
  CLI::App app{"probation: offender management and performance for probation services"};
  app.require_subcommand(1);
  int exit_code = 0;
  probation::AddCalendarCommands(app, &exit_code);
  probation::AddImportCommand(app, &exit_code);
  probation::AddInfoCommand(app, &exit_code);
  probation::AddDataFormatCommand(app, &exit_code);
  probation::AddGenerateCommand(app, &exit_code);
  probation::AddDemoCommand(app, &exit_code);
  probation::AddMeasuresCommand(app, &exit_code);
  probation::AddScorecardCommand(app, &exit_code);
  probation::AddExceptionsCommand(app, &exit_code);
  probation::AddRisksCommand(app, &exit_code);
  probation::AddBoardPackCommand(app, &exit_code);
  probation::AddSnapshotCommand(app, &exit_code);
  probation::AddPlanCommand(app, &exit_code);
  probation::AddResourcesCommand(app, &exit_code);
  probation::AddOgrs3Command(app, &exit_code);
  probation::AddReoffendingCommand(app, &exit_code);
  probation::AddEqualityCommand(app, &exit_code);
  probation::AddTierCommand(app, &exit_code);
  probation::AddWorkloadCommand(app, &exit_code);
  probation::AddAllocateCommand(app, &exit_code);
  probation::AddForecastCommand(app, &exit_code);
  probation::AddServeCommand(app, &exit_code);
  probation::AddUsersCommands(app, &exit_code);
  probation::AddAuditCommands(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}
