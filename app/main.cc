// The casesim command: parses options and calls the layers below. Thin on
// purpose; every decision about cases, courts or files lives elsewhere.

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/commands.h"
#include "app/job.h"
#include "models/scenario/scenario_error.h"
#include "output/output_set.h"
#include "sim/replication_runner.h"
#ifdef CASESIM_MPI
#include "app/mpi_job.h"
#endif

namespace {

int exit_with(int code, const std::string& message) {
  std::cerr << "casesim: " << message << "\n";
  return code;
}

// A whole number in [lo, hi], refusing signs, fractions and overflow (CLI11
// would read "-1" as a huge unsigned seed), with a message that says what was
// expected.
template <typename T>
CLI::Validator whole_number(T lo, T hi) {
  return CLI::Validator(
      [lo, hi](std::string& input) -> std::string {
        T value{};
        const char* end = input.data() + input.size();
        const auto [ptr, ec] = std::from_chars(input.data(), end, value);
        if (ec != std::errc() || ptr != end || value < lo || value > hi)
          return fmt::format("'{}' is not allowed; expected a whole number from {} to {}", input,
                             lo, hi);
        return {};
      },
      fmt::format("[{} - {}]", lo, hi));
}

// Ends the command with `code`. In a job of many processes a failure met by
// every process together (a replication that failed somewhere) is told once,
// by rank 0, and each process ends normally; any other failure may be this
// process's alone while the others wait for it, so it stops the whole job.
int finish(int code, const std::string& message, bool shared) {
  app::Job& job = app::job();
  if (message.empty()) return code;  // the command ended by itself, and said why
  if (job.size() <= 1) {
    if (!message.empty()) std::cerr << message << "\n";
    return code;
  }
  if (shared) {
    if (job.rank() == 0 && !message.empty()) std::cerr << message << "\n";
    return code;
  }
  if (job.rank() == 0) {
    std::cerr << message << "\n" << std::flush;
  } else {
    // Bad input (exit 2) is read alike by every process, and rank 0 tells
    // it and stops the job. Only if it has not within a while (this process
    // alone could not read a file) does this one.
    if (code == 2) std::this_thread::sleep_for(std::chrono::seconds(10));
    std::cerr << fmt::format("casesim (process {} of {}): ", job.rank(), job.size()) << message
              << "\n"
              << std::flush;
  }
  job.abort(code);
  return code;  // not reached: abort() does not return
}

// The limits on what a run may cost (docs/reliability.md).
void add_limits(CLI::App* command, app::Limits& limits) {
  command
      ->add_option("--max-memory", limits.max_memory_gb,
                   "refuse a run estimated to need more memory than this, in GB (default 8)")
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--max-cases", limits.max_cases,
                   "refuse a run that would simulate more cases than this in all replications "
                   "(default 1e9, about 50 minutes of processor time)")
      ->check(CLI::PositiveNumber);
}

// What every command that simulates takes: replications, seed, threads, an
// output folder and --quiet. `each` says what they apply to ("every point",
// "every scenario"; "" for one run), `from` whose values are the default
// ("the scenario's"), `out` the default folder.
struct RunDefaults {
  std::string each;
  std::string from = "the scenario's";
  std::string out;
};
template <class Options>
void add_run_options(CLI::App* command, Options& o, const RunDefaults& d) {
  const std::string each = d.each.empty() ? "" : " of " + d.each;
  command
      ->add_option("--replications,-r", o.replications,
                   fmt::format("replications{} (default: {})", each, d.from))
      ->check(whole_number(1, std::numeric_limits<int>::max()));
  command
      ->add_option("--seed,-s", o.seed, fmt::format("random seed{} (default: {})", each, d.from))
      ->check(whole_number<std::uint64_t>(0, std::numeric_limits<std::uint64_t>::max()));
  command->add_option("--threads,-t", o.threads, "worker threads (default: all cores)")
      ->check(whole_number(1u, 4096u));
  command->add_option("--out,-o", o.out, fmt::format("output folder (default {})", d.out));
  command->add_flag("--quiet,-q", o.quiet, "print nothing but errors");
}

