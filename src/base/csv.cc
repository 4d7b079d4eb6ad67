#include "base/csv.h"

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
  // Skip empty lines.
  while (pos_ < n && (data[pos_] == '\n' || data[pos_] == '\r')) {
    if (data[pos_] == '\n') ++next_line_;
    ++pos_;
  }
  if (pos_ >= n) {
    done_ = true;
    row_line_ = next_line_;
    return Status::Ok();
  }
  row_line_ = next_line_;
  while (true) {
    if (pos_ < n && data[pos_] == '"') {
      // Quoted field.
      ++pos_;
      const size_t start = pos_;
      bool has_escapes = false;
      while (true) {
        const void* q = std::memchr(data + pos_, '"', n - pos_);
        if (q == nullptr) {
          pos_ = n;
          return InvalidArgument("a quoted field is not closed");
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
      if (pos_ >= n) return Status::Ok();
      if (data[pos_] == '\n') {
        ++pos_;
        ++next_line_;
        return Status::Ok();
      }
      if (data[pos_] != ',') {
        // Resynchronise at the next line so a caller may carry on.
        while (pos_ < n && data[pos_] != '\n') ++pos_;
        if (pos_ < n) {
          ++pos_;
          ++next_line_;
        }
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
    if (pos_ >= n) return Status::Ok();
    if (data[pos_] == '\n') {
      ++pos_;
      ++next_line_;
      return Status::Ok();
    }
    ++pos_;           // comma
    if (pos_ >= n) {  // a trailing comma at the very end: one more empty field
      fields->emplace_back();
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

}  // namespace probation
