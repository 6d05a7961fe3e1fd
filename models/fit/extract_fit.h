#pragma once

// A scenario's durations and branch probabilities fitted from a force's case
// extract (models/fit/case_extract.h), with the open cases censored, and each
// fitted interval placed on the scenario's pathway where it fits one stage.
//
// Which case counts how, for the interval from milestone A to the next
// milestone B that the extract records (it has a column for B, and some case
// a date in it), among the cases that reached A:
//  - reached B: an observed end, at B's date;
//  - ended before B with an outcome the pathway decides (police or CPS NFA,
//    a guilty plea...): an observed end, at the completion date. In the
//    pathway such an outcome is a branch taken when the stage's time is up,
//    so it ends the stage just as reaching B does; treating it as censored
//    would count every NFA as "still investigating" and stretch the fit;
//  - victim withdrawal (the scenario's withdrawal outcome): censored at the
//    completion date. Withdrawal is a competing risk that cuts the stage
//    short, so all it says is that the stage had not ended yet;
//  - still open at the as-of date: censored there;
//  - reached a later milestone with no date for B: left out of this interval
//    (its time to B is unknown) and counted as skipped.
// Dates after the as-of date are treated as not yet happened, and cases
// reported after it are left out, so an extract can be fitted as it stood on
// any earlier date. Rows of origin "initial" (a simulation's starting
// caseload) are left out: the milestones they passed before the start have
// no dates, so they would pass for cases that ended before them.
//
// Branch shares at A count the same cases by how they left: reached B, or
// each outcome. Open and skipped cases are not shares (they have not left,
// or went another way).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/fit/case_extract.h"
#include "models/scenario/scenario.h"
#include "models/fit/survival_fit.h"

namespace models {

struct ExtractFitOptions {
  std::optional<Date> as_of;   // default: the extract's latest date
  bool skip_bad_rows = false;  // fit the good rows even if some are bad
};

struct IntervalFit {
  Milestone from = Milestone::kReport;
  Milestone to = Milestone::kCompletion;
  SurvivalData data;  // whole days
  SurvivalFit fit;
  std::size_t reached_to = 0;     // observed: reached `to`
  std::size_t ended = 0;          // observed: an outcome other than withdrawal
  std::size_t withdrawn = 0;      // censored at withdrawal
  std::size_t open = 0;           // censored at the as-of date
  std::size_t skipped = 0;        // reached a later milestone without `to`
  std::optional<std::size_t> stage;  // the one timed stage the interval is, if it maps
  std::string mapping;               // why it does not map ("" when it does)
};

// A share with its 95% Wilson score interval.
struct Proportion {
  std::size_t count = 0;
  std::size_t total = 0;
  double share = 0;
  double ci_low = 0;
  double ci_high = 0;
};
Proportion wilson(std::size_t count, std::size_t total);

struct BranchExit {
  std::string name;   // the milestone reached, or the outcome
  bool milestone = false;
  Proportion share;   // of the cases that left (reached `next` or ended)
};

// The scenario's branch probabilities these counts estimate: the branches of
// `stage`, in the scenario's order, each with its share of the cases that
// left by the pathway's own decisions (withdrawal excluded: it is not a
// branch).
struct BranchEstimate {
  std::size_t to = 0;  // stage index the branch leads to
  std::string exit;    // the milestone or outcome it shows up as in the extract
  Proportion probability;
};

struct MilestoneBranches {
  Milestone at = Milestone::kReport;
  Milestone next = Milestone::kCompletion;
  std::size_t reached = 0;   // cases that reached `at`
  std::size_t open = 0;      // not yet left at the as-of date
  std::size_t skipped = 0;   // reached a later milestone without `next`
  std::vector<BranchExit> exits;  // `next` first, then outcomes by name
  std::optional<std::size_t> stage;      // the branching stage they map onto
  std::vector<BranchEstimate> branches;  // when they map
  std::string mapping;                   // why they do not map ("" when they do)
};

struct ExtractFit {
  Date as_of{};
  std::size_t rows = 0;            // good rows in the extract
  std::size_t bad_rows = 0;        // left out (only with skip_bad_rows)
  std::size_t after_as_of = 0;     // reported after the as-of date: left out
  std::size_t initial = 0;         // origin "initial": left out, their early dates are missing
  std::size_t cases = 0;           // cases fitted
  std::vector<IntervalFit> intervals;
  std::vector<MilestoneBranches> branches;  // same order as intervals
  std::vector<std::string> notes;           // caveats for the reader
};

// Throws ExtractError when the extract has bad rows and !skip_bad_rows, when
// no good rows remain, or when the as-of date is before every report.
ExtractFit fit_extract(const CaseExtract& extract, const Scenario& scenario,
                       const ExtractFitOptions& options = {});

}  // namespace models
