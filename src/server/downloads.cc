#include "server/downloads.h"

#include <vector>

#include "base/csv.h"
#include "reports/small_counts.h"
#include "server/temp_folder.h"

namespace probation {

std::string DownloadName(std::initializer_list<std::string_view> parts, std::string_view extension) {
  std::string name;
  for (std::string_view part : parts) {
    if (part.empty()) continue;
    if (!name.empty()) name += '-';
    for (char c : part) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
      name += ok ? c : '_';
    }
  }
  if (name.size() > 120) name.resize(120);
  return name + "." + std::string(extension);
}

HttpResponse Attachment(std::string bytes, std::string_view content_type, std::string_view file_name) {
  HttpResponse response;
  response.content_type = std::string(content_type);
  response.body = std::move(bytes);
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + std::string(file_name) + "\"");
  return response;
}

Result<std::string> WrittenBytes(std::string_view file_name,
                                 const std::function<Status(const std::string& path)>& write) {
  PROBATION_ASSIGN_OR_RETURN(TempFolder folder, TempFolder::Make("download"));
  const std::string path = folder.path() + "/" + std::string(file_name);
  PROBATION_RETURN_IF_ERROR(write(path));
  return ReadWholeFile(path);
}

std::string SuppressScorecardCsv(std::string_view csv, int threshold) {
  CsvReader reader(csv);
  std::vector<std::string_view> fields;
  std::string out;
  int value = -1, first_count = -1;
  bool header = true;
  while (true) {
    const Status read = reader.Next(&fields);
    if (reader.done() && read.ok()) break;
    if (!read.ok()) continue;  // a malformed row: ScorecardCsv writes none
    std::vector<std::string> row(fields.begin(), fields.end());
    if (header) {
      for (size_t c = 0; c < row.size(); ++c) {
        if (row[c] == "value") value = static_cast<int>(c);
        if (row[c] == "succeeded") first_count = static_cast<int>(c);
      }
      header = false;
    } else if (value >= 0 && first_count >= 0 && row.size() >= static_cast<size_t>(first_count) + 3) {
      bool any = false;
      for (int c = first_count; c < first_count + 3; ++c) {
        const std::string& f = row[c];
        const bool whole = !f.empty() && f.size() < 3 && f.find_first_not_of("0123456789") == std::string::npos;
        if (whole && std::stoi(f) > 0 && std::stoi(f) < threshold) {
          row[c] = report::kFewerThanText;
          any = true;
        }
      }
      if (any) row[value].clear();
    }
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      AppendCsvField(&out, row[c]);
    }
    out += '\n';
  }
  return out;
}

report::Document CsvDocument(const std::string& title, std::string_view csv) {
  report::Document document;
  document.title = title;
  report::Section section{"data", title, {}};
  report::Table table;
  CsvReader reader(csv);
  std::vector<std::string_view> fields;
  bool header = true;
  while (true) {
    const Status read = reader.Next(&fields);
    if (reader.done() && read.ok()) break;
    if (!read.ok()) continue;
    if (header) {
      table.columns.assign(fields.begin(), fields.end());
      header = false;
      continue;
    }
    std::vector<report::Cell> row;
    for (std::string_view f : fields) row.emplace_back(std::string(f));
    row.resize(table.columns.size());
    table.rows.push_back(std::move(row));
  }
  section.blocks.push_back(std::move(table));
  document.sections.push_back(std::move(section));
  return document;
}

}  // namespace probation
