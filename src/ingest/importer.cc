#include "ingest/importer.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <unordered_map>
#include <utility>

#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/csv.h"
#include "base/flat_hash_set.h"
#include "base/output_paths.h"
#include "base/shown_text.h"
#include "base/source_file.h"
#include "ingest/field_parser.h"
#include "ingest/key_index.h"
#include "ingest/row_rules.h"
#include "model/record_types.h"
#include "store/record_writer.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

// One input file with its header resolved against its record type.
struct InputFile {
  std::string path;
  const RecordType* type = nullptr;
  size_t type_order = 0;
  SourceFile contents;            // read in full only while the file is loaded
  std::vector<int> column_field;  // header column -> field index
  int header_line = 1;
};

// <type>.csv or <type>-<anything>.csv; the longest matching type name wins.
const RecordType* RecordTypeForFile(std::string_view filename, size_t* order) {
  if (filename.size() < 4 || filename.substr(filename.size() - 4) != ".csv") return nullptr;
  const std::string_view stem = filename.substr(0, filename.size() - 4);
  const RecordType* best = nullptr;
  size_t i = 0;
  for (const RecordType& t : AllRecordTypes()) {
    if (stem == t.name || (stem.size() > t.name.size() && stem.substr(0, t.name.size()) == t.name &&
                           stem[t.name.size()] == '-')) {
      if (best == nullptr || t.name.size() > best->name.size()) {
        best = &t;
        *order = i;
      }
    }
    ++i;
  }
  return best;
}

std::string KnownFileNames() {
  std::string names;
  for (const RecordType& t : AllRecordTypes()) {
    if (!names.empty()) names += ", ";
    names += std::string(t.name) + ".csv";
  }
  return names;
}

}  // namespace

Result<std::vector<std::string>> ExpandImportPaths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> in_dir;
      for (const fs::directory_entry& e : fs::directory_iterator(p, ec)) {
        if (e.is_regular_file() && e.path().extension() == ".csv") in_dir.push_back(e.path());
      }
      if (ec) return IoError("cannot list folder " + p + ": " + ec.message());
      if (in_dir.empty()) return InvalidArgument("folder " + p + " holds no .csv files");
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      return IoError("cannot read " + p + ": no such file or folder");
    }
  }
  // The same file by two names, or as a file and again inside a folder (compared by device
  // and inode: every file named exists by now).
  std::map<std::pair<dev_t, ino_t>, const std::string*> seen;
  for (const std::string& f : files) {
    struct stat st {};
    if (::stat(f.c_str(), &st) != 0) continue;  // reported when it is opened
    const auto [it, added] = seen.emplace(std::make_pair(st.st_dev, st.st_ino), &f);
    if (!added) {
      return InvalidArgument(f + " is named twice" +
                             (f == *it->second ? "" : " (also as " + *it->second + ")") +
                             "; name each file once");
    }
  }
  return files;
}

void AppendReportField(std::string* out, std::string_view value) {
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r' || value[0] == '\'')) {
    std::string quoted;
    quoted.reserve(value.size() + 1);
    quoted.push_back('\'');
    quoted.append(value);
    AppendCsvField(out, quoted);
    return;
  }
  AppendCsvField(out, value);
}

