// Snapshot::Reload's delta path: the rows written through the service merged into a copy of
// the previous snapshot's table, and the relations into and out of that table patched
// (snapshot.h, docs/design.md "Live engine").
#include <algorithm>
#include <numeric>
#include <thread>

#include "store/snapshot.h"

namespace probation {
namespace {

// Compares field column `ca` row a with column `cb` row b (the same type; text by content, so
// across two tables' dictionaries).
int CompareValue(const SnapshotColumn& ca, size_t a, const SnapshotColumn& cb, size_t b) {
  if (ca.type == FieldType::kText) {
    return ca.dictionary[ca.text[a]].compare(cb.dictionary[cb.text[b]]) < 0
               ? -1
               : (ca.dictionary[ca.text[a]] == cb.dictionary[cb.text[b]] ? 0 : 1);
  }
  const int32_t x = ca.i32[a], y = cb.i32[b];
  return x < y ? -1 : (x == y ? 0 : 1);
}

// Compares the first fields.size() key fields of row a of `ta` with fields `fields` of row b
// of `tb`.
int CompareKeys(const SnapshotTable& ta, size_t a, const SnapshotTable& tb,
                const std::vector<int>& fields, size_t b) {
  for (size_t k = 0; k < fields.size(); ++k) {
    const int c = CompareValue(ta.columns[k], a, tb.columns[fields[k]], b);
    if (c != 0) return c;
  }
  return 0;
}

std::vector<int> KeyFields(const RecordType& type) {
  std::vector<int> out(static_cast<size_t>(type.key_fields));
  std::iota(out.begin(), out.end(), 0);
  return out;
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

// The first row of `target` whose key is not less than fields `fields` of row `row` of `from`.
size_t LowerBound(const SnapshotTable& target, const SnapshotTable& from,
                  const std::vector<int>& fields, size_t row) {
  size_t lo = 0, hi = target.rows;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (CompareKeys(target, mid, from, fields, row) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// The row of `target` whose whole key equals fields `fields` of row `row` of `from`, or -1
// (also when one of them is null): what Load's to-one relations find by composite key.
int32_t FindTarget(const SnapshotTable& target, const SnapshotTable& from,
                   const std::vector<int>& fields, size_t row) {
  if (static_cast<int>(fields.size()) != target.type->key_fields) return -1;
  for (int f : fields) {
    if (from.columns[f].IsNull(row)) return -1;
  }
  const size_t at = LowerBound(target, from, fields, row);
  if (at == target.rows || CompareKeys(target, at, from, fields, row) != 0) return -1;
  return static_cast<int32_t>(at);
}

// `old` with `inserted[j]` inserted before old element insert_at[j] (ascending), in one pass
// over fresh memory.
template <typename T>
std::vector<T> Spliced(const std::vector<T>& old, const std::vector<uint32_t>& insert_at,
                       const std::vector<T>& inserted) {
  std::vector<T> out;
  out.reserve(old.size() + inserted.size());
  size_t from = 0;
  for (size_t j = 0; j < insert_at.size(); ++j) {
    out.insert(out.end(), old.begin() + static_cast<ptrdiff_t>(from),
               old.begin() + static_cast<ptrdiff_t>(insert_at[j]));
    out.push_back(inserted[j]);
    from = insert_at[j];
  }
  out.insert(out.end(), old.begin() + static_cast<ptrdiff_t>(from), old.end());
  return out;
}

// Load numbers a column's texts in the order they first appear, row by row, and keeps no text
// that no row holds. Whether `column` is still so numbered: each row's id is at most one more
// than the largest before it, and every id appears.
bool InFirstAppearanceOrder(const SnapshotColumn& column) {
  int64_t largest = -1;
  for (const uint32_t id : column.text) {
    if (id == kNullText) continue;
    if (id > largest + 1) return false;
    if (id == largest + 1) ++largest;
  }
  return largest + 1 == static_cast<int64_t>(column.dictionary.size());
}

// Numbers the column's texts again as Load would.
void Renumber(SnapshotColumn* column) {
  std::vector<uint32_t> id_of(column->dictionary.size(), kNullText);
  std::vector<std::string> dictionary;
  for (uint32_t& id : column->text) {
    if (id == kNullText) continue;
    if (id_of[id] == kNullText) {
      id_of[id] = static_cast<uint32_t>(dictionary.size());
      dictionary.push_back(std::move(column->dictionary[id]));
    }
    id = id_of[id];
  }
  column->dictionary = std::move(dictionary);
}

}  // namespace

uint32_t Snapshot::TableDelta::Shift(uint32_t row) const {
  return row + static_cast<uint32_t>(std::upper_bound(insert_at.begin(), insert_at.end(), row) -
                                     insert_at.begin());
}

Status Snapshot::MergeRows(Database* db, const SnapshotTable& old,
                           const std::vector<std::vector<std::string>>& keys, SnapshotTable* table,
                           TableDelta* delta) {
  const RecordType& type = *old.type;
  SnapshotTable written;
  written.type = &type;
  PROBATION_RETURN_IF_ERROR(LoadTable(db, &written, &keys));
  const std::vector<int> key_fields = KeyFields(type);

  // The written rows in key order, each once.
  std::vector<uint32_t> order(written.rows);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return CompareKeys(written, a, written, key_fields, b) < 0;
  });
  order.erase(std::unique(order.begin(), order.end(),
                          [&](uint32_t a, uint32_t b) {
                            return CompareKeys(written, a, written, key_fields, b) == 0;
                          }),
              order.end());

  // Where each goes: an update of an old row, or an insert before one.
  std::vector<uint32_t> inserts;                       // rows of `written`
  std::vector<std::pair<uint32_t, uint32_t>> updates;  // (old row, row of `written`)
  for (const uint32_t w : order) {
    const size_t at = LowerBound(old, written, key_fields, w);
    if (at < old.rows && CompareKeys(old, at, written, key_fields, w) == 0) {
      updates.emplace_back(static_cast<uint32_t>(at), w);
    } else {
      delta->insert_at.push_back(static_cast<uint32_t>(at));
      inserts.push_back(w);
    }
  }
  for (size_t j = 0; j < inserts.size(); ++j) {
    delta->inserted.push_back(delta->insert_at[j] + static_cast<uint32_t>(j));
  }
  delta->written = delta->inserted;
  for (const auto& [row, w] : updates) delta->written.push_back(delta->Shift(row));
  std::sort(delta->written.begin(), delta->written.end());

  table->rows = old.rows + inserts.size();
  table->columns.resize(type.fields.size());
  const auto merge_column = [&](size_t f) {
    const SnapshotColumn& from = old.columns[f];
    const SnapshotColumn& values = written.columns[f];
    SnapshotColumn& to = table->columns[f];
    to.type = from.type;
    const auto merge = [&](const auto& old_values, const auto& written_values, auto* out) {
      using T = typename std::decay_t<decltype(old_values)>::value_type;
      std::vector<T> inserted;
      inserted.reserve(inserts.size());
      for (const uint32_t w : inserts) inserted.push_back(written_values[w]);
      *out = Spliced(old_values, delta->insert_at, inserted);
      for (const auto& [row, w] : updates) (*out)[delta->Shift(row)] = written_values[w];
    };
    switch (from.type) {
      case FieldType::kInteger:
      case FieldType::kDate:
        merge(from.i32, values.i32, &to.i32);
        return;
      case FieldType::kDateTime:
        merge(from.i64, values.i64, &to.i64);
        return;
      case FieldType::kDecimal:
        merge(from.f64, values.f64, &to.f64);
        return;
      case FieldType::kBool:
      case FieldType::kCode:
        merge(from.i8, values.i8, &to.i8);
        return;
      case FieldType::kText:
        break;
    }
    // Text: each written value as an id of the old dictionary (extended when new). The
    // neighbouring rows (the same parent's) usually hold it already.
    to.dictionary = from.dictionary;
    const auto id_of = [&](uint32_t w, std::initializer_list<size_t> near) {
      if (values.text[w] == kNullText) return kNullText;
      const std::string& text = values.dictionary[values.text[w]];
      for (const size_t r : near) {
        if (r < old.rows && from.text[r] != kNullText && from.dictionary[from.text[r]] == text) {
          return from.text[r];
        }
      }
      const auto it = std::find(to.dictionary.begin(), to.dictionary.end(), text);
      if (it != to.dictionary.end()) return static_cast<uint32_t>(it - to.dictionary.begin());
      to.dictionary.push_back(text);
      return static_cast<uint32_t>(to.dictionary.size() - 1);
    };
    std::vector<uint32_t> ids(written.rows, kNullText);
    for (size_t j = 0; j < inserts.size(); ++j) {
      const size_t at = delta->insert_at[j];
      ids[inserts[j]] = id_of(inserts[j], {at - 1, at});
    }
    for (const auto& [row, w] : updates) ids[w] = id_of(w, {row});
    merge(from.text, ids, &to.text);
    if (!InFirstAppearanceOrder(to)) Renumber(&to);
  };
  // The columns shared out between two threads: most of the time is filling fresh memory.
  std::thread helper([&] {
    for (size_t f = 1; f < type.fields.size(); f += 2) merge_column(f);
  });
  for (size_t f = 0; f < type.fields.size(); f += 2) merge_column(f);
  helper.join();
  return Status::Ok();
}

Result<std::vector<int32_t>> Snapshot::PatchRelation(
    const Snapshot& previous, size_t table_index, size_t relation_index,
    const std::vector<const TableDelta*>& merged) const {
  const SnapshotTable& table = *tables_[table_index];
  const SnapshotTable& old_table = *previous.tables_[table_index];
  const Relation& rel = RelationsFrom(*table.type)[relation_index];
  const size_t other_index = static_cast<size_t>(rel.to - AllRecordTypes().data());
  const SnapshotTable& other = *tables_[other_index];
  const TableDelta* from_delta = merged[table_index];
  const TableDelta* to_delta = merged[other_index];
  const std::vector<int32_t>& old = old_table.relations[relation_index];
  static const TableDelta kNone;
  const TableDelta& fd = from_delta != nullptr ? *from_delta : kNone;
  const TableDelta& td = to_delta != nullptr ? *to_delta : kNone;

  if (!rel.to_many) {
    // The old rows' targets, shifted by the rows inserted before them.
    std::vector<int32_t> target =
        Spliced(old, fd.insert_at, std::vector<int32_t>(fd.insert_at.size(), -1));
    const std::vector<int> fields = FieldIndexes(*table.type, rel.reference->fields);
    if (!td.inserted.empty()) {
      for (size_t r = 0; r < target.size(); ++r) {
        if (target[r] >= 0) {
          target[r] = static_cast<int32_t>(td.Shift(static_cast<uint32_t>(target[r])));
        } else {
          // A row whose target was missing may have one now.
          target[r] = FindTarget(other, table, fields, r);
        }
      }
    }
    for (const uint32_t r : fd.written) target[r] = FindTarget(other, table, fields, r);
    return target;
  }

  // To-many: this table is the parent. The parent (in this table) of each inserted child.
  const std::vector<int> child_fields = FieldIndexes(*rel.to, rel.reference->fields);
  std::vector<uint32_t> parents;
  parents.reserve(td.inserted.size());
  for (const uint32_t c : td.inserted) {
    const size_t p = LowerBound(table, other, child_fields, c);
    if (p == table.rows || CompareKeys(table, p, other, child_fields, c) != 0) {
      return Internal(std::string(rel.to->name) + " row " + other.KeyText(c) + " has no " +
                      std::string(table.type->name) + " record");
    }
    parents.push_back(static_cast<uint32_t>(p));
  }
  // A parent's first child moves by the children inserted under the parents before it; a new
  // parent has no old children (they would have had no parent), so it starts where the old
  // parent after it started.
  std::vector<int32_t> offsets(table.rows + 1);
  size_t old_row = 0, next_insert = 0, children_before = 0;
  for (size_t q = 0; q < table.rows; ++q) {
    size_t p = old_row;
    if (next_insert < fd.inserted.size() && fd.inserted[next_insert] == q) {
      p = fd.insert_at[next_insert++];
    } else {
      ++old_row;
    }
    while (children_before < parents.size() && parents[children_before] < q) ++children_before;
    offsets[q] = old[p] + static_cast<int32_t>(children_before);
  }
  offsets[table.rows] = static_cast<int32_t>(other.rows);
  return offsets;
}

}  // namespace probation
