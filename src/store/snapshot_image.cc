#include "store/snapshot_image.h"

#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <span>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "model/code_lists.h"
#include "model/relations.h"
#include "store/image_io.h"

namespace probation {
namespace {

constexpr char kMagic[8] = {'P', 'R', 'B', 'S', 'N', 'A', 'P', '\n'};
constexpr char kEndMarker[8] = {'P', 'R', 'B', 'S', 'N', 'A', 'P', '.'};
constexpr uint32_t kFormatVersion = 3;

std::string_view FieldTypeWord(FieldType type) {
  switch (type) {
    case FieldType::kText:
      return "text";
    case FieldType::kInteger:
      return "integer";
    case FieldType::kDecimal:
      return "decimal";
    case FieldType::kDate:
      return "date";
    case FieldType::kDateTime:
      return "datetime";
    case FieldType::kBool:
      return "bool";
    case FieldType::kCode:
      return "code";
  }
  return "?";
}

const RecordType& StaffAbsences() { return *FindRecordType("staff_absences"); }

// "<type>.<field>", what a read names in its errors.
std::string What(const RecordType& type, std::string_view part) {
  return std::string(type.name) + "." + std::string(part);
}

// The first line where the image's model and this build's differ, as "record type X".
std::string FirstDifference(std::string_view image, std::string_view compiled) {
  while (!image.empty() || !compiled.empty()) {
    const std::string_view a = image.substr(0, image.find('\n'));
    const std::string_view b = compiled.substr(0, compiled.find('\n'));
    if (a != b) {
      const std::string_view line = b.empty() ? a : b;
      return "record type " + std::string(line.substr(0, line.find(' ')));
    }
    image.remove_prefix(std::min(image.size(), a.size() + 1));
    compiled.remove_prefix(std::min(compiled.size(), b.size() + 1));
  }
  return "the record types";
}

void WriteStamp(const SnapshotStamp& stamp, ImageWriter* out) {
  out->WriteValue<int32_t>(stamp.schema_version);
  out->WriteValue<int64_t>(stamp.import_run_id);
  out->WriteString(stamp.import_finished_at);
  out->WriteValue<int64_t>(stamp.rows_inserted);
  out->WriteValue<int64_t>(stamp.rows_updated);
  out->WriteValue<int64_t>(stamp.change_id);
}

Result<SnapshotStamp> ReadStamp(ImageReader* in) {
  SnapshotStamp stamp;
  PROBATION_ASSIGN_OR_RETURN(stamp.schema_version, in->ReadValue<int32_t>("the stamp"));
  PROBATION_ASSIGN_OR_RETURN(stamp.import_run_id, in->ReadValue<int64_t>("the stamp"));
  PROBATION_ASSIGN_OR_RETURN(stamp.import_finished_at, in->ReadString("the stamp"));
  PROBATION_ASSIGN_OR_RETURN(stamp.rows_inserted, in->ReadValue<int64_t>("the stamp"));
  PROBATION_ASSIGN_OR_RETURN(stamp.rows_updated, in->ReadValue<int64_t>("the stamp"));
  PROBATION_ASSIGN_OR_RETURN(stamp.change_id, in->ReadValue<int64_t>("the stamp"));
  return stamp;
}

void WriteDictionary(const std::vector<std::string>& dictionary, ImageWriter* out) {
  std::vector<uint64_t> ends;
  ends.reserve(dictionary.size());
  std::string bytes;
  for (const std::string& entry : dictionary) {
    bytes += entry;
    ends.push_back(bytes.size());
  }
  out->WriteArray<uint64_t>(ends);
  out->WriteArray<char>(bytes);
}

Status ReadDictionary(ImageReader* in, const std::string& what,
                      std::vector<std::string>* dictionary) {
  std::vector<uint64_t> ends;
  std::vector<char> bytes;
  PROBATION_RETURN_IF_ERROR(in->ReadArray(&ends, what + " dictionary"));
  PROBATION_RETURN_IF_ERROR(in->ReadArray(&bytes, what + " dictionary"));
  dictionary->reserve(ends.size());
  uint64_t begin = 0;
  for (const uint64_t end : ends) {
    if (end < begin || end > bytes.size()) {
      return in->Corrupt(what + " dictionary has an entry outside its bytes");
    }
    dictionary->emplace_back(bytes.data() + begin, end - begin);
    begin = end;
  }
  if (begin != bytes.size()) return in->Corrupt(what + " dictionary has bytes after its entries");
  return Status::Ok();
}

// Whether every value is null or a valid index below `size`.
template <typename T>
bool IndexesBelow(const std::vector<T>& values, T null, size_t size) {
  for (const T v : values) {
    if (v != null && (v < 0 || static_cast<size_t>(v) >= size)) return false;
  }
  return true;
}

}  // namespace

// Friend of Snapshot: the only code besides snapshot.cc that sees its private state.
class SnapshotImage {
 public:
  static Status Save(const Snapshot& snapshot, const std::string& path, const SnapshotStamp& stamp,
                     uint64_t* bytes);
  // With `read_stamp` (not null), also accepts an image older than `expected` only by writes
  // through the service (LoadSnapshotImageUpTo), and sets *read_stamp to the image's stamp.
  static Result<std::unique_ptr<Snapshot>> Load(const std::string& path,
                                                const SnapshotStamp& expected,
                                                const Calendar& calendar,
                                                SnapshotStamp* read_stamp = nullptr);

