#include "store/snapshot.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "model/code_lists.h"

namespace probation {
namespace {

// Text -> code index for one code list.
class CodeIndex {
 public:
  explicit CodeIndex(const CodeList* list) {
    for (size_t i = 0; i < list->codes.size(); ++i) {
      index_[list->codes[i].code] = static_cast<int8_t>(i);
    }
  }
  int8_t Find(std::string_view text) const {
    auto it = index_.find(text);
    return it == index_.end() ? kNullInt8 : it->second;
  }

 private:
  std::unordered_map<std::string_view, int8_t> index_;
};

// Appends one SQLite value to the column, decoding it as the field's type. The store only
// holds validated values, so a value that does not decode is an internal error.
class ColumnLoader {
 public:
  ColumnLoader(const FieldSpec& spec, SnapshotColumn* column) : spec_(spec), column_(column) {
    column->type = spec.type;
    if (spec.type == FieldType::kCode)
      codes_ = std::make_unique<CodeIndex>(FindCodeList(spec.code_list));
  }

  Status Append(const Statement& stmt, int index) {
    const bool null = stmt.ColumnIsNull(index);
    switch (spec_.type) {
      case FieldType::kInteger:
        column_->i32.push_back(null ? kNullInt32 : static_cast<int32_t>(stmt.ColumnInt(index)));
        return Status::Ok();
      case FieldType::kDate: {
        if (null) {
          column_->i32.push_back(kNullInt32);
          return Status::Ok();
        }
        Result<Date> d = Date::Parse(stmt.ColumnText(index));
        if (!d.ok()) return Bad(stmt.ColumnText(index));
        column_->i32.push_back(d->days());
        return Status::Ok();
      }
      case FieldType::kDateTime: {
        if (null) {
          column_->i64.push_back(kNullInt64);
          return Status::Ok();
        }
        Result<DateTime> t = DateTime::Parse(stmt.ColumnText(index));
        if (!t.ok()) return Bad(stmt.ColumnText(index));
        column_->i64.push_back(t->minutes());
        return Status::Ok();
      }
      case FieldType::kDecimal:
        column_->f64.push_back(null ? std::nan("") : stmt.ColumnDouble(index));
        return Status::Ok();
      case FieldType::kBool:
        column_->i8.push_back(null ? kNullInt8 : static_cast<int8_t>(stmt.ColumnInt(index) != 0));
        return Status::Ok();
      case FieldType::kCode: {
        if (null) {
          column_->i8.push_back(kNullInt8);
          return Status::Ok();
        }
        const int8_t code = codes_->Find(stmt.ColumnText(index));
        if (code == kNullInt8) return Bad(stmt.ColumnText(index));
        column_->i8.push_back(code);
        return Status::Ok();
      }
      case FieldType::kText:
        column_->text.push_back(null ? kNullText : Intern(stmt.ColumnText(index)));
        return Status::Ok();
    }
    return Status::Ok();
  }

 private:
  Status Bad(std::string_view value) const {
    return Internal("the store holds '" + std::string(value) + "' in " + std::string(spec_.name) +
                    ", which is not a valid " + std::string(FieldTypeName(spec_.type)));
  }

  uint32_t Intern(std::string_view text) {
    // Rows come in key order, so the same text often repeats row after row.
    if (last_id_ != kNullText && column_->dictionary[last_id_] == text) return last_id_;
    auto [it, added] = ids_.try_emplace(std::string(text), static_cast<uint32_t>(ids_.size()));
    if (added) column_->dictionary.emplace_back(text);
    last_id_ = it->second;
    return last_id_;
  }

