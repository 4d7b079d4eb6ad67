// The risk registers as pages (docs/risks.md, "The web pages"): each register's heat map of
// residual ratings (an HTML table grid: counts by likelihood and impact, each cell with its
// matrix score and its status in colour and in words), its risks by status band with the red
// and black risks first (GET /risks), and a risk's page with its ratings, controls and reviews
// and, for those allowed (server/planning_access.h), the form that records a review
// (POST /risks/{register}/{reference}, planning::AddReview). The figures are the risk queries'
// (planning/risk_queries.h), as GET /api/v1/risks gives them. Registers carry no case data:
// read by every role but the administrator; a review is audited.
#include <algorithm>
#include <string>

#include "planning/risk_matrix.h"
#include "planning/risk_queries.h"
#include "planning/risk_store.h"
#include "planning/risk_thresholds.h"
#include "reports/risk_heat_map.h"
#include "reports/svg_chart.h"
#include "server/form_fields.h"
#include "server/page.h"
#include "server/pages/record_form.h"
#include "server/planning_access.h"
#include "server/routes.h"

namespace probation {
namespace {

constexpr RoleSet kRiskReaders = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst,
                                  Role::kBoardMember};
constexpr RoleSet kRiskReviewers = {Role::kManager, Role::kPerformanceAnalyst};
constexpr int64_t kSecondsPerDay = 86400;
constexpr size_t kMaxNote = 4000;
constexpr RecordForm kReviewForm = {.allowed = "may_review", .done = "reviewed"};

PageData Bool(bool value) {
  return PageData(value ? PageData::type::bool_true : PageData::type::bool_false);
}

PageData Text(const std::string& text) { return text.empty() ? Bool(false) : PageData(text); }

Date Today(const RequestContext& ctx) {
  return Date(static_cast<int32_t>(ctx.now / kSecondsPerDay));
}

// "Very low", ... for a rating's letters.
const char* RatingWords(planning::Rating rating) {
  switch (rating) {
    case planning::Rating::kVeryLow:
      return "Very low";
    case planning::Rating::kLow:
      return "Low";
    case planning::Rating::kMedium:
      return "Medium";
    case planning::Rating::kHigh:
      return "High";
    case planning::Rating::kVeryHigh:
      return "Very high";
  }
  return "";
}

// A status as the partial rag_tag shows it: the colour and the word.
// "Red", ..., "Not rated".
std::string StatusWord(planning::RiskStatus status) {
  if (status == planning::RiskStatus::kUnrated) return "Not rated";
  std::string name(planning::RiskStatusName(status));
  name[0] = static_cast<char>(name[0] - 32);
  return name;
}

PageData StatusTag(planning::RiskStatus status) {
  PageData tag;
  tag.set("tone", status == planning::RiskStatus::kUnrated
                      ? std::string("none")
                      : std::string(planning::RiskStatusName(status)));
  tag.set("word", StatusWord(status));
  return tag;
}

// Red and black first (black, then red), then amber, green and unrated, each by score, highest
// first; ties in the register's order.
int StatusRank(planning::RiskStatus status) {
  switch (status) {
    case planning::RiskStatus::kBlack:
      return 0;
    case planning::RiskStatus::kRed:
      return 1;
    case planning::RiskStatus::kAmber:
      return 2;
    case planning::RiskStatus::kGreen:
      return 3;
    case planning::RiskStatus::kUnrated:
      break;
  }
  return 4;
}

std::string RiskHref(const planning::RiskRegister& reg, const planning::Risk& risk) {
  return "/risks/" + reg.id + "/" + risk.reference;
}

std::string RatingWithWords(const planning::RiskRating& rating) {
  return planning::RatingText(rating) + " (likelihood " + RatingWords(rating.likelihood) +
         ", impact " + RatingWords(rating.impact) + ")";
}

PageData RiskRow(const planning::RiskRegister& reg, const planning::ScoredRisk& s) {
  const planning::Risk& risk = *s.risk;
  PageData row;
  row.set("reference", risk.reference);
  row.set("href", RiskHref(reg, risk));
  row.set("title", risk.title.empty() ? risk.description : risk.title);
  row.set("owner", Text(risk.owner));
  row.set("rating", risk.residual ? planning::RatingText(*risk.residual) : "-");
  row.set("score", s.residual_score ? std::to_string(*s.residual_score) : "-");
  row.set("tag", StatusTag(s.status));
  row.set("last_review", Text(risk.reviews.empty() ? "" : risk.reviews.back().date.ToString()));
  return row;
}

// The heat map drawn (reports/svg_chart.h): ratings and status bands in words in each cell.
std::string HeatMapFigure(const planning::RiskRegister& reg, const planning::HeatMap& counts,
                          const planning::RiskMatrix& matrix,
                          const planning::RiskThresholds& thresholds) {
  report::HeatMap chart =
      RiskHeatMapChart(counts, matrix, thresholds, reg.title + ", residual ratings");
  std::vector<std::vector<std::string>> words;
  for (int l = planning::kRatingCount - 1; l >= 0; --l) {
    chart.row_labels[planning::kRatingCount - 1 - l] =
        RatingWords(static_cast<planning::Rating>(l));
    std::vector<std::string> row;
    for (int i = 0; i < planning::kRatingCount; ++i) {
      const int score =
          matrix.Score(static_cast<planning::Rating>(l), static_cast<planning::Rating>(i));
      row.push_back(StatusWord(thresholds.StatusOf(score)));
    }
    words.push_back(std::move(row));
  }
  for (int i = 0; i < planning::kRatingCount; ++i) {
    chart.column_labels[i] = RatingWords(static_cast<planning::Rating>(i));
  }
  return report::HeatMapFigureSvg(chart, "heat-" + reg.id, words);
}

// One register's heat map, counts by status and risks, severest first.
Result<PageData> RegisterData(const planning::RiskRegister& reg,
                              const planning::RiskMatrix& matrix) {
  PROBATION_ASSIGN_OR_RETURN(planning::RiskThresholds thresholds,
                             planning::LoadRiskThresholds(reg.thresholds));
  const std::vector<planning::ScoredRisk> scored = planning::ScoreRisks(reg, matrix, thresholds);
  const planning::HeatMap map = planning::MakeHeatMap(scored);
  PageData data;
  data.set("id", reg.id);
  data.set("title", reg.title);
  data.set("organisation", reg.organisation);
  data.set("period", reg.period);
  data.set("total", std::to_string(scored.size()));
  data.set("rated", std::to_string(map.Total()));
  data.set("unrated", std::to_string(map.unrated));
  data.set("has_unrated", Bool(map.unrated > 0));
  PageData columns(PageData::type::list);
  for (int i = 0; i < planning::kRatingCount; ++i) {
    const auto rating = static_cast<planning::Rating>(i);
    PageData c;
    c.set("code", std::string(planning::RatingName(rating)));
    c.set("words", RatingWords(rating));
    columns.push_back(c);
  }
  data.set("columns", columns);
  PageData rows(PageData::type::list);
  for (int l = planning::kRatingCount - 1; l >= 0; --l) {
    const auto likelihood = static_cast<planning::Rating>(l);
    PageData row;
    row.set("code", std::string(planning::RatingName(likelihood)));
    row.set("words", RatingWords(likelihood));
    PageData cells(PageData::type::list);
    for (int i = 0; i < planning::kRatingCount; ++i) {
      const auto impact = static_cast<planning::Rating>(i);
      const int score = matrix.Score(likelihood, impact);
      const planning::RiskStatus status = thresholds.StatusOf(score);
      std::string word(planning::RiskStatusName(status));
      word[0] = static_cast<char>(word[0] - 32);
      PageData cell;
      cell.set("count", std::to_string(map.counts[l][i]));
      cell.set("score", std::to_string(score));
      cell.set("status", std::string(planning::RiskStatusName(status)));
      cell.set("word", word);
      cell.set("likelihood", std::string(planning::RatingName(likelihood)));
      cell.set("impact", std::string(planning::RatingName(impact)));
      cells.push_back(cell);
    }
    row.set("cells", cells);
    rows.push_back(row);
  }
  data.set("rows", rows);
  data.set("heat_svg", HeatMapFigure(reg, map, matrix, thresholds));
  int by_status[5] = {0, 0, 0, 0, 0};
  for (const planning::ScoredRisk& s : scored) ++by_status[static_cast<int>(s.status)];
  PageData bands(PageData::type::list);
  for (const planning::RiskStatus status :
       {planning::RiskStatus::kBlack, planning::RiskStatus::kRed, planning::RiskStatus::kAmber,
        planning::RiskStatus::kGreen, planning::RiskStatus::kUnrated}) {
    PageData band;
    band.set("tag", StatusTag(status));
    band.set("status", std::string(planning::RiskStatusName(status)));
    band.set("count", std::to_string(by_status[static_cast<int>(status)]));
    bands.push_back(band);
  }
  data.set("bands", bands);
  std::vector<planning::ScoredRisk> ordered = scored;
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const planning::ScoredRisk& a, const planning::ScoredRisk& b) {
                     const int ra = StatusRank(a.status), rb = StatusRank(b.status);
                     if (ra != rb) return ra < rb;
                     return a.residual_score.value_or(0) > b.residual_score.value_or(0);
                   });
  PageData severe(PageData::type::list), others(PageData::type::list);
  bool has_severe = false, has_others = false;
  for (const planning::ScoredRisk& s : ordered) {
    const bool is_severe =
        s.status == planning::RiskStatus::kRed || s.status == planning::RiskStatus::kBlack;
    (is_severe ? severe : others).push_back(RiskRow(reg, s));
    (is_severe ? has_severe : has_others) = true;
  }
  data.set("severe", severe);
  data.set("has_severe", Bool(has_severe));
  data.set("others", others);
  data.set("has_others", Bool(has_others));
  return data;
}