namespace {

// Maps the header row onto the record type's fields. Unknown, repeated or missing required
// columns are fatal: the file cannot be read safely.
Status ResolveHeader(InputFile* file) {
  // The header is read from the file's start; the rows are read when the file is loaded.
  constexpr size_t kHeaderMax = 1 << 20;
  Result<std::string> prefix = file->contents.ReadPrefix(kHeaderMax);
  if (!prefix.ok()) return prefix.status();
  std::string_view start = *prefix;
  if (file->contents.size() > start.size()) {
    const size_t end = start.rfind('\n');
    if (end == std::string_view::npos) {
      return InvalidArgument(file->path + ": the header row is longer than 1 MB");
    }
    start = start.substr(0, end + 1);
  }
  CsvReader reader(start);
  std::vector<std::string_view> header;
  Status read = reader.Next(&header);
  file->header_line = reader.line();
  const std::string where = file->path + ", line " + std::to_string(reader.line());
  if (!read.ok()) return InvalidArgument(where + ": header row: " + read.message());
  if (reader.done()) return InvalidArgument(file->path + ": the file is empty (no header row)");
  const RecordType& type = *file->type;
  std::vector<bool> seen(type.fields.size(), false);
  for (size_t c = 0; c < header.size(); ++c) {
    const int f = type.FieldIndex(header[c]);
    if (f < 0) {
      std::string known;
      for (const FieldSpec& spec : type.fields)
        known += (known.empty() ? "" : ", ") + std::string(spec.name);
      return InvalidArgument(where + ", column " + std::to_string(c + 1) + ": '" +
                             std::string(header[c]) + "' is not a column of " +
                             std::string(type.name) + " (columns: " + known + ")");
    }
    if (seen[f]) {
      return InvalidArgument(where + ", column " + std::to_string(c + 1) + ": '" +
                             std::string(header[c]) + "' appears twice");
    }
    seen[f] = true;
    file->column_field.push_back(f);
  }
  for (size_t f = 0; f < type.fields.size(); ++f) {
    if (!seen[f] && (type.fields[f].required || static_cast<int>(f) < type.key_fields)) {
      return InvalidArgument(where + ": required column '" + std::string(type.fields[f].name) +
                             "' is missing from the header");
    }
  }
  return Status::Ok();
}

// Writes rejections to the report CSV (if any) and keeps the first few for display. The report
// is written under a temporary name, finished (flushed to disk) by Finish() and renamed into
// place by Publish() once the load has succeeded, so a load that fails leaves no report (and
// an earlier report as it was).
class RejectionSink {
 public:
  RejectionSink(const ImportOptions& options, ImportResult* result)
      : keep_(options.max_rejections_kept), result_(result) {}
  ~RejectionSink() {
    if (report_ != nullptr) std::fclose(report_);
    if (!partial_.empty()) std::remove(partial_.c_str());
  }

  Status OpenReport(const std::string& path) {
    if (path.empty()) return Status::Ok();
    path_ = path;
    partial_ = TemporaryPathFor(path);
    report_ = std::fopen(partial_.c_str(), "wb");
    if (report_ == nullptr) return Failed(errno);
    Write("file,line,last_line,column,value,reason\n");
    return Status::Ok();
  }

  void Add(Rejection r) {
    if (report_ != nullptr) {
      line_.clear();
      AppendReportField(&line_, r.file);
      line_ += ',' + std::to_string(r.line) + ',' + std::to_string(r.last_line) + ',';
      AppendReportField(&line_, r.column);
      line_ += ',';
      AppendReportField(&line_, r.value);
      line_ += ',';
      AppendReportField(&line_, r.reason);
      line_ += '\n';
      Write(line_);
    }
    if (static_cast<int>(result_->first_rejections.size()) < keep_) {
      r.value = ShownText(r.value);
      result_->first_rejections.push_back(std::move(r));
    }
  }

  // The first write error, if any (a full disk): the report's path and the reason.
  Status status() const { return write_errno_ == 0 ? Status::Ok() : Failed(write_errno_); }

  // Finishes writing the report (an error names the report and the reason).
  Status Finish() {
    if (report_ == nullptr) return Status::Ok();
    PROBATION_RETURN_IF_ERROR(status());
    const bool flushed = std::fflush(report_) == 0 && ::fsync(::fileno(report_)) == 0;
    const int flush_errno = errno;
    const bool closed = std::fclose(report_) == 0;
    const int close_errno = errno;
    report_ = nullptr;
    if (!flushed) return Failed(flush_errno);
    if (!closed) return Failed(close_errno);
    return Status::Ok();
  }

  // Renames the finished report into place. REQUIRES: Finish() succeeded.
  Status Publish() {
    if (partial_.empty()) return Status::Ok();
    if (std::rename(partial_.c_str(), path_.c_str()) != 0) return Failed(errno);
    partial_.clear();
    return Status::Ok();
  }

 private:
  void Write(std::string_view text) {
    if (write_errno_ != 0) return;
    if (std::fwrite(text.data(), 1, text.size(), report_) != text.size()) {
      write_errno_ = errno != 0 ? errno : EIO;
    }
  }

  Status Failed(int error) const {
    return IoError("cannot write the rejection report " + path_ + ": " + std::strerror(error));
  }