  const FieldSpec& spec_;
  SnapshotColumn* column_;
  std::unique_ptr<CodeIndex> codes_;
  std::unordered_map<std::string, uint32_t> ids_;
  uint32_t last_id_ = kNullText;
};

// Compares key field `f` of row a in table A with key field `g` of row b in table B.
int CompareField(const SnapshotColumn& ca, size_t a, const SnapshotColumn& cb, size_t b) {
  if (ca.type == FieldType::kText) {
    const std::string& x = ca.dictionary[ca.text[a]];
    const std::string& y = cb.dictionary[cb.text[b]];
    return x.compare(y) < 0 ? -1 : (x == y ? 0 : 1);
  }
  const int32_t x = ca.i32[a], y = cb.i32[b];
  return x < y ? -1 : (x == y ? 0 : 1);
}

std::vector<int> FieldIndexes(const RecordType& type, std::string_view fields) {
  std::vector<int> out;
  while (!fields.empty()) {
    const size_t comma = fields.find(',');
    out.push_back(type.FieldIndex(fields.substr(0, comma)));
    fields = comma == std::string_view::npos ? std::string_view() : fields.substr(comma + 1);
  }
  return out;
}

// The key of row `row` over `fields` as text, or "" when any is null.
std::string CompositeKey(const SnapshotTable& t, const std::vector<int>& fields, size_t row) {
  std::string key;
  for (int f : fields) {
    const SnapshotColumn& c = t.columns[f];
    if (c.IsNull(row)) return {};
    if (c.type == FieldType::kText) {
      key += c.dictionary[c.text[row]];
    } else {
      key += std::to_string(c.i32[row]);
    }
    key += '\x1f';
  }
  return key;
}

}  // namespace

bool SnapshotColumn::IsNull(size_t row) const {
  switch (type) {
    case FieldType::kInteger:
    case FieldType::kDate:
      return i32[row] == kNullInt32;
    case FieldType::kDateTime:
      return i64[row] == kNullInt64;
    case FieldType::kDecimal:
      return std::isnan(f64[row]);
    case FieldType::kBool:
    case FieldType::kCode:
      return i8[row] == kNullInt8;
    case FieldType::kText:
      return text[row] == kNullText;
  }
  return true;
}

double SnapshotColumn::AsNumber(size_t row) const {
  if (IsNull(row)) return std::nan("");
  switch (type) {
    case FieldType::kInteger:
    case FieldType::kDate:
      return i32[row];
    case FieldType::kDateTime:
      return static_cast<double>(i64[row]);
    case FieldType::kDecimal:
      return f64[row];
    case FieldType::kBool:
    case FieldType::kCode:
      return i8[row];
    case FieldType::kText:
      return text[row];
  }
  return std::nan("");
}

std::string SnapshotColumn::AsText(size_t row, const FieldSpec& spec) const {
  if (IsNull(row)) return {};
  switch (type) {
    case FieldType::kInteger:
      return std::to_string(i32[row]);
    case FieldType::kDate:
      return Date(i32[row]).ToString();
    case FieldType::kDateTime:
      return DateTime(i64[row]).ToString();
    case FieldType::kDecimal: {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, f64[row]);
      return std::string(buf, end);
    }
    case FieldType::kBool:
      return i8[row] ? "Y" : "N";
    case FieldType::kCode:
      return std::string(FindCodeList(spec.code_list)->codes[i8[row]].code);
    case FieldType::kText:
      return dictionary[text[row]];
  }
  return {};
}

size_t SnapshotColumn::MemoryBytes() const {
  size_t bytes = i32.capacity() * 4 + i64.capacity() * 8 + f64.capacity() * 8 + i8.capacity() +
                 text.capacity() * 4;
  for (const std::string& s : dictionary) bytes += sizeof(std::string) + s.capacity();
  return bytes;
}

std::string SnapshotTable::KeyText(size_t row) const {
  std::string key;
  for (int i = 0; i < type->key_fields; ++i) {
    if (i > 0) key += '/';
    key += columns[i].AsText(row, type->fields[i]);
  }
  return key;
}

int SnapshotTable::RelationSlot(const Relation* relation) const {
  const std::span<const Relation> all = RelationsFrom(*type);
  for (size_t i = 0; i < all.size(); ++i) {
    if (&all[i] == relation) return static_cast<int>(i);
  }
  return -1;
}

Result<std::unique_ptr<Snapshot>> Snapshot::Load(Database* db, const Calendar& calendar) {
  std::unique_ptr<Snapshot> snapshot(new Snapshot());
  for (const RecordType& type : AllRecordTypes()) {
    SnapshotTable& table = *snapshot->tables_.emplace_back(std::make_shared<SnapshotTable>());
    table.type = &type;
    PROBATION_RETURN_IF_ERROR(snapshot->LoadTable(db, &table));
  }
  PROBATION_RETURN_IF_ERROR(snapshot->BuildRelations());
  snapshot->FindLatestActivity();
  snapshot->FillDerivedValues(calendar);
  return snapshot;
}

