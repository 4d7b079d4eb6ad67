// Risk registers in the store (schema version 4: risk_registers, risk_sections, risks,
// risk_threats, risk_measures, risk_reviews). Thread-compatible, like the Database it is given.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "planning/risk_register.h"
#include "store/database.h"

namespace probation::planning {

// Replaces the register with `reg.id` (if any) by `reg`, in one transaction: on error the
// store is unchanged. FailedPrecondition when the store holds a review (`AddReview`) that
// `reg` lacks: a re-import never drops a review (export, edit and import the export instead).
// REQUIRES: `reg` was checked (ParseRiskRegister or CheckRisk).
Status SaveRegister(Database* db, const RiskRegister& reg);
// The same for several registers in one transaction: all are saved or none.
Status SaveRegisters(Database* db, const std::vector<RiskRegister>& registers);

// Every register in the store, by id, with its risks in order; or only the register `id` when
// `id` is not empty (NotFound when there is none).
Result<std::vector<RiskRegister>> LoadRegisters(Database* db, const std::string& id = "");

// Adds a dated review to risk `reference` of register `register_id`, in one transaction. A
// review with a rating re-rates the risk (its residual rating becomes the review's, and any
// published score is cleared); `comments`, when not empty, replace the risk's comments.
// Checked with CheckRisk before anything is written: e.g. re-rating a risk red or black needs
// a note and a comment (the new comment, or one it already has). NotFound for an unknown
// register or risk; InvalidArgument for a review dated before the last one.
Status AddReview(Database* db, const std::string& register_id, const std::string& reference,
                 const RiskReview& review, const std::string& comments, const RiskMatrix& matrix,
                 const RiskThresholds& thresholds);

}  // namespace probation::planning