 private:
  static void WriteColumn(const Snapshot& snapshot, const SnapshotTable& table, size_t field,
                          ImageWriter* out);
  static Status ReadRows(ImageReader* in, SnapshotTable* table);
  static Status ReadColumn(ImageReader* in, const RecordType& type, size_t field, size_t rows,
                           SnapshotColumn* column);
  static Status ReadRelations(ImageReader* in, SnapshotTable* table);
  // The tables' parts (image layout: a table's rows, each column, its relations) from the
  // image's index, `parts` its entries.
  static Status ReadTables(ImageReader* in, const std::vector<uint64_t>& parts, Snapshot* snapshot);
  static Status CheckRelations(const ImageReader& in, const Snapshot& snapshot);
};

void SnapshotImage::WriteColumn(const Snapshot& snapshot, const SnapshotTable& table, size_t field,
                                ImageWriter* out) {
  const SnapshotColumn& c = table.columns[field];
  out->WriteValue<uint8_t>(static_cast<uint8_t>(c.type));
  switch (c.type) {
    case FieldType::kInteger:
    case FieldType::kDate:
      out->WriteArray<int32_t>(c.i32);
      return;
    case FieldType::kDateTime:
      out->WriteArray<int64_t>(c.i64);
      return;
    case FieldType::kDecimal:
      if (table.type == &StaffAbsences() &&
          static_cast<int>(field) == table.type->FieldIndex("working_days_lost")) {
        // Blank as in the store: derived again after loading, from the calendar then in use.
        std::vector<double> stored = c.f64;
        for (const uint32_t row : snapshot.derived_days_lost_rows_) stored[row] = std::nan("");
        out->WriteArray<double>(stored);
        return;
      }
      out->WriteArray<double>(c.f64);
      return;
    case FieldType::kBool:
    case FieldType::kCode:
      out->WriteArray<int8_t>(c.i8);
      return;
    case FieldType::kText:
      out->WriteArray<uint32_t>(c.text);
      WriteDictionary(c.dictionary, out);
      return;
  }
}

Status SnapshotImage::Save(const Snapshot& snapshot, const std::string& path,
                           const SnapshotStamp& stamp, uint64_t* bytes) {
  ImageWriter out(path);
  PROBATION_RETURN_IF_ERROR(out.Open());
  out.Write(kMagic, sizeof kMagic);
  out.WriteValue<uint32_t>(kFormatVersion);
  out.WriteString(SnapshotModelDescription());
  WriteStamp(stamp, &out);
  out.WriteValue<int32_t>(snapshot.latest_activity_.days());
  out.WriteValue<uint32_t>(static_cast<uint32_t>(snapshot.tables_.size()));
  std::vector<uint64_t> parts;  // the index: where each part of each table begins
  for (const SnapshotTable& table : snapshot.tables()) {
    parts.push_back(out.bytes_written());
    out.WriteValue<uint64_t>(table.rows);
    for (size_t f = 0; f < table.columns.size(); ++f) {
      parts.push_back(out.bytes_written());
      WriteColumn(snapshot, table, f, &out);
    }
    parts.push_back(out.bytes_written());
    out.WriteValue<uint32_t>(static_cast<uint32_t>(table.relations.size()));
    for (const std::vector<int32_t>& relation : table.relations) {
      out.WriteArray<int32_t>(relation);
    }
  }
  parts.push_back(out.bytes_written());  // where the index itself begins
  out.WriteArray<uint64_t>(parts);
  out.Write(kEndMarker, sizeof kEndMarker);
  PROBATION_RETURN_IF_ERROR(out.Commit());
  if (bytes != nullptr) *bytes = out.bytes_written();
  return Status::Ok();
}

Status SnapshotImage::ReadColumn(ImageReader* in, const RecordType& type, size_t field, size_t rows,
                                 SnapshotColumn* column) {
  const FieldSpec& spec = type.fields[field];
  const std::string what = What(type, spec.name);
  PROBATION_ASSIGN_OR_RETURN(const uint8_t stored_type, in->ReadValue<uint8_t>(what));
  if (stored_type != static_cast<uint8_t>(spec.type)) {
    return in->Corrupt(what + " has the wrong column type");
  }
  column->type = spec.type;
  size_t size = 0;
  switch (spec.type) {
    case FieldType::kInteger:
    case FieldType::kDate:
      PROBATION_RETURN_IF_ERROR(in->ReadArray(&column->i32, what));
      size = column->i32.size();
      break;
    case FieldType::kDateTime:
      PROBATION_RETURN_IF_ERROR(in->ReadArray(&column->i64, what));
      size = column->i64.size();
      break;
    case FieldType::kDecimal:
      PROBATION_RETURN_IF_ERROR(in->ReadArray(&column->f64, what));
      size = column->f64.size();
      break;
    case FieldType::kBool:
    case FieldType::kCode: {
      PROBATION_RETURN_IF_ERROR(in->ReadArray(&column->i8, what));
      size = column->i8.size();
      const size_t values =
          spec.type == FieldType::kBool ? 2 : FindCodeList(spec.code_list)->codes.size();
      if (!IndexesBelow<int8_t>(column->i8, kNullInt8, values)) {
        return in->Corrupt(what + " holds a value outside its " +
                           (spec.type == FieldType::kBool
                                ? std::string("Y/N")
                                : "code list " + std::string(spec.code_list)));
      }
      break;
    }
    case FieldType::kText:
      PROBATION_RETURN_IF_ERROR(in->ReadArray(&column->text, what));
      size = column->text.size();
      PROBATION_RETURN_IF_ERROR(ReadDictionary(in, what, &column->dictionary));
      if (!IndexesBelow<uint32_t>(column->text, kNullText, column->dictionary.size())) {
        return in->Corrupt(what + " refers to a text outside its dictionary");
      }
      break;
  }
  if (size != rows) {
    return in->Corrupt(what + " has " + std::to_string(size) + " values for " +
                       std::to_string(rows) + " rows");
  }
  return Status::Ok();
}

Status SnapshotImage::ReadRows(ImageReader* in, SnapshotTable* table) {
  const RecordType& type = *table->type;
  PROBATION_ASSIGN_OR_RETURN(const uint64_t rows, in->ReadValue<uint64_t>(What(type, "rows")));
  // Rows are int32_t in relations; each row takes at least a byte of every column (so no more
  // than the file's size; each column's length is then checked against `rows`).
  if (rows > static_cast<uint64_t>(std::numeric_limits<int32_t>::max()) || rows > in->size()) {
    return in->Corrupt(What(type, "rows") + " is " + std::to_string(rows) +
                       ", more than the file can hold");
  }
  table->rows = static_cast<size_t>(rows);
  table->columns.resize(type.fields.size());
  return Status::Ok();
}

Status SnapshotImage::ReadRelations(ImageReader* in, SnapshotTable* table) {
  const RecordType& type = *table->type;
  const std::span<const Relation> relations = RelationsFrom(type);
  PROBATION_ASSIGN_OR_RETURN(const uint32_t count,
                             in->ReadValue<uint32_t>(What(type, "relations")));
  if (count != relations.size()) {
    return in->Corrupt(What(type, "relations") + " has " + std::to_string(count) +
                       " relations, the model " + std::to_string(relations.size()));
  }
  table->relations.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const std::string what = What(type, relations[i].name);
    PROBATION_RETURN_IF_ERROR(in->ReadArray(&table->relations[i], what));
    const size_t expected = table->rows + (relations[i].to_many ? 1 : 0);
    if (table->relations[i].size() != expected) {
      return in->Corrupt(what + " has " + std::to_string(table->relations[i].size()) +
                         " entries for " + std::to_string(table->rows) + " rows");
    }
  }
  return Status::Ok();
}

