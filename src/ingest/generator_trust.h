// Private to the synthetic data generator: the deterministic random source, date text,
// buffered CSV output, working days and name lists (defined in generator_support.cc), the
// organisation of one trust (units, staff, performance of each unit; built in generator.cc)
// and the entry point that simulates one trust's caseload (generator_trust.cc, with
// generator_sentence.cc and generator_event_rows.cc).
//
// Contract: every row written through RowSink follows the record type's field order; the
// simulation writes only rows that pass the model's rules (record_types.cc), and nothing dated
// after the as-at date except pending items (future appointments without an outcome, reports
// not yet due). Nothing here is thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "base/status.h"

namespace probation::gen {

// xoshiro256** seeded through splitmix64: the same seed gives the same stream on every
// platform and library version (std:: distributions do not).
class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t Next();
  double Uniform();                 // [0, 1)
  int Between(int lo, int hi);      // inclusive; lo <= hi
  bool Chance(double probability);  // true with the given probability
  // Index drawn with probability proportional to weights[i].
  int Pick(const double* weights, int count);
  template <size_t N>
  int Pick(const double (&weights)[N]) {
    return Pick(weights, static_cast<int>(N));
  }

 private:
  uint64_t s_[4];
};

// Mixes a seed with a stream number into an independent seed.
uint64_t MixSeed(uint64_t seed, uint64_t stream);

// The record types in AllRecordTypes() order; generator.cc checks the order at start-up.
enum FileId : int {
  kOrgUnitsFile,
  kStaffFile,
  kStaffAbsencesFile,
  kPeopleFile,
  kSentencesFile,
  kResponsibleOfficersFile,
  kRequirementsFile,
  kAssessmentsFile,
  kCourtReportsFile,
  kContactsFile,
  kBreachesFile,
  kRecallsFile,
  kRegistrationsFile,
  kVictimContactsFile,
  kCircumstancesFile,
  kEteOutcomesFile,
  kSurveysFile,
  kReoffencesFile,
  kPublicEventsFile,
  kBassPlacementsFile,
  kSfoReviewsFile,
  kCourtDisposalsFile,
  kFileCount
};

// "No date": blank in the output.
inline constexpr Date kNoDate = Date(INT32_MIN);
inline bool HasDate(Date d) { return d != kNoDate; }

// "YYYY-MM-DD" for every day of a fixed range, so formatting a date is a copy.
class DateText {
 public:
  DateText();
  std::string_view Of(Date d) const;  // REQUIRES: HasDate(d)

 private:
  int32_t first_day_;
  std::vector<std::array<char, 10>> text_;
  mutable std::string fallback_;
};

// Rows of one record type appended to a string; fields separated by commas, one row per line.
class RowSink {
 public:
  explicit RowSink(const DateText* dates) : dates_(dates) {}

  void Text(std::string_view value);  // through AppendCsvField
  void Int(int64_t value);
  void OptInt(int64_t value, bool present) { present ? Int(value) : Blank(); }
  void Day(Date d) { HasDate(d) ? Raw(dates_->Of(d)) : Blank(); }
  void Time(DateTime t);  // YYYY-MM-DDTHH:MM
  void Bool(bool value) { Raw(value ? "Y" : "N"); }
  void Tenths(int tenths);  // a decimal given in tenths: 75 -> "7.5", 70 -> "7"
  void Blank() { Separate(); }
  void EndRow() {
    buffer_.push_back('\n');
    at_row_start_ = true;
    ++rows_;
  }

  std::string& buffer() { return buffer_; }
  int64_t rows() const { return rows_; }
  // Moves this sink's rows onto the end of `to` and empties this one.
  void MoveTo(RowSink* to);
  void Clear() {
    buffer_.clear();
    rows_ = 0;
    at_row_start_ = true;
  }

 private:
  void Separate() {
    if (!at_row_start_) buffer_.push_back(',');
    at_row_start_ = false;
  }
  void Raw(std::string_view value) {
    Separate();
    buffer_.append(value);
  }

  const DateText* dates_;
  std::string buffer_;
  int64_t rows_ = 0;
  bool at_row_start_ = true;
};

// One sink per record type, each owning a file written in ~1 MiB chunks.
class OutputFiles {
 public:
  OutputFiles();
  ~OutputFiles();
  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;

