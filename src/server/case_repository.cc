#include "server/case_repository.h"

namespace probation {
namespace {

Status CheckPaging(const Paging& paging) {
  if (paging.limit < 1 || paging.limit > 500) return InvalidArgument("limit must be 1 to 500");
  if (paging.offset < 0) return InvalidArgument("offset must not be negative");
  return Status::Ok();
}

std::string Text(const Statement& stmt, int column) {
  return stmt.ColumnIsNull(column) ? std::string() : std::string(stmt.ColumnText(column));
}

// The columns of a caseload row; the FROM clause differs for a staff member and an org unit.
constexpr std::string_view kCaseloadColumns =
    "SELECT ro.crn, ro.event_no, p.surname, p.forenames, se.sentence_type, se.sentence_date, "
    "ro.staff_id, s.forenames || ' ' || s.surname, s.team_code, ro.start_date ";
constexpr std::string_view kOfficerCases =
    "FROM responsible_officers ro JOIN staff s ON s.staff_id = ro.staff_id "
    "JOIN people p ON p.crn = ro.crn "
    "JOIN sentences se ON se.crn = ro.crn AND se.event_no = ro.event_no "
    "WHERE ro.staff_id = ?1 AND ro.end_date IS NULL ";
constexpr std::string_view kUnitCases =
    "FROM units JOIN staff s ON s.team_code = units.code "
    "JOIN responsible_officers ro ON ro.staff_id = s.staff_id AND ro.end_date IS NULL "
    "JOIN people p ON p.crn = ro.crn "
    "JOIN sentences se ON se.crn = ro.crn AND se.event_no = ro.event_no ";
// The unit and every unit below it, by the parent index.
constexpr std::string_view kUnitTree =
    "WITH RECURSIVE units(code) AS (SELECT ?1 UNION ALL "
    "SELECT o.code FROM org_units o JOIN units u ON o.parent_code = u.code) ";

}  // namespace

const std::vector<StoredRecord>& CaseRecord::Records(std::string_view type_name) const {
  static const std::vector<StoredRecord> kNone;
  for (const Group& g : groups) {
    if (g.type->name == type_name) return g.records;
  }
  return kNone;
}

nlohmann::json CaseRecord::ToJson() const {
  nlohmann::json records = nlohmann::json::object();
  for (const Group& g : groups) {
    nlohmann::json list = nlohmann::json::array();
    for (const StoredRecord& r : g.records) list.push_back(r.ToJson());
    records[std::string(g.type->name)] = std::move(list);
  }
  return {{"person", person.ToJson()}, {"writable", writable}, {"records", std::move(records)}};
}

Result<CaseRecord> ReadCase(Database* db, const Principal& principal, std::string_view crn) {
  PROBATION_ASSIGN_OR_RETURN(const CaseAccess access, AccessToCase(db, principal, crn));
  if (access == CaseAccess::kNone) {
    return PermissionDenied("case " + std::string(crn) + " is not in your scope");
  }
  CaseRecord record;
  record.writable = access == CaseAccess::kWrite;
  const RecordType& people = *FindRecordType("people");
  PROBATION_ASSIGN_OR_RETURN(record.person, ReadRecord(db, people, {std::string(crn)}));
  for (const RecordType& type : AllRecordTypes()) {
    if (&type == &people || type.key_fields < 2 || type.fields[0].name != "crn") continue;
    CaseRecord::Group group{&type, {}};
    PROBATION_ASSIGN_OR_RETURN(group.records, ReadRecordsOfPerson(db, type, crn));
    record.groups.push_back(std::move(group));
  }
  return record;
}

nlohmann::json CaseSummary::ToJson() const {
  return {{"crn", crn},
          {"surname", surname},
          {"forenames", forenames},
          {"date_of_birth", date_of_birth}};
}

nlohmann::json CaseSearchResult::ToJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const CaseSummary& c : cases) list.push_back(c.ToJson());
  return {{"cases", std::move(list)},
          {"more", more},
          {"total", total},
          {"limit", limit},
          {"offset", offset}};
}

