#include "ingest/importer.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "base/csv.h"
#include "base/flat_hash_set.h"
#include "base/mapped_file.h"
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
  MappedFile contents;
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

Result<std::vector<std::string>> ExpandPaths(const std::vector<std::string>& paths) {
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
  return files;
}

// Maps the header row onto the record type's fields. Unknown, repeated or missing required
// columns are fatal: the file cannot be read safely.
Status ResolveHeader(InputFile* file) {
  CsvReader reader(file->contents.contents());
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

std::string UtcNow() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Writes rejections to the report CSV (if any) and keeps the first few for display.
class RejectionSink {
 public:
  RejectionSink(const ImportOptions& options, ImportResult* result)
      : keep_(options.max_rejections_kept), result_(result) {}
  ~RejectionSink() {
    if (report_ != nullptr) std::fclose(report_);
  }

  Status OpenReport(const std::string& path) {
    if (path.empty()) return Status::Ok();
    report_ = std::fopen(path.c_str(), "wb");
    if (report_ == nullptr) return IoError("cannot write the rejection report " + path);
    std::fputs("file,line,column,value,reason\n", report_);
    return Status::Ok();
  }

  void Add(Rejection r) {
    if (report_ != nullptr) {
      line_.clear();
      AppendCsvField(&line_, r.file);
      line_ += ',' + std::to_string(r.line) + ',';
      AppendCsvField(&line_, r.column);
      line_ += ',';
      AppendCsvField(&line_, r.value);
      line_ += ',';
      AppendCsvField(&line_, r.reason);
      line_ += '\n';
      std::fwrite(line_.data(), 1, line_.size(), report_);
    }
    if (static_cast<int>(result_->first_rejections.size()) < keep_) {
      result_->first_rejections.push_back(std::move(r));
    }
  }

  Status Close() {
    if (report_ == nullptr) return Status::Ok();
    const bool ok = std::fclose(report_) == 0;
    report_ = nullptr;
    return ok ? Status::Ok() : IoError("could not finish writing the rejection report");
  }

 private:
  int keep_;
  ImportResult* result_;
  std::FILE* report_ = nullptr;
  std::string line_;
};

// Validates and loads the rows of one file.
class FileLoader {
 public:
  FileLoader(InputFile* file, KeyIndex* keys, RejectionSink* sink)
      : file_(file), type_(*file->type), keys_(keys), sink_(sink) {
    for (const FieldSpec& spec : type_.fields) parsers_.emplace_back(spec);
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
    CsvReader reader(file_->contents.contents());
    std::vector<std::string_view> fields;
    PROBATION_RETURN_IF_ERROR(reader.Next(&fields));  // header, checked already
    while (true) {
      Status read = reader.Next(&fields);
      if (reader.done() && read.ok()) break;
      ++summary->read;
      line_ = reader.line();
      row_ok_ = true;
      if (!read.ok()) {
        Reject("", "", read.message());
      } else if (fields.size() != file_->column_field.size()) {
        Reject("", "",
               "the row has " + std::to_string(fields.size()) + " fields; the header has " +
                   std::to_string(file_->column_field.size()));
      } else {
        CheckRow(fields);
      }
      if (!row_ok_) {
        ++summary->rejected;
        continue;
      }
      ++summary->accepted;
      keys_->Add(type_, row_key_);
      if (first_load) {
        // Every key is new: the table was empty and repeated keys were rejected above.
        Status appended = writer->Append(values_, file_->contents.contents());
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
    sink_->Add(
        Rejection{file_->path, line_, std::string(column), std::string(value), std::move(reason)});
  }

  void CheckRow(const std::vector<std::string_view>& fields) {
    for (FieldValue& v : values_) v = FieldValue();
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
        Reject(ref.names, shown,
               "no " + std::string(ref.target->name) + " record with key " + shown +
                   " in the database or earlier in this load");
      }
    }
    if (!row_ok_) return;
    BuildKey(key_fields_, &row_key_);
    const uint64_t h = std::hash<std::string>()(row_key_);
    if (!seen_keys_.Insert(h)) {
      std::string shown = row_key_;
      std::replace(shown.begin(), shown.end(), '\x1f', '/');
      shown.pop_back();
      Reject("", shown, "the key " + shown + " appears more than once in this file");
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
  bool row_ok_ = true;
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
  const std::string finished = UtcNow();
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
  return total_rejected > 0 ? 1 : 0;
}

Result<ImportResult> Import(Database* db, const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const std::string started = UtcNow();
  if (options.paths.empty()) return InvalidArgument("no files to import");
  Result<std::vector<std::string>> paths = ExpandPaths(options.paths);
  if (!paths.ok()) return paths.status();

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
    Result<MappedFile> contents = MappedFile::Open(path);
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
  for (const InputFile& file : files) {
    for (const ReferenceSpec& ref : file.type->references) {
      PROBATION_RETURN_IF_ERROR(keys.Track(*FindRecordType(ref.target)));
    }
  }
  for (InputFile& file : files) {
    FileSummary summary;
    summary.path = file.path;
    summary.record_type = std::string(file.type->name);
    FileLoader loader(&file, &keys, &sink);
    PROBATION_RETURN_IF_ERROR(loader.Load(db, &summary));
    result.total_rejected += summary.rejected;
    result.files.push_back(std::move(summary));
  }
  PROBATION_RETURN_IF_ERROR(sink.Close());
  const bool load =
      result.total_rejected == 0 || (!options.all_or_nothing && result.TotalAccepted() > 0);
  if (load) {
    PROBATION_RETURN_IF_ERROR(LogImport(db, started, result));
    PROBATION_RETURN_IF_ERROR(txn->Commit());
    result.committed = true;
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace probation