Result<std::unique_ptr<Snapshot>> Snapshot::Reload(Database* db, const Calendar& calendar,
                                                   const Snapshot& previous,
                                                   std::span<const std::string> changed_types) {
  return Reload(db, calendar, previous, changed_types, {});
}

Result<std::unique_ptr<Snapshot>> Snapshot::Reload(Database* db, const Calendar& calendar,
                                                   const Snapshot& previous,
                                                   std::span<const std::string> changed_types,
                                                   std::span<const ChangedRows> changed_rows) {
  const std::span<const RecordType> types = AllRecordTypes();
  const size_t absences = static_cast<size_t>(FindRecordType("staff_absences") - types.data());
  // changed: read whole or merged; rows: the keys to merge (null: read whole).
  std::vector<bool> changed(types.size(), false);
  std::vector<const std::vector<std::vector<std::string>>*> rows(types.size(), nullptr);
  for (const std::string& name : changed_types) {
    const RecordType* type = FindRecordType(name);
    if (type == nullptr) return InvalidArgument("no record type " + name + " to reload");
    changed[static_cast<size_t>(type - types.data())] = true;
  }
  for (const ChangedRows& c : changed_rows) {
    const size_t t = static_cast<size_t>(c.type - types.data());
    if (t >= types.size()) return InvalidArgument("not a record type to reload");
    if (changed[t] || c.keys.empty()) continue;  // read whole anyway, or nothing written
    changed[t] = true;
    if (t != absences) rows[t] = &c.keys;
  }
  std::unique_ptr<Snapshot> snapshot(new Snapshot());
  std::vector<TableDelta> deltas(types.size());
  std::vector<const TableDelta*> merged(types.size(), nullptr);
  for (size_t t = 0; t < types.size(); ++t) {
    bool share = !changed[t];
    for (const Relation& rel : RelationsFrom(types[t])) {
      share = share && !changed[static_cast<size_t>(rel.to - types.data())];
    }
    if (share) {
      snapshot->tables_.push_back(previous.tables_[t]);
      continue;
    }
    std::shared_ptr<SnapshotTable>& table =
        snapshot->tables_.emplace_back(std::make_shared<SnapshotTable>());
    table->type = &types[t];
    if (rows[t] != nullptr) {
      const Status status =
          snapshot->MergeRows(db, *previous.tables_[t], *rows[t], table.get(), &deltas[t]);
      if (status.ok()) {
        merged[t] = &deltas[t];
        continue;
      }
      if (status.code() != StatusCode::kNotFound) return status;
      // A written row is gone: read the table whole.
      table = std::make_shared<SnapshotTable>();
      table->type = &types[t];
    }
    if (changed[t]) {
      PROBATION_RETURN_IF_ERROR(snapshot->LoadTable(db, table.get()));
    } else {
      table->rows = previous.tables_[t]->rows;
      table->columns = previous.tables_[t]->columns;
    }
  }
  PROBATION_RETURN_IF_ERROR(snapshot->BuildRelations(&previous, &changed, &merged));
  snapshot->FindLatestActivity();
  if (changed[absences]) {
    snapshot->FillDerivedValues(calendar);
  } else {
    // Copied with the derived values already filled in.
    snapshot->derived_days_lost_rows_ = previous.derived_days_lost_rows_;
  }
  return snapshot;
}

void Snapshot::FillDerivedValues(const Calendar& calendar) {
  const RecordType& type = *FindRecordType("staff_absences");
  SnapshotTable& t = *tables_[static_cast<size_t>(&type - AllRecordTypes().data())];
  const std::vector<int32_t>& start = t.columns[type.FieldIndex("start_date")].i32;
  const std::vector<int32_t>& end = t.columns[type.FieldIndex("end_date")].i32;
  std::vector<double>& lost = t.columns[type.FieldIndex("working_days_lost")].f64;
  for (size_t r = 0; r < t.rows; ++r) {
    if (std::isnan(lost[r])) {
      lost[r] = calendar.WorkingDaysBetween(Date(start[r]) - 1, Date(end[r]));
      derived_days_lost_rows_.push_back(static_cast<uint32_t>(r));
    }
  }
}

