// `probation data-format`: the bulk-load file formats and code lists, as Markdown.
#include <iostream>

#include "cli/commands.h"
#include "model/data_format_doc.h"

namespace probation {

void AddDataFormatCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "data-format", "Print every import file's columns and the code lists (Markdown)");
  cmd->callback([=] {
    std::cout << RenderDataFormatMarkdown();
    *exit_code = 0;
  });
}

}  // namespace probation
