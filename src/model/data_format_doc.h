// Renders the bulk-load file formats (every record type's columns) and the code lists as
// Markdown, straight from the model tables, so docs/data-format.md cannot drift from the code.
#pragma once

#include <string>

namespace probation {

// The reference part of docs/data-format.md: one section per file, then the code lists.
std::string RenderDataFormatMarkdown();

}  // namespace probation