Status SnapshotImage::ReadTables(ImageReader* in, const std::vector<uint64_t>& parts,
                                 Snapshot* snapshot) {
  // Each table's rows first (every column's length depends on them), then its columns and
  // relations: the parts, each read between the offsets the index gives and required to end
  // exactly at the next.
  struct Part {
    SnapshotTable* table;
    int field;  // -1: the relations
    uint64_t begin, end;
  };
  std::vector<Part> work;
  size_t at = 0;
  for (SnapshotTable& table : snapshot->MutableTables()) {
    const size_t fields = table.type->fields.size();
    PROBATION_RETURN_IF_ERROR(in->Seek(parts[at], parts[at + 1]));
    PROBATION_RETURN_IF_ERROR(ReadRows(in, &table));
    if (in->remaining() != 0) return in->Corrupt(What(*table.type, "rows") + " is not 8 bytes");
    for (size_t f = 0; f <= fields; ++f) {
      work.push_back(
          {&table, f < fields ? static_cast<int>(f) : -1, parts[at + 1 + f], parts[at + 2 + f]});
    }
    at += fields + 2;
  }
  // Set by a thread that fails, so that the other stops at its next part rather than read
  // (and allocate) the rest of its half for nothing.
  std::atomic<bool> failed{false};
  const auto read_part = [](ImageReader* reader, const Part& part) -> Status {
    const RecordType& type = *part.table->type;
    PROBATION_RETURN_IF_ERROR(reader->Seek(part.begin, part.end));
    PROBATION_RETURN_IF_ERROR(part.field >= 0
                                  ? ReadColumn(reader, type, static_cast<size_t>(part.field),
                                               part.table->rows, &part.table->columns[part.field])
                                  : ReadRelations(reader, part.table));
    if (reader->remaining() == 0) return Status::Ok();
    const std::string what =
        What(type, part.field >= 0 ? type.fields[part.field].name : "relations");
    return reader->Corrupt(what + " ends " + std::to_string(reader->remaining()) +
                           " bytes before the next part the index names");
  };
  const auto read = [&](ImageReader* reader, size_t from, size_t to) -> Status {
    for (size_t i = from; i < to && !failed; ++i) {
      if (Status status = read_part(reader, work[i]); !status.ok()) {
        failed = true;
        return status;
      }
    }
    return Status::Ok();
  };
  // Two threads, each reading a run of parts in file order, split where half the bytes are
  // read: loading is mostly the kernel clearing fresh pages for the columns, which both cores
  // can do at once.
  const uint64_t middle = work.front().begin + (work.back().end - work.front().begin) / 2;
  size_t split = 0;
  while (split < work.size() && work[split].end <= middle) ++split;
  Status second;
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<ImageReader> other, in->Another());
  std::thread worker([&] { second = read(other.get(), split, work.size()); });
  const Status first = read(in, 0, split);
  worker.join();
  // Either thread's error (the first's when both fail; a thread stopped by the other's failure
  // returns Ok).
  PROBATION_RETURN_IF_ERROR(first);
  return second;
}

