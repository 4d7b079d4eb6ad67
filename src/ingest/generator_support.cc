// The generator's building blocks: random numbers, date text, buffered CSV output, working
// days and name lists (declared in generator_trust.h).
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "base/csv.h"
#include "ingest/generator.h"
#include "ingest/generator_trust.h"
#include "model/record_types.h"

namespace probation::gen {
namespace {

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t RotateLeft(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

constexpr size_t kFlushBytes = size_t{1} << 20;

constexpr std::string_view kSurnames[] = {
    "Smith",    "Jones",  "Taylor",   "Brown",    "Williams", "Wilson", "Johnson",    "Davies",
    "Robinson", "Wright", "Thompson", "Evans",    "Walker",   "White",  "Roberts",    "Green",
    "Hall",     "Wood",   "Jackson",  "Clarke",   "Patel",    "Khan",   "Lewis",      "Harrison",
    "Martin",   "Cooper", "Hughes",   "Edwards",  "Hill",     "Moore",  "Clark",      "Ward",
    "Turner",   "Parker", "Hussain",  "Ali",      "Okafor",   "Mensah", "Campbell",   "Kelly",
    "Murphy",   "Baker",  "Morris",   "Bennett",  "Cook",     "Shaw",   "Hargreaves", "Begum",
    "Singh",    "Kaur",   "Nowak",    "Kowalski", "Francis",  "Grant",  "Reid",       "Marsh",
    "Lloyd",    "Price",  "Bailey",   "Fletcher"};
constexpr std::string_view kMaleForenames[] = {
    "David",   "John",   "Michael",  "Paul",   "Mark",        "Daniel",  "James",   "Andrew",
    "Richard", "Lee",    "Craig",    "Steven", "Christopher", "Matthew", "Wayne",   "Dean",
    "Ryan",    "Liam",   "Jamie",    "Carl",   "Gary",        "Kevin",   "Darren",  "Scott",
    "Thomas",  "Adam",   "Mohammed", "Imran",  "Tariq",       "Kwame",   "Delroy",  "Piotr",
    "Sean",    "Connor", "Nathan",   "Jordan", "Aaron",       "Robert",  "Anthony", "Peter"};
constexpr std::string_view kFemaleForenames[] = {
    "Sarah",  "Emma",    "Claire",    "Nicola", "Lisa",     "Michelle", "Rachel", "Laura",
    "Kelly",  "Joanne",  "Louise",    "Donna",  "Karen",    "Helen",    "Amy",    "Gemma",
    "Hannah", "Jessica", "Rebecca",   "Zoe",    "Samantha", "Victoria", "Grace",  "Amina",
    "Fatima", "Priya",   "Chantelle", "Leanne", "Jade",     "Stacey"};

template <size_t N>
std::string_view PickName(Rng& rng, const std::string_view (&names)[N]) {
  return names[rng.Between(0, static_cast<int>(N) - 1)];
}

}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t state = seed;
  for (uint64_t& s : s_) s = SplitMix64(&state);
}

uint64_t Rng::Next() {
  const uint64_t result = RotateLeft(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = RotateLeft(s_[3], 45);
  return result;
}

double Rng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

int Rng::Between(int lo, int hi) {
  const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
  return lo + static_cast<int>((Next() >> 32) * span >> 32);
}

bool Rng::Chance(double probability) { return Uniform() < probability; }

int Rng::Pick(const double* weights, int count) {
  double total = 0;
  for (int i = 0; i < count; ++i) total += weights[i];
  double x = Uniform() * total;
  for (int i = 0; i < count; ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return count - 1;
}

uint64_t MixSeed(uint64_t seed, uint64_t stream) {
  uint64_t state = seed ^ (stream * 0xD1B54A32D192ED03ULL);
  SplitMix64(&state);
  return SplitMix64(&state);
}

std::string_view Surname(Rng& rng) { return PickName(rng, kSurnames); }
std::string_view MaleForename(Rng& rng) { return PickName(rng, kMaleForenames); }
std::string_view FemaleForename(Rng& rng) { return PickName(rng, kFemaleForenames); }

std::string_view GradeCode(Grade grade) {
  static constexpr std::string_view kCodes[] = {"CO",  "ACO", "SPO", "PO",  "PSO",
                                                "TPO", "CSS", "ADM", "SPEC"};
  return kCodes[static_cast<int>(grade)];
}

// ---------------------------------------------------------------------------------------------

DateText::DateText() : first_day_(Date::FromCivil(1900, 1, 1).days()) {
  const int32_t last = Date::FromCivil(2100, 12, 31).days();
  text_.resize(static_cast<size_t>(last - first_day_ + 1));
  for (int32_t day = first_day_; day <= last; ++day) {
    const std::string s = Date(day).ToString();
    std::copy_n(s.data(), 10, text_[static_cast<size_t>(day - first_day_)].data());
  }
}

std::string_view DateText::Of(Date d) const {
  const int64_t i = int64_t{d.days()} - first_day_;
  if (i >= 0 && i < static_cast<int64_t>(text_.size())) {
    return std::string_view(text_[static_cast<size_t>(i)].data(), 10);
  }
  fallback_ = d.ToString();
  return fallback_;
}

void RowSink::Text(std::string_view value) {
  Separate();
  AppendCsvField(&buffer_, value);
}

void RowSink::Int(int64_t value) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  Raw(std::string_view(digits, static_cast<size_t>(end - digits)));
}

void RowSink::Time(DateTime t) {
  Raw(dates_->Of(t.date()));
  const int minutes = static_cast<int>(t.minutes() - int64_t{t.date().days()} * 1440);
  const char hhmm[6] = {
      'T', static_cast<char>('0' + minutes / 600),     static_cast<char>('0' + minutes / 60 % 10),
      ':', static_cast<char>('0' + minutes % 60 / 10), static_cast<char>('0' + minutes % 10)};
  buffer_.append(hhmm, 6);
}

void RowSink::Tenths(int tenths) {
  Int(tenths / 10);
  if (tenths % 10 != 0) {
    buffer_.push_back('.');
    buffer_.push_back(static_cast<char>('0' + tenths % 10));
  }
}

void RowSink::MoveTo(RowSink* to) {
  to->buffer_.append(buffer_);
  to->rows_ += rows_;
  Clear();
}

// ---------------------------------------------------------------------------------------------

OutputFiles::OutputFiles() : sinks_(kFileCount, RowSink(&dates_)), files_(kFileCount, nullptr) {}

OutputFiles::~OutputFiles() {
  for (std::FILE* f : files_) {
    if (f != nullptr) std::fclose(f);
  }
}

Status OutputFiles::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create output folder " + dir + ": " + ec.message());
  const std::string mark = (std::filesystem::path(dir) / kGeneratedMark).string();
  if (std::FILE* f = std::fopen(mark.c_str(), "wb")) {
    std::fputs(
        "Written by probation generate: a later run of probation generate into this folder "
        "replaces the data set's files here.\n",
        f);
    if (std::fclose(f) != 0) return IoError("cannot write " + mark + ": " + std::strerror(errno));
  } else {
    return IoError("cannot write " + mark + ": " + std::strerror(errno));
  }
  const auto types = AllRecordTypes();
  for (int id = 0; id < kFileCount; ++id) {
    const RecordType& type = types[static_cast<size_t>(id)];
    const std::string path =
        (std::filesystem::path(dir) / (std::string(type.name) + ".csv")).string();
    paths_.push_back(path);
    files_[id] = std::fopen(path.c_str(), "wb");
    if (files_[id] == nullptr) return IoError("cannot write " + path + ": " + std::strerror(errno));
    std::string& header = sinks_[id].buffer();
    for (size_t f = 0; f < type.fields.size(); ++f) {
      if (f > 0) header.push_back(',');
      AppendCsvField(&header, type.fields[f].name);
    }
    header.push_back('\n');
  }
  return Status::Ok();
}

void OutputFiles::FlushOne(int id) {
  std::string& buffer = sinks_[id].buffer();
  if (buffer.empty() || files_[id] == nullptr) return;
  if (std::fwrite(buffer.data(), 1, buffer.size(), files_[id]) != buffer.size() &&
      first_error_.empty()) {
    first_error_ = "cannot write " + paths_[id] + ": " + std::strerror(errno);
  }
  buffer.clear();
}

void OutputFiles::FlushIfLarge() {
  for (int id = 0; id < kFileCount; ++id) {
    if (sinks_[id].buffer().size() >= kFlushBytes) FlushOne(id);
  }
}

Status OutputFiles::Close() {
  for (int id = 0; id < kFileCount; ++id) {
    FlushOne(id);
    if (files_[id] != nullptr && std::fclose(files_[id]) != 0 && first_error_.empty()) {
      first_error_ = "cannot write " + paths_[id] + ": " + std::strerror(errno);
    }
    files_[id] = nullptr;
  }
  if (!first_error_.empty()) return IoError(first_error_);
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------

WorkDays::WorkDays(const Calendar& calendar, Date first, Date last)
    : calendar_(calendar), first_(first.days()) {
  const size_t n = static_cast<size_t>(last - first + 1);
  next_.resize(n);
  rank_.resize(n);
  int32_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    if (calendar.IsWorkingDay(first + static_cast<int32_t>(i))) {
      ++count;
      by_rank_.push_back(first_ + static_cast<int32_t>(i));
    }
    rank_[i] = count;
  }
  int32_t next = INT32_MAX;
  for (size_t i = n; i-- > 0;) {
    if (calendar.IsWorkingDay(first + static_cast<int32_t>(i)))
      next = first_ + static_cast<int32_t>(i);
    next_[i] = next;
  }
}

bool WorkDays::IsWorking(Date d) const {
  const int64_t i = int64_t{d.days()} - first_;
  if (i < 0 || i >= static_cast<int64_t>(next_.size())) return calendar_.IsWorkingDay(d);
  return next_[static_cast<size_t>(i)] == d.days();
}

Date WorkDays::OnOrAfter(Date d) const {
  const int64_t i = int64_t{d.days()} - first_;
  if (i < 0 || i >= static_cast<int64_t>(next_.size()) ||
      next_[static_cast<size_t>(i)] == INT32_MAX) {
    while (!calendar_.IsWorkingDay(d)) d = d + 1;
    return d;
  }
  return Date(next_[static_cast<size_t>(i)]);
}

Date WorkDays::Add(Date from, int32_t n) const {
  if (n == 0) return from;
  const int64_t i = int64_t{from.days()} - first_;
  if (i >= 0 && i < static_cast<int64_t>(rank_.size())) {
    int64_t r = int64_t{rank_[static_cast<size_t>(i)]} + n;  // 1-based rank
    if (n < 0 && !IsWorking(from)) ++r;  // the rank counted a working day before `from`
    if (r >= 1 && r <= static_cast<int64_t>(by_rank_.size())) {
      return Date(by_rank_[static_cast<size_t>(r - 1)]);
    }
  }
  return calendar_.AddWorkingDays(from, n);
}

}  // namespace probation::gen