Result<CaseSearchResult> SearchCases(Database* db, const Principal& principal,
                                     std::string_view text, Paging paging) {
  PROBATION_RETURN_IF_ERROR(CheckPaging(paging));
  if (text.empty()) return InvalidArgument("give a CRN or a surname to search for");
  CaseSearchResult result;
  result.limit = paging.limit;
  result.offset = paging.offset;
  if (!RoleSeesCases(principal.role)) return result;
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("SELECT crn, surname, forenames, date_of_birth FROM people WHERE crn = ?1 "
                  "UNION SELECT crn, surname, forenames, date_of_birth FROM people "
                  "WHERE surname = ?1 COLLATE NOCASE ORDER BY crn"));
  stmt.BindText(1, text);
  int64_t in_scope = 0;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) break;
    CaseSummary c{Text(stmt, 0), Text(stmt, 1), Text(stmt, 2), Text(stmt, 3)};
    PROBATION_ASSIGN_OR_RETURN(const CaseAccess access, AccessToCase(db, principal, c.crn));
    if (access == CaseAccess::kNone) continue;
    const int64_t at = in_scope++;
    if (at < paging.offset) continue;
    if (at >= paging.offset + paging.limit) {
      result.more = true;
      continue;  // counted for the total (a surname's candidates are few)
    }
    result.cases.push_back(std::move(c));
  }
  result.total = in_scope;
  return result;
}

nlohmann::json CaseloadEntry::ToJson() const {
  return {{"crn", crn},
          {"event_no", event_no},
          {"surname", surname},
          {"forenames", forenames},
          {"sentence_type", sentence_type},
          {"sentence_date", sentence_date},
          {"staff_id", staff_id},
          {"officer_name", officer_name},
          {"team", team_code},
          {"allocated_from", allocated_from},
          {"next_due", next_due ? next_due->ToJson() : nlohmann::json(nullptr)}};
}

nlohmann::json Caseload::ToJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const CaseloadEntry& c : cases) list.push_back(c.ToJson());
  return {{"unit", unit},
          {"cases", std::move(list)},
          {"total", total},
          {"limit", limit},
          {"offset", offset}};
}

Result<Caseload> ReadCaseload(Database* db, const Principal& principal, std::string_view unit,
                              Paging paging, const DueIndex* due) {
  PROBATION_RETURN_IF_ERROR(CheckPaging(paging));
  PROBATION_RETURN_IF_ERROR(CanSeeUnit(db, principal, unit));
  PROBATION_ASSIGN_OR_RETURN(Statement is_org,
                             db->Prepare("SELECT 1 FROM org_units WHERE code = ?1"));
  is_org.BindText(1, unit);
  PROBATION_ASSIGN_OR_RETURN(const bool org_unit, is_org.Step());
  const std::string from(org_unit ? kUnitCases : kOfficerCases);
  const std::string with(org_unit ? kUnitTree : "");
  Caseload caseload;
  caseload.unit = std::string(unit);
  caseload.limit = paging.limit;
  caseload.offset = paging.offset;
  PROBATION_ASSIGN_OR_RETURN(Statement count, db->Prepare(with + "SELECT count(*) " + from));
  count.BindText(1, unit);
  PROBATION_ASSIGN_OR_RETURN(const bool counted, count.Step());
  if (counted) caseload.total = count.ColumnInt(0);
  PROBATION_ASSIGN_OR_RETURN(Statement page,
                             db->Prepare(with + std::string(kCaseloadColumns) + from +
                                         "ORDER BY ro.crn, ro.event_no LIMIT ?2 OFFSET ?3"));
  page.BindText(1, unit);
  page.BindInt(2, paging.limit);
  page.BindInt(3, paging.offset);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, page.Step());
    if (!row) break;
    CaseloadEntry e;
    e.crn = Text(page, 0);
    e.event_no = page.ColumnInt(1);
    e.surname = Text(page, 2);
    e.forenames = Text(page, 3);
    e.sentence_type = Text(page, 4);
    e.sentence_date = Text(page, 5);
    e.staff_id = Text(page, 6);
    e.officer_name = Text(page, 7);
    e.team_code = Text(page, 8);
    e.allocated_from = Text(page, 9);
    if (due != nullptr) e.next_due = due->NextForCase(e.crn);
    caseload.cases.push_back(std::move(e));
  }
  return caseload;
}

}  // namespace probation
