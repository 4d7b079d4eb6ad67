// OGRS3 for every sentence in a snapshot, taken at commencement, with the inputs it was
// computed from; and the store's copy of those scores (table ogrs3_scores, migration 8).
//
// Inputs per sentence: the person's gender, date of birth and date of first sanction; the
// sentence's offence category; its sentence date (the current conviction) and start date (the
// date the score is taken at). The people record's `sanctions` counts the cautions and
// convictions up to and including the person's earliest sentence in the store; each later
// sentence of the person adds one (ordered by sentence date, then event number).
// Functions only; thread-safe given a snapshot nobody writes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/ogrs3.h"
#include "base/status.h"
#include "store/database.h"
#include "store/snapshot.h"

namespace probation::analytics {

struct SentenceOgrs3 {
  int32_t sentence_row = 0;  // row of the sentences table
  int32_t person_row = -1;   // row of the people table (-1: no person record)
  Ogrs3Inputs inputs;
  bool inputs_known = false;        // false when an input was blank (`reason` says which)
  std::optional<Ogrs3Score> score;  // empty when it could not be computed
  std::string reason;               // why not, when empty
};

// One entry per sentences row, in row order. Runs on up to `threads` threads.
std::vector<SentenceOgrs3> ScoreSentences(const Snapshot& snapshot, const Ogrs3Table& table,
                                          int threads = 1);

// The entries of ScoreSentences() for the sentences of the person at `person_row` only, in
// sentence row order (the same figures, without scoring every sentence).
std::vector<SentenceOgrs3> ScorePersonSentences(const Snapshot& snapshot, const Ogrs3Table& table,
                                                int32_t person_row);

// Replaces the stored scores with `scores` (each row keyed by CRN and event number), with the
// table's version. One transaction.
Status SaveSentenceScores(Database* db, const Snapshot& snapshot, const Ogrs3Table& table,
                          const std::vector<SentenceOgrs3>& scores);

}  // namespace probation::analytics
