#include "analytics/workload_reductions.h"

#include <charconv>

#include "base/reference_csv.h"

namespace probation::analytics {

Result<std::vector<Reduction>> ParseReductionsCsv(std::string_view text,
                                                  std::string_view source_name,
                                                  const std::vector<ReductionCap>& caps) {
  ReferenceCsvReader csv(text, source_name);
  PROBATION_RETURN_IF_ERROR(csv.ReadHeader(
      {"staff_id", "reduction_no", "reduction_type", "hours", "start_date", "end_date", "note"}));
  std::vector<Reduction> out;
  std::vector<std::string_view> f;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool more, csv.Next(&f));
    if (!more) break;
    Reduction r;
    r.staff_id = std::string(f[0]);
    if (r.staff_id.empty()) return csv.Error("staff_id is blank");
    {
      const auto [ptr, ec] =
          std::from_chars(f[1].data(), f[1].data() + f[1].size(), r.reduction_no);
      if (f[1].empty() || ec != std::errc() || ptr != f[1].data() + f[1].size() ||
          r.reduction_no < 1) {
        return csv.Error("reduction_no must be a whole number of 1 or more");
      }
    }
    r.type = std::string(f[2]);
    bool known = false;
    std::string types;
    for (const ReductionCap& c : caps) {
      known = known || c.type == r.type;
      types += (types.empty() ? "" : ", ") + c.type;
    }
    if (!known) return csv.Error("reduction_type '" + r.type + "' is not one of " + types);
    {
      const auto [ptr, ec] = std::from_chars(f[3].data(), f[3].data() + f[3].size(), r.hours);
      if (f[3].empty() || ec != std::errc() || ptr != f[3].data() + f[3].size() || r.hours <= 0 ||
          r.hours > 100) {
        return csv.Error("hours must be a number of weekly hours above 0");
      }
    }
    Result<Date> start = Date::Parse(f[4]);
    if (!start.ok()) return csv.Error("start_date: " + start.status().message());
    r.start = *start;
    if (!f[5].empty()) {
      Result<Date> end = Date::Parse(f[5]);
      if (!end.ok()) return csv.Error("end_date: " + end.status().message());
      if (*end < r.start) return csv.Error("end_date is before start_date");
      r.end = *end;
    }
    r.note = std::string(f[6]);
    out.push_back(std::move(r));
  }
  return out;
}

Status SaveReductions(Database* db, const std::vector<Reduction>& reductions) {
  PROBATION_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  PROBATION_ASSIGN_OR_RETURN(Statement staff,
                             db->Prepare("SELECT 1 FROM staff WHERE staff_id = ?"));
  PROBATION_ASSIGN_OR_RETURN(
      Statement insert,
      db->Prepare(
          "INSERT OR REPLACE INTO workload_reductions (staff_id, reduction_no, "
          "reduction_type, hours, start_date, end_date, note) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  for (const Reduction& r : reductions) {
    staff.Reset();
    staff.BindText(1, r.staff_id);
    PROBATION_ASSIGN_OR_RETURN(const bool found, staff.Step());
    if (!found)
      return NotFound("no member of staff '" + r.staff_id + "' for reduction " +
                      std::to_string(r.reduction_no));
    insert.Reset();
    insert.BindText(1, r.staff_id);
    insert.BindInt(2, r.reduction_no);
    insert.BindText(3, r.type);
    insert.BindDouble(4, r.hours);
    const std::string start = r.start.ToString();
    const std::string end = r.end ? r.end->ToString() : "";
    insert.BindText(5, start);
    if (r.end) {
      insert.BindText(6, end);
    } else {
      insert.BindNull(6);
    }
    insert.BindText(7, r.note);
    PROBATION_RETURN_IF_ERROR(insert.Run());
  }
  return txn.Commit();
}

Result<std::vector<Reduction>> ReadReductions(Database* db) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement read,
      db->Prepare("SELECT staff_id, reduction_no, reduction_type, hours, start_date, end_date, "
                  "note FROM workload_reductions ORDER BY staff_id, reduction_no"));
  std::vector<Reduction> out;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, read.Step());
    if (!row) break;
    Reduction r;
    r.staff_id = std::string(read.ColumnText(0));
    r.reduction_no = static_cast<int>(read.ColumnInt(1));
    r.type = std::string(read.ColumnText(2));
    r.hours = read.ColumnDouble(3);
    PROBATION_ASSIGN_OR_RETURN(r.start, Date::Parse(read.ColumnText(4)));
    if (!read.ColumnIsNull(5)) {
      PROBATION_ASSIGN_OR_RETURN(const Date end, Date::Parse(read.ColumnText(5)));
      r.end = end;
    }
    if (!read.ColumnIsNull(6)) r.note = std::string(read.ColumnText(6));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace probation::analytics