  int keep_;
  ImportResult* result_;
  std::string path_, partial_;
  std::FILE* report_ = nullptr;
  int write_errno_ = 0;
  std::string line_;
};

// Where each rejected record of a type others refer to was, by key, so that a row whose
// parent was rejected can name the parent's file and line.
class RejectedKeys {
 public:
  struct Place {
    std::string file;
    int line = 0;
  };
  void Add(const RecordType& type, const std::string& key, const std::string& file, int line) {
    places_.try_emplace(std::string(type.name) + '\x1e' + key, Place{file, line});
  }
  const Place* Find(const RecordType& type, const std::string& key) const {
    auto it = places_.find(std::string(type.name) + '\x1e' + key);
    return it == places_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, Place> places_;
};

// Validates and loads the rows of one file.
class FileLoader {
 public:
  FileLoader(InputFile* file, KeyIndex* keys, RejectedKeys* rejected, RejectionSink* sink)
      : file_(file), type_(*file->type), keys_(keys), rejected_(rejected), sink_(sink) {
    for (size_t f = 0; f < type_.fields.size(); ++f) {
      parsers_.emplace_back(type_.fields[f], static_cast<int>(f) < type_.key_fields);
    }
    values_.resize(type_.fields.size());
    for (int i = 0; i < type_.key_fields; ++i) key_fields_.push_back(i);
    scratch_.resize(type_.fields.size());
    for (const ReferenceSpec& ref : type_.references) {
      Reference r{FindRecordType(ref.target), std::string(ref.fields), {}};
      std::string_view rest = ref.fields;
      while (!rest.empty()) {
        const size_t comma = rest.find(',');
        r.fields.push_back(type_.FieldIndex(rest.substr(0, comma)));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
      references_.push_back(std::move(r));
    }
  }

  Status Load(Database* db, FileSummary* summary) {
    Result<RecordWriter> writer = RecordWriter::Create(db, type_);
    if (!writer.ok()) return writer.status();
    Result<bool> empty = writer->TableIsEmpty();
    if (!empty.ok()) return empty.status();
    const bool first_load = *empty;
    const std::string_view text = file_->contents.contents();
    CsvReader reader(text);
    std::vector<std::string_view> fields;
    PROBATION_RETURN_IF_ERROR(reader.Next(&fields));  // header, checked already
    const int header_last_line = reader.last_line();
    const int64_t blank_before_header = reader.blank_lines();
    while (true) {
      Status read = reader.Next(&fields);
      if (reader.done() && read.ok()) break;
      ++summary->read;
      line_ = reader.line();
      last_line_ = reader.last_line();
      const int64_t row_lines = last_line_ - line_ + 1;
      row_ok_ = true;
      duplicate_key_ = false;
      for (FieldValue& v : values_) v = FieldValue();
      if (!read.ok()) {
        Reject(kWholeRow, "", read.message());
      } else if (fields.size() != file_->column_field.size()) {
        Reject(kWholeRow, "",
               "the row has " + std::to_string(fields.size()) + " fields; the header has " +
                   std::to_string(file_->column_field.size()));
      } else {
        CheckRow(fields);
      }
      if (!row_ok_) {
        ++summary->rejected;
        summary->rejected_lines += row_lines;
        NoteRejectedKey();
        continue;
      }
      ++summary->accepted;
      summary->accepted_lines += row_lines;
      keys_->Add(type_, row_key_);
      if (first_load) {
        // Every key is new: the table was empty and repeated keys were rejected above.
        Status appended = writer->Append(values_, text);
        if (!appended.ok()) return LineError(appended);
        ++summary->inserted;
        continue;
      }
      Result<WriteOutcome> outcome = writer->Write(values_);
      if (!outcome.ok()) return LineError(outcome.status());
      switch (*outcome) {
        case WriteOutcome::kInserted:
          ++summary->inserted;
          break;
        case WriteOutcome::kUpdated:
          ++summary->updated;
          break;
        case WriteOutcome::kUnchanged:
          ++summary->unchanged;
          break;
      }
    }
    summary->lines = CountPhysicalLines(text) - header_last_line;
    summary->blank_lines = reader.blank_lines() - blank_before_header;
    if (summary->accepted_lines + summary->rejected_lines + summary->blank_lines !=
        summary->lines) {
      return Internal(file_->path + ": " + std::to_string(summary->lines) +
                      " lines after the header, but " + std::to_string(summary->accepted_lines) +
                      " in accepted rows, " + std::to_string(summary->rejected_lines) +
                      " in rejected rows and " + std::to_string(summary->blank_lines) +
                      " blank: the loader lost count");
    }
    Status flushed = writer->Flush();
    return flushed.ok() ? flushed : IoError(file_->path + ": " + flushed.message());
  }

 private:
  struct Reference {
    const RecordType* target;
    std::string names;
    std::vector<int> fields;
  };

  Status LineError(const Status& status) const {
    return IoError(file_->path + ", line " + std::to_string(line_) + ": " + status.message());
  }

  void Reject(std::string_view column, std::string_view value, std::string reason) {
    row_ok_ = false;
    sink_->Add(Rejection{file_->path, line_, last_line_, std::string(column), std::string(value),
                         std::move(reason)});
  }

  // Remembers where a rejected record was, when records of its type are referred to and its
  // key could be read (not when the key was a repeat of an accepted one).
  void NoteRejectedKey() {
    if (!keys_->IsTracked(type_) || duplicate_key_) return;
    if (!BuildKey(key_fields_, &row_key_)) return;
    rejected_->Add(type_, row_key_, file_->path, line_);
  }

  // REQUIRES: values_ all null.
  void CheckRow(const std::vector<std::string_view>& fields) {
    std::vector<std::string_view>& raw = raw_by_field_;
    raw.assign(type_.fields.size(), std::string_view());
    for (size_t c = 0; c < fields.size(); ++c) {
      const int f = file_->column_field[c];
      raw[f] = fields[c];
      if (!parsers_[f].Parse(fields[c], &values_[f], &scratch_[f], &reason_)) {
        Reject(type_.fields[f].name, fields[c], reason_);
      }
    }
    if (!row_ok_) return;
    violations_.clear();
    CheckRowRules(type_, values_, raw, &violations_);
    for (RowRuleViolation& v : violations_) Reject(v.field, v.value, std::move(v.reason));
    if (!row_ok_) return;
    for (const Reference& ref : references_) {
      std::string& key = ref_key_;
      if (!BuildKey(ref.fields, &key)) continue;
      if (!keys_->Contains(*ref.target, key)) {
        std::string shown = key;
        std::replace(shown.begin(), shown.end(), '\x1f', '/');
        shown.pop_back();
        const RejectedKeys::Place* parent = rejected_->Find(*ref.target, key);
        if (parent != nullptr) {
          Reject(ref.names, shown,
                 "the " + std::string(ref.target->name) + " record with key " + ShownText(shown) +
                     " was rejected (" + parent->file + ", line " + std::to_string(parent->line) +
                     ")");
        } else {
          Reject(ref.names, shown,
                 "no " + std::string(ref.target->name) + " record with key " + ShownText(shown) +
                     " in the database or earlier in this load");
        }
      }
    }
    if (!row_ok_) return;
    BuildKey(key_fields_, &row_key_);
    const uint64_t h = std::hash<std::string>()(row_key_);
    if (!seen_keys_.Insert(h)) {
      std::string shown = row_key_;
      std::replace(shown.begin(), shown.end(), '\x1f', '/');
      shown.pop_back();
      duplicate_key_ = true;
      std::string key_columns;
      for (int f : key_fields_) {
        key_columns += (key_columns.empty() ? "" : ",") + std::string(type_.fields[f].name);
      }
      Reject(key_columns, shown,
             "the key " + ShownText(shown) + " appears more than once in this file");
    }
  }

  // Joins the canonical text of `fields` with \x1f; false if any is blank.
  bool BuildKey(const std::vector<int>& fields, std::string* key) const {
    key->clear();
    for (int f : fields) {
      const FieldValue& v = values_[f];
      if (v.is_null()) return false;
      AppendKeyPart(v, key);
    }
    return true;
  }

  InputFile* file_;
  const RecordType& type_;
  KeyIndex* keys_;
  RejectedKeys* rejected_;
  RejectionSink* sink_;
  std::vector<FieldParser> parsers_;
  std::vector<RowRuleViolation> violations_;
  std::vector<Reference> references_;
  std::vector<int> key_fields_;
  std::vector<FieldValue> values_;
  std::vector<std::string> scratch_;
  std::vector<std::string_view> raw_by_field_;
  FlatHashSet64 seen_keys_;  // hashes of this file's keys (a 64-bit collision is
                             // vanishingly rare: about 1e-5 in 20 million rows)
  std::string reason_, ref_key_, row_key_;
  int line_ = 0;
  int last_line_ = 0;
  bool row_ok_ = true;
  bool duplicate_key_ = false;
};

Status LogImport(Database* db, const std::string& started, const ImportResult& result) {
  Result<Statement> insert = db->Prepare(
      "INSERT INTO import_runs (started_at, finished_at, files, rows_read, rows_accepted, "
      "rows_rejected, rows_inserted, rows_updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!insert.ok()) return insert.status();
  std::string files;
  int64_t inserted = 0, updated = 0;
  for (const FileSummary& f : result.files) {
    files += (files.empty() ? "" : ";") + f.path;
    inserted += f.inserted;
    updated += f.updated;
  }
  const std::string finished = FormatUtc(SystemClock().Now());
  insert->BindText(1, started);
  insert->BindText(2, finished);
  insert->BindText(3, files);
  insert->BindInt(4, result.TotalRead());
  insert->BindInt(5, result.TotalAccepted());
  insert->BindInt(6, result.total_rejected);
  insert->BindInt(7, inserted);
  insert->BindInt(8, updated);
  return insert->Run();
}

}  // namespace

int64_t ImportResult::TotalRead() const {
  int64_t n = 0;
  for (const FileSummary& f : files) n += f.read;
  return n;
}

int64_t ImportResult::TotalAccepted() const {
  int64_t n = 0;
  for (const FileSummary& f : files) n += f.accepted;
  return n;
}

int ImportResult::ExitCode() const {
  if (!committed) return 2;
  return total_rejected > 0 || !report_error.empty() ? 1 : 0;
}

Result<ImportResult> Import(Database* db, const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const std::string started = FormatUtc(SystemClock().Now());
  if (options.paths.empty()) return InvalidArgument("no files to import");
  Result<std::vector<std::string>> paths = ExpandImportPaths(options.paths);
  if (!paths.ok()) return paths.status();
  {
    std::vector<NamedPath> inputs;
    for (const std::string& p : *paths) inputs.push_back({"input", p});
    PROBATION_RETURN_IF_ERROR(
        CheckOutputPaths({{"--report", options.report_path}}, inputs, db->path()));
  }

  // Everything that can make the load fatal is checked before the first write.
  std::vector<InputFile> files;
  for (const std::string& path : *paths) {
    InputFile file;
    file.path = path;
    file.type = RecordTypeForFile(fs::path(path).filename().string(), &file.type_order);
    if (file.type == nullptr) {
      return InvalidArgument(
          path + ": the file name does not name a record type; name it " +
          "<type>.csv or <type>-<anything>.csv with <type> one of: " + KnownFileNames());
    }
    Result<SourceFile> contents = SourceFile::Open(path);
    if (!contents.ok()) return contents.status();
    file.contents = std::move(*contents);
    PROBATION_RETURN_IF_ERROR(ResolveHeader(&file));
    files.push_back(std::move(file));
  }
  std::stable_sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) {
    return a.type_order < b.type_order;
  });