// Run once every table is read: a relation's rows index its target table.
Status SnapshotImage::CheckRelations(const ImageReader& in, const Snapshot& snapshot) {
  for (const SnapshotTable& table : snapshot.tables()) {
    const std::span<const Relation> relations = RelationsFrom(*table.type);
    for (size_t i = 0; i < relations.size(); ++i) {
      const std::vector<int32_t>& rows = table.relations[i];
      const size_t target_rows = snapshot.table(*relations[i].to).rows;
      bool ok = true;
      if (!relations[i].to_many) {
        ok = IndexesBelow<int32_t>(rows, -1, target_rows);
      } else {
        ok = rows.front() >= 0 && static_cast<size_t>(rows.back()) <= target_rows;
        for (size_t r = 1; ok && r < rows.size(); ++r) ok = rows[r - 1] <= rows[r];
      }
      if (!ok) {
        return in.Corrupt(What(*table.type, relations[i].name) + " refers to rows outside " +
                          std::string(relations[i].to->name));
      }
    }
  }
  return Status::Ok();
}

Result<std::unique_ptr<Snapshot>> SnapshotImage::Load(const std::string& path,
                                                      const SnapshotStamp& expected,
                                                      const Calendar& calendar,
                                                      SnapshotStamp* read_stamp) {
  ImageReader in(path);
  if (Status opened = in.Open(); !opened.ok()) {
    if (opened.code() == StatusCode::kNotFound) return NotFound("no snapshot image at " + path);
    return opened;
  }
  char magic[sizeof kMagic];
  if (in.remaining() < sizeof magic || !in.Read(magic, sizeof magic, "the magic").ok() ||
      std::memcmp(magic, kMagic, sizeof magic) != 0) {
    return IoError(path + " is not a snapshot image");
  }
  PROBATION_ASSIGN_OR_RETURN(const uint32_t version, in.ReadValue<uint32_t>("the version"));
  if (version != kFormatVersion) {
    return IoError(path + " is a snapshot image of format version " + std::to_string(version) +
                   "; this build reads version " + std::to_string(kFormatVersion));
  }
  PROBATION_ASSIGN_OR_RETURN(const std::string model, in.ReadString("the model"));
  const std::string compiled_model = SnapshotModelDescription();
  if (model != compiled_model) {
    return FailedPrecondition(path + " was built with a different record-type model (" +
                              FirstDifference(model, compiled_model) + " differs)");
  }
  PROBATION_ASSIGN_OR_RETURN(const SnapshotStamp stamp, ReadStamp(&in));
  SnapshotStamp same_changes = stamp;
  same_changes.change_id = expected.change_id;
  const bool earlier_changes_only =
      read_stamp != nullptr && same_changes == expected && stamp.change_id <= expected.change_id;
  if (stamp != expected && !earlier_changes_only) {
    return FailedPrecondition(path + " is stale: it was built from " + stamp.ToString() +
                              ", the database is now at " + expected.ToString());
  }
  PROBATION_ASSIGN_OR_RETURN(const int32_t latest, in.ReadValue<int32_t>("latest_activity"));
  PROBATION_ASSIGN_OR_RETURN(const uint32_t tables, in.ReadValue<uint32_t>("the table count"));
  if (tables != AllRecordTypes().size()) {
    return in.Corrupt("it has " + std::to_string(tables) + " tables, the model " +
                      std::to_string(AllRecordTypes().size()));
  }

  // The end marker, and before it the index of the tables' parts: its length follows from the
  // model, so it is found from the end of the file.
  const uint64_t first_table = in.position();
  char end[sizeof kEndMarker];
  if (in.remaining() < sizeof end || !in.Seek(in.size() - sizeof end, in.size()).ok() ||
      !in.Read(end, sizeof end, "the end marker").ok() ||
      std::memcmp(end, kEndMarker, sizeof end) != 0) {
    return in.Corrupt("it does not end with the end marker (truncated or damaged)");
  }
  size_t part_count = 1;
  for (const RecordType& type : AllRecordTypes()) part_count += type.fields.size() + 2;
  const uint64_t index_bytes = 8 + 8 * part_count + 8;
  if (in.size() - sizeof end - first_table < index_bytes) {
    return in.Corrupt("it is too short to hold its tables' index");
  }
  const uint64_t index_at = in.size() - sizeof end - index_bytes;
  PROBATION_RETURN_IF_ERROR(in.Seek(index_at, in.size() - sizeof end));
  std::vector<uint64_t> parts;
  PROBATION_RETURN_IF_ERROR(in.ReadArray(&parts, "the tables' index"));
  bool ordered =
      parts.size() == part_count && parts.front() == first_table && parts.back() == index_at;
  for (size_t i = 1; ordered && i < parts.size(); ++i) ordered = parts[i - 1] < parts[i];
  if (!ordered) return in.Corrupt("its tables' index does not match its layout");

  std::unique_ptr<Snapshot> snapshot(new Snapshot());
  snapshot->latest_activity_ = Date(latest);
  for (size_t t = 0; t < tables; ++t) {
    snapshot->tables_.push_back(std::make_shared<SnapshotTable>());
    snapshot->tables_[t]->type = &AllRecordTypes()[t];
  }
  PROBATION_RETURN_IF_ERROR(ReadTables(&in, parts, snapshot.get()));
  PROBATION_RETURN_IF_ERROR(CheckRelations(in, *snapshot));
  snapshot->FillDerivedValues(calendar);
  if (read_stamp != nullptr) *read_stamp = stamp;
  return snapshot;
}

