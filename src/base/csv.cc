#include "base/csv.h"

#include <algorithm>
#include <cstring>

namespace probation {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

Status CsvReader::Next(std::vector<std::string_view>* fields) {
  fields->clear();
  unescaped_.clear();
  const char* const data = text_.data();
  const size_t n = text_.size();
  // Skip empty lines (a line of nothing but carriage returns is empty too).
  while (pos_ < n && (data[pos_] == '\n' || data[pos_] == '\r')) {
    if (data[pos_] == '\n') {
      ++next_line_;
      ++blank_lines_;
    }
    ++pos_;
  }
  if (pos_ >= n) {
    if (!done_ && n > 0 && data[n - 1] != '\n' && last_line_ < next_line_) {
      // The last line has no line end and no row: carriage returns or a byte-order mark.
      ++blank_lines_;
    }
    done_ = true;
    row_line_ = next_line_;
    last_line_ = std::max(last_line_, next_line_ - 1);
    return Status::Ok();
  }
  row_line_ = next_line_;
  // The row ends at a line end just consumed, or at the end of the text.
  const auto row_ended = [&] { last_line_ = data[pos_ - 1] == '\n' ? next_line_ - 1 : next_line_; };
  while (true) {
    if (pos_ < n && data[pos_] == '"') {
      // Quoted field.
      const size_t open = pos_;
      const int open_line = next_line_;
      ++pos_;
      const size_t start = pos_;
      bool has_escapes = false;
      while (true) {
        const void* q = std::memchr(data + pos_, '"', n - pos_);
        if (q == nullptr) {
          size_t line_begin = open;
          while (line_begin > 0 && data[line_begin - 1] != '\n') --line_begin;
          for (size_t i = pos_; i < n; ++i) next_line_ += data[i] == '\n';
          pos_ = n;
          row_ended();
          std::string reason = "a quoted field opened at line " + std::to_string(open_line) +
                               ", column " + std::to_string(open - line_begin + 1) +
                               " never closes";
          if (last_line_ > row_line_) {
            reason += ": lines " + std::to_string(row_line_) + "-" + std::to_string(last_line_) +
                      " (" + std::to_string(last_line_ - row_line_ + 1) +
                      " lines) are not read as rows";
          }
          return InvalidArgument(reason);
        }
        const size_t qpos = static_cast<const char*>(q) - data;
        for (size_t i = pos_; i < qpos; ++i) next_line_ += data[i] == '\n';
        if (qpos + 1 < n && data[qpos + 1] == '"') {
          has_escapes = true;
          pos_ = qpos + 2;
          continue;
        }
        pos_ = qpos + 1;
        break;
      }
      std::string_view raw(data + start, pos_ - 1 - start);
      if (has_escapes) {
        std::string& s = unescaped_.emplace_back();
        s.reserve(raw.size());
        for (size_t i = 0; i < raw.size(); ++i) {
          s.push_back(raw[i]);
          if (raw[i] == '"') ++i;  // skip the doubled quote
        }
        raw = s;
      }
      fields->push_back(raw);
      if (pos_ < n && data[pos_] == '\r' && (pos_ + 1 >= n || data[pos_ + 1] == '\n')) ++pos_;
      if (pos_ >= n) {
        row_ended();
        return Status::Ok();
      }
      if (data[pos_] == '\n') {
        ++pos_;
        ++next_line_;
        row_ended();
        return Status::Ok();
      }
      if (data[pos_] != ',') {
        // Resynchronise at the next line so a caller may carry on.
        while (pos_ < n && data[pos_] != '\n') ++pos_;
        if (pos_ < n) {
          ++pos_;
          ++next_line_;
        }
        row_ended();
        return InvalidArgument("text after the closing quote of field " +
                               std::to_string(fields->size()));
      }
      ++pos_;
      continue;
    }
    // Unquoted field: up to the next comma or line end.
    const size_t start = pos_;
    while (pos_ < n && data[pos_] != ',' && data[pos_] != '\n') ++pos_;
    size_t end = pos_;
    if (end > start && data[end - 1] == '\r') --end;
    fields->emplace_back(data + start, end - start);
    if (pos_ >= n) {
      row_ended();
      return Status::Ok();
    }
    if (data[pos_] == '\n') {
      ++pos_;
      ++next_line_;
      row_ended();
      return Status::Ok();
    }
    ++pos_;           // comma
    if (pos_ >= n) {  // a trailing comma at the very end: one more empty field
      fields->emplace_back();
      row_ended();
      return Status::Ok();
    }
  }
}

void AppendCsvField(std::string* out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(value);
    return;
  }
  out->push_back('"');
  for (char c : value) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

int64_t CountPhysicalLines(std::string_view text) {
  int64_t lines = std::count(text.begin(), text.end(), '\n');
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines;
}

}  // namespace probation