Result<HttpResponse> RisksPage(RequestContext& ctx) {
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::RiskRegister> registers,
                             planning::LoadRegisters(ctx.db));
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, planning::LoadRiskMatrix());
  Page page{.title = "Risk registers", .template_name = "risks", .nav = "/risks"};
  PageData list(PageData::type::list);
  for (const planning::RiskRegister& reg : registers) {
    PROBATION_ASSIGN_OR_RETURN(PageData data, RegisterData(reg, matrix));
    list.push_back(data);
  }
  page.data.set("registers", list);
  page.data.set("has_registers", Bool(!registers.empty()));
  return RenderPage(ctx, std::move(page));
}

// The register and risk the path names, or NotFound.
struct FoundRisk {
  planning::RiskRegister reg;
  size_t index = 0;
  const planning::Risk& risk() const { return reg.risks[index]; }
};

Result<FoundRisk> FindRisk(RequestContext& ctx) {
  const std::string& id = ctx.Param("register");
  if (!planning::IsRegisterId(id)) return NotFound("there is no risk register " + id);
  Result<std::vector<planning::RiskRegister>> found = planning::LoadRegisters(ctx.db, id);
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) {
      return NotFound("there is no risk register " + id);
    }
    return found.status();
  }
  FoundRisk out{std::move(found->front())};
  for (size_t i = 0; i < out.reg.risks.size(); ++i) {
    if (out.reg.risks[i].reference == ctx.Param("reference")) {
      out.index = i;
      return out;
    }
  }
  return NotFound("risk register " + id + " has no risk " + ctx.Param("reference"));
}