std::string SnapshotStamp::ToString() const {
  std::string schema = "schema " + std::to_string(schema_version);
  if (change_id != 0) schema += ", service change " + std::to_string(change_id);
  if (import_run_id == 0) return schema + ", no import";
  return schema + ", import run " + std::to_string(import_run_id) + " finished " +
         import_finished_at + " (" + std::to_string(rows_inserted) + " rows inserted, " +
         std::to_string(rows_updated) + " updated)";
}

Result<SnapshotStamp> ReadSnapshotStamp(Database* db) {
  SnapshotStamp stamp;
  PROBATION_ASSIGN_OR_RETURN(Statement version, db->Prepare("PRAGMA user_version"));
  PROBATION_ASSIGN_OR_RETURN(const bool has_version, version.Step());
  if (!has_version) return Internal("PRAGMA user_version returned no row");
  stamp.schema_version = static_cast<int32_t>(version.ColumnInt(0));
  PROBATION_ASSIGN_OR_RETURN(Statement latest,
                             db->Prepare("SELECT id, finished_at, rows_inserted, rows_updated "
                                         "FROM import_runs ORDER BY id DESC LIMIT 1"));
  PROBATION_ASSIGN_OR_RETURN(const bool has_run, latest.Step());
  if (has_run) {
    stamp.import_run_id = latest.ColumnInt(0);
    stamp.import_finished_at = std::string(latest.ColumnText(1));
    stamp.rows_inserted = latest.ColumnInt(2);
    stamp.rows_updated = latest.ColumnInt(3);
  }
  PROBATION_ASSIGN_OR_RETURN(Statement change,
                             db->Prepare("SELECT coalesce(max(id), 0) FROM record_changes"));
  PROBATION_ASSIGN_OR_RETURN(const bool has_change, change.Step());
  if (has_change) stamp.change_id = change.ColumnInt(0);
  return stamp;
}

