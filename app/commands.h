#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/lever_options.h"

namespace models {
struct Scenario;
struct Diagnostic;
}

namespace app {

// What a run may cost before it is refused (models/scenario/run_cost.h);
// sized for a laptop.
struct Limits {
  double max_memory_gb = 8;
  double max_cases = 1e9;  // cases simulated in all replications
};

struct Options {
  std::string file;
  std::string out;
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  std::optional<unsigned> threads;
  bool json = false;
  bool quiet = false;
  bool csv_bom = false;    // a UTF-8 byte-order mark on every CSV written, for Excel
  bool all_cases = false;  // run and compare: cases.csv holds every replication
  bool strict = false;     // validate, run and compare: warnings are errors
  LeverOptions levers;  // run and compare: applied to every scenario
  Limits limits;
};

// Throws models::ScenarioError when running `scenario` (replications as
// set) on `threads` would exceed `limits`; `sharing` scenarios run together;
// `all_cases`: every replication's cases kept for cases.csv. A job of many
// processes cannot gather them (they stay where they ran): refused too.
void check_cost(const models::Scenario& scenario, unsigned threads, const Limits& limits,
                std::size_t sharing = 1, bool all_cases = false);

// With `strict`, throws models::ScenarioError listing `s`'s warnings (what
// can move nothing: models::Scenario::warnings) as problems; otherwise prints
// them on stderr unless `quiet`.
void tell_warnings(const models::Scenario& s, bool strict, bool quiet);
// Those warnings as problems, each saying that --strict made it one.
std::vector<models::Diagnostic> strict_problems(const models::Scenario& s);

// Each returns the process exit code; scenario problems throw
// models::ScenarioError (exit code 2), outputs that cannot be written
// output::WriteError (exit code 3); anything else thrown is an internal error
// (exit code 1), even while the outputs are being built.
int validate(const Options& opt);
int graph(const Options& opt);
int analyse(const Options& opt);
int run(const Options& opt);
// opt.file is the baseline; every scenario runs with its seed and replications.
int compare(const Options& opt, const std::vector<std::string>& policies);

// `casesim fit`: a force's case extract (one row per case, the columns of
// cases.csv) fitted onto a scenario's stages, open cases censored.
struct FitOptions {
  std::string cases;                                  // the extract, .csv
  std::string scenario = "scenarios/baseline.json";  // outcomes and stages to map onto
  std::string out = "out/fit";
  std::string as_of;  // YYYY-MM-DD; empty: the extract's latest date
  bool skip_bad_rows = false;
  bool quiet = false;
  bool csv_bom = false;  // fit.csv starts with a UTF-8 byte-order mark
};
// Bad rows (without skip_bad_rows) or an unusable extract or --as-of: the
// reasons on stderr and exit code 2, nothing written.
int fit(const FitOptions& opt);

// `casesim calibration-check`: the scenario against the published figures
// (T1-T14), its stated assumptions and their sensitivity, as CALIBRATION.md.
struct CalibrationOptions {
  std::string file;
  std::string out;  // default: CALIBRATION.md beside the scenario
  std::optional<int> replications;
  int sensitivity_replications = 3;
  bool sensitivity = true;
  std::optional<unsigned> threads;
  bool quiet = false;
  LeverOptions levers;  // applied before the assumptions are moved
  Limits limits;
};
int calibration_check(const CalibrationOptions& opt);

// `casesim sweep`: the scenario at every point of a grid of one or two
// levers, or of a Latin hypercube sample over many, with common random
// numbers; writes sweep.csv, sweep.json and sweep-report.html.
struct SweepOptions {
  std::string file;
  std::string out;                  // default out/sweep-<scenario>
  std::vector<std::string> vary;    // "POINTER=LIST", as typed
  std::string design = "grid";      // or "lhs"
  std::optional<int> points;        // lhs: how many
  std::vector<std::string> figures; // metrics to chart; default the headline ones
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  std::optional<unsigned> threads;
  bool quiet = false;
  bool csv_bom = false;  // sweep.csv starts with a UTF-8 byte-order mark
  LeverOptions levers;  // under every point
};
int sweep(const SweepOptions& opt);

// `casesim seek`: the smallest (or largest) value of one lever meeting a
// target with stated confidence; prints the answer and writes seek.json.
struct SeekCommandOptions {
  std::string file;
  std::string out;     // default out/seek-<scenario>
  std::string vary;    // "POINTER=FROM:TO"
  std::string target;  // "FIGURE <= VALUE"
  double confidence = 0.95;
  bool largest = false;
  std::optional<double> tolerance;  // continuous levers; default 1% of the range
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  std::optional<unsigned> threads;
  bool quiet = false;
  LeverOptions levers;
};
int seek(const SeekCommandOptions& opt);

// `casesim serve`: the workshop page on a local web server, until Ctrl-C.
struct ServeOptions {
  std::string file;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (printed)
  int replications = 50;  // per what-if, unless a newer one stops it
  std::optional<unsigned> threads;
  bool open = false;  // open the page with xdg-open
  bool csv_bom = false;  // the exported record (CSV) starts with a UTF-8 byte-order mark
  Limits limits;         // on the scenario as written and on each what-if
};
int serve(const ServeOptions& opt);

}  // namespace app