void AddReviewForm(const RequestContext& ctx, const FormErrors& errors, PageData* data) {
  data->set("date_field", DateInput({.name = "review_date",
                                     .label = "Date of the review",
                                     .hint = "For example, 27 3 2009"},
                                    Today(ctx), ctx.form, errors));
  std::vector<Choice> ratings = {{"", "No change", "Keep the current rating"}};
  for (int i = planning::kRatingCount - 1; i >= 0; --i) {
    const auto rating = static_cast<planning::Rating>(i);
    ratings.push_back({std::string(planning::RatingName(rating)), RatingWords(rating)});
  }
  data->set("likelihood_field",
            Choices({.name = "likelihood", .legend = "Likelihood", .choices = ratings}, ctx.form,
                    errors));
  data->set("impact_field",
            Choices({.name = "impact", .legend = "Impact", .choices = ratings}, ctx.form, errors));
  data->set("note_field", TextInput({.name = "note",
                                     .label = "What the review found",
                                     .hint = "Why the rating changed or stayed, and what the "
                                             "controls are doing."},
                                    ctx.form, errors));
  data->set("comments_field", TextInput({.name = "comments",
                                         .label = "Comments (optional)",
                                         .hint = "Replace the risk's comments. A red or black "
                                                 "risk must have comments: what is being done."},
                                        ctx.form, errors));
}