  // Creates `dir` if needed and opens every <type>.csv with its header row.
  Status Open(const std::string& dir);
  RowSink& sink(FileId id) { return sinks_[id]; }
  const DateText& dates() const { return dates_; }
  // Writes full buffers to disk; call between people. Errors surface at Close().
  void FlushIfLarge();
  Status Close();
  int64_t rows(FileId id) const { return sinks_[id].rows(); }

 private:
  void FlushOne(int id);

  DateText dates_;
  std::vector<RowSink> sinks_;
  std::vector<std::FILE*> files_;
  std::vector<std::string> paths_;
  std::string first_error_;
};

// Working days over a fixed window, as table look-ups.
class WorkDays {
 public:
  WorkDays(const Calendar& calendar, Date first, Date last);
  bool IsWorking(Date d) const;
  Date OnOrAfter(Date d) const;          // the first working day >= d
  Date Add(Date from, int32_t n) const;  // as Calendar::AddWorkingDays

 private:
  const Calendar& calendar_;
  int32_t first_;
  std::vector<int32_t> next_;     // next working day (days) on or after each day
  std::vector<int32_t> rank_;     // working days up to and including each day
  std::vector<int32_t> by_rank_;  // day of the n-th working day
};

enum class Grade { kCO, kACO, kSPO, kPO, kPSO, kTPO, kCSS, kADM, kSPEC };
std::string_view GradeCode(Grade grade);

struct StaffMember {
  std::string id;
  int team = 0;  // index into Trust::teams, or -1 for the trust's head office
  Grade grade = Grade::kPO;
  int fte_tenths = 10;
  Date start;
  Date end = kNoDate;
  bool InPost(Date d) const { return start <= d && (!HasDate(end) || d <= end); }
};

// How well a local delivery unit does: probabilities of meeting each standard.
struct Performance {
  double report_on_time = 0.96;
  double initial_on_time = 0.92;
  double breach_on_time = 0.92;
  double arranged = 0.92;
  double attendance = 1.0;  // multiplies the unacceptable-absence rate (lower is better)
  double recall_on_time = 0.96;
  double victim_on_time = 0.87;
  double termination_on_time = 0.93;
  double audit_sufficient = 0.91;
  double concordance = 0.76;
  double stand_down = 0.06;    // unpaid work sessions stood down
  double sickness_days = 9.5;  // per FTE per year
  double offender_positive = 0.70;
  // Drug rehabilitation orders: first offender manager appointment within 1 working day of
  // commencement (PM6a) and first treatment appointment within 2 (PM6b).
  double drr_first_contact = 0.91;
  double drr_treatment = 0.91;
};

enum class TeamKind { kOffenderManagement, kUnpaidWork, kProgrammes };

struct Team {
  std::string code;
  std::string name;
  int ldu = 0;
  TeamKind kind = TeamKind::kOffenderManagement;
};

struct Ldu {
  std::string code;
  std::string name;
  std::string court_code;  // its magistrates' court
  Performance performance;
  std::vector<int> om_teams;  // indexes into Trust::teams
  // Staff indexes by role, for allocation and session staffing.
  std::vector<int> officers;  // PO and TPO
  std::vector<int> pso;
  std::vector<int> supervisors;  // CSS
  std::vector<int> tutors;       // SPEC in the programmes team
};

struct Trust {
  int number = 1;    // 1-based, nationally unique
  std::string code;  // e.g. "N01"
  std::string name;
  std::string region_code;
  std::string crown_court;
  double volume = 1.0;  // yearly volumes relative to a Cheshire-sized trust
  std::vector<Ldu> ldus;
  std::vector<Team> teams;
  std::vector<StaffMember> staff;
};

// The period the data covers.
struct Window {
  Date start;    // first day of the first financial year
  Date as_at;    // last day with recorded activity
  Date horizon;  // last day of future (pending) appointments
};

struct SimulationContext {
  const WorkDays* work_days;
  Window window;
  uint64_t seed;
  double scale;
  int64_t* next_crn;  // shared across trusts so CRNs are unique nationally
};

// Simulates one trust's caseload and writes its people, sentences and everything that hangs
// off them (every record type except org_units, staff and staff_absences).
void SimulateTrust(const Trust& trust, const SimulationContext& context, OutputFiles* out);

// The case reference number of the n-th person generated ("A100000").
std::string FormatCrn(int64_t n);

// The date `months` calendar months after `d`, less a day (the last day of an order).
Date EndAfterMonths(Date d, int months);

// Small name lists shared by staff and people.
std::string_view Surname(Rng& rng);
std::string_view MaleForename(Rng& rng);
std::string_view FemaleForename(Rng& rng);

}  // namespace probation::gen
