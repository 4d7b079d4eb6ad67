// `probation plan import|list|show|overdue|by-owner|rag|update|export`: business plans and
// strategies as records (docs/plans.md).
#include <chrono>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/measure_status_lookup.h"
#include "cli/output.h"
#include "planning/plan_file.h"
#include "planning/plan_queries.h"
#include "planning/plan_store.h"
#include "store/schema.h"

namespace probation {
namespace {

using planning::Plan;
using planning::PlanItem;

struct PlanArgs {
  std::string db, plan, item, format = "text", as_of, owner, note, author, date, quarter, rag,
                              comment, out, period, unit, as_at;
  std::vector<std::string> files;
};

// `text` as a date, or today (UTC) when empty.
Result<Date> DateOrToday(const std::string& text, std::string_view option) {
  if (text.empty()) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return Date(
        static_cast<int32_t>(std::chrono::duration_cast<std::chrono::hours>(now).count() / 24));
  }
  Result<Date> d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument(std::string(option) + ": " + d.status().message());
  return d;
}

// The number of ancestors of `item`.
int Depth(const Plan& plan, const PlanItem& item) {
  int depth = 0;
  for (const PlanItem* at = &item; !at->parent.empty() && depth < 100; ++depth) {
    at = plan.FindItem(at->parent);
    if (at == nullptr) break;
  }
  return depth;
}

std::string Deadline(const PlanItem& item) {
  std::string out = item.deadline ? item.deadline->ToString() : "";
  if (!item.deadline_text.empty()) {
    out += out.empty() ? item.deadline_text : " (" + item.deadline_text + ")";
  }
  return out;
}

// "nps-2005-06:PT5 (94.8% green in 2010-Q4), ..." with the statuses when looked up.
std::string MeasureList(const PlanItem& item, const MeasureStatuses& statuses) {
  std::string out;
  for (const planning::MeasureRef& m : item.measures) {
    out += (out.empty() ? "" : ", ") + (m.framework.empty() ? m.code : m.framework + ":" + m.code);
    if (auto it = statuses.find({m.framework, m.code}); it != statuses.end()) {
      out += " (" + it->second + ")";
    }
  }
  return out;
}

std::string ShowText(const Plan& plan, const MeasureStatuses& statuses) {
  std::ostringstream out;
  out << plan.id << ": " << plan.title << " (" << plan.organisation << ")\n";
  out << "  " << plan.kind << ", " << plan.start.ToString() << " to " << plan.end.ToString();
  if (!plan.source.empty()) out << "; source " << plan.source;
  out << "\n";
  for (const PlanItem& item : plan.items) {
    const std::string indent(2 + 2 * Depth(plan, item), ' ');
    const std::string more = indent + std::string(item.number.size() + 1, ' ');
    out << indent << item.number << " " << item.title << "  [" << item.kind << "]\n";
    const auto line = [&](std::string_view label, const std::string& value) {
      if (!value.empty()) out << more << label << ": " << value << "\n";
    };
    line("success", item.success);
    line("measure", item.measure);
    line("lead", item.lead);
    line("deadline", Deadline(item));
    line("completed", item.completed ? item.completed->ToString() : "");
    line("governance", item.governance);
    line("accomplished", std::string(planning::AccomplishmentName(item.accomplishment)));
    line("measures", MeasureList(item, statuses));
    std::string context;
    for (const std::string& c : item.context) context += (context.empty() ? "" : ", ") + c;
    line("context", context.empty() ? item.context_text : context);
    for (const planning::PlannedActivity& a : item.activities) line("planned " + a.year, a.text);
    if (const planning::QuarterRag* r = planning::LatestRag(item)) {
      line("latest RAG", r->quarter + " " + std::string(planning::RagName(r->rag)) +
                             (r->comment.empty() ? "" : ": " + r->comment));
    }
    for (const planning::ProgressNote& n : item.progress) {
      std::string who = n.date ? n.date->ToString() : "";
      if (!n.author.empty()) who += (who.empty() ? "" : " ") + n.author;
      line("progress", (who.empty() ? "" : who + ": ") + n.text);
    }
  }
  if (!plan.milestones.empty()) out << "  milestones:\n";
  for (const planning::Milestone& m : plan.milestones) {
    const std::string when = m.date ? m.date->ToString() : m.month.empty() ? m.when : m.month;
    out << "    " << when << "  " << m.text << (m.item.empty() ? "" : " (item " + m.item + ")")
        << "\n";
  }
  return out.str();
}

nlohmann::json ItemJson(const PlanItem& item, const MeasureStatuses& statuses) {
  nlohmann::json j = {{"number", item.number}, {"parent", item.parent},   {"kind", item.kind},
                      {"title", item.title},   {"success", item.success}, {"lead", item.lead}};
  const auto opt = [&](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  opt("description", item.description);
  opt("measure", item.measure);
  opt("deadline", item.deadline ? item.deadline->ToString() : "");
  opt("deadline_text", item.deadline_text);
  opt("completed", item.completed ? item.completed->ToString() : "");
  opt("governance", item.governance);
  opt("level", item.level);
  opt("accomplishment", std::string(planning::AccomplishmentName(item.accomplishment)));
  opt("context_text", item.context_text);
  j["context"] = item.context;
  j["measures"] = nlohmann::json::array();
  for (const planning::MeasureRef& m : item.measures) {
    nlohmann::json ref = {{"framework", m.framework}, {"code", m.code}};
    if (auto it = statuses.find({m.framework, m.code}); it != statuses.end()) {
      ref["status"] = it->second;
    }
    j["measures"].push_back(std::move(ref));
  }
  j["activities"] = nlohmann::json::array();
  for (const planning::PlannedActivity& a : item.activities) {
    j["activities"].push_back({{"year", a.year}, {"text", a.text}});
  }
  j["progress"] = nlohmann::json::array();
  for (const planning::ProgressNote& n : item.progress) {
    j["progress"].push_back(
        {{"date", n.date ? n.date->ToString() : ""}, {"author", n.author}, {"text", n.text}});
  }
  j["rag"] = nlohmann::json::array();
  for (const planning::QuarterRag& r : item.rag) {
    j["rag"].push_back(
        {{"quarter", r.quarter}, {"rag", planning::RagName(r.rag)}, {"comment", r.comment}});
  }
  const planning::QuarterRag* latest = planning::LatestRag(item);
  j["latest_rag"] = latest == nullptr ? nlohmann::json(nullptr)
                                      : nlohmann::json{{"quarter", latest->quarter},
                                                       {"rag", planning::RagName(latest->rag)}};
  return j;
}

std::string ShowJson(const Plan& plan, const MeasureStatuses& statuses) {
  nlohmann::json j = {{"id", plan.id},
                      {"organisation", plan.organisation},
                      {"title", plan.title},
                      {"kind", plan.kind},
                      {"start", plan.start.ToString()},
                      {"end", plan.end.ToString()},
                      {"source", plan.source},
                      {"description", plan.description},
                      {"reporting_quarters", plan.reporting_quarters}};
  j["context"] = nlohmann::json::array();
  for (const planning::ContextCode& c : plan.context) {
    j["context"].push_back(
        {{"code", c.code}, {"level", c.level}, {"group", c.group}, {"text", c.text}});
  }
  j["leads"] = nlohmann::json::array();
  for (const planning::Lead& l : plan.leads) {
    j["leads"].push_back({{"code", l.code}, {"name", l.name}, {"role", l.role}});
  }
  j["lists"] = nlohmann::json::array();
  for (const planning::PlanList& l : plan.lists) {
    j["lists"].push_back({{"name", l.name}, {"entries", l.entries}});
  }
  j["items"] = nlohmann::json::array();
  for (const PlanItem& item : plan.items) j["items"].push_back(ItemJson(item, statuses));
  j["milestones"] = nlohmann::json::array();
  for (const planning::Milestone& m : plan.milestones) {
    j["milestones"].push_back({{"month", m.month},
                               {"date", m.date ? m.date->ToString() : ""},
                               {"when", m.when},
                               {"text", m.text},
                               {"item", m.item}});
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<std::unique_ptr<Database>> Open(const PlanArgs& args) { return OpenStore(args.db); }

Result<std::vector<Plan>> LoadSome(Database* db, const std::string& plan_id) {
  if (plan_id.empty()) return planning::LoadPlans(db);
  PROBATION_ASSIGN_OR_RETURN(Plan plan, planning::LoadPlan(db, plan_id));
  return std::vector<Plan>{std::move(plan)};
}

// One line for an item in a list: "plan-id 1.2  title  (lead; deadline)".
std::string ItemLine(const planning::ItemRef& ref) {
  std::string line = ref.plan->id + " " + ref.item->number + "  " + ref.item->title;
  std::string tail = ref.item->lead;
  const std::string deadline = Deadline(*ref.item);
  if (!deadline.empty()) tail += (tail.empty() ? "due " : "; due ") + deadline;
  if (const planning::QuarterRag* r = planning::LatestRag(*ref.item)) {
    tail += "; " + r->quarter + " " + std::string(planning::RagName(r->rag));
  }
  return line + (tail.empty() ? "" : "  (" + tail + ")");
}

Status RunImport(const PlanArgs& args) {
  std::vector<Plan> plans;
  std::string errors;
  for (const std::string& path : args.files) {
    Result<Plan> plan = planning::ParsePlanFile(path);
    if (!plan.ok()) {
      errors += (errors.empty() ? "" : "\n") + plan.status().message();
      continue;
    }
    plans.push_back(std::move(*plan));
  }
  if (!errors.empty()) return InvalidArgument(errors + "\nnothing was imported");
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Open(args));
  const Status saved = planning::SavePlans(db.get(), plans);
  if (!saved.ok()) return Status(saved.code(), saved.message() + "\nnothing was imported");
  for (size_t i = 0; i < plans.size(); ++i) {
    std::cout << "imported " << plans[i].id << " (" << plans[i].items.size() << " items, "
              << plans[i].milestones.size() << " milestones) from " << args.files[i] << "\n";
  }
  return Status::Ok();
}

Status RunList(const PlanArgs& args) {
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Open(args));
  PROBATION_ASSIGN_OR_RETURN(std::vector<Plan> plans, planning::LoadPlans(db.get()));
  for (const Plan& p : plans) {
    std::cout << p.id << "  " << p.organisation << ": " << p.title << " (" << p.kind << ", "
              << p.start.ToString() << " to " << p.end.ToString() << ", " << p.items.size()
              << " items)\n";
  }
  return Status::Ok();
}

Status RunShow(const PlanArgs& args) {
  if (args.format != "text" && args.format != "json") {
    return InvalidArgument("--format must be text or json");
  }
  PROBATION_RETURN_IF_ERROR(CheckCommandOutput(args.out, args.db));
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Open(args));
  PROBATION_ASSIGN_OR_RETURN(Plan plan, planning::LoadPlan(db.get(), args.plan));
  db.reset();
  // With --period, each related measure's value and RAG from the case records.
  MeasureStatuses statuses;
  if (!args.period.empty()) {
    std::set<std::pair<std::string, std::string>> refs;
    for (const PlanItem& item : plan.items) {
      for (const planning::MeasureRef& m : item.measures) {
        if (!m.framework.empty()) refs.insert({m.framework, m.code});
      }
    }
    PROBATION_ASSIGN_OR_RETURN(
        statuses, LookUpMeasureStatuses(args.db, refs, args.period, args.unit, args.as_at));
  }
  return WriteOutput(args.format == "json" ? ShowJson(plan, statuses) : ShowText(plan, statuses),
                     args.out);
}

Status RunOverdue(const PlanArgs& args) {
  PROBATION_ASSIGN_OR_RETURN(Date as_of, DateOrToday(args.as_of, "--as-of"));
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Open(args));
  PROBATION_ASSIGN_OR_RETURN(std::vector<Plan> plans, LoadSome(db.get(), args.plan));
  const std::vector<planning::ItemRef> overdue = planning::OverdueActions(plans, as_of);
  std::cout << overdue.size() << " overdue at " << as_of.ToString() << "\n";
  for (const planning::ItemRef& ref : overdue) std::cout << "  " << ItemLine(ref) << "\n";
  return Status::Ok();
}