Result<HttpResponse> RiskPage(RequestContext& ctx, const FoundRisk& found, const FormErrors& errors,
                              int status) {
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, planning::LoadRiskMatrix());
  PROBATION_ASSIGN_OR_RETURN(planning::RiskThresholds thresholds,
                             planning::LoadRiskThresholds(found.reg.thresholds));
  const std::vector<planning::ScoredRisk> scored =
      planning::ScoreRisks(found.reg, matrix, thresholds);
  const planning::ScoredRisk& s = scored[found.index];
  const planning::Risk& risk = found.risk();
  const std::string name = risk.title.empty() ? risk.description : risk.title;
  Page page{.title = "Risk " + risk.reference + ": " + name.substr(0, 80),
            .template_name = "risk",
            .status = status,
            .nav = "/risks"};
  errors.AddTo(&page.data);
  page.data.set("register_title", found.reg.title);
  page.data.set("organisation", found.reg.organisation);
  page.data.set("action", RiskHref(found.reg, risk));
  page.data.set("reference", risk.reference);
  page.data.set("name", name);
  page.data.set("description", Text(risk.title.empty() ? "" : risk.description));
  std::string threatens;
  for (const planning::ThreatenedObjective& t : risk.threatens) {
    std::string one = t.text;
    if (!t.plan.empty()) one += (one.empty() ? "" : " ") + ("(" + t.plan + " " + t.item + ")");
    threatens += (threatens.empty() ? "" : "; ") + one;
  }
  page.data.set("threatens", Text(threatens));
  page.data.set("inherent", Text(risk.inherent ? RatingWithWords(*risk.inherent) : ""));
  page.data.set("residual", Text(risk.residual ? RatingWithWords(*risk.residual) : ""));
  page.data.set("score", Text(s.residual_score ? std::to_string(*s.residual_score) : ""));
  page.data.set("tag", StatusTag(s.status));
  page.data.set("owner", Text(risk.owner));
  page.data.set("due", Text(risk.due_date ? risk.due_date->ToString() : risk.due));
  page.data.set("success", Text(risk.success));
  page.data.set("comments", Text(risk.comments));
  page.data.set("next_review", Text(risk.next_review ? risk.next_review->ToString() : ""));
  PageData controls(PageData::type::list), actions(PageData::type::list);
  for (const std::string& c : risk.controls) controls.push_back(PageData(c));
  for (const std::string& a : risk.actions) actions.push_back(PageData(a));
  page.data.set("controls", controls);
  page.data.set("has_controls", Bool(!risk.controls.empty()));
  page.data.set("actions", actions);
  page.data.set("has_actions", Bool(!risk.actions.empty()));
  PageData reviews(PageData::type::list);
  for (auto it = risk.reviews.rbegin(); it != risk.reviews.rend(); ++it) {
    PageData r;
    r.set("date", it->date.ToString());
    r.set("reviewer", it->reviewer);
    r.set("rating", it->rating ? planning::RatingText(*it->rating) : "No change");
    r.set("note", Text(it->note));
    reviews.push_back(r);
  }
  page.data.set("reviews", reviews);
  page.data.set("has_reviews", Bool(!risk.reviews.empty()));
  PROBATION_ASSIGN_OR_RETURN(const bool may_review, MayReviewRisk(ctx.db, ctx.principal, risk));
  return RenderWithRecordForm(ctx, kReviewForm, may_review, std::move(page),
                              [&](PageData* data) { AddReviewForm(ctx, errors, data); });
}

Result<HttpResponse> ShowRisk(RequestContext& ctx) {
  PROBATION_ASSIGN_OR_RETURN(FoundRisk found, FindRisk(ctx));
  return RiskPage(ctx, found, FormErrors(), 200);
}

