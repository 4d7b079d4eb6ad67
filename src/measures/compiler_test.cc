#include "measures/compiler.h"
#include "measures/compiler_test_util.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "base/date.h"
#include "measures/functions.h"

namespace probation::measures {
namespace {

using namespace ::probation::measures::testing;  // NOLINT: test helpers

// --- Names and relations -----------------------------------------------------------------

TEST(NameTest, FieldsAndTheirTypes) {
  EXPECT_EQ(Check("contact_date"), "date");
  EXPECT_EQ(Check("hours_credited"), "number");
  EXPECT_EQ(Check("contact_no"), "number");
  EXPECT_EQ(Check("arranged"), "boolean");
  EXPECT_EQ(Check("staff_id"), "text");
  EXPECT_EQ(Check("outcome"), "contact_outcome code");
  EXPECT_EQ(Check("decision_time", "recalls"), "date-time");
}

TEST(NameTest, ToOnePaths) {
  EXPECT_EQ(Check("sentence.person.gender"), "gender code");
  EXPECT_EQ(Tree("sentence.person.gender = 'F'"), "(= sentence.person.gender 'F')");
  Result<ExprPtr> expr = Compile("sentence.person.gender");
  ASSERT_TRUE(expr.ok());
  ASSERT_EQ((*expr)->path.size(), 2u);
  EXPECT_EQ((*expr)->path[0]->to->name, "sentences");
  EXPECT_EQ((*expr)->record->name, "people");
  EXPECT_EQ((*expr)->outer_depth, 0);
  EXPECT_EQ(Check("requirement.requirement_type = 'UPW'"), "boolean");
  EXPECT_EQ(Check("staff.team.parent.name"), "text");
  EXPECT_EQ(Check("unit.parent.level = 'trust'", "surveys"), "boolean");
  EXPECT_EQ(Check("author.grade = 'PO'", "court_reports"), "boolean");
}

TEST(NameTest, UnknownNamesSuggestTheClosest) {
  EXPECT_EQ(Check("outcme = 'UA'"),
            "fw.toml, line 1, column 1: 'outcme' is not a field of contacts; did you mean "
            "'outcome'?");
  EXPECT_EQ(Check("Outcome"),
            "fw.toml, line 1, column 1: 'Outcome' is not a field of contacts; did you mean "
            "'outcome'?");
  EXPECT_EQ(Check("zzzz"), "fw.toml, line 1, column 1: 'zzzz' is not a field of contacts");
  EXPECT_EQ(Check("sentnce.start_date"),
            "fw.toml, line 1, column 1: 'sentnce' is not a relation of contacts; did you mean "
            "'sentence'?");
  EXPECT_EQ(Check("sentence.strat_date"),
            "fw.toml, line 1, column 10: 'strat_date' is not a field of sentences; did you "
            "mean 'start_date'?");
  EXPECT_EQ(Check("outcome.name"),
            "fw.toml, line 1, column 1: 'outcome' is a field of contacts, not a relation: only "
            "relations can be followed by '.'");
  EXPECT_EQ(Check("sentence"),
            "fw.toml, line 1, column 1: 'sentence' is a record, not a value: name one of its "
            "fields, e.g. sentence.sentence_date");
  EXPECT_EQ(Check("period_start"),
            "fw.toml, line 1, column 1: 'period_start' is a function: write period_start(...)");
}

TEST(NameTest, ToManyRelationsOnlyInAggregates) {
  EXPECT_EQ(Check("contacts", "sentences"),
            "fw.toml, line 1, column 1: contacts is a list of records: use it inside count(), "
            "any(), all(), sum(), min() or max()");
  EXPECT_EQ(Check("contacts.outcome = 'UA'", "sentences"),
            "fw.toml, line 1, column 1: contacts is a list of records: use it inside count(), "
            "any(), all(), sum(), min() or max()");
  EXPECT_EQ(Check("sentence.contacts", "breaches"),
            "fw.toml, line 1, column 10: sentence.contacts is a list of records: use it inside "
            "count(), any(), all(), sum(), min() or max()");
}

TEST(NameTest, OuterOnlyInsideAggregates) {
  EXPECT_EQ(Check("outer.contact_date"),
            "fw.toml, line 1, column 1: 'outer' can only be used inside count(), any(), all(), "
            "sum(), min() or max(), for the record they are written on");
  EXPECT_EQ(Check("count(contacts where outer.outer.start_date = contact_date) = 0", "sentences"),
            "fw.toml, line 1, column 28: there is no record that far out: 'outer.' can be used "
            "at most 1 time(s) here");
  EXPECT_EQ(Check("any(contacts where outer)", "sentences"),
            "fw.toml, line 1, column 20: 'outer' is a record, not a value: name one of its "
            "fields, e.g. outer.sentence_date");
}

// --- Aggregates --------------------------------------------------------------------------

TEST(AggregateTest, CountAnyAll) {
  EXPECT_EQ(Check("count(contacts where outcome = 'UA')", "sentences"), "number");
  EXPECT_EQ(Tree("count(contacts where outcome = 'UA')", "sentences"),
            "(agg contacts (= outcome 'UA'))");
  EXPECT_EQ(Check("count(contacts)", "sentences"), "number");
  EXPECT_EQ(Check("any(breaches)", "sentences"), "boolean");
  EXPECT_EQ(Check("all(requirements where outcome = 'COMPLETED')", "sentences"), "boolean");
  EXPECT_EQ(Check("count(sentence.contacts where contact_date > outer.failure_date)", "breaches"),
            "number");
  EXPECT_EQ(Check("any(person.registrations where registration_type = 'MAPPA')", "sentences"),
            "boolean");
}

TEST(AggregateTest, MinMaxSum) {
  Result<ExprPtr> expr =
      Compile("min(assessments.completed_date where assessment_type = 'INITIAL')", "sentences");
  ASSERT_TRUE(expr.ok()) << expr.status().message();
  const Expr& e = **expr;
  EXPECT_EQ(e.kind, Expr::Kind::kAggregate);
  EXPECT_EQ(e.aggregate, AggregateOp::kMin);
  EXPECT_EQ(e.type.type, Type::kDate);
  EXPECT_EQ(e.relation->name, "assessments");
  EXPECT_EQ(e.value->record->name, "assessments");
  EXPECT_EQ(e.where->args[1]->literal.text, "INITIAL");
  EXPECT_EQ(Check("max(recalls.decision_time)", "sentences"), "date-time");
  EXPECT_EQ(Check("sum(contacts.hours_credited where contact_type = 'UPW')", "sentences"),
            "number");
  EXPECT_EQ(Check("max(contacts.requirement.start_date)", "sentences"), "date");
}

TEST(AggregateTest, OuterRefersToTheEnclosingRecord) {
  Result<ExprPtr> expr =
      Compile("all(assessments where completed_date <= add_working_days(outer.start_date, 5))",
              "sentences");
  ASSERT_TRUE(expr.ok()) << expr.status().message();
  const Expr& outer_field = *(*expr)->where->args[1]->args[0];
  EXPECT_EQ(outer_field.kind, Expr::Kind::kField);
  EXPECT_EQ(outer_field.outer_depth, 1);
  EXPECT_EQ(outer_field.record->name, "sentences");
  EXPECT_EQ(Check("any(contacts where contact_date > outer.person.date_of_birth)", "sentences"),
            "boolean");
}

TEST(AggregateTest, NestedAggregates) {
  EXPECT_EQ(Tree("count(sentences where any(contacts where outcome = 'UA'))", "people"),
            "(agg sentences (agg contacts (= outcome 'UA')))");
  Result<ExprPtr> expr = Compile(
      "count(sentences where any(contacts where contact_date > outer.outer.date_of_birth "
      "and outer.start_date < contact_date))",
      "people");
  ASSERT_TRUE(expr.ok()) << expr.status().message();
  const Expr& inner_where = *(*expr)->where->where;
  EXPECT_EQ(inner_where.args[0]->args[1]->outer_depth, 2);
  EXPECT_EQ(inner_where.args[0]->args[1]->record->name, "people");
  EXPECT_EQ(inner_where.args[1]->args[0]->outer_depth, 1);
  EXPECT_EQ(inner_where.args[1]->args[0]->record->name, "sentences");
  // An aggregate inside an aggregate may start from the outer record.
  Result<ExprPtr> from_outer =
      Compile("any(contacts where count(outer.breaches) > 0)", "sentences");
  ASSERT_TRUE(from_outer.ok()) << from_outer.status().message();
  EXPECT_EQ((*from_outer)->where->args[0]->outer_depth, 1);
}

TEST(AggregateTest, Errors) {
  EXPECT_EQ(Check("count(contacts.outcome)", "sentences"),
            "fw.toml, line 1, column 16: count() takes records, not a field: write "
            "count(contacts where ...)");
  EXPECT_EQ(Check("sum(contacts)", "sentences"),
            "fw.toml, line 1, column 5: sum() needs a field of the records, e.g. "
            "sum(contacts.contact_date)");
  EXPECT_EQ(Check("sum(contacts.contact_date)", "sentences"),
            "fw.toml, line 1, column 14: sum() needs a number field, but this is a date");
  EXPECT_EQ(Check("min(contacts.outcome)", "sentences"),
            "fw.toml, line 1, column 14: min() needs a number, date or date-time field, but "
            "this is a contact_outcome code");
  EXPECT_EQ(Check("all(contacts)", "sentences"),
            "fw.toml, line 1, column 1: all() needs a condition: all(contacts where ...)");
  EXPECT_EQ(Check("count(contacts where hours_credited)", "sentences"),
            "fw.toml, line 1, column 22: the condition after 'where' must be true or false, but "
            "it is a number");
  EXPECT_EQ(Check("count(outcome)"),
            "fw.toml, line 1, column 7: count() needs a list of related records, but 'outcome' "
            "is not one; contacts has no lists");
  EXPECT_EQ(Check("count(sentence)"),
            "fw.toml, line 1, column 7: count() needs a list of related records, but 'sentence' "
            "is not one; the lists of sentences are responsible_officers, requirements, "
            "assessments, contacts, breaches, recalls, victim_contacts, circumstances, "
            "ete_outcomes");
  EXPECT_EQ(Check("count(contcts)", "sentences"),
            "fw.toml, line 1, column 7: 'contcts' is not a relation of sentences; did you mean "
            "'contacts'?");
  EXPECT_EQ(Check("count()", "sentences"),
            "fw.toml, line 1, column 1: count() takes a list of related records, e.g. "
            "count(contacts where outcome = 'UA')");
  EXPECT_EQ(Check("count(1 + 2)", "sentences"),
            "fw.toml, line 1, column 7: count() takes a list of related records, e.g. "
            "count(contacts where outcome = 'UA')");
  EXPECT_EQ(Check("count(contacts, breaches)", "sentences"),
            "fw.toml, line 1, column 7: count() takes a list of related records, e.g. "
            "count(contacts where outcome = 'UA')");
  EXPECT_EQ(Check("count(contacts where outcme = 'UA')", "sentences"),
            "fw.toml, line 1, column 22: 'outcme' is not a field of contacts; did you mean "
            "'outcome'?");
  EXPECT_EQ(Check("days(contact_date, contact_date where arranged) > 0"),
            "fw.toml, line 1, column 39: 'where' can only be used in count(), any(), all(), "
            "sum(), min() or max()");
}

// --- Typing rules -----------------------------------------------------------------------

struct Case {
  std::string_view subject;
  std::string_view text;
  std::string_view result;  // a type name, or the error message after "fw.toml, line 1, "
};

void ExpectAll(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    std::string got = Check(c.text, c.subject);
    const std::string prefix = "fw.toml, line 1, ";
    if (got.starts_with(prefix)) got = got.substr(prefix.size());
    EXPECT_EQ(got, c.result) << c.subject << ": " << c.text;
  }
}

TEST(TypingTest, Equality) {
  ExpectAll({
      {"contacts", "hours_credited = 2", "boolean"},
      {"contacts", "staff_id = 'S1' and staff_id != 'S2' and staff_id <> 'S3'", "boolean"},
      {"contacts", "arranged = true", "boolean"},
      {"contacts", "arranged != ns_required", "boolean"},
      {"contacts", "contact_date = sentence.start_date", "boolean"},
      {"people", "gender = 'F'", "boolean"},
      {"people", "'F' = gender", "boolean"},
      {"staff", "gender = team.parent.parent.level",
       "column 8: cannot compare a gender code "
       "with an org_level code"},
      {"contacts", "hours_credited = '2'",
       "column 16: cannot compare a number with text: write "
       "numbers without quotes"},
      {"contacts", "contact_date = '2011-04-01'",
       "column 14: cannot compare a date with text: "
       "write a date as date 'YYYY-MM-DD'"},
      {"contacts", "arranged = 'Y'",
       "column 10: cannot compare a boolean (true or false) with "
       "text: Y/N fields are true or false, e.g. 'arranged' or "
       "'arranged = false'"},
      {"contacts", "outcome = staff_id",
       "column 9: cannot compare a contact_outcome code with "
       "text"},
      {"contacts", "outcome = 1",
       "column 9: cannot compare a contact_outcome code with a "
       "number"},
  });
}

TEST(TypingTest, Ordering) {
  ExpectAll({
      {"contacts", "hours_credited >= 1.5", "boolean"},
      {"contacts", "contact_date < date '2011-04-01'", "boolean"},
      {"recalls", "decision_time <= request_received_time", "boolean"},
      {"contacts", "staff_id < 'S5'",
       "column 10: '<' compares numbers, dates or date-times, not "
       "text"},
      {"contacts", "outcome > 'UA'",
       "column 9: '>' compares numbers, dates or date-times, not a "
       "contact_outcome code"},
      {"contacts", "arranged <= true",
       "column 10: '<=' compares numbers, dates or date-times, "
       "not a boolean (true or false)"},
      {"recalls", "decision_time > sentence.start_date",
       "column 15: cannot compare a date-time with a date: use date_of() to take the date of a "
       "date-time"},
      {"recalls", "date_of(decision_time) > sentence.start_date", "boolean"},
      {"contacts", "contact_date between 1 and 2",
       "column 14: cannot compare a date with a number"},
      {"contacts", "staff_id between 'A' and 'B'",
       "column 10: 'between' compares numbers, dates or date-times, not text"},
  });
}

TEST(TypingTest, NullRules) {
  ExpectAll({
      {"contacts", "outcome = null",
       "column 9: 'outcome = null' never holds: use 'outcome is "
       "null'"},
      {"contacts", "null = sentence.start_date",
       "column 6: 'sentence.start_date = null' never holds: use 'sentence.start_date is null'"},
      {"contacts", "outcome != null",
       "column 9: 'outcome != null' never holds: use 'outcome is "
       "not null'"},
      {"contacts", "contact_date < null",
       "column 14: a comparison with null never holds: use "
       "'contact_date is null' or 'contact_date is not null'"},
      {"contacts", "outcome in ['UA', null]",
       "column 19: null cannot be in a list: use 'is "
       "null' or 'is not null'"},
      {"contacts", "null is null", "boolean"},
      {"contacts", "arranged and null", "boolean"},
      {"contacts", "not null", "null"},
      {"contacts", "hours_credited + null", "number"},
      {"contacts", "contact_date - null", "date"},
      {"contacts", "null", "null"},
      {"contacts", "coalesce(null, contact_date)", "date"},
      {"contacts", "null in [1]", "column 6: 'in [...]' cannot be used with null"},
  });
}

TEST(TypingTest, InLists) {
  ExpectAll({
      {"sentences", "sentence_type in ['CO', 'SSO', 'LIC']", "boolean"},
      {"sentences", "sentence_type not in ['CUS']", "boolean"},
      {"sentences", "sentence_type in ['CO', 'XX']",
       "column 25: 'XX' is not a sentence_type code (allowed: CO, SSO, PCJA, CUS, LIC)"},
      {"sentences", "sentence_type in [1]",
       "column 19: the list is compared with a "
       "sentence_type code, so its values must be too, but "
       "1 is a number"},
      {"contacts", "hours_credited in [1, 2.5, -3]", "boolean"},
      {"contacts", "hours_credited in ['1']",
       "column 20: the list is compared with a number, "
       "so its values must be too, but '1' is text"},
      {"contacts", "contact_date in [date '2011-04-01']", "boolean"},
      {"contacts", "staff_id in ['S1', 'S2']", "boolean"},
      {"contacts", "arranged in [true]", "boolean"},
      {"recalls", "decision_time in [1]",
       "column 15: 'in [...]' cannot be used with a "
       "date-time"},
  });
}

TEST(TypingTest, Arithmetic) {
  ExpectAll({
      {"contacts", "hours_credited * 2 / 3 - 1", "number"},
      {"contacts", "contact_date + 7", "date"},
      {"contacts", "contact_date - 7", "date"},
      {"recalls", "decision_time + 24", "date-time"},
      {"contacts", "-hours_credited", "number"},
      {"contacts", "contact_date - contact_date",
       "column 14: cannot subtract dates: use days(from, to) or working_days(from, to)"},
      {"recalls", "request_received_time - decision_time",
       "column 23: cannot subtract date-times: use hours(from, to)"},
      {"contacts", "7 + contact_date", "column 3: write the date first: date + number of days"},
      {"contacts", "contact_date * 2",
       "column 14: cannot use '*' on a date and a number: '*' "
       "and '/' take numbers"},
      {"contacts", "contact_date + contact_date",
       "column 14: cannot use '+' on a date and a date: '+' and '-' take numbers, or a date or "
       "date-time and a number"},
      {"contacts", "staff_id + 1",
       "column 10: cannot use '+' on text and a number: '+' and '-' "
       "take numbers, or a date or date-time and a number"},
      {"contacts", "-contact_date", "column 2: '-' needs a number, but this is a date"},
  });
}

TEST(TypingTest, Logic) {
  ExpectAll({
      {"contacts", "arranged and not ns_required or outcome = 'UA'", "boolean"},
      {"contacts", "arranged and hours_credited",
       "column 14: 'and' joins conditions (true or false), but this is a number"},
      {"contacts", "outcome or arranged",
       "column 1: 'or' joins conditions (true or false), but this is a contact_outcome code"},
      {"contacts", "not contact_date",
       "column 5: 'not' needs a boolean (true or false), but "
       "this is a date"},
  });
}

TEST(TypingTest, CodeLiteralsAreCheckedAgainstTheirList) {
  EXPECT_EQ(Check("outcome = 'XX'"),
            "fw.toml, line 1, column 11: 'XX' is not a contact_outcome code (allowed: ATT, AA, "
            "UA, SD)");
  EXPECT_EQ(Check("outcome = 'ua'"),
            "fw.toml, line 1, column 11: 'ua' is not a contact_outcome code (allowed: ATT, AA, "
            "UA, SD)");
  Result<ExprPtr> expr = Compile("outcome = 'UA'");
  ASSERT_TRUE(expr.ok());
  const Literal& code = (*expr)->args[1]->literal;
  EXPECT_EQ(code.type, Type::kCode);
  EXPECT_EQ(code.code, 2);
  EXPECT_EQ(code.text, "UA");
  EXPECT_EQ((*expr)->args[1]->type.code_list, "contact_outcome");
  Result<ExprPtr> list = Compile("rosh_level in ['HIGH', 'VERY_HIGH']", "assessments");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ((*list)->list[1].type, Type::kCode);
  EXPECT_EQ((*list)->list[1].code, 3);
  EXPECT_EQ(Check("coalesce(outcome, 'UA')"), "contact_outcome code");
  EXPECT_EQ(Check("coalesce(outcome, 'XX')"),
            "fw.toml, line 1, column 19: 'XX' is not a contact_outcome code (allowed: ATT, AA, "
            "UA, SD)");
}

TEST(TypingTest, DateLiterals) {
  Result<ExprPtr> expr = Compile("contact_date >= date '2011-04-01'");
  ASSERT_TRUE(expr.ok());
  EXPECT_EQ((*expr)->args[1]->literal.type, Type::kDate);
  EXPECT_EQ((*expr)->args[1]->literal.days, Date::FromCivil(2011, 4, 1).days());
  EXPECT_EQ(Check("contact_date >= DATE '2011-02-29'"),
            "fw.toml, line 1, column 22: '2011-02-29' does not exist (that month has 28 days)");
  EXPECT_EQ(Check("contact_date >= date '1 April 2011'"),
            "fw.toml, line 1, column 22: '1 April 2011' is not a date in the form YYYY-MM-DD");
}

TEST(TypingTest, ExpectedType) {
  EXPECT_TRUE(Compile("arranged", "contacts", Type::kBool).ok());
  EXPECT_TRUE(Compile("null", "contacts", Type::kBool).ok());
  EXPECT_TRUE(Compile("add_working_days(failure_date, 10)", "breaches", Type::kDate).ok());
  EXPECT_EQ(Compile("hours_credited + 1", "contacts", Type::kBool, {4, 3}).status().message(),
            "fw.toml, line 4, column 3: this must give a boolean (true or false), but it "
            "gives a number");
  EXPECT_EQ(Compile("failure_date > period_start()", "breaches", Type::kDate).status().message(),
            "fw.toml, line 1, column 1: this must give a date, but it gives a boolean (true or "
            "false)");
  EXPECT_EQ(Compile("outcome", "contacts", Type::kNumber).status().message(),
            "fw.toml, line 1, column 1: this must give a number, but it gives a contact_outcome "
            "code");
}

// --- Functions ---------------------------------------------------------------------------

TEST(FunctionTest, CatalogueIsComplete) {
  std::set<std::string_view> names;
  int functions = 0, aggregates = 0;
  for (const FunctionDef& f : AllFunctions()) {
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    EXPECT_TRUE(f.signature.starts_with(std::string(f.name) + "(")) << f.name;
    EXPECT_NE(f.signature.find(") -> "), std::string_view::npos) << f.name;
    EXPECT_FALSE(f.description.empty()) << f.name;
    EXPECT_EQ(FindFunction(f.name), &f);
    (f.is_aggregate ? aggregates : functions)++;
  }
  EXPECT_EQ(functions, static_cast<int>(FunctionId::kAsAt) + 1);
  EXPECT_EQ(aggregates, static_cast<int>(AggregateOp::kMax) + 1);
  EXPECT_EQ(FindFunction("nonesuch"), nullptr);
}

// Every catalogue example compiles on some record type.
TEST(FunctionTest, ExamplesCompile) {
  for (const FunctionDef& f : AllFunctions()) {
    bool compiled = false;
    for (const RecordType& type : AllRecordTypes()) {
      compiled = compiled || Compile(f.example, type.name).ok();
    }
    EXPECT_TRUE(compiled) << f.name << ": " << f.example;
  }
}

TEST(FunctionTest, SignaturesAreEnforced) {
  ExpectAll({
      {"breaches", "working_days(failure_date, initiated_date)", "number"},
      {"breaches", "add_working_days(failure_date, 10)", "date"},
      {"breaches", "days(failure_date, initiated_date)", "number"},
      {"breaches", "add_days(failure_date, -3)", "date"},
      {"recalls", "hours(decision_time, request_received_time)", "number"},
      {"recalls", "date_of(decision_time)", "date"},
      {"sentences", "coalesce(termination_date, expected_end_date, start_date)", "date"},
      {"sentences", "age(person.date_of_birth, start_date)", "number"},
      {"sentences", "period_start()", "date"},
      {"sentences", "period_end()", "date"},
      {"sentences", "as_at()", "date"},
      {"sentences", "coalesce(termination_reason, 'OTHER')", "termination_reason code"},
      {"breaches", "working_days(failure_date)",
       "column 1: working_days() takes 2 arguments (working_days(from date, to date) -> "
       "number), but was given 1"},
      {"breaches", "working_days(failure_date, 10)",
       "column 28: argument 2 of working_days() must be a date (working_days(from date, to "
       "date) -> number), but it is a number"},
      {"breaches", "add_working_days(10, failure_date)",
       "column 18: argument 1 of add_working_days() must be a date (add_working_days(d date, n "
       "number) -> date), but it is a number"},
      {"breaches", "add_working_days(failure_date, failure_date)",
       "column 32: argument 2 of add_working_days() must be a number (add_working_days(d date, "
       "n number) -> date), but it is a date"},
      {"breaches", "days(failure_date, 1, 2)",
       "column 1: days() takes 2 arguments (days(from date, to date) -> number), but was given "
       "3"},
      {"breaches", "add_days(failure_date, 'x')",
       "column 24: argument 2 of add_days() must be a number (add_days(d date, n number) -> "
       "date), but it is text"},
      {"recalls", "hours(sentence.start_date, decision_time)",
       "column 7: argument 1 of hours() must be a date-time (hours(from date-time, to "
       "date-time) -> number), but it is a date"},
      {"recalls", "days(decision_time, sentence.start_date)",
       "column 6: argument 1 of days() must be a date (days(from date, to date) -> number), "
       "but it is a date-time: use date_of() to take its date"},
      {"breaches", "date_of(failure_date)",
       "column 9: argument 1 of date_of() must be a date-time (date_of(t date-time) -> date), "
       "but it is a date"},
      {"breaches", "coalesce(failure_date)",
       "column 1: coalesce() takes at least 2 arguments (coalesce(x T, y T, ...) -> T), but was "
       "given 1"},
      {"breaches", "coalesce(failure_date, breach_no)",
       "column 24: argument 2 of coalesce() must be a date (coalesce(x T, y T, ...) -> T), but "
       "it is a number"},
      {"sentences", "age(person.date_of_birth)",
       "column 1: age() takes 2 arguments (age(birth date, on date) -> number), but was given "
       "1"},
      {"sentences", "period_start(start_date)",
       "column 1: period_start() takes 0 arguments (period_start() -> date), but was given 1"},
      {"sentences", "as_at(1)",
       "column 1: as_at() takes 0 arguments (as_at() -> date), but was given 1"},
      {"sentences", "period_ends()",
       "column 1: 'period_ends' is not a function; did you mean 'period_end'?"},
      {"sentences", "frobnicate()", "column 1: 'frobnicate' is not a function"},
  });
}

// --- The specification's worked examples -------------------------------------------------

TEST(ExampleTest, SpecificationExamplesCompile) {
  const Case cases[] = {
      {"breaches", "initiated_date <= add_working_days(failure_date, 10)", "boolean"},
      {"breaches", "add_working_days(failure_date, 10)", "date"},
      {"sentences",
       "sentence_type in ['CO','SSO','LIC'] and any(assessments where assessment_type = "
       "'INITIAL' and rosh_level in ['HIGH','VERY_HIGH'])",
       "boolean"},
      {"sentences",
       "all(assessments where assessment_type = 'INITIAL'\n"
       "    and completed_date <= add_working_days(outer.start_date, 5)\n"
       "    and rmp_completed_date <= add_working_days(outer.start_date, 5)\n"
       "    and sentence_plan_completed_date <= add_working_days(outer.start_date, 5))",
       "boolean"},
      {"recalls", "hours(decision_time, request_received_time) <= 24", "boolean"},
      {"sentences",
       "count(contacts where outcome = 'ATT') / count(contacts where outcome in "
       "['ATT', 'UA'])",
       "number"},
  };
  ExpectAll({std::begin(cases), std::end(cases)});
}

}  // namespace
}  // namespace probation::measures