Status RunByOwner(const PlanArgs& args) {
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Open(args));
  PROBATION_ASSIGN_OR_RETURN(std::vector<Plan> plans, LoadSome(db.get(), args.plan));
  const auto by_lead = planning::ActionsByLead(plans, args.owner);
  if (by_lead.empty() && !args.owner.empty()) {
    return NotFound("no item has a lead matching '" + args.owner + "'");
  }
  for (const auto& [lead, refs] : by_lead) {
    std::cout << lead << " (" << refs.size() << ")\n";
    for (const planning::ItemRef& ref : refs) std::cout << "  " << ItemLine(ref) << "\n";
  }
  return Status::Ok();
}

Status RunRag(const PlanArgs& args) {
  PROBATION_RETURN_IF_ERROR(planning::CheckQuarter(args.quarter));
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Open(args));
  PROBATION_ASSIGN_OR_RETURN(std::vector<Plan> plans, LoadSome(db.get(), args.plan));
  std::cout << "plan  quarter  red amber green not-rated  |  latest: red amber green not-rated\n";
  for (const planning::RagSummary& s : planning::QuarterRagSummary(plans, args.quarter)) {
    std::cout << s.plan_id << "  " << s.quarter << "  " << s.red << " " << s.amber << " " << s.green
              << " " << s.not_rated << "  |  " << s.latest_red << " " << s.latest_amber << " "
              << s.latest_green << " " << s.latest_not_rated << "\n";
  }
  return Status::Ok();
}