Result<HttpResponse> RecordReview(RequestContext& ctx) {
  PROBATION_ASSIGN_OR_RETURN(FoundRisk found, FindRisk(ctx));
  const planning::Risk& risk = found.risk();
  ctx.audit.record_type = "risks";
  ctx.audit.record_key = found.reg.id + "/" + risk.reference;
  PROBATION_ASSIGN_OR_RETURN(const bool may_review, MayReviewRisk(ctx.db, ctx.principal, risk));
  if (!may_review) return PermissionDenied("you may record reviews only of the risks you own");
  FormErrors errors;
  planning::RiskReview review;
  review.reviewer = RecorderName(ctx.principal);
  Result<std::optional<Date>> date = ReadDateInput(ctx.form, "review_date", "Date of the review");
  if (!date.ok()) {
    errors.Add("review_date", date.status().message(), "review_date-day");
  } else if (!*date) {
    errors.Add("review_date", "Enter the date of the review", "review_date-day");
  } else if (**date > Today(ctx)) {
    errors.Add("review_date", "The date of the review must be today or in the past",
               "review_date-day");
  } else if (!risk.reviews.empty() && **date < risk.reviews.back().date) {
    errors.Add("review_date",
               "The date of the review must be on or after the last review, " +
                   risk.reviews.back().date.ToString(),
               "review_date-day");
  } else {
    review.date = **date;
  }
  const std::string likelihood = PostedField(ctx, "likelihood"),
                    impact = PostedField(ctx, "impact");
  std::optional<planning::RiskRating> rating;
  if (!likelihood.empty() || !impact.empty()) {
    Result<planning::Rating> l = planning::ParseRating(likelihood);
    Result<planning::Rating> i = planning::ParseRating(impact);
    if (likelihood.empty()) {
      errors.Add("likelihood", "Choose the likelihood too, or No change for both");
    } else if (!l.ok()) {
      errors.Add("likelihood", "Choose a likelihood from the list");
    }
    if (impact.empty()) {
      errors.Add("impact", "Choose the impact too, or No change for both");
    } else if (!i.ok()) {
      errors.Add("impact", "Choose an impact from the list");
    }
    if (l.ok() && i.ok()) rating = planning::RiskRating{*l, *i};
  }
  review.rating = rating;
  review.note = PostedField(ctx, "note");
  const std::string comments = PostedField(ctx, "comments");
  if (review.note.empty()) {
    errors.Add("note", "Enter what the review found");
  } else if (review.note.size() > kMaxNote) {
    errors.Add("note", "What the review found must be 4,000 characters or fewer");
  }
  if (comments.size() > kMaxNote) {
    errors.Add("comments", "The comments must be 4,000 characters or fewer");
  }
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, planning::LoadRiskMatrix());
  PROBATION_ASSIGN_OR_RETURN(planning::RiskThresholds thresholds,
                             planning::LoadRiskThresholds(found.reg.thresholds));
  if (errors.empty()) {
    // The risk as the review would leave it, checked by the register's own rules
    // (planning::CheckRisk, as AddReview checks it), so each problem is put by its field.
    planning::Risk after = risk;
    after.reviews.push_back(review);
    if (rating) {
      after.residual = rating;
      after.published_score.reset();
    }
    if (!comments.empty()) after.comments = comments;
    for (const planning::RiskProblem& p :
         planning::CheckRisk(after, found.reg.summary, matrix, thresholds)) {
      if (p.field == "comments") {
        errors.Add("comments",
                   "Enter comments: a " +
                       std::string(planning::RiskStatusName(thresholds.StatusOf(
                           matrix.Score(after.residual->likelihood, after.residual->impact)))) +
                       " risk must say what is being done");
      } else {
        errors.Add("note", p.message);
      }
    }
  }
  if (!errors.empty()) return RiskPage(ctx, found, errors, 400);
  const Status added = planning::AddReview(ctx.db, found.reg.id, risk.reference, review, comments,
                                           matrix, thresholds);
  if (added.code() == StatusCode::kInvalidArgument) {
    errors.Add("note", added.message());
    return RiskPage(ctx, found, errors, 400);
  }
  PROBATION_RETURN_IF_ERROR(added);
  ctx.audit.detail = "review " + review.date.ToString() +
                     (rating ? "; re-rated " + planning::RatingText(*rating) : "; rating kept") +
                     (comments.empty() ? "" : "; comments replaced");
  return RecordedRedirect(kReviewForm, RiskHref(found.reg, risk));
}

}  // namespace

void AddRiskPages(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/risks",
      .handler = RisksPage,
      .roles = kRiskReaders,
      .summary = "The risk registers: heat maps, red and black risks first (page)",
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/risks/{register}/{reference}",
      .handler = ShowRisk,
      .roles = kRiskReaders,
      .summary = "A risk: ratings, controls, reviews and, for its owner, the form to record a "
                 "review (page)",
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "POST",
      .pattern = "/risks/{register}/{reference}",
      .handler = RecordReview,
      .roles = kRiskReviewers,
      .audited = true,
      .summary = "Record a review of a risk from the form (page)",
      .response_type = "text/html",
      .page = true,
  });
}

}  // namespace probation