Status Snapshot::LoadTable(Database* db, SnapshotTable* table,
                           const std::vector<std::vector<std::string>>* keys) {
  const RecordType& type = *table->type;
  std::string columns, key, where;
  for (size_t i = 0; i < type.fields.size(); ++i) {
    columns += (i > 0 ? ", " : "") + std::string(type.fields[i].name);
    if (static_cast<int>(i) < type.key_fields) {
      key += (i > 0 ? ", " : "") + std::string(type.fields[i].name);
      where += (i > 0 ? " AND " : "") + std::string(type.fields[i].name) + " = ?" +
               std::to_string(i + 1);
    }
  }
  // Identifiers from the compiled-in record-type table only; key values are bound.
  Result<Statement> select =
      db->Prepare("SELECT " + columns + " FROM " + std::string(type.name) +
                  (keys == nullptr ? " ORDER BY " + key : " WHERE " + where));
  if (!select.ok()) return select.status();
  table->columns.resize(type.fields.size());
  std::vector<ColumnLoader> loaders;
  loaders.reserve(type.fields.size());
  for (size_t i = 0; i < type.fields.size(); ++i)
    loaders.emplace_back(type.fields[i], &table->columns[i]);
  auto append = [&]() -> Result<bool> {
    Result<bool> row = select->Step();
    if (!row.ok() || !*row) return row;
    for (size_t i = 0; i < loaders.size(); ++i) {
      Status s = loaders[i].Append(*select, static_cast<int>(i));
      if (!s.ok()) return Internal(std::string(type.name) + ": " + s.message());
    }
    ++table->rows;
    return true;
  };
  if (keys == nullptr) {
    while (true) {
      PROBATION_ASSIGN_OR_RETURN(const bool more, append());
      if (!more) break;
    }
    return Status::Ok();
  }
  for (const std::vector<std::string>& values : *keys) {
    const auto missing = [&] {
      std::string joined;
      for (const std::string& v : values) joined += (joined.empty() ? "" : "/") + v;
      return NotFound("no " + std::string(type.name) + " row " + joined);
    };
    if (static_cast<int>(values.size()) != type.key_fields) return missing();
    select->Reset();
    for (int k = 0; k < type.key_fields; ++k) {
      if (type.fields[k].type == FieldType::kInteger) {
        int64_t n = 0;
        const std::string& v = values[k];
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || end != v.data() + v.size()) return missing();
        select->BindInt(k + 1, n);
      } else {
        select->BindText(k + 1, values[k]);
      }
    }
    PROBATION_ASSIGN_OR_RETURN(const bool found, append());
    if (!found) return missing();
  }
  return Status::Ok();
}