Status RunUpdate(const PlanArgs& args) {
  const bool note = !args.note.empty();
  const bool rag = !args.quarter.empty() || !args.rag.empty();
  if (!note && !rag) {
    return InvalidArgument(
        "say what to record: --note TEXT --author NAME, and/or --quarter "
        "YYYY-Qn --rag R|A|G [--comment TEXT]");
  }
  planning::ProgressNote progress;
  if (note) {
    if (args.author.empty()) return InvalidArgument("a progress note needs --author NAME");
    PROBATION_ASSIGN_OR_RETURN(Date date, DateOrToday(args.date, "--date"));
    progress = {date, args.author, args.note};
  }
  planning::QuarterRag rating;
  if (rag) {
    if (args.quarter.empty() || args.rag.empty()) {
      return InvalidArgument("a RAG needs both --quarter YYYY-Qn and --rag R|A|G");
    }
    PROBATION_RETURN_IF_ERROR(planning::CheckQuarter(args.quarter));
    PROBATION_ASSIGN_OR_RETURN(rating.rag, planning::ParseRag(args.rag));
    rating.quarter = args.quarter;
    rating.comment = args.comment;
    if (rating.rag == planning::Rag::kRed && rating.comment.empty()) {
      return InvalidArgument(
          "a red RAG needs --comment TEXT saying why it is red and what is "
          "being done; nothing was recorded");
    }
  }
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Open(args));
  if (note) {
    PROBATION_RETURN_IF_ERROR(planning::AddProgressNote(db.get(), args.plan, args.item, progress));
    std::cout << "recorded a progress note on " << args.plan << " " << args.item << "\n";
  }
  if (rag) {
    PROBATION_RETURN_IF_ERROR(planning::SetQuarterRag(db.get(), args.plan, args.item, rating));
    std::cout << "rated " << args.plan << " " << args.item << " " << rating.quarter << " "
              << planning::RagName(rating.rag) << "\n";
  }
  return Status::Ok();
}