// Every command that writes CSV takes --csv-bom (docs/outputs.md: why).
void add_csv_bom(CLI::App* command, bool& csv_bom) {
  command->add_flag("--csv-bom", csv_bom,
                    "start each CSV with a UTF-8 byte-order mark, so that Excel on Windows reads "
                    "it as UTF-8 (R and pandas drop the mark)");
}

// Warnings about what can move nothing become errors (docs/scenario-format.md).
void add_strict(CLI::App* command, bool& strict) {
  command->add_flag("--strict", strict,
                    "treat warnings (a resource nothing uses, an assumption or lever that can "
                    "move nothing) as errors: exit 2, nothing run");
}

// Which replications cases.csv holds (docs/outputs.md "cases.csv").
void add_cases(CLI::App* command, bool& all_cases) {
  command
      ->add_option_function<std::string>(
          "--cases", [&all_cases](const std::string& v) { all_cases = v == "all"; },
          "which replications cases.csv holds: first (default) or all (with a replication "
          "column; memory grows with replications x cases)")
      ->check(CLI::IsMember({"first", "all"}));
}

int run_command(int argc, char** argv) {
  CLI::App app{"casesim: how rape and serious sexual offence cases move through police, CPS and "
               "the courts of England and Wales, as a discrete-event simulation."};
  app.set_version_flag("--version", "casesim 0.1.0");
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success; 1 unexpected internal error; 2 invalid scenario or command line; "
      "3 outputs could not be written.");

  app::Options opt;

  auto* validate = app.add_subcommand("validate", "check a scenario file and report every problem");
  validate->add_option("file", opt.file, "scenario file (.json)")->required();
  add_strict(validate, opt.strict);
  add_limits(validate, opt.limits);

  auto* graph = app.add_subcommand("graph", "draw the pathway as Graphviz DOT (and SVG if `dot` is installed)");
  graph->add_option("file", opt.file, "scenario file (.json)")->required();
  graph->add_option("--out,-o", opt.out, "output folder (default out/<scenario>)");

  auto* analyse = app.add_subcommand(
      "analyse", "exact outcome probabilities and expected times with unlimited capacity");
  analyse->add_option("file", opt.file, "scenario file (.json)")->required();
  analyse->add_flag("--json", opt.json, "print JSON instead of a table");

  auto* run = app.add_subcommand("run", "simulate a scenario and write summary.json, cases.csv, timeseries.csv");
  run->add_option("file", opt.file, "scenario file (.json)")->required();
  add_run_options(run, opt, {.out = "out/<scenario>"});
  add_csv_bom(run, opt.csv_bom);
  add_cases(run, opt.all_cases);
  add_strict(run, opt.strict);
  app::add_lever_options(*run, opt.levers);
  add_limits(run, opt.limits);

  std::vector<std::string> policies;
  auto* compare = app.add_subcommand(
      "compare",
      "run a baseline and policies with common random numbers and compare each policy with the "
      "baseline; writes comparison.json, comparison.csv, report.html and each scenario's files");
  compare->add_option("baseline", opt.file, "baseline scenario file (.json)")->required();
  compare->add_option("policies", policies, "policy scenario files (.json)")->required();
  add_run_options(compare, opt, {.each = "every scenario", .from = "the baseline's",
                                 .out = "out/compare-<baseline>"});
  add_csv_bom(compare, opt.csv_bom);
  add_cases(compare, opt.all_cases);
  add_strict(compare, opt.strict);
  app::add_lever_options(*compare, opt.levers);
  add_limits(compare, opt.limits);

  app::FitOptions fit_opt;
  auto* fit = app.add_subcommand(
      "fit",
      "fit stage durations and branch probabilities to a force's case extract, open cases "
      "censored; writes fragment.json, fit.json, fit.csv and fit-report.html");
  fit->add_option("cases", fit_opt.cases, "case extract (.csv) with the columns of cases.csv")
      ->required();
  fit->add_option("--scenario", fit_opt.scenario,
                  "scenario whose outcomes and stages the fit maps onto (default "
                  "scenarios/baseline.json)");
  fit->add_option("--as-of", fit_opt.as_of,
                  "the date open cases are censored at, YYYY-MM-DD (default: the latest date in "
                  "the extract)");
  fit->add_option("--out,-o", fit_opt.out, "output folder (default out/fit)");
  fit->add_flag("--skip-bad-rows", fit_opt.skip_bad_rows,
                "report bad rows and fit the rest (default: refuse to fit)");
  fit->add_flag("--quiet,-q", fit_opt.quiet, "print nothing but errors");
  add_csv_bom(fit, fit_opt.csv_bom);

  app::CalibrationOptions cal_opt;
  auto* calibration = app.add_subcommand(
      "calibration-check",
      "run a scenario against the published England and Wales figures and write CALIBRATION.md "
      "(targets, assumptions, sensitivity of the headline delays)");
  calibration->add_option("file", cal_opt.file, "scenario file (.json)")->required();
  calibration->add_option("--replications,-r", cal_opt.replications,
                          "replications (default: the scenario's)")
      ->check(whole_number(1, std::numeric_limits<int>::max()));
  calibration->add_option("--sensitivity-replications", cal_opt.sensitivity_replications,
                          "replications of each moved assumption (default 3)")
      ->check(whole_number(1, 1000));
  calibration->add_flag("!--no-sensitivity", cal_opt.sensitivity,
                         "skip moving the assumptions");
  calibration->add_option("--threads,-t", cal_opt.threads, "worker threads (default: all cores)")
      ->check(whole_number(1u, 4096u));
  calibration->add_option("--out,-o", cal_opt.out,
                          "the file to write (default CALIBRATION.md beside the scenario)");
  calibration->add_flag("--quiet,-q", cal_opt.quiet, "print nothing but errors");
  app::add_lever_options(*calibration, cal_opt.levers);
  add_limits(calibration, cal_opt.limits);

  app::SweepOptions sweep_opt;
  auto* sweep = app.add_subcommand(
      "sweep",
      "run a scenario at every point of a grid of one or two levers (or a Latin hypercube sample "
      "over many) with common random numbers; writes sweep.csv, sweep.json, sweep-report.html");
  sweep->add_option("file", sweep_opt.file, "scenario file (.json)")->required();
  sweep->add_option("--vary", sweep_opt.vary,
                    "a lever and its values: POINTER=1,2,4,8 or POINTER=FROM:TO:STEP (grid), "
                    "POINTER=FROM:TO (lhs); repeatable")
      ->required()
      ->type_name("POINTER=LIST");
  sweep->add_option("--design", sweep_opt.design, "grid (default) or lhs (Latin hypercube)");
  sweep->add_option("--points", sweep_opt.points, "lhs: the number of points")
      ->check(whole_number(1, 100000));
  sweep->add_option("--figure", sweep_opt.figures,
                    "a metric to chart and print (default: the headline delays and shares); "
                    "repeatable; sweep.csv has every metric");
  add_run_options(sweep, sweep_opt, {.each = "every point", .out = "out/sweep-<scenario>"});
  add_csv_bom(sweep, sweep_opt.csv_bom);
  app::add_lever_options(*sweep, sweep_opt.levers);

  app::SeekCommandOptions seek_opt;
  auto* seek = app.add_subcommand(
      "seek",
      "find the smallest (or largest) value of a lever that meets a target with stated "
      "confidence, by bisection with common random numbers; prints the answer, writes seek.json");
  seek->add_option("file", seek_opt.file, "scenario file (.json)")->required();
  seek->add_option("--vary", seek_opt.vary, "the lever and the range to search: POINTER=FROM:TO")
      ->required()
      ->type_name("POINTER=FROM:TO");
  seek->add_option("--target", seek_opt.target,
                   "\"FIGURE <= VALUE\" or \">=\"; FIGURE is a metric of summary.json, or a "
                   "delay's .median or .p90, e.g. \"charge_to_trial_start_days.p90 <= 365\"")
      ->required();
  seek->add_option("--confidence", seek_opt.confidence,
                   "the target must hold at the interval's end at this level (default 0.95)");
  seek->add_flag("--largest", seek_opt.largest, "the largest value meeting the target");
  seek->add_option("--tolerance", seek_opt.tolerance,
                   "continuous levers: stop when the answer is known this closely (default 1% of "
                   "the range)");
  add_run_options(seek, seek_opt, {.each = "every value", .out = "out/seek-<scenario>"});
  app::add_lever_options(*seek, seek_opt.levers);

  app::ServeOptions serve_opt;
  auto* serve = app.add_subcommand(
      "serve",
      "the workshop page: levers in, answers out in about a second, on a local web server");
  serve->add_option("file", serve_opt.file, "scenario file (.json)")->required();
  serve->add_option("--port", serve_opt.port, "port to listen on (0: any free port)")
      ->check(whole_number(0, 65535));
  serve->add_option("--host", serve_opt.host,
                    "address to listen on (default 127.0.0.1: this machine only)");
  serve->add_option("--replications,-r", serve_opt.replications,
                    "replications of each what-if (default 50)")
      ->check(whole_number(2, 100000));
  serve->add_option("--threads,-t", serve_opt.threads, "worker threads (default: all cores)")
      ->check(whole_number(1u, 4096u));
  serve->add_flag("--open", serve_opt.open, "open the page in the desktop's browser");
  add_csv_bom(serve, serve_opt.csv_bom);
  add_limits(serve, serve_opt.limits);

  // Every process of a job meets the same command line: rank 0 answers.
  std::ostringstream elsewhere;
  std::ostream& out = app::job().writes() ? std::cout : elsewhere;
  std::ostream& err = app::job().writes() ? std::cerr : elsewhere;
  // CLI11 would say only "A subcommand is required" for a misspelt command.
  if (argc > 1 && argv[1][0] != '-') {
    std::string names;
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) {
      known = known || sub->get_name() == argv[1];
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known)  // every process of a job reads the same line: told once
      return finish(2,
                    fmt::format("casesim: unknown command '{}'; expected one of {} (casesim "
                                "--help says what each does)",
                                argv[1], names),
                    true);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    app.exit(e, out, err);
    return 2;
  }

  // Every process of a job parses the same command line; only rank 0 speaks,
  // and commands that run no replications are rank 0's alone.
  if (!app::job().writes()) {
    if (!*run && !*compare && !*calibration) return 0;
    opt.quiet = cal_opt.quiet = true;
  }

  std::string failure;
  int code = 0;
  bool shared = false;
  try {
    if (*validate) code = app::validate(opt);
    if (*graph) code = app::graph(opt);
    if (*analyse) code = app::analyse(opt);
    if (*run) code = app::run(opt);
    if (*compare) code = app::compare(opt, policies);
    if (*fit) code = app::fit(fit_opt);
    if (*calibration) code = app::calibration_check(cal_opt);
    if (*sweep) code = app::sweep(sweep_opt);
    if (*seek) code = app::seek(seek_opt);
    if (*serve) code = app::serve(serve_opt);
  } catch (const models::ScenarioError& e) {
    const auto n = e.problems().size();
    code = 2;
    failure = fmt::format("{}\ncasesim: {} problem{} found; nothing was run", e.what(), n,
                          n == 1 ? "" : "s");
  } catch (const output::WriteError& e) {
    code = 3;
    failure = fmt::format("casesim: {}", e.what());
  } catch (const sim::ReplicationFailure& e) {
    code = 1;
    shared = true;
    failure = fmt::format("casesim: a replication failed in {}; nothing was written", e.what());
  } catch (const std::exception& e) {
    code = 1;
    failure = fmt::format("casesim: internal error: {}", e.what());
  }
  if (app::job().writes()) std::cerr << app::job().phases();
  return finish(code, failure, shared);
}

}  // namespace

int main(int argc, char** argv) {
#ifdef CASESIM_MPI
  std::unique_ptr<app::MpiJob> job;
  try {
    job = std::make_unique<app::MpiJob>(&argc, &argv);
  } catch (const std::exception& e) {
    return exit_with(1, e.what());
  }
  app::set_job(job.get());
  const int code = run_command(argc, argv);
  app::set_job(nullptr);
  return code;
#else
  // Started as one of many copies (mpirun, srun) of a build without MPI:
  // each would run every replication and write the same files.
  if (const std::size_t n = app::launched_processes(); n > 1)
    return exit_with(2, fmt::format("started as one of {} processes, but this casesim was built "
                                    "without MPI; rebuild with -DCASESIM_MPI=ON (see "
                                    "docs/cluster.md), or run it alone",
                                    n));
  return run_command(argc, argv);
#endif
}