Status Snapshot::BuildRelations(const Snapshot* previous, const std::vector<bool>* changed,
                                const std::vector<const TableDelta*>* merged) {
  const RecordType* const first_type = AllRecordTypes().data();
  for (size_t ti = 0; ti < tables_.size(); ++ti) {
    // A table shared with `previous` has its relations already.
    if (previous != nullptr && tables_[ti] == previous->tables_[ti]) continue;
    SnapshotTable& table = *tables_[ti];
    const RecordType& type = *table.type;
    const std::span<const Relation> relations = RelationsFrom(type);
    for (size_t ri = 0; ri < relations.size(); ++ri) {
      const Relation& rel = relations[ri];
      if (previous != nullptr && !(*changed)[ti] &&
          !(*changed)[static_cast<size_t>(rel.to - first_type)]) {
        table.relations.push_back(previous->tables_[ti]->relations[ri]);
        continue;
      }
      if (merged != nullptr) {
        // Patched when each end is merged or unchanged (none read whole).
        const size_t to = static_cast<size_t>(rel.to - first_type);
        const bool whole_from = (*changed)[ti] && (*merged)[ti] == nullptr;
        const bool whole_to = (*changed)[to] && (*merged)[to] == nullptr;
        if (!whole_from && !whole_to) {
          PROBATION_ASSIGN_OR_RETURN(std::vector<int32_t> patched,
                                     PatchRelation(*previous, ti, ri, *merged));
          table.relations.push_back(std::move(patched));
          continue;
        }
      }
      const SnapshotTable& other = this->table(*rel.to);
      if (!rel.to_many) {
        // To-one: the target row of each row, by the referencing fields' composite key.
        const std::vector<int> from_fields = FieldIndexes(type, rel.reference->fields);
        std::vector<int> key_fields;
        for (int i = 0; i < rel.to->key_fields; ++i) key_fields.push_back(i);
        std::unordered_map<std::string, int32_t> rows_by_key;
        rows_by_key.reserve(other.rows);
        for (size_t r = 0; r < other.rows; ++r) {
          rows_by_key.emplace(CompositeKey(other, key_fields, r), static_cast<int32_t>(r));
        }
        std::vector<int32_t>& target = table.relations.emplace_back(table.rows, -1);
        std::string last_key;
        int32_t last_row = -1;
        for (size_t r = 0; r < table.rows; ++r) {
          std::string k = CompositeKey(table, from_fields, r);
          if (k.empty()) continue;
          if (k != last_key) {
            auto it = rows_by_key.find(k);
            last_row = it == rows_by_key.end() ? -1 : it->second;
            last_key = std::move(k);
          }
          target[r] = last_row;
        }
        continue;
      }
      // To-many: merge the parent (this table) with the child, both in key order.
      std::vector<int32_t>& offsets = table.relations.emplace_back(table.rows + 1, 0);
      const std::vector<int> child_fields = FieldIndexes(*rel.to, rel.reference->fields);
      size_t c = 0;
      for (size_t p = 0; p < table.rows; ++p) {
        offsets[p] = static_cast<int32_t>(c);
        while (c < other.rows) {
          int cmp = 0;
          for (size_t k = 0; k < child_fields.size() && cmp == 0; ++k) {
            cmp = CompareField(other.columns[child_fields[k]], c, table.columns[k], p);
          }
          if (cmp > 0) break;
          if (cmp < 0) {
            return Internal(std::string(rel.to->name) + " row " + other.KeyText(c) + " has no " +
                            std::string(type.name) + " record");
          }
          ++c;
        }
      }
      offsets[table.rows] = static_cast<int32_t>(c);
    }
  }
  return Status::Ok();
}

void Snapshot::FindLatestActivity() {
  int32_t latest = kNullInt32;
  const auto consider = [&](std::string_view type_name, std::string_view field,
                            std::string_view only_when_present = {}) {
    const SnapshotTable& t = table(*FindRecordType(type_name));
    const int f = t.type->FieldIndex(field);
    const int w = only_when_present.empty() ? -1 : t.type->FieldIndex(only_when_present);
    for (size_t r = 0; r < t.rows; ++r) {
      if (w >= 0 && t.columns[w].IsNull(r)) continue;
      latest = std::max(latest, t.columns[f].i32[r]);
    }
  };
  consider("sentences", "sentence_date");
  consider("court_reports", "requested_date");
  consider("assessments", "started_date");
  consider("contacts", "contact_date", "outcome");
  latest_activity_ = Date(latest == kNullInt32 ? 0 : latest);
}

const SnapshotTable& Snapshot::table(const RecordType& type) const {
  return *tables_[static_cast<size_t>(&type - AllRecordTypes().data())];
}

std::vector<std::reference_wrapper<const SnapshotTable>> Snapshot::tables() const {
  std::vector<std::reference_wrapper<const SnapshotTable>> out;
  for (const std::shared_ptr<SnapshotTable>& t : tables_) out.emplace_back(*t);
  return out;
}

std::vector<std::reference_wrapper<SnapshotTable>> Snapshot::MutableTables() {
  std::vector<std::reference_wrapper<SnapshotTable>> out;
  for (const std::shared_ptr<SnapshotTable>& t : tables_) out.emplace_back(*t);
  return out;
}

size_t Snapshot::MemoryBytes() const {
  size_t bytes = 0;
  for (const SnapshotTable& t : tables()) {
    for (const SnapshotColumn& c : t.columns) bytes += c.MemoryBytes();
    for (const auto& r : t.relations) bytes += r.capacity() * 4;
  }
  return bytes + derived_days_lost_rows_.capacity() * 4;
}

}  // namespace probation