Status RunExport(const PlanArgs& args) {
  PROBATION_RETURN_IF_ERROR(CheckCommandOutput(args.out, args.db));
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Open(args));
  PROBATION_ASSIGN_OR_RETURN(Plan plan, planning::LoadPlan(db.get(), args.plan));
  return WriteOutput(planning::WritePlanText(plan), args.out);
}

// Adds a `plan` subcommand whose callback runs `run` and reports its error.
CLI::App* Sub(CLI::App* plan, const std::string& name, const std::string& help,
              std::shared_ptr<PlanArgs> args, Status (*run)(const PlanArgs&), int* exit_code) {
  CLI::App* cmd = plan->add_subcommand(name, help);
  CLI::Option* db = cmd->add_option("--db", args->db, "Database file")->required();
  if (name != "import") db->check(CLI::ExistingFile);
  cmd->callback([args, run, exit_code, name] {
    const Status s = run(*args);
    if (!s.ok()) std::cerr << "probation plan " << name << ": " << s.message() << "\n";
    *exit_code = s.ok() ? 0 : 2;
  });
  return cmd;
}

}  // namespace

void AddPlanCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<PlanArgs>();
  CLI::App* plan = app.add_subcommand("plan", "Business plans and strategies (docs/plans.md)");
  plan->require_subcommand(1);

  CLI::App* import = Sub(plan, "import", "Load plan files (TOML) into the store, all or none", args,
                         RunImport, exit_code);
  import->add_option("PLAN", args->files, "Plan files")->required()->check(CLI::ExistingFile);

  Sub(plan, "list", "The plans in the store", args, RunList, exit_code);

  CLI::App* show = Sub(plan, "show", "A plan as a tree: numbers, leads, deadlines, RAG, notes",
                       args, RunShow, exit_code);
  show->add_option("--plan", args->plan, "Plan id")->required();
  show->add_option("--format", args->format, "text or json")->default_val("text");
  show->add_option("--out", args->out, "Write to this file instead of standard output");
  show->add_option(
      "--period", args->period,
      "Show each related measure's value and RAG for this period (2010-Q4, FY2010, ...)");
  show->add_option("--unit", args->unit, "With --period: the unit (default national)");
  show->add_option("--as-at", args->as_at, "With --period: data as at YYYY-MM-DD");

  CLI::App* overdue =
      Sub(plan, "overdue", "Items past their deadline and not done", args, RunOverdue, exit_code);
  overdue->add_option("--plan", args->plan, "Only this plan");
  overdue->add_option("--as-of,--as-at", args->as_of, "Judge at this date (default today)");

  CLI::App* by_owner = Sub(plan, "by-owner", "Items grouped by lead", args, RunByOwner, exit_code);
  by_owner->add_option("--owner", args->owner, "Only leads containing this text");
  by_owner->add_option("--plan", args->plan, "Only this plan");

  CLI::App* rag = Sub(plan, "rag", "Counts of red, amber, green and not rated for a quarter", args,
                      RunRag, exit_code);
  rag->add_option("--quarter", args->quarter, "Financial quarter, e.g. 2008-Q3")->required();
  rag->add_option("--plan", args->plan, "Only this plan");

  CLI::App* update = Sub(plan, "update", "Record a progress note and/or a quarter's RAG", args,
                         RunUpdate, exit_code);
  update->add_option("--plan", args->plan, "Plan id")->required();
  update->add_option("--item", args->item, "Item number, e.g. 6.4.1")->required();
  update->add_option("--note", args->note, "Progress note text");
  update->add_option("--author", args->author, "Who wrote the note");
  update->add_option("--date", args->date, "The note's date (default today)");
  update->add_option("--quarter", args->quarter, "Financial quarter, e.g. 2008-Q3");
  update->add_option("--rag", args->rag, "R, A or G");
  update->add_option("--comment", args->comment, "Why (required for red)");

  CLI::App* export_cmd =
      Sub(plan, "export", "Write a plan back as a plan file (TOML)", args, RunExport, exit_code);
  export_cmd->add_option("--plan", args->plan, "Plan id")->required();
  export_cmd->add_option("--out", args->out, "Write to this file instead of standard output");
}

}  // namespace probation
