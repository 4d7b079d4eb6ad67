// A Document as one self-contained web page (no external files, fonts or scripts) that reads
// on screen and prints cleanly to A4: a cover with contents, each section starting a new page,
// table rows never split across pages and their headings repeated, colours kept in print,
// statuses written as words as well as colours. Functions only; thread-safe.
#pragma once

#include <string>

#include "reports/document.h"

namespace probation::report {

std::string DocumentHtml(const Document& document);

}  // namespace probation::report