Result<StampedSnapshot> LoadStampedSnapshot(Database* db, const Calendar& calendar) {
  // A deferred transaction: the first read fixes the state every later read sees, and no
  // lock is taken that would hold up an import.
  PROBATION_RETURN_IF_ERROR(db->Execute("BEGIN"));
  StampedSnapshot result;
  Result<SnapshotStamp> stamp = ReadSnapshotStamp(db);
  Result<std::unique_ptr<Snapshot>> snapshot =
      stamp.ok() ? Snapshot::Load(db, calendar) : Result<std::unique_ptr<Snapshot>>(stamp.status());
  const Status ended = db->Execute(snapshot.ok() ? "COMMIT" : "ROLLBACK");
  if (!snapshot.ok()) return snapshot.status();
  PROBATION_RETURN_IF_ERROR(ended);
  result.stamp = std::move(*stamp);
  result.snapshot = std::move(*snapshot);
  return result;
}

std::string SnapshotImagePath(const std::string& db_path) { return db_path + ".snapshot"; }

std::string SnapshotModelDescription() {
  std::string out;
  for (const RecordType& type : AllRecordTypes()) {
    out += std::string(type.name) + " key " + std::to_string(type.key_fields) + ":";
    for (const FieldSpec& f : type.fields) {
      out += " " + std::string(f.name) + " " + std::string(FieldTypeWord(f.type));
      if (f.type != FieldType::kCode) continue;
      out += " " + std::string(f.code_list) + "[";
      const CodeList* list = FindCodeList(f.code_list);
      for (size_t i = 0; i < list->codes.size(); ++i) {
        out += (i > 0 ? "," : "") + std::string(list->codes[i].code);
      }
      out += "]";
    }
    out += ";";
    for (const Relation& r : RelationsFrom(type)) {
      out += " " + std::string(r.name) + (r.to_many ? " many " : " one ") + std::string(r.to->name);
    }
    out += "\n";
  }
  return out;
}

Status SaveSnapshotImage(const Snapshot& snapshot, const std::string& path,
                         const SnapshotStamp& stamp, uint64_t* bytes) {
  return SnapshotImage::Save(snapshot, path, stamp, bytes);
}

Result<std::unique_ptr<Snapshot>> LoadSnapshotImage(const std::string& path,
                                                    const SnapshotStamp& expected,
                                                    const Calendar& calendar) {
  return SnapshotImage::Load(path, expected, calendar);
}

Result<StampedSnapshot> LoadSnapshotImageUpTo(const std::string& path,
                                              const SnapshotStamp& expected,
                                              const Calendar& calendar) {
  StampedSnapshot result;
  PROBATION_ASSIGN_OR_RETURN(result.snapshot,
                             SnapshotImage::Load(path, expected, calendar, &result.stamp));
  return result;
}

}  // namespace probation
