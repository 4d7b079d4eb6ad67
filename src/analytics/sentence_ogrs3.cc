#include "analytics/sentence_ogrs3.h"

#include <algorithm>
#include <thread>

#include "model/code_lists.h"

namespace probation::analytics {
namespace {

const SnapshotColumn& Column(const SnapshotTable& table, std::string_view field) {
  return table.columns[static_cast<size_t>(table.type->FieldIndex(field))];
}

struct Columns {
  const SnapshotTable& sentences;
  const SnapshotTable& people;
  const SnapshotColumn &crn_sentence_date, &start, &offence, &gender, &dob, &first, &sanctions;
  const std::vector<int32_t>& person_of;     // per sentence row
  const std::vector<int32_t>& sentences_of;  // per people row, offsets
  const CodeList& offence_list;
  const CodeList& gender_list;
};

void ScoreOne(const Columns& c, const Ogrs3Table& table, int32_t row, SentenceOgrs3* out) {
  out->sentence_row = row;
  const int32_t person = c.person_of[static_cast<size_t>(row)];
  out->person_row = person;
  if (person < 0) {
    out->reason = "no person record";
    return;
  }
  Ogrs3Inputs& in = out->inputs;
  const auto date_or = [](const SnapshotColumn& col, size_t r, Date* d) {
    if (col.i32[r] == kNullInt32) return false;
    *d = Date(col.i32[r]);
    return true;
  };
  const size_t p = static_cast<size_t>(person), s = static_cast<size_t>(row);
  std::string missing;
  const int8_t gender = c.gender.i8[p];
  if (gender == kNullInt8 || c.gender_list.codes[gender].code == "U")
    missing += ", gender";
  else
    in.gender = c.gender_list.codes[gender].code == "M" ? Gender::kMale : Gender::kFemale;
  if (!date_or(c.dob, p, &in.date_of_birth)) missing += ", date of birth";
  if (!date_or(c.first, p, &in.first_sanction)) missing += ", first sanction date";
  if (c.sanctions.i32[p] == kNullInt32) missing += ", sanctions";
  if (!date_or(c.crn_sentence_date, s, &in.conviction)) missing += ", sentence date";
  if (!date_or(c.start, s, &in.assessed)) missing += ", start date";
  const int8_t offence = c.offence.i8[s];
  if (offence == kNullInt8)
    missing += ", offence category";
  else
    in.offence_category = std::string(c.offence_list.codes[offence].code);
  if (!missing.empty()) {
    out->reason = "not known: " + missing.substr(2);
    return;
  }
  // Later sentences of the same person add one sanction each.
  int earlier = 0;
  const int32_t begin = c.sentences_of[p], end = c.sentences_of[p + 1];
  for (int32_t other = begin; other < end; ++other) {
    if (other == row) continue;
    const int32_t d = c.crn_sentence_date.i32[static_cast<size_t>(other)];
    if (d == kNullInt32) continue;
    if (d < in.conviction.days() || (d == in.conviction.days() && other < row)) ++earlier;
  }
  in.sanctions = c.sanctions.i32[p] + earlier;
  out->inputs_known = true;
  Result<Ogrs3Score> score = ComputeOgrs3(table, in);
  if (score.ok())
    out->score = *score;
  else
    out->reason = score.status().message();
}

Columns ColumnsOf(const Snapshot& snapshot) {
  const RecordType& sentence_type = *FindRecordType("sentences");
  const RecordType& people_type = *FindRecordType("people");
  const SnapshotTable& sentences = snapshot.table(sentence_type);
  const SnapshotTable& people = snapshot.table(people_type);
  return Columns{sentences,
                 people,
                 Column(sentences, "sentence_date"),
                 Column(sentences, "start_date"),
                 Column(sentences, "offence_category"),
                 Column(people, "gender"),
                 Column(people, "date_of_birth"),
                 Column(people, "first_sanction_date"),
                 Column(people, "sanctions"),
                 sentences.relations[static_cast<size_t>(
                     sentences.RelationSlot(FindRelation(sentence_type, "person")))],
                 people.relations[static_cast<size_t>(
                     people.RelationSlot(FindRelation(people_type, "sentences")))],
                 *FindCodeList("offence_category"),
                 *FindCodeList("gender")};
}

}  // namespace

std::vector<SentenceOgrs3> ScoreSentences(const Snapshot& snapshot, const Ogrs3Table& table,
                                          int threads) {
  const Columns c = ColumnsOf(snapshot);
  const SnapshotTable& sentences = c.sentences;
  std::vector<SentenceOgrs3> out(sentences.rows);
  threads = std::max(1, std::min(threads, static_cast<int>(sentences.rows / 4096) + 1));
  const auto run = [&](int part) {
    const size_t from = sentences.rows * part / threads, to = sentences.rows * (part + 1) / threads;
    for (size_t r = from; r < to; ++r) ScoreOne(c, table, static_cast<int32_t>(r), &out[r]);
  };
  std::vector<std::thread> workers;
  for (int part = 1; part < threads; ++part) workers.emplace_back(run, part);
  run(0);
  for (std::thread& t : workers) t.join();
  return out;
}

std::vector<SentenceOgrs3> ScorePersonSentences(const Snapshot& snapshot, const Ogrs3Table& table,
                                                int32_t person_row) {
  const Columns c = ColumnsOf(snapshot);
  std::vector<SentenceOgrs3> out;
  if (person_row < 0 || static_cast<size_t>(person_row) >= c.people.rows) return out;
  // A person's sentences are the rows between its relation offsets (as ScoreOne reads them).
  const size_t p = static_cast<size_t>(person_row);
  for (int32_t r = c.sentences_of[p]; r < c.sentences_of[p + 1]; ++r) {
    ScoreOne(c, table, r, &out.emplace_back());
  }
  return out;
}

Status SaveSentenceScores(Database* db, const Snapshot& snapshot, const Ogrs3Table& table,
                          const std::vector<SentenceOgrs3>& scores) {
  const SnapshotTable& sentences = snapshot.table(*FindRecordType("sentences"));
  const SnapshotColumn& crn = Column(sentences, "crn");
  const SnapshotColumn& event = Column(sentences, "event_no");
  PROBATION_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  PROBATION_RETURN_IF_ERROR(db->Execute("DELETE FROM ogrs3_scores"));
  PROBATION_ASSIGN_OR_RETURN(
      Statement insert,
      db->Prepare("INSERT INTO ogrs3_scores (crn, event_no, table_version, gender, date_of_birth, "
                  "offence_category, sanctions, first_sanction_date, conviction_date, "
                  "assessed_date, age, age_first, copas, one_year, two_year, band, reason) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const SentenceOgrs3& s : scores) {
    const size_t r = static_cast<size_t>(s.sentence_row);
    insert.Reset();
    insert.BindText(1, crn.dictionary[crn.text[r]]);
    insert.BindInt(2, event.i32[r]);
    insert.BindText(3, table.version);
    const Ogrs3Inputs& in = s.inputs;
    for (int i = 4; i <= 17; ++i) insert.BindNull(i);
    if (s.inputs_known) {
      insert.BindText(4, in.gender == Gender::kMale ? "M" : "F");
      insert.BindTextCopy(5, in.date_of_birth.ToString());
      insert.BindText(6, in.offence_category);
      insert.BindInt(7, in.sanctions);
      insert.BindTextCopy(8, in.first_sanction.ToString());
      insert.BindTextCopy(9, in.conviction.ToString());
      insert.BindTextCopy(10, in.assessed.ToString());
    }
    if (s.score) {
      insert.BindInt(11, s.score->age);
      insert.BindInt(12, s.score->age_first);
      insert.BindDouble(13, s.score->copas);
      insert.BindDouble(14, s.score->one_year);
      insert.BindDouble(15, s.score->two_year);
      insert.BindText(16, Ogrs3BandName(s.score->band));
    } else {
      insert.BindText(17, s.reason);
    }
    PROBATION_RETURN_IF_ERROR(insert.Run());
  }
  return txn.Commit();
}

}  // namespace probation::analytics