  ImportResult result;
  RejectionSink sink(options, &result);
  PROBATION_RETURN_IF_ERROR(sink.OpenReport(options.report_path));
  Result<Transaction> txn = Transaction::Begin(db);
  if (!txn.ok()) return txn.status();
  KeyIndex keys(db);
  RejectedKeys rejected_keys;
  for (const InputFile& file : files) {
    for (const ReferenceSpec& ref : file.type->references) {
      PROBATION_RETURN_IF_ERROR(keys.Track(*FindRecordType(ref.target)));
    }
  }
  for (InputFile& file : files) {
    FileSummary summary;
    summary.path = file.path;
    summary.record_type = std::string(file.type->name);
    PROBATION_RETURN_IF_ERROR(file.contents.ReadAll());
    FileLoader loader(&file, &keys, &rejected_keys, &sink);
    PROBATION_RETURN_IF_ERROR(loader.Load(db, &summary));
    file.contents.Release();
    PROBATION_RETURN_IF_ERROR(sink.status());
    result.total_rejected += summary.rejected;
    result.files.push_back(std::move(summary));
  }
  // A file that changed while it was loaded may have been read half old, half new.
  for (const InputFile& file : files) PROBATION_RETURN_IF_ERROR(file.contents.CheckUnchanged());
  PROBATION_RETURN_IF_ERROR(sink.Finish());
  const bool load =
      result.total_rejected == 0 || (!options.all_or_nothing && result.TotalAccepted() > 0);
  if (load) {
    PROBATION_RETURN_IF_ERROR(LogImport(db, started, result));
    PROBATION_RETURN_IF_ERROR(txn->Commit());
    result.committed = true;
  }
  // After the commit, so a load that fails writes no report. A report that cannot be put in
  // place now is reported, though the load stands (committed says so).
  if (Status published = sink.Publish(); !published.ok()) {
    if (!result.committed) return published;
    result.report_error = published.message();
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace probation
