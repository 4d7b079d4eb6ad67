// The performance pages (issue 13): the scorecard (GET /scorecard) with RAG, trend charts and
// each number a link to its exceptions; the exceptions behind a number (GET /exceptions),
// filterable by officer and status, paginated; their CSV and .xlsx downloads; and the board
// pack (GET /boardpack) with its .xlsx. Every figure comes from the functions behind the JSON
// API (server/measure_request.h, measures/scorecard.h, reports/), for the unit the user's scope
// allows (docs/access.md); a board member sees aggregates only, counts below 5 as "fewer than
// 5", and no exception, name or case key.
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "reports/document_xlsx.h"
#include "reports/measure_text.h"
#include "reports/measure_trend.h"
#include "reports/svg_chart.h"
#include "server/measure_scope.h"
#include "server/pages/performance_form.h"

namespace probation {
namespace {

using measures::UnitLevel;
using measures::UnitRef;

constexpr int kDueWithin = 5;      // working days that make a pending item "due soon"
constexpr int kTrendPeriods = 5;   // the period shown and the four before it
constexpr int64_t kPageSize = 50;  // exception rows per page

bool IsBoard(const RequestContext& ctx) { return ctx.principal.role == Role::kBoardMember; }

// The form's select for `name` from the query (with defaults).
PageData Select(const std::string& name, const std::string& label, std::vector<Choice> choices,
                const FormValues& query, const FormErrors& errors, const std::string& hint = "") {
  return Choices({.name = name, .legend = label, .hint = hint, .choices = std::move(choices)},
                 query, errors);
}

// A bad choice in a page's GET form: the page again with the error summary, no figures.
Result<HttpResponse> FormError(RequestContext& ctx, Page page, const std::string& field,
                               const std::string& message) {
  FormErrors errors;
  errors.Add(field.empty() ? "framework" : field, message);
  errors.AddTo(&page.data);
  page.status = 400;
  return RenderPage(ctx, std::move(page));
}

// The rows of the breakdown level's select: none, then each level below `unit`.
std::vector<Choice> LevelChoices(UnitRef unit, bool board) {
  std::vector<Choice> out = {{"", "No breakdown"}};
  for (UnitLevel level : {UnitLevel::kRegion, UnitLevel::kTrust, UnitLevel::kLdu, UnitLevel::kTeam,
                          UnitLevel::kOfficer}) {
    if (level <= unit.level || (board && level == UnitLevel::kOfficer)) continue;
    static const std::map<UnitLevel, std::string> kText = {{UnitLevel::kRegion, "By region"},
                                                           {UnitLevel::kTrust, "By trust"},
                                                           {UnitLevel::kLdu, "By LDU"},
                                                           {UnitLevel::kTeam, "By team"},
                                                           {UnitLevel::kOfficer, "By officer"}};
    out.push_back({std::string(measures::UnitLevelName(level)), kText.at(level)});
  }
  return out;
}

// The count as a board member may see it.
std::string CountText(int64_t n, bool board) {
  return board && IsSmallCount(n) ? kFewerThanSmallCount : std::to_string(n);
}

bool HasSmallCount(const measures::Tally& t) {
  return IsSmallCount(t.succeeded) || IsSmallCount(t.failed) || IsSmallCount(t.pending);
}

// A figure: its text, and the link to the items behind it (none for a board member or zero).
PageData Figure(const std::string& text, int64_t n, const std::string& href, bool board) {
  PageData f;
  f.set("text", text);
  if (!board && n > 0) f.set("href", href);
  return f;
}

std::string Temporary(const char* what) {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() /
          ("probation-" + std::string(what) + "-" + std::to_string(getpid()) + "-" +
           std::to_string(counter++) + ".xlsx"))
      .string();
}

// The file at `path` as a download named `name`; the file is removed.
Result<HttpResponse> Download(const std::string& path, const std::string& content_type,
                              const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  in.close();
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (body.str().empty()) return Internal("the workbook was not written");
  HttpResponse response;
  response.content_type = content_type;
  response.body = body.str();
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return response;
}

HttpResponse TextDownload(std::string body, const std::string& name) {
  HttpResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = std::move(body);
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return response;
}

constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// ---- the scorecard ---------------------------------------------------------------------------

// The card the scorecard's downloads and breakdown use: every unit of `by` within the unit
// (empty `by`: the unit's own level, one row). Field "by" in `*field` on a bad level.
Result<measures::Scorecard> CardBy(const RequestContext& ctx, const MeasureRequest& r,
                                   const std::string& by, std::string* field) {
  UnitLevel level = r.unit.level;
  if (!by.empty()) {
    *field = "by";
    PROBATION_ASSIGN_OR_RETURN(level, measures::ParseUnitLevel(by));
    if (level < r.unit.level) return InvalidArgument("Choose a breakdown below the unit");
  }
  if (IsBoard(ctx) && level == UnitLevel::kOfficer) {
    return PermissionDenied("a board member sees aggregates only, never an officer's figures");
  }
  field->clear();
  return measures::ComputeScorecard(*r.state->engine, *r.framework, r.period, level, r.unit);
}

Page ScorecardForm(const RequestContext& ctx, const EngineState& state, const FormErrors& errors,
                   UnitRef unit) {
  const FormValues query = PageQuery(ctx, state);
  Page page{.title = "Scorecard", .template_name = "scorecard", .nav = "/scorecard"};
  page.data.set("framework_field",
                Select("framework", "Framework", FrameworkChoices(state), query, errors));
  page.data.set("period_field", Select("period", "Period", PeriodChoices(state, query.at("period")),
                                       query, errors));
  page.data.set(
      "unit_field",
      Select("unit", "Unit", UnitChoices(ctx.principal, *state.organisation, true), query, errors));
  page.data.set("by_field",
                Select("by", "Breakdown", LevelChoices(unit, IsBoard(ctx)), query, errors));
  return page;
}

Result<HttpResponse> ScorecardPage(const ServiceContext& service, RequestContext& ctx) {
  std::string field;
  Result<MeasureRequest> request = ReadPageRequest(service, ctx, &field);
  ctx.audit.query = "framework=" + ctx.Query("framework") + " period=" + ctx.Query("period") +
                    " by=" + ctx.Query("by") + " measure=" + ctx.Query("measure");
  if (!request.ok() && request.status().code() != StatusCode::kInvalidArgument) {
    return request.status();
  }
  const std::shared_ptr<const EngineState> state = service.engine->Current();
  if (!request.ok()) {
    Result<UnitRef> home = HomeUnit(ctx.principal, *state->organisation);
    return FormError(ctx, ScorecardForm(ctx, *state, FormErrors(), home.ok() ? *home : UnitRef{}),
                     field, request.status().message());
  }
  const MeasureRequest& r = *request;
  const bool board = IsBoard(ctx);
  Page page = ScorecardForm(ctx, *r.state, FormErrors(), r.unit);
  const std::string by = ctx.Query("by");
  // The unit's own row, and the breakdown (when one is asked for) of every unit of a level.
  PROBATION_ASSIGN_OR_RETURN(
      const measures::Scorecard card,
      measures::ComputeScorecard(*r.state->engine, *r.framework, r.period, r.unit.level, r.unit));
  std::optional<measures::Scorecard> breakdown;
  if (!by.empty()) {
    Result<measures::Scorecard> by_level = CardBy(ctx, r, by, &field);
    if (!by_level.ok()) {
      if (by_level.status().code() != StatusCode::kInvalidArgument) return by_level.status();
      return FormError(ctx, std::move(page), field, by_level.status().message());
    }
    if (by_level->level != r.unit.level) breakdown = std::move(*by_level);
  }
  if (card.rows.empty()) return NotFound("no scorecard row for the chosen unit");
  const measures::ScorecardRow& own = card.rows.front();
  const measures::Organisation& org = *r.state->organisation;
  const std::string unit_code = org.Code(r.unit);

  page.data.set("framework_title", r.framework->title);
  page.data.set("unit_name", org.Name(r.unit));
  page.data.set("unit_code", unit_code);
  page.data.set("period_label", r.period.label);
  page.data.set("period_dates", r.period.start.ToString() + " to " + r.period.end.ToString());
  page.data.set("as_at", card.as_at.ToString());
  page.data.set("previous_label", card.previous.label);
  if (board) page.data.set("board", PageData::type::bool_true);

  const auto exceptions_link = [&](const measures::Measure& m, const std::string& status) {
    return QueryLink("/exceptions", {{"framework", r.framework->id},
                                     {"period", r.period.label},
                                     {"unit", unit_code},
                                     {"measure", m.code},
                                     {"status", status}});
  };
  // The measure whose full trend is shown (?measure=CODE), if any.
  const measures::Measure* chosen = nullptr;
  if (const std::string code = ctx.Query("measure"); !code.empty()) {
    chosen = r.framework->FindMeasure(code);
    if (chosen == nullptr || chosen->placeholder) {
      return NotFound("no measure " + code + " with a definition in " + r.framework->id);
    }
  }
  const std::vector<std::pair<std::string, std::string>> card_query = {
      {"framework", r.framework->id}, {"period", r.period.label}, {"unit", unit_code}};
  const auto measure_link = [&](const measures::Measure& m) {
    std::vector<std::pair<std::string, std::string>> q = card_query;
    q.push_back({"measure", m.code});
    return QueryLink("/scorecard", q) + "#trend";
  };
  PageData rows(PageData::type::list);
  const std::vector<measures::Period> periods = TrendPeriods(r.period, kTrendPeriods);
  for (size_t i = 0; i < r.framework->measures.size(); ++i) {
    const measures::Measure& m = r.framework->measures[i];
    const measures::MeasureCell& c = own.cells[i];
    PageData row;
    row.set("code", m.code);
    row.set("title", m.title);
    const bool hidden = board && HasSmallCount(c.tally);
    const std::string value_text =
        hidden ? std::string("not shown (fewer than 5 items)") : MeasureValueText(m, c.value);
    const std::string target_text = MeasureTargetText(m, c.target);
    row.set("value", value_text);
    row.set("target", target_text);
    const auto [rag_text, rag_class] = RagTag(c.rag);
    row.set("rag_text", rag_text);
    row.set("rag_class", rag_class);
    if (!c.not_rated.empty()) row.set("not_rated", c.not_rated);
    const std::string trend = CellTrendWord(m, c, false);
    row.set("trend", trend.empty() ? std::string("-") : trend);
    if (m.placeholder) {
      row.set("placeholder", PageData::type::bool_true);
      rows.push_back(row);
      continue;
    }
    row.set("failed", Figure(CountText(c.tally.failed, board), c.tally.failed,
                             exceptions_link(m, "failed"), board));
    row.set("pending", Figure(CountText(c.tally.pending, board), c.tally.pending,
                              exceptions_link(m, "pending"), board));
    if (!board) {
      PROBATION_ASSIGN_OR_RETURN(const ExceptionList soon,
                                 SelectExceptions(r, m, "due-soon", kDueWithin));
      const int64_t n = static_cast<int64_t>(soon.items.size());
      row.set("due_soon", Figure(std::to_string(n), n, exceptions_link(m, "due-soon"), board));
    }
    // The trend over the period and the four before it: a sparkline in the row, and, for the
    // measure chosen, the full chart with its table. A board member's value made from counts
    // below 5 is left out of both.
    std::vector<measures::Tally> tallies;
    PROBATION_ASSIGN_OR_RETURN(
        report::TrendChart chart,
        MeasureTrend(*r.state->engine, *r.framework, m, r.unit, periods, &tallies));
    std::vector<bool> suppressed(chart.values.size(), false);
    for (size_t p = 0; p < chart.values.size(); ++p) {
      if (board && HasSmallCount(tallies[p]) && chart.values[p]) {
        chart.values[p].reset();
        suppressed[p] = true;
      }
    }
    row.set("sparkline", report::SparklineSvg(chart, "spark-" + m.code));
    row.set("trend_href", measure_link(m));
    rows.push_back(row);
    if (&m != chosen) continue;
    PageData view;
    view.set("code", m.code);
    view.set("title", m.title);
    view.set("value", value_text);
    view.set("target", target_text);
    view.set("rag_text", rag_text);
    view.set("rag_class", rag_class);
    view.set("svg", report::TrendChartSvg(chart));
    view.set("all_href", QueryLink("/scorecard", card_query) + "#measures");
    PageData points(PageData::type::list);
    for (size_t p = 0; p < chart.labels.size(); ++p) {
      PageData point;
      point.set("label", chart.labels[p]);
      point.set("value", suppressed[p]
                             ? std::string("not shown (fewer than 5 items)")
                             : MeasureValueText(m, chart.values[p].value_or(std::nan(""))));
      point.set("target", MeasureTargetText(m, chart.targets[p]));
      points.push_back(point);
    }
    view.set("points", points);
    page.data.set("measure_view", view);
  }
  page.data.set("rows", rows);
  page.data.set("trend_periods", std::to_string(kTrendPeriods));
  page.data.set("first_period", periods.front().label);
  if (!board) {
    const std::vector<std::pair<std::string, std::string>> q = {{"framework", r.framework->id},
                                                                {"period", r.period.label},
                                                                {"unit", unit_code},
                                                                {"by", by}};
    std::vector<std::pair<std::string, std::string>> csv = q, xlsx = q;
    csv.push_back({"format", "csv"});
    xlsx.push_back({"format", "xlsx"});
    page.data.set("csv_href", QueryLink("/scorecard/download", csv));
    page.data.set("xlsx_href", QueryLink("/scorecard/download", xlsx));
  }
  if (breakdown) {
    PageData breakdown_data;
    breakdown_data.set("level", std::string(measures::UnitLevelName(breakdown->level)));
    PageData columns(PageData::type::list);
    for (const measures::Measure& m : r.framework->measures) {
      PageData col;
      col.set("code", m.code);
      columns.push_back(col);
    }
    breakdown_data.set("columns", columns);
    PageData units(PageData::type::list);
    for (const measures::ScorecardRow& row : breakdown->rows) {
      PageData u;
      u.set("name", row.unit.level == UnitLevel::kOfficer ? row.name + " (" + row.code + ")"
                                                          : row.code + " " + row.name);
      u.set("href", QueryLink("/scorecard", {{"framework", r.framework->id},
                                             {"period", r.period.label},
                                             {"unit", row.code}}));
      PageData cells(PageData::type::list);
      for (size_t i = 0; i < r.framework->measures.size(); ++i) {
        const measures::Measure& m = r.framework->measures[i];
        const measures::MeasureCell& c = row.cells[i];
        PageData cell;
        const bool hidden = board && HasSmallCount(c.tally);
        cell.set("value",
                 hidden ? std::string(kFewerThanSmallCount) : MeasureValueText(m, c.value));
        const auto [rag_text, rag_class] = RagTag(c.rag);
        if (c.rag != measures::Rag::kNone) {
          cell.set("rag_text", rag_text);
          cell.set("rag_class", rag_class);
        }
        cells.push_back(cell);
      }
      u.set("cells", cells);
      units.push_back(u);
    }
    breakdown_data.set("units", units);
    page.data.set("breakdown", breakdown_data);
  }
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> ScorecardDownload(const ServiceContext& service, RequestContext& ctx) {
  std::string field;
  ctx.audit.query = "framework=" + ctx.Query("framework") + " period=" + ctx.Query("period") +
                    " by=" + ctx.Query("by") + " format=" + ctx.Query("format");
  PROBATION_ASSIGN_OR_RETURN(const MeasureRequest r, ReadPageRequest(service, ctx, &field));
  PROBATION_ASSIGN_OR_RETURN(const measures::Scorecard card,
                             CardBy(ctx, r, ctx.Query("by"), &field));
  const std::string name = "scorecard-" + r.framework->id + "-" +
                           r.state->organisation->Code(r.unit) + "-" + r.period.label;
  const std::string format = ctx.Query("format").empty() ? "csv" : ctx.Query("format");
  if (format == "csv") return TextDownload(ScorecardCsv(card), name + ".csv");
  if (format != "xlsx") return InvalidArgument("format must be csv or xlsx");
  const std::string path = Temporary("scorecard");
  PROBATION_RETURN_IF_ERROR(WriteScorecardXlsx(std::span(&card, 1), path));
  return Download(path, kXlsxType, name + ".xlsx");
}

// ---- exceptions ------------------------------------------------------------------------------

const std::vector<Choice> kStatusChoices = {{"exceptions", "Failed and pending"},
                                            {"failed", "Failed"},
                                            {"pending", "Pending"},
                                            {"due-soon", "Due soon"},
                                            {"all", "All items"}};

std::string StatusText(const std::string& status) {
  if (status == "failed") return "Failed";
  if (status == "due-soon") return "Due soon";
  if (status == "pending") return "Pending";
  return "Succeeded";
}

std::string StatusClass(const std::string& status) {
  if (status == "failed") return "govuk-tag--red";
  if (status == "due-soon") return "govuk-tag--orange";
  if (status == "pending") return "govuk-tag--blue";
  return "govuk-tag--green";
}

Page ExceptionsForm(const RequestContext& ctx, const EngineState& state, const FormValues& query,
                    UnitRef unit) {
  const FormErrors none;
  Page page{.title = "Exceptions", .template_name = "exceptions", .nav = "/exceptions"};
  page.data.set("framework_field",
                Select("framework", "Framework", FrameworkChoices(state), query, none));
  std::vector<Choice> measures;
  if (const measures::Framework* f =
          state.FindFramework(query.count("framework") ? query.at("framework") : std::string())) {
    for (const measures::Measure& m : f->measures) {
      if (!m.placeholder) measures.push_back({m.code, m.code + " " + m.title});
    }
  }
  page.data.set("measure_field", Select("measure", "Measure", measures, query, none));
  page.data.set("period_field",
                Select("period", "Period", PeriodChoices(state, query.at("period")), query, none));
  page.data.set(
      "unit_field",
      Select("unit", "Unit", UnitChoices(ctx.principal, *state.organisation, false), query, none));
  page.data.set("officer_field", Select("officer", "Officer",
                                        OfficerChoices(*state.organisation, unit), query, none));
  page.data.set("status_field", Select("status", "Status", kStatusChoices, query, none));
  return page;
}

// The exception list the page and its download show: the request's measure and status, narrowed
// to the officer chosen (an officer within the unit). `*field` names a bad choice.
Result<ExceptionList> ReadExceptions(const ServiceContext& service, RequestContext& ctx,
                                     MeasureRequest* r, std::string* field) {
  PROBATION_ASSIGN_OR_RETURN(*r, ReadPageRequest(service, ctx, field));
  if (ctx.Query("measure").empty()) {
    for (const measures::Measure& m : r->framework->measures) {
      if (!m.placeholder) {
        ctx.query["measure"] = m.code;
        break;
      }
    }
  }
  *field = "measure";
  const measures::Measure* measure = r->framework->FindMeasure(ctx.Query("measure"));
  if (measure == nullptr || measure->placeholder) {
    return InvalidArgument("Choose a measure of the framework");
  }
  if (ctx.Query("status").empty()) ctx.query["status"] = "exceptions";
  *field = "status";
  if (!IsExceptionStatus(ctx.Query("status")) || ctx.Query("status") == "succeeded") {
    return InvalidArgument("Choose failed, pending, due soon or all");
  }
  if (const std::string officer = ctx.Query("officer"); !officer.empty()) {
    *field = "officer";
    Result<UnitRef> unit = r->state->organisation->Find(officer);
    if (!unit.ok() || unit->level != UnitLevel::kOfficer) {
      return InvalidArgument("Choose an officer from the list");
    }
    if (!r->state->organisation->Within(*unit, r->unit)) {
      return PermissionDenied("the officer " + officer + " is outside the unit");
    }
    r->unit = *unit;
  }
  field->clear();
  ctx.audit.query = "framework=" + r->framework->id + " measure=" + measure->code +
                    " period=" + r->period.label + " status=" + ctx.Query("status") +
                    " officer=" + ctx.Query("officer");
  return SelectExceptions(*r, *measure, ctx.Query("status"), kDueWithin);
}

Result<HttpResponse> ExceptionsPage(const ServiceContext& service, RequestContext& ctx) {
  MeasureRequest r;
  std::string field;
  Result<ExceptionList> list = ReadExceptions(service, ctx, &r, &field);
  if (!list.ok() && list.status().code() != StatusCode::kInvalidArgument) return list.status();
  const std::shared_ptr<const EngineState> state = service.engine->Current();
  FormValues query = PageQuery(ctx, *state);
  UnitRef form_unit = r.state ? r.unit : UnitRef{};
  if (r.state && form_unit.level == UnitLevel::kOfficer && !query["officer"].empty()) {
    // The officer select lists the officers of the unit chosen, not of the officer.
    Result<UnitRef> unit = ScopedUnit(ctx.principal, *state->organisation, ctx.Query("unit"));
    if (unit.ok()) form_unit = *unit;
  } else if (!r.state) {
    Result<UnitRef> home = HomeUnit(ctx.principal, *state->organisation);
    if (home.ok()) form_unit = *home;
  }
  Page page = ExceptionsForm(ctx, *state, query, form_unit);
  if (!list.ok()) return FormError(ctx, std::move(page), field, list.status().message());

  const measures::Engine& engine = *r.state->engine;
  const measures::Organisation& org = *r.state->organisation;
  const SnapshotTable& table = engine.snapshot().table(*list->measure->counts);
  const RecordType& type = *list->measure->counts;
  const bool of_people = !type.fields.empty() && type.fields[0].name == "crn";
  const int64_t total = static_cast<int64_t>(list->items.size());
  const int64_t pages = std::max<int64_t>(1, (total + kPageSize - 1) / kPageSize);
  int64_t page_no = 1;
  if (const std::string p = ctx.Query("page"); !p.empty()) {
    if (p.size() > 6 || p.find_first_not_of("0123456789") != std::string::npos) {
      return FormError(ctx, std::move(page), "page", "The page must be a number");
    }
    page_no = std::clamp<int64_t>(std::stoll(p), 1, pages);
  }
  PageData rows(PageData::type::list);
  const int64_t first = (page_no - 1) * kPageSize;
  for (int64_t i = first; i < std::min(total, first + kPageSize); ++i) {
    const measures::Item& item = list->items[static_cast<size_t>(i)];
    PageData row;
    const std::string key = table.KeyText(item.row);
    row.set("record", key);
    if (of_people) {
      const std::string crn = table.columns[0].AsText(item.row, type.fields[0]);
      row.set("crn", crn);
      row.set("case_href", "/cases/" + crn);
    }
    row.set("anchor", item.anchor.ToString());
    const std::string status =
        ItemStatusName(item, list->as_at, list->due_within, *r.state->calendar);
    row.set("status_text", StatusText(status));
    row.set("status_class", StatusClass(status));
    if (item.deadline != kNullInt32) {
      row.set("deadline", Date(item.deadline).ToString());
      if (item.status == measures::ItemStatus::kPending) {
        row.set("days_left", std::to_string(r.state->calendar->WorkingDaysBetween(
                                 list->as_at, Date(item.deadline))));
      }
    }
    if (item.officer >= 0) {
      const UnitRef officer{UnitLevel::kOfficer, item.officer};
      row.set("officer", org.Name(officer) + " (" + org.Code(officer) + ")");
    }
    if (item.team >= 0) row.set("team", org.Code({org.LevelOf(item.team), item.team}));
    rows.push_back(row);
  }
  std::vector<std::pair<std::string, std::string>> q = {
      {"framework", r.framework->id},    {"measure", list->measure->code},
      {"period", r.period.label},        {"unit", ctx.Query("unit")},
      {"officer", ctx.Query("officer")}, {"status", ctx.Query("status")}};
  page.data.set("rows", rows);
  if (total > 0) page.data.set("has_rows", PageData::type::bool_true);
  page.data.set("total", std::to_string(total));
  page.data.set("measure_code", list->measure->code);
  page.data.set("measure_title", list->measure->title);
  page.data.set("period_label", r.period.label);
  page.data.set("unit_name", org.Code(r.unit) + " " + org.Name(r.unit));
  page.data.set("as_at", list->as_at.ToString());
  page.data.set("due_within", std::to_string(kDueWithin));
  page.data.set("csv_href", QueryLink("/exceptions/download", q));
  if (total > 0) {
    page.data.set("showing", std::to_string(first + 1) + " to " +
                                 std::to_string(std::min(total, first + kPageSize)));
  }
  if (pages > 1) {
    PageData pagination;
    PageData items(PageData::type::list);
    const auto link = [&](int64_t n) {
      std::vector<std::pair<std::string, std::string>> with = q;
      with.push_back({"page", std::to_string(n)});
      return QueryLink("/exceptions", with);
    };
    for (int64_t n = 1; n <= pages; ++n) {
      if (n != 1 && n != pages && std::abs(n - page_no) > 2) {
        if (std::abs(n - page_no) == 3) {
          PageData gap;
          gap.set("ellipsis", PageData::type::bool_true);
          items.push_back(gap);
        }
        continue;
      }
      PageData it;
      it.set("number", std::to_string(n));
      it.set("href", link(n));
      if (n == page_no) it.set("current", PageData::type::bool_true);
      items.push_back(it);
    }
    pagination.set("items", items);
    if (page_no > 1) pagination.set("previous_href", link(page_no - 1));
    if (page_no < pages) pagination.set("next_href", link(page_no + 1));
    page.data.set("pagination", pagination);
  }
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> ExceptionsDownload(const ServiceContext& service, RequestContext& ctx) {
  MeasureRequest r;
  std::string field;
  PROBATION_ASSIGN_OR_RETURN(const ExceptionList list, ReadExceptions(service, ctx, &r, &field));
  return TextDownload(
      ExceptionsCsv(list, *r.state->engine, *r.state->calendar),
      "exceptions-" + list.measure->code + "-" + list.unit_code + "-" + r.period.label + ".csv");
}

// ---- the board pack --------------------------------------------------------------------------

Result<HttpResponse> BoardPackPage(const ServiceContext& service, RequestContext& ctx) {
  std::string field;
  Result<MeasureRequest> request = ReadPageRequest(service, ctx, &field);
  ctx.audit.query = "framework=" + ctx.Query("framework") + " period=" + ctx.Query("period");
  if (!request.ok() && request.status().code() != StatusCode::kInvalidArgument) {
    return request.status();
  }
  const std::shared_ptr<const EngineState> state = service.engine->Current();
  const FormValues query = PageQuery(ctx, *state);
  const FormErrors none;
  Page page{.title = "Board pack", .template_name = "boardpack", .nav = "/boardpack"};
  page.data.set("framework_field",
                Select("framework", "Framework", FrameworkChoices(*state), query, none));
  page.data.set("period_field",
                Select("period", "Period", PeriodChoices(*state, query.at("period")), query, none));
  page.data.set("unit_field",
                Select("unit", "Organisation",
                       UnitChoices(ctx.principal, *state->organisation, false), query, none));
  if (!request.ok()) return FormError(ctx, std::move(page), field, request.status().message());
  if (request->unit.level == UnitLevel::kOfficer) {
    return FormError(ctx, std::move(page), "unit",
                     "A board pack is for an organisation, not a staff member");
  }
  const std::vector<std::pair<std::string, std::string>> q = {
      {"framework", request->framework->id},
      {"period", request->period.label},
      {"unit", state->organisation->Code(request->unit)}};
  page.data.set("pack_name", state->organisation->Name(request->unit));
  page.data.set("period_label", request->period.label);
  page.data.set("framework_title", request->framework->title);
  page.data.set("html_href", QueryLink("/api/v1/boardpack", q));
  page.data.set("xlsx_href", QueryLink("/boardpack/download", q));
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> BoardPackDownload(const ServiceContext& service, RequestContext& ctx) {
  std::string field;
  ctx.audit.query = "framework=" + ctx.Query("framework") + " period=" + ctx.Query("period");
  PROBATION_ASSIGN_OR_RETURN(const MeasureRequest r, ReadPageRequest(service, ctx, &field));
  if (r.unit.level == UnitLevel::kOfficer) {
    return InvalidArgument("a board pack is for an organisation, not a staff member");
  }
  PROBATION_ASSIGN_OR_RETURN(const report::Document pack,
                             ServedBoardPack(r, ctx.db, ctx.principal.role));
  const std::string path = Temporary("boardpack");
  PROBATION_RETURN_IF_ERROR(report::WriteDocumentXlsx(pack, path));
  return Download(
      path, kXlsxType,
      "boardpack-" + r.state->organisation->Code(r.unit) + "-" + r.period.label + ".xlsx");
}

const std::vector<QueryParamDoc> kPageParams = {
    {"framework", "framework id (default: nps-2005-06)", false},
    {"period",
     "FY2010, 2010-Q3, 2010-04, YTD:2010-12, R12:2010-12 (default: the quarter of the "
     "data's as-at date)",
     false},
    {"unit", "organisation unit code or staff id within your scope (default: your own)", false},
};

}  // namespace

void AddPerformancePages(const ServiceContext& service) {
  const RoleSet figures = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst,
                           Role::kBoardMember};
  const RoleSet items = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst};
  const RoleSet packs = {Role::kManager, Role::kPerformanceAnalyst, Role::kBoardMember};
  std::vector<QueryParamDoc> card = kPageParams;
  card.push_back({"by", "breakdown level: ldu, team or officer", false});
  std::vector<QueryParamDoc> card_page = card;
  card_page.push_back({"measure", "a measure code: its full trend chart and figures", false});
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/scorecard",
      .handler = [service](RequestContext& ctx) { return ScorecardPage(service, ctx); },
      .roles = figures,
      .audited = true,
      .summary = "The scorecard: RAG, trends and each number a link to its exceptions (page)",
      .query_params = card_page,
      .response_type = "text/html",
      .page = true,
  });
  std::vector<QueryParamDoc> card_download = card;
  card_download.push_back({"format", "csv (default) or xlsx", false});
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/scorecard/download",
      .handler = [service](RequestContext& ctx) { return ScorecardDownload(service, ctx); },
      .roles = items,
      .audited = true,
      .summary = "The scorecard as CSV or .xlsx (download)",
      .query_params = card_download,
      .response_type = "text/csv",
      .page = true,
  });
  std::vector<QueryParamDoc> exceptions = kPageParams;
  exceptions.push_back({"measure", "measure code (default: the framework's first)", false});
  exceptions.push_back({"status", "exceptions (default), failed, pending, due-soon or all", false});
  exceptions.push_back({"officer", "a staff id within the unit", false});
  std::vector<QueryParamDoc> exceptions_page = exceptions;
  exceptions_page.push_back({"page", "page number, 50 items a page", false});
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/exceptions",
      .handler = [service](RequestContext& ctx) { return ExceptionsPage(service, ctx); },
      .roles = items,
      .audited = true,
      .summary = "The items behind a number, with links to their cases (page)",
      .query_params = exceptions_page,
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/exceptions/download",
      .handler = [service](RequestContext& ctx) { return ExceptionsDownload(service, ctx); },
      .roles = items,
      .audited = true,
      .summary = "The items behind a number as CSV (download)",
      .query_params = exceptions,
      .response_type = "text/csv",
      .page = true,
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/boardpack",
      .handler = [service](RequestContext& ctx) { return BoardPackPage(service, ctx); },
      .roles = packs,
      .audited = true,
      .summary = "The board pack: its web page and .xlsx for an organisation and period (page)",
      .query_params = kPageParams,
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/boardpack/download",
      .handler = [service](RequestContext& ctx) { return BoardPackDownload(service, ctx); },
      .roles = packs,
      .audited = true,
      .summary = "The board pack as .xlsx (download)",
      .query_params = kPageParams,
      .response_type = kXlsxType,
      .page = true,
  });
}

}  // namespace probation
