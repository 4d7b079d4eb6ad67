// The engine's item rows (engine.h, ItemRows): for a record type, an anchor rule and a list of
// periods, the rows whose anchor falls in a period, each with its period and where it is
// counted, found once and kept for every measure that shares them; and the copies of fields in
// item order that measures over millions of items read.
#include <algorithm>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "measures/engine.h"
#include "measures/engine_internal.h"

namespace probation::measures {

std::string Engine::ItemRowsKey(const Measure& measure, std::span<const Period> periods,
                                const EvalContext& context, bool with_filter) const {
  if (measure.anchor_text.empty() || (with_filter && measure.filter_text.empty())) return "";
  // The anchor's value depends on nothing else: the as-at date is the engine's, and the
  // period only matters to anchors that call period_start() or period_end(), which are built
  // for one period at a time with that period as the context.
  std::string key = std::string(measure.counts->name) + '\x1f' + measure.anchor_text;
  for (const Period& p : periods) {
    key += '\x1f' + std::to_string(p.start.days()) + ':' + std::to_string(p.end.days());
  }
  if (Evaluator::DependsOnPeriod(*measure.anchor) || with_filter) {
    key += '\x1f' + std::to_string(context.period_start.days()) + ':' +
           std::to_string(context.period_end.days());
  }
  if (with_filter)
    key +=
        "\x1f"
        "filter"
        "\x1f" +
        measure.filter_text;
  return key;
}

Result<std::shared_ptr<const Engine::ItemRows>> Engine::Cached(
    std::string key, const ItemRowsRequest& request,
    const std::function<Result<std::shared_ptr<const ItemRows>>()>& build) const {
  if (key.empty()) return build();
  // One entry per key, built under its own lock: measures computed at the same time wait
  // only for the item rows they share.
  std::shared_ptr<ItemRowsEntry> entry;
  {
    std::lock_guard<std::mutex> lock(item_rows_mutex_);
    std::shared_ptr<ItemRowsEntry>& slot = item_rows_[std::move(key)];
    if (slot == nullptr) {
      slot = std::make_shared<ItemRowsEntry>();
      slot->request = request;
      slot->reads = RecordTypesRead(*request.measure);
    }
    entry = slot;
  }
  entry->used.store(true, std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(entry->mutex);
  if (entry->rows != nullptr) return entry->rows;
  Result<std::shared_ptr<const ItemRows>> built = build();
  if (built.ok()) entry->rows = *built;
  return built;
}

Result<std::shared_ptr<const Engine::ItemRows>> Engine::ItemRowsFor(const Measure& measure,
                                                                    std::span<const Period> periods,
                                                                    const EvalContext& context,
                                                                    bool with_filter) const {
  with_filter = with_filter && measure.filter != nullptr;
  const ItemRowsRequest request{
      &measure, std::vector<Period>(periods.begin(), periods.end()), context,
      with_filter ? ItemRowsRequest::Form::kFiltered : ItemRowsRequest::Form::kAll};
  return Cached(ItemRowsKey(measure, periods, context, with_filter), request,
                [&] { return BuildItemRows(measure, periods, context, with_filter); });
}

Result<std::shared_ptr<const Engine::ItemRows>> Engine::KeptItemRows(
    const Measure& measure, std::span<const Period> periods, const EvalContext& context) const {
  PROBATION_ASSIGN_OR_RETURN(std::shared_ptr<const ItemRows> all,
                             ItemRowsFor(measure, periods, context, false));
  std::string key = ItemRowsKey(measure, periods, context, false);
  if (key.empty() || measure.filter_text.empty()) return all;
  key +=
      "\x1f"
      "kept by"
      "\x1f" +
      measure.filter_text;
  const ItemRowsRequest request{&measure, std::vector<Period>(periods.begin(), periods.end()),
                                context, ItemRowsRequest::Form::kKept};
  return Cached(std::move(key), request, [&]() -> Result<std::shared_ptr<const ItemRows>> {
    const SnapshotTable& table = snapshot_.table(*measure.counts);
    const std::vector<const int8_t*> copies = CopiedFields(*all, table, {measure.filter.get()});
    // The indexes into `all` of the rows kept, per half, found on two threads.
    std::vector<uint32_t> kept[2];
    const size_t mid = all->rows.size() / 2;
    const auto half = [&](bool second) -> Status {
      UninitializedVector<uint8_t> truth(kChunkRows);
      std::vector<const int8_t*> copied_at_chunk(copies.size());
      const size_t end = second ? all->rows.size() : mid;
      for (size_t chunk = second ? mid : 0; chunk < end; chunk += kChunkRows) {
        const size_t n = std::min(end, chunk + kChunkRows) - chunk;
        for (size_t f = 0; f < copies.size(); ++f) {
          copied_at_chunk[f] = copies[f] != nullptr ? copies[f] + chunk : nullptr;
        }
        PROBATION_RETURN_IF_ERROR(evaluator_.EvaluatePredicateRows(
            *measure.filter, table, all->rows.data() + chunk, n, context, truth.data(),
            copies.empty() ? nullptr : copied_at_chunk.data()));
        for (size_t i = 0; i < n; ++i) {
          if (truth[i] == Evaluator::kTrue)
            kept[second].push_back(static_cast<uint32_t>(chunk + i));
        }
      }
      return Status::Ok();
    };
    PROBATION_RETURN_IF_ERROR(OnTwoHalves(half));
    auto items = std::make_shared<ItemRows>();
    items->filtered = true;
    items->wide = all->wide;
    const size_t total = kept[0].size() + kept[1].size();
    items->rows.resize(total);
    items->period.resize(total);
    items->ResizeSlots(total);
    size_t at = 0;
    for (const std::vector<uint32_t>& indexes : kept) {
      for (const uint32_t j : indexes) {
        items->rows[at] = all->rows[j];
        items->period[at] = all->period[j];
        if (items->wide) {
          items->wide_slot[at] = all->wide_slot[j];
        } else {
          items->narrow_slot[at] = all->narrow_slot[j];
        }
        ++at;
      }
    }
    return std::shared_ptr<const ItemRows>(std::move(items));
  });
}

Engine::CarryOver Engine::AdoptCaches(const Engine& previous, const RecordTypeSet& changed) {
  CarryOver carry;
  if (previous.as_at_ != as_at_ || previous.path_ != path_ ||
      previous.copy_fields_from_ != copy_fields_from_ || previous.WideSlots() != WideSlots()) {
    return carry;
  }
  // Each map is locked only for its own pass, so readers of `previous` wait as little as can be.
  {
    std::scoped_lock lock(previous.item_rows_mutex_, item_rows_mutex_);
    for (const auto& [key, entry] : previous.item_rows_) {
      // An entry still being built on `previous` is left to be built here when needed.
      std::unique_lock<std::mutex> built(entry->mutex, std::try_to_lock);
      if (!built.owns_lock() || entry->rows == nullptr) continue;
      if ((entry->reads & changed).any()) {
        // Built again before use only when readers used it on `previous`: entries taken over
        // from versions before and never asked for since are let go.
        if (entry->used.load(std::memory_order_relaxed)) carry.dropped.push_back(entry->request);
        continue;
      }
      auto adopted = std::make_shared<ItemRowsEntry>();
      adopted->rows = entry->rows;  // immutable but for its field copies, which lock
      adopted->request = entry->request;
      adopted->reads = entry->reads;
      item_rows_.emplace(key, std::move(adopted));
      ++carry.adopted;
    }
  }
  std::scoped_lock lock(previous.tallies_mutex_, tallies_mutex_);
  for (const auto& [key, entry] : previous.tallies_) {
    std::unique_lock<std::mutex> computed(entry->mutex, std::try_to_lock);
    if (!computed.owns_lock() || entry->all == nullptr) continue;
    if ((entry->reads & changed).any()) {
      if (entry->used.load(std::memory_order_relaxed)) {
        carry.dropped_tallies.push_back(entry->request);
      }
      continue;
    }
    if (tallies_bytes_ + entry->bytes > kTalliesCacheBytes) continue;
    auto adopted = std::make_shared<TalliesEntry>();
    adopted->all = entry->all;
    adopted->request = entry->request;
    adopted->reads = entry->reads;
    adopted->bytes = entry->bytes;
    tallies_bytes_ += entry->bytes;
    tallies_.emplace(key, std::move(adopted));
    ++carry.adopted_tallies;
  }
  return carry;
}

Status Engine::Prepare(const ItemRowsRequest& request) const {
  const Measure& measure = *request.measure;
  const std::span<const Period> periods(request.periods);
  Result<std::shared_ptr<const ItemRows>> rows =
      request.form == ItemRowsRequest::Form::kKept
          ? KeptItemRows(measure, periods, request.context)
          : ItemRowsFor(measure, periods, request.context,
                        request.form == ItemRowsRequest::Form::kFiltered);
  return rows.status();
}

size_t Engine::CachedItemRows() const {
  std::lock_guard<std::mutex> lock(item_rows_mutex_);
  size_t n = 0;
  for (const auto& [key, entry] : item_rows_) {
    std::unique_lock<std::mutex> built(entry->mutex, std::try_to_lock);
    if (built.owns_lock() && entry->rows != nullptr) ++n;
  }
  return n;
}

Result<std::shared_ptr<const Engine::ItemRows>> Engine::BuildItemRows(
    const Measure& measure, std::span<const Period> periods, const EvalContext& context,
    bool with_filter) const {
  const SnapshotTable& table = snapshot_.table(*measure.counts);
  const Period span = Span(periods);
  // A date field of the record itself is read as stored (null, kNullInt32, is before every
  // period); any other anchor is evaluated.
  const Expr& rule = *measure.anchor;
  const int32_t* stored = rule.kind == Expr::Kind::kField && rule.outer_depth == 0 &&
                                  rule.path.empty() && rule.record == measure.counts &&
                                  table.columns[rule.field].type == FieldType::kDate
                              ? table.columns[rule.field].i32.data()
                              : nullptr;
  // The period of each day of the span (kNoPeriod: none), then a last entry, kNoPeriod, for
  // every day outside the span: a row's period is found without a branch.
  constexpr uint8_t kNoPeriod = 255;
  const int32_t first_day = span.start.days(), last_day = span.end.days();
  const auto span_days = static_cast<uint32_t>(last_day - first_day);
  std::vector<uint8_t> period_of_day(span_days + 2, kNoPeriod);
  for (size_t p = 0; p < periods.size(); ++p) {
    for (int32_t d = periods[p].start.days(); d <= periods[p].end.days(); ++d) {
      period_of_day[static_cast<size_t>(d - first_day)] = static_cast<uint8_t>(p);
    }
  }
  // Whether the periods cover every day of their span: then a day is in a period exactly when
  // it is in the span, a test the compiler does many rows at a time.
  const bool tiled = std::find(period_of_day.begin(), period_of_day.end() - 1, kNoPeriod) ==
                     period_of_day.end() - 1;
  // Days as unsigned offsets from the span's first day: a day before it (or null, kNullInt32)
  // wraps round to a large offset, past the span's end.
  const auto offset_of = [first_day](int32_t d) {
    return static_cast<uint32_t>(d) - static_cast<uint32_t>(first_day);
  };
  const auto period_of = [&](int32_t d) {
    return period_of_day[std::min(offset_of(d), span_days + 1)];
  };
  // How many of rows [row_begin, row_end) have a stored anchor in a period.
  const auto count_stored = [&](size_t row_begin, size_t row_end) {
    size_t n = 0;
    if (tiled) {
      for (size_t r = row_begin; r < row_end; ++r) n += offset_of(stored[r]) <= span_days;
    } else {
      for (size_t r = row_begin; r < row_end; ++r) n += period_of(stored[r]) != kNoPeriod;
    }
    return n;
  };
  // Calls `found(row, anchor, period)` for each row of [row_begin, row_end) whose evaluated
  // anchor is in a period (and, with_filter, whose filter holds), in row order.
  const auto scan = [&](size_t row_begin, size_t row_end, const auto& found) -> Status {
    UninitializedVector<double> anchor(stored == nullptr ? kChunkRows : 0);
    std::vector<int32_t> rows, days;
    std::vector<uint8_t> period;
    UninitializedVector<uint8_t> holds(with_filter ? kChunkRows : 0);
    for (size_t begin = row_begin; begin < row_end; begin += kChunkRows) {
      const size_t end = std::min(row_end, begin + kChunkRows);
      rows.clear();
      days.clear();
      period.clear();
      const auto candidate = [&](size_t row, int32_t d) {
        const uint8_t p = period_of(d);
        if (p == kNoPeriod) return;
        rows.push_back(static_cast<int32_t>(row));
        days.push_back(d);
        period.push_back(p);
      };
      if (stored != nullptr) {
        for (size_t r = begin; r < end; ++r) candidate(r, stored[r]);
      } else {
        PROBATION_RETURN_IF_ERROR(
            evaluator_.Evaluate(rule, table, begin, end, context, anchor.data()));
        for (size_t i = 0; i < end - begin; ++i) {
          // NaN (no anchor) is in no period.
          if (anchor[i] >= first_day && anchor[i] <= last_day) {
            candidate(begin + i, static_cast<int32_t>(anchor[i]));
          }
        }
      }
      if (with_filter) {
        PROBATION_RETURN_IF_ERROR(evaluator_.EvaluatePredicateRows(
            *measure.filter, table, rows.data(), rows.size(), context, holds.data()));
      }
      for (size_t i = 0; i < rows.size(); ++i) {
        if (with_filter && holds[i] != Evaluator::kTrue) continue;
        found(static_cast<size_t>(rows[i]), Date(days[i]), period[i]);
      }
    }
    return Status::Ok();
  };
  // Two halves of the table on two threads: first counted, so that each can then write its
  // rows straight into place (growing and joining vectors of this size costs more in fresh
  // pages than the scan).
  const size_t mid = table.rows / 2;
  const auto on_two_threads = [&](const auto& half) -> Status {
    return OnTwoHalves(
        [&](bool second) { return second ? half(mid, table.rows, true) : half(0, mid, false); });
  };
  // A stored anchor without a filter is cheap to find again: counted in a first pass. Other
  // anchors and filters are evaluated once, the rows found kept per half.
  const bool find_twice = stored != nullptr && !with_filter;
  size_t counts[2] = {0, 0};
  struct Found {
    std::vector<int32_t> rows, days;
    std::vector<uint8_t> periods;
  };
  Found found[2];
  PROBATION_RETURN_IF_ERROR(on_two_threads([&](size_t begin, size_t end, bool second) {
    if (find_twice) {
      counts[second] = count_stored(begin, end);
      return Status::Ok();
    }
    Found& f = found[second];
    const Status status = scan(begin, end, [&](size_t row, Date anchor, size_t p) {
      f.rows.push_back(static_cast<int32_t>(row));
      f.days.push_back(anchor.days());
      f.periods.push_back(static_cast<uint8_t>(p));
    });
    counts[second] = f.rows.size();
    return status;
  }));
  auto items = std::make_shared<ItemRows>();
  items->filtered = with_filter;
  items->wide = WideSlots();
  const size_t total = counts[0] + counts[1];
  items->rows.resize(total);
  items->period.resize(total);
  items->ResizeSlots(total);
  PROBATION_RETURN_IF_ERROR(on_two_threads([&](size_t begin, size_t end, bool second) {
    size_t at = second ? counts[0] : 0;
    if (!find_twice) {
      const Found& f = found[second];
      std::copy(f.rows.begin(), f.rows.end(), items->rows.data() + at);
      std::copy(f.periods.begin(), f.periods.end(), items->period.data() + at);
      UninitializedVector<int32_t> slots(f.rows.size());
      AttributeRows(*measure.counts, f.rows.data(), f.days.data(), f.rows.size(), slots.data());
      items->StoreSlots(at, slots.data(), slots.size());
      return Status::Ok();
    }
    // A block of rows at a time: each row written to the block's buffers, and the next row
    // written over it unless its anchor is in a period (no branch to mispredict); the rows
    // kept then copied into place and attributed.
    UninitializedVector<int32_t> rows(kChunkRows), days(kChunkRows), slots(kChunkRows);
    UninitializedVector<uint8_t> period(kChunkRows);
    // Everything the loop reads or writes in locals: through the captures, the compiler
    // reloads each pointer on every row (a write might change it).
    const int32_t* const day_of_row = stored;
    const uint8_t* const period_table = period_of_day.data();
    const uint32_t first = static_cast<uint32_t>(first_day), past_span = span_days + 1;
    int32_t* const block_rows = rows.data();
    int32_t* const block_days = days.data();
    uint8_t* const block_period = period.data();
    for (size_t block = begin; block < end; block += kChunkRows) {
      const size_t block_end = std::min(end, block + kChunkRows);
      size_t n = 0;
      for (size_t r = block; r < block_end; ++r) {
        const int32_t day = day_of_row[r];
        const uint8_t p = period_table[std::min(static_cast<uint32_t>(day) - first, past_span)];
        block_rows[n] = static_cast<int32_t>(r);
        block_days[n] = day;
        block_period[n] = p;
        n += p != kNoPeriod;
      }
      std::copy_n(block_rows, n, items->rows.data() + at);
      std::copy_n(block_period, n, items->period.data() + at);
      AttributeRows(*measure.counts, block_rows, block_days, n, slots.data());
      items->StoreSlots(at, slots.data(), n);
      at += n;
    }
    return Status::Ok();
  }));
  return std::shared_ptr<const ItemRows>(std::move(items));
}

std::vector<const int8_t*> Engine::CopiedFields(
    const ItemRows& items, const SnapshotTable& table,
    std::initializer_list<const Expr*> expressions) const {
  if (items.rows.size() < copy_fields_from_) return {};
  std::lock_guard<std::mutex> lock(items.copies_mutex);
  items.copies.resize(table.columns.size());
  std::vector<const int8_t*> copied(table.columns.size(), nullptr);
  for (const Expr* e : expressions) {
    if (e == nullptr) continue;
    for (const int f : Evaluator::OwnFieldsRead(*e)) {
      const SnapshotColumn& column = table.columns[static_cast<size_t>(f)];
      if (column.type != FieldType::kBool && column.type != FieldType::kCode) continue;
      UninitializedVector<int8_t>& copy = items.copies[static_cast<size_t>(f)];
      if (copy.empty()) {
        copy.resize(items.rows.size());
        // Two halves on two threads.
        const auto fill = [&](size_t begin, size_t end) {
          for (size_t j = begin; j < end; ++j) copy[j] = column.i8[items.rows[j]];
        };
        const size_t mid = copy.size() / 2;
        std::thread worker(fill, mid, copy.size());
        fill(0, mid);
        worker.join();
      }
      copied[static_cast<size_t>(f)] = copy.data();
    }
  }
  return copied;
}

}  // namespace probation::measures
