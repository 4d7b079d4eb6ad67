#include "measures/functions.h"

#include <array>

namespace probation::measures {
namespace {

// Signatures of functions are read by the compiler (compiler.cc, ParseSignature): each
// parameter is "name type" with type one of number, date, date-time, boolean, text, or T (any
// type, the same for every T); "..." repeats the parameter before it; "-> type" is the result.
// Aggregates are checked by the compiler's aggregate rules, their signatures are for people.
constexpr FunctionDef Function(std::string_view name, FunctionId id, std::string_view signature,
                               std::string_view description, std::string_view example) {
  return {name, false, id, AggregateOp::kCount, signature, description, example};
}

constexpr FunctionDef Aggregate(std::string_view name, AggregateOp op, std::string_view signature,
                                std::string_view description, std::string_view example) {
  return {name, true, FunctionId::kDays, op, signature, description, example};
}

constexpr std::array<FunctionDef, 17> kFunctions = {{
    Function("working_days", FunctionId::kWorkingDays, "working_days(from date, to date) -> number",
             "Working days after `from` up to and including `to` (negative when `to` is before "
             "`from`), on the England and Wales calendar: weekends and bank holidays do not "
             "count.",
             "working_days(failure_date, initiated_date) <= 10"),
    Function("add_working_days", FunctionId::kAddWorkingDays,
             "add_working_days(d date, n number) -> date",
             "The date n working days after d on the England and Wales calendar. \"Within 5 "
             "working days of d\" means on or before add_working_days(d, 5).",
             "initiated_date <= add_working_days(failure_date, 10)"),
    Function("days", FunctionId::kDays, "days(from date, to date) -> number",
             "Calendar days from `from` to `to` (to - from; negative when `to` is earlier).",
             "days(sentence_date, start_date) <= 7"),
    Function("add_days", FunctionId::kAddDays, "add_days(d date, n number) -> date",
             "The date n calendar days after d (before it when n is negative); the same as "
             "d + n.",
             "contact_date <= add_days(sentence.start_date, 5)"),
    Function("hours", FunctionId::kHours, "hours(from date-time, to date-time) -> number",
             "Hours from `from` to `to` (to - from), with a fraction for part hours.",
             "hours(decision_time, request_received_time) <= 24"),
    Function("date_of", FunctionId::kDateOf, "date_of(t date-time) -> date",
             "The date part of a date-time, to compare it with dates.",
             "date_of(decision_time) >= period_start()"),
    Function("coalesce", FunctionId::kCoalesce, "coalesce(x T, y T, ...) -> T",
             "The first argument that is not null (null when all are). The arguments all have "
             "the same type T, which is the result's type.",
             "coalesce(termination_date, expected_end_date)"),
    Function("age", FunctionId::kAge, "age(birth date, on date) -> number",
             "Age in whole years on a date, from a date of birth.",
             "age(person.date_of_birth, start_date) < 21"),
    Function("period_start", FunctionId::kPeriodStart, "period_start() -> date",
             "The first day of the reporting period being computed.",
             "start_date >= period_start()"),
    Function("period_end", FunctionId::kPeriodEnd, "period_end() -> date",
             "The last day of the reporting period being computed.",
             "termination_date is null or termination_date > period_end()"),
    Function("as_at", FunctionId::kAsAt, "as_at() -> date",
             "The date the data stands at (the latest date of the extract).",
             "add_working_days(failure_date, 10) <= as_at()"),
    Aggregate("count", AggregateOp::kCount, "count(records [where condition]) -> number",
              "How many of the related records satisfy the condition (all of them without "
              "one); 0 when there are none.",
              "count(contacts where outcome = 'UA')"),
    Aggregate("any", AggregateOp::kAny, "any(records [where condition]) -> boolean",
              "True when at least one related record satisfies the condition (without one: "
              "when there is at least one record).",
              "any(assessments where rosh_level in ['HIGH', 'VERY_HIGH'])"),
    Aggregate("all", AggregateOp::kAll, "all(records where condition) -> boolean",
              "True when no related record fails the condition; true when there are none.",
              "all(requirements where outcome is not null)"),
    Aggregate("sum", AggregateOp::kSum, "sum(records.field [where condition]) -> number",
              "Total of a number field over the related records that satisfy the condition; "
              "null values are skipped; 0 when no record qualifies.",
              "sum(contacts.hours_credited where contact_type = 'UPW')"),
    Aggregate("min", AggregateOp::kMin, "min(records.field [where condition]) -> field type",
              "Smallest (earliest) value of a number, date or date-time field over the "
              "related records that satisfy the condition; null values are skipped; null when "
              "no record qualifies.",
              "min(assessments.completed_date where assessment_type = 'INITIAL')"),
    Aggregate("max", AggregateOp::kMax, "max(records.field [where condition]) -> field type",
              "Largest (latest) value of a number, date or date-time field over the related "
              "records that satisfy the condition; null values are skipped; null when no "
              "record qualifies.",
              "max(contacts.contact_date where outcome = 'ATT')"),
}};

}  // namespace

std::span<const FunctionDef> AllFunctions() { return kFunctions; }

const FunctionDef* FindFunction(std::string_view name) {
  for (const FunctionDef& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace probation::measures
